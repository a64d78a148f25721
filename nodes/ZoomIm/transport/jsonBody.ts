import { ZoomError, redactSecrets } from './errors';

/** Reading the body of a successful answer as the JSON object Zoom promises. */

function bodyText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return undefined;
}

const NOT_JSON = Symbol('not JSON');

function parseJsonText(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** Zoom answers JSON; anything else on a 2xx is a broken proxy or gateway page. */
export function parseJsonBody(
	body: unknown,
	redact: (text: string) => string = (text) => redactSecrets(text),
): Record<string, unknown> {
	const text = bodyText(body);
	let value: unknown = body;
	if (text !== undefined) {
		value = parseJsonText(text);
		if (value === NOT_JSON) {
			// Redacted before it is cut short, so that no part of a secret survives the cut.
			throw new ZoomError('Zoom answered with something that is not JSON', {
				kind: 'invalidResponse',
				description: `The answer began with: ${JSON.stringify(redact(text).slice(0, 80))}`,
			});
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ZoomError('Zoom answered with an empty or unexpected body', { kind: 'invalidResponse' });
	}
	return value as Record<string, unknown>;
}
