import type { DayRange } from '../reading/calendar';
import { MAX_SEARCH_KEY_LENGTH, type SearchType } from '../reading/messageSearch';
import { THREAD_REPLIES_MODES, type ThreadRepliesMode } from '../reading/threads';
import { ParameterProblem } from './parameterProblem';
import { refuseBeforeEarliestDay } from './validation';

/** Checks of the parameters that only one operation has (Search, Conversation, Account, Get Many's Thread Replies). */

export function checkSearchKey(value: unknown, field = 'Search Key'): string {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string' || value.trim() === '') throw new ParameterProblem(field, value, 'is empty: enter the text to search for');
	if (value.length > MAX_SEARCH_KEY_LENGTH) {
		throw new ParameterProblem(field, value, `is too long: Zoom takes at most ${MAX_SEARCH_KEY_LENGTH} characters`);
	}
	return value;
}

export function checkSearchType(value: unknown, field = 'Search For'): SearchType {
	if (value === 'message' || value === 'file') return value;
	throw new ParameterProblem(field, value, 'is not allowed: use "message" or "file"');
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new ParameterProblem(field, value, `is not allowed: use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
}

/**
 * Zoom serves the chat report (and the Team Chat lists) only for "the last six months", without
 * saying how it counts them: a range reaching further back is refused before any request, with the
 * same earliest day as Team Chat messages (see TEAM_CHAT_READABLE_DAYS), rather than failing on
 * Zoom's answer half-way through a long export.
 */
export function checkRecentRange(
	range: DayRange,
	fromValue: unknown,
	zone: string,
	what: string,
	now: number = Date.now(),
	field = 'From',
): void {
	refuseBeforeEarliestDay(range, fromValue, zone, now, field, `${what}: Zoom serves only the last 6 months, and the earliest day this node reads is`);
}

/** Thread Replies of Message → Get Many (Team Chat): all, main messages only, or grouped. */
export function checkThreadReplies(value: unknown, field = 'Thread Replies'): ThreadRepliesMode {
	if (value === undefined || value === '') return 'all';
	if (THREAD_REPLIES_MODES.includes(value as ThreadRepliesMode)) return value as ThreadRepliesMode;
	throw new ParameterProblem(field, value, `is not one of ${THREAD_REPLIES_MODES.map((m) => JSON.stringify(m)).join(', ')}`);
}
