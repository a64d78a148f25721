import { DateTime } from 'luxon';

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
