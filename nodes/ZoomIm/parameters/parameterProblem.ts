import { InputProblem } from '../transport/errors';

/** A parameter problem, named by the field's display name, with the offending value. */
export class ParameterProblem extends InputProblem {
	constructor(
		readonly field: string,
		readonly value: unknown,
		reason: string,
	) {
		super(`The value ${showValue(value)} of "${field}" ${reason}`);
		this.name = 'ParameterProblem';
	}
}

export function showValue(value: unknown): string {
	if (value === undefined) return '(undefined)';
	if (value === null) return '(null)';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '(Invalid Date)' : JSON.stringify(value.toISOString());
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return JSON.stringify(String((value as { toISO(): string | null }).toISO()));
	}
	// JSON would show NaN and the infinities as null, which is not what was given.
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}
