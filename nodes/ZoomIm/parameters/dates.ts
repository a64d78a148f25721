import { DateTime } from 'luxon';

/**
 * Date parameters ("From", "To") arrive in many shapes: the editor's dateTime picker stores
 * `2026-03-01T00:00:00`, users type `2026-03-01`, and expressions hand over luxon DateTimes
 * (possibly from n8n's own copy of luxon, so no instanceof), JS Dates or epoch numbers.
 * Each is reduced to one calendar day (`yyyy-MM-dd`) in the chosen timezone.
 */

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DayParseResult = { ok: true; day: string } | { ok: false; reason: string };

interface DateTimeLike {
	isValid: boolean;
	toMillis(): number;
}

function isDateTimeLike(value: unknown): value is DateTimeLike {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as DateTimeLike).toMillis === 'function' &&
		typeof (value as DateTimeLike).isValid === 'boolean'
	);
}

function fromInstant(ms: number, zone: string): DayParseResult {
	const dt = DateTime.fromMillis(ms, { zone });
	if (!dt.isValid) return { ok: false, reason: 'is not a valid date' };
	return { ok: true, day: dt.toISODate() as string };
}

/** Reduces any accepted date input to a calendar day in `zone`. */
export function toCalendarDay(value: unknown, zone: string): DayParseResult {
	if (value === undefined || value === null) return { ok: false, reason: 'is empty' };
	if (value instanceof Date) {
		const ms = value.getTime();
		return Number.isNaN(ms) ? { ok: false, reason: 'is not a valid date' } : fromInstant(ms, zone);
	}
	if (isDateTimeLike(value)) {
		return value.isValid ? fromInstant(value.toMillis(), zone) : { ok: false, reason: 'is not a valid date' };
	}
	if (typeof value === 'number') {
		return Number.isFinite(value) ? fromInstant(value, zone) : { ok: false, reason: 'is not a valid date' };
	}
	if (typeof value !== 'string') return { ok: false, reason: 'is not a date' };

	const text = value.trim();
	if (text === '') return { ok: false, reason: 'is empty' };

	const ymd = YMD.exec(text);
	if (ymd) {
		// A bare day is that day, whatever the timezone; luxon rejects impossible days such as 02-30.
		const dt = DateTime.fromObject(
			{ year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) },
			{ zone: 'UTC' },
		);
		return dt.isValid ? { ok: true, day: text } : { ok: false, reason: 'is not a valid calendar date' };
	}

	// Date-times without an offset are wall-clock times in the chosen zone; with one, instants.
	const dt = DateTime.fromISO(text, { zone, setZone: false });
	if (!dt.isValid) {
		return { ok: false, reason: 'is not a date (use YYYY-MM-DD or an ISO 8601 date-time)' };
	}
	return { ok: true, day: dt.setZone(zone).toISODate() as string };
}

/** True when `zone` is an IANA zone name luxon knows (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimezone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}
