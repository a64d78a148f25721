import { addDays, todayIn, type DayRange } from '../reading/calendar';
import { MAX_PAGE_SIZE } from '../reading/pageSizes';
import { earliestTeamChatDay } from '../reading/teamChat';
import { ParameterProblem } from './parameterProblem';
import { isValidTimezone, toCalendarDay } from './dates';

const API_NAMES = { imChat: 'IM Chat', teamChat: 'Team Chat' } as const;

/** A page size from 1 to `max`, Zoom's largest for the endpoint the field feeds (`what` names it). */
export function checkPageSizeUpTo(value: unknown, max: number, what: string, field = 'Page Size'): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw new ParameterProblem(field, value, `is not allowed: use a whole number from 1 to ${max} (the most ${what} allows)`);
	}
	return value;
}

/** Zoom's page_size for the chosen API's messages: a whole number from 1 to that API's maximum. */
export function checkPageSize(value: unknown, api: 'imChat' | 'teamChat', field = 'Page Size'): number {
	return checkPageSizeUpTo(value, MAX_PAGE_SIZE[api], API_NAMES[api], field);
}

/**
 * Whose Team Chat to read. Zoom accepts "me" only for apps a user connected (OAuth2); a
 * server-to-server app acts for the account, so Zoom needs a user's ID or email there.
 */
export function checkTeamChatUserId(value: unknown, authentication: unknown, field = 'User ID'): string {
	const userId = checkIdentifier(value, field);
	if (authentication === 'serverToServer' && userId.toLowerCase() === 'me') {
		throw new ParameterProblem(
			field,
			value,
			'is not allowed with Server-to-Server OAuth: Zoom accepts "me" only for apps a user connected. Set User ID to the ID or email of the user whose chats to read.',
		);
	}
	return userId;
}

export function checkLimit(value: unknown, field = 'Limit'): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new ParameterProblem(field, value, 'is not allowed: use a whole number of at least 1');
	}
	return value;
}

export function checkPositiveNumber(value: unknown, field: string, { integer = false, min = 0 } = {}): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
		throw new ParameterProblem(field, value, `is not allowed: use a ${integer ? 'whole ' : ''}number of at least ${min}`);
	}
	return value;
}

/**
 * An identifier that becomes a URL path segment (session id, channel id, user id) or a query
 * value (contact). Empty or whitespace-only values are refused, and so are "." and "..", which
 * URL normalisation would turn into a different path however they are encoded.
 */
export function checkIdentifier(value: unknown, field: string, { pathSegment = true } = {}): string {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') throw new ParameterProblem(field, value, 'is empty: enter a value');
	const trimmed = value.trim();
	if (trimmed === '') throw new ParameterProblem(field, value, 'is empty: enter a value');
	if (pathSegment && (trimmed === '.' || trimmed === '..')) {
		throw new ParameterProblem(field, value, 'is not a valid identifier');
	}
	return trimmed;
}

export function checkTimezone(value: unknown, field = 'Timezone'): string {
	if (typeof value !== 'string' || value.trim() === '' || !isValidTimezone(value.trim())) {
		throw new ParameterProblem(field, value, 'is not a known timezone: use an IANA name such as "Europe/Berlin" or "UTC"');
	}
	return value.trim();
}

/**
 * From/To as calendar days in `zone`. "From" after "To" is an error. A "To" in the future is
 * clamped to today in `zone` (there are no messages there yet, and a scheduled "last 30 days"
 * workflow should not fail); a range entirely in the future is empty.
 */
export function resolveDayRange(
	fromValue: unknown,
	toValue: unknown,
	zone: string,
	now: number = Date.now(),
	fields = { from: 'From', to: 'To' },
): DayRange {
	const from = toCalendarDay(fromValue, zone);
	if (!from.ok) throw new ParameterProblem(fields.from, fromValue, from.reason);
	const to = toCalendarDay(toValue, zone);
	if (!to.ok) throw new ParameterProblem(fields.to, toValue, to.reason);
	if (from.day > to.day) {
		throw new ParameterProblem(fields.from, fromValue, `is after "${fields.to}" (${to.day}): the range must not end before it starts`);
	}
	const today = todayIn(zone, now);
	if (from.day > today) return { firstDay: from.day, lastDay: addDays(from.day, -1), clamped: true, empty: true };
	const clamped = to.day > today;
	return { firstDay: from.day, lastDay: clamped ? today : to.day, clamped, empty: false };
}

/**
 * Refuses a range that starts before the earliest day Zoom still serves (Team Chat messages and
 * lists, the chat report: "the last 6 months"; see TEAM_CHAT_READABLE_DAYS for how that day is
 * chosen), before any request: Zoom's 400 would fail the read, with Return All half-way through.
 * `tooFarBack` says what is too far back and why, up to the earliest day. A range entirely in the
 * future reads nothing: never refused.
 */
export function refuseBeforeEarliestDay(
	range: DayRange,
	fromValue: unknown,
	zone: string,
	now: number,
	field: string,
	tooFarBack: string,
): void {
	if (range.empty) return;
	const earliest = earliestTeamChatDay(zone, now);
	if (range.firstDay < earliest) {
		throw new ParameterProblem(field, fromValue, `is too far back for ${tooFarBack} ${earliest} (${zone}). Set "${field}" to ${earliest} or later.`);
	}
}

/** Team Chat messages: the 6-month rule, naming the earliest day the node reads. */
export function checkTeamChatRange(
	range: DayRange,
	fromValue: unknown,
	zone: string,
	now: number = Date.now(),
	field = 'From',
): void {
	const why = 'Team Chat: Zoom keeps only the last 6 months, and the earliest day this node can read is';
	refuseBeforeEarliestDay(range, fromValue, zone, now, field, why);
}
