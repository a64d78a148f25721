import type { DayRange } from '../reading/calendar';
import { MAX_SEARCH_KEY_LENGTH, type SearchType } from '../reading/messageSearch';
import { earliestTeamChatDay } from '../reading/teamChat';
import { ParameterProblem } from '../transport/errors';

/** Checks of the parameters that only the Search, Conversation and Account operations have. */

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

/** A page size from 1 to `max`, Zoom's largest for the endpoint the field feeds. */
export function checkPageSizeUpTo(value: unknown, max: number, what: string, field = 'Page Size'): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw new ParameterProblem(field, value, `is not allowed: use a whole number from 1 to ${max} (the most ${what} allows)`);
	}
	return value;
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
	if (range.empty) return;
	const earliest = earliestTeamChatDay(zone, now);
	if (range.firstDay < earliest) {
		throw new ParameterProblem(
			field,
			fromValue,
			`is too far back for ${what}: Zoom serves only the last 6 months, and the earliest day this node reads is ${earliest} (${zone}). Set "${field}" to ${earliest} or later.`,
		);
	}
}
