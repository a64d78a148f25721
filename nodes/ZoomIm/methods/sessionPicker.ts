import { DateTime } from 'luxon';

import { SESSION_PICKER_MONTHS } from '../descriptions/conversation';
import { splitIntoMonthWindows, type DayWindow } from '../reading/calendar';

/** How far back the picker looks: declared with the Session field, whose description names it. */
export { SESSION_PICKER_MONTHS };

/** Where the picker is: the first day it looks at, and the windows still to read, newest first. */
export interface PickerPosition {
	firstDay: string;
	windows: DayWindow[];
	/** True when `windows[0]` is the window that ends today (the first call, without a token). */
	startsAtToday: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
	return DAY.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/**
 * The windows the picker reads: the node's one-month windows (see reading/calendar.ts) over the last
 * SESSION_PICKER_MONTHS months up to `today` (UTC days: Zoom's IM dates are UTC), newest first.
 * A pagination token from an earlier call names the first day and the end of the next window, so
 * the editor's later calls continue the same windows even after midnight; an unreadable token
 * starts afresh.
 */
export function pickerPosition(paginationToken: string | undefined, today: string): PickerPosition {
	const match = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(paginationToken ?? '');
	if (match && isDay(match[1]) && isDay(match[2]) && match[1] <= match[2]) {
		return { firstDay: match[1], windows: splitIntoMonthWindows(match[1], match[2]).reverse(), startsAtToday: false };
	}
	const firstDay = DateTime.fromISO(today, { zone: 'UTC' })
		.minus({ months: SESSION_PICKER_MONTHS })
		.plus({ days: 1 })
		.toISODate() as string;
	return { firstDay, windows: splitIntoMonthWindows(firstDay, today).reverse(), startsAtToday: true };
}

/** The token that makes the next call start at `window` (one of `position.windows`). */
export function pickerToken(position: PickerPosition, window: DayWindow): string {
	return `${position.firstDay}/${window.to}`;
}

/** The UTC day of Zoom's `last_message_sent_time`, or undefined when it is missing or unreadable. */
export function lastMessageDay(value: unknown): string | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const time = DateTime.fromISO(value, { zone: 'UTC' });
	return time.isValid ? (time.toISODate() ?? undefined) : undefined;
}

/**
 * Whether a session that Zoom listed for `window` is shown with that window. Each session is shown
 * once, with the window of its last message, so the list runs newest first without the picker
 * remembering earlier calls:
 * - last message after the window: it was listed for a newer window already (except in the window
 *   ending today, where a message may have arrived meanwhile);
 * - last message before the window: Zoom listed it regardless of the range; it is shown with the
 *   oldest window, so that sessions older than the picker's reach are not lost then;
 * - no readable time: shown (the editor drops a repeated value).
 */
export function showSessionIn(
	lastMessageSentTime: unknown,
	window: DayWindow,
	{ newest, oldest }: { newest: boolean; oldest: boolean },
): boolean {
	const day = lastMessageDay(lastMessageSentTime);
	if (day === undefined) return true;
	if (day > window.to) return newest;
	if (day < window.from) return oldest;
	return true;
}
