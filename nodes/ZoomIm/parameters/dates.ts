import { DateTime } from 'luxon';

/**
 * Date parameters ("From", "To") arrive in many shapes: the editor's dateTime picker stores
 * `2026-03-01T00:00:00`, users type `2026-03-01`, and expressions hand over luxon DateTimes
 * (possibly from n8n's own copy of luxon, so no instanceof), JS Dates or epoch numbers (Unix
 * seconds or milliseconds). Each is reduced to one calendar day (`yyyy-MM-dd`) in the chosen
 * timezone, and only days of years Zoom chat can hold are accepted.
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

/**
 * The years a Zoom chat message can have. Zoom was founded in 2011 (its chat came later), so an
 * earlier year is a mistake, typically Unix seconds read as milliseconds or a zero; the upper
 * bound stops typos such as 20266, which would otherwise be requested month by month.
 */
export const PLAUSIBLE_YEARS = { first: 2011, last: 2100 } as const;

/**
 * Epoch numbers below this are Unix seconds, from it on milliseconds: 1e11 seconds is the year
 * 5138 and 1e11 milliseconds is March 1973, so every plausible date reads the same either way
 * it is given, and neither reading of a number below it is a plausible millisecond value.
 */
export const SECONDS_BELOW = 1e11;

/** The day of `dt`, or why it is refused (an invalid date, or a year Zoom chat cannot have). */
function dayOf(dt: DateTime, read = ''): DayParseResult {
	if (!dt.isValid) return { ok: false, reason: 'is not a valid date' };
	if (dt.year < PLAUSIBLE_YEARS.first || dt.year > PLAUSIBLE_YEARS.last) {
		const shown = dt.year >= 0 && dt.year <= 9999 ? (dt.toISODate() as string) : `the year ${dt.year}`;
		return {
			ok: false,
			reason: `is ${shown}${read}: use a date from ${PLAUSIBLE_YEARS.first} to ${PLAUSIBLE_YEARS.last}, the years Zoom chat can hold`,
		};
	}
	return { ok: true, day: dt.toISODate() as string };
}

function fromInstant(ms: number, zone: string, read = ''): DayParseResult {
	return dayOf(DateTime.fromMillis(ms, { zone }), read);
}

/** An epoch number as an instant: Unix seconds or milliseconds, told apart by size (see SECONDS_BELOW). */
function fromEpochNumber(value: number, zone: string): DayParseResult {
	if (!Number.isFinite(value)) return { ok: false, reason: 'is not a valid date' };
	const seconds = Math.abs(value) < SECONDS_BELOW;
	return fromInstant(seconds ? value * 1000 : value, zone, seconds ? ' (read as Unix seconds)' : ' (read as Unix milliseconds)');
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
	if (typeof value === 'number') return fromEpochNumber(value, zone);
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
		return dt.isValid ? dayOf(dt) : { ok: false, reason: 'is not a valid calendar date' };
	}

	// Date-times without an offset are wall-clock times in the chosen zone; with one, instants.
	const dt = DateTime.fromISO(text, { zone, setZone: false });
	if (!dt.isValid) {
		return { ok: false, reason: 'is not a date (use YYYY-MM-DD or an ISO 8601 date-time)' };
	}
	return dayOf(dt.setZone(zone));
}

/** True when `zone` is an IANA zone name luxon knows (e.g. `Europe/Berlin`, `UTC`). */
export function isValidTimezone(zone: string): boolean {
	return DateTime.now().setZone(zone).isValid;
}
