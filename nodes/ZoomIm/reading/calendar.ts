import { DateTime } from 'luxon';

/** Calendar days (`yyyy-MM-dd`), the ranges the node reads and the month windows Zoom serves them in. */

export interface DayRange {
	/** First day, inclusive. */
	firstDay: string;
	/** Last day, inclusive, after clamping to today. */
	lastDay: string;
	/** True when "To" was in the future and was clamped to today. */
	clamped: boolean;
	/** True when the whole range lies in the future: nothing to read. */
	empty: boolean;
}

export interface DayWindow {
	/** First day, inclusive, `yyyy-MM-dd`. */
	from: string;
	/** Last day, inclusive, `yyyy-MM-dd`. */
	to: string;
}

/**
 * Zoom's IM chat API serves at most one month per request. A longer range becomes consecutive,
 * non-overlapping windows: each starts the day after the previous one ended and ends at
 * `start + 1 month - 1 day` (luxon's calendar arithmetic, so Jan 31 + 1 month is Feb 28) or at
 * the range's last day, whichever comes first. Days are plain calendar days (no zone involved).
 */
export function splitIntoMonthWindows(firstDay: string, lastDay: string): DayWindow[] {
	const last = DateTime.fromISO(lastDay, { zone: 'UTC' });
	let start = DateTime.fromISO(firstDay, { zone: 'UTC' });
	const windows: DayWindow[] = [];
	while (start <= last) {
		const monthEnd = start.plus({ months: 1 }).minus({ days: 1 });
		const end = monthEnd < last ? monthEnd : last;
		windows.push({ from: start.toISODate() as string, to: end.toISODate() as string });
		start = end.plus({ days: 1 });
	}
	return windows;
}

/** Today's calendar day in `zone`. */
export function todayIn(zone: string, now: number = Date.now()): string {
	return DateTime.fromMillis(now, { zone }).toISODate() as string;
}

/** Adds whole days to a `yyyy-MM-dd` day. */
export function addDays(day: string, days: number): string {
	return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/**
 * The UTC instants bounding calendar days in a zone, formatted the way Zoom's Team Chat API wants
 * (`yyyy-MM-ddTHH:mm:ssZ`): the first day's 00:00:00 and the last day's 23:59:59, both inclusive.
 */
export function dayRangeToUtcInstants(
	firstDay: string,
	lastDay: string,
	zone: string,
): { from: string; to: string } {
	const fmt = "yyyy-MM-dd'T'HH:mm:ss'Z'";
	const start = DateTime.fromISO(firstDay, { zone }).startOf('day');
	const end = DateTime.fromISO(lastDay, { zone }).endOf('day');
	return { from: start.toUTC().toFormat(fmt), to: end.toUTC().toFormat(fmt) };
}

/** The days a window holds, both ends included. */
function dayCount(window: DayWindow): number {
	return Math.round(DateTime.fromISO(window.to, { zone: 'UTC' }).diff(DateTime.fromISO(window.from, { zone: 'UTC' }), 'days').days) + 1;
}

/**
 * A window cut into at most `parts` consecutive runs of whole days, as even as possible (IM chat
 * takes whole days only). Together they hold every day of the window exactly once, in order.
 */
export function splitIntoDayRuns(window: DayWindow, parts: number): DayWindow[] {
	const first = DateTime.fromISO(window.from, { zone: 'UTC' });
	const days = dayCount(window);
	const count = Math.max(1, Math.min(Math.floor(parts), days));
	const runs: DayWindow[] = [];
	let start = 0;
	for (let i = 0; i < count; i++) {
		const end = Math.floor(((i + 1) * days) / count); // exclusive
		runs.push({
			from: first.plus({ days: start }).toISODate() as string,
			to: first.plus({ days: end - 1 }).toISODate() as string,
		});
		start = end;
	}
	return runs;
}

/**
 * How many runs of whole days to cut a window into when about `parts` are wanted, so that the runs
 * are equally long give or take a day: at least `parts` (up to one run per day). 31 days wanted in
 * 13 parts become 16 runs of 2 days or less, not 5 runs of 3 days and 8 of 2 (the 3-day runs would
 * take half as long again as the others, and the window as long as them).
 */
export function evenDayRuns(window: DayWindow, parts: number): number {
	if (parts <= 1) return 1;
	const days = dayCount(window);
	const runLength = Math.max(1, Math.floor(days / parts));
	return Math.ceil(days / runLength);
}

const INSTANT_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'";

/**
 * An inclusive range of whole-second UTC instants (Team Chat's `from`/`to`) cut into at most
 * `parts` consecutive inclusive pieces: each starts the second after the previous one ended.
 */
export function splitInstantRange(range: { from: string; to: string }, parts: number): Array<{ from: string; to: string }> {
	const from = DateTime.fromFormat(range.from, INSTANT_FORMAT, { zone: 'UTC' }).toSeconds();
	const to = DateTime.fromFormat(range.to, INSTANT_FORMAT, { zone: 'UTC' }).toSeconds();
	const seconds = to - from + 1;
	const count = Math.max(1, Math.min(Math.floor(parts), seconds));
	const format = (s: number) => DateTime.fromSeconds(s, { zone: 'UTC' }).toFormat(INSTANT_FORMAT);
	const pieces: Array<{ from: string; to: string }> = [];
	let start = 0;
	for (let i = 0; i < count; i++) {
		const end = Math.floor(((i + 1) * seconds) / count); // exclusive
		pieces.push({ from: format(from + start), to: format(from + end - 1) });
		start = end;
	}
	return pieces;
}
