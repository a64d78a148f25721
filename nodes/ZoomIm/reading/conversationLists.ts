import type { ZoomClient, ZoomRequest } from '../transport/zoomClient';
import { dayRangeToUtcInstants, splitIntoMonthWindows, type DayRange, type DayWindow } from './calendar';
import { firstOfEachKey, parseListPage, type ZoomEntry } from './listPage';
import { readWindow } from './windowReader';

/**
 * The conversations a user can read, as Zoom lists them: IM chat sessions of a date range, the
 * Team Chat channels, and the Team Chat sessions (one-to-one and group) of a date range. Each
 * conversation comes once, with the ids the message operations take.
 */

export type TeamChatSessionType = 'all' | '1:1' | 'groupchat';

export interface ListSettings {
	/** page_size sent to Zoom. */
	pageSize: number;
	/** Most conversations to return; undefined lists them all. */
	limit?: number;
}

/** Reads every page of one list (a restart after an expired page token included), up to `limit`. */
async function readList(
	client: ZoomClient,
	field: string,
	label: string,
	pageSize: number,
	limit: number | undefined,
	request: (pageToken: string | undefined) => ZoomRequest,
): Promise<ZoomEntry[]> {
	return await readWindow({
		label,
		limit,
		fingerprint: (entry) => JSON.stringify(entry),
		fetchPage: async (pageToken) => parseListPage(await client.get(request(pageToken)), field, pageSize, label),
	});
}

/**
 * Lists that Zoom serves for a date range, one month window after the other (oldest first), each
 * conversation once (at the first window that lists it). A window is read to its end: its
 * duplicates of earlier windows do not count toward the limit.
 */
async function readWindowedList(
	windows: DayWindow[],
	limit: number | undefined,
	keyOf: (entry: ZoomEntry) => string,
	readOne: (window: DayWindow) => Promise<ZoomEntry[]>,
): Promise<ZoomEntry[]> {
	const seen = new Set<string>();
	const result: ZoomEntry[] = [];
	for (const window of windows) {
		if (limit !== undefined && result.length >= limit) break;
		result.push(...firstOfEachKey(await readOne(window), keyOf, seen));
	}
	return limit === undefined ? result : result.slice(0, limit);
}

function windowLabel(window: DayWindow): string {
	return window.from === window.to ? window.from : `${window.from} to ${window.to}`;
}

/** GET /im/chat/sessions for one month window and page. */
export function imChatSessionsRequest(window: DayWindow, pageSize: number, pageToken: string | undefined): ZoomRequest {
	const qs: ZoomRequest['qs'] = { from: window.from, to: window.to, page_size: pageSize };
	if (pageToken) qs.next_page_token = pageToken;
	return { path: '/im/chat/sessions', qs };
}

/** The IM chat sessions with messages in the day range (Zoom lists at most one month per request). */
export async function listImChatSessions(client: ZoomClient, range: DayRange, settings: ListSettings): Promise<ZoomEntry[]> {
	if (range.empty) return [];
	const windows = splitIntoMonthWindows(range.firstDay, range.lastDay);
	return await readWindowedList(
		windows,
		settings.limit,
		(session) => String(session.session_id),
		async (window) =>
			await readList(client, 'sessions', `IM chat sessions, ${windowLabel(window)}`, settings.pageSize, undefined, (token) =>
				imChatSessionsRequest(window, settings.pageSize, token),
			),
	);
}

/** GET /chat/users/{userId}/channels for one page. */
export function teamChatChannelsRequest(userId: string, pageSize: number, pageToken: string | undefined): ZoomRequest {
	const qs: ZoomRequest['qs'] = { page_size: pageSize };
	if (pageToken) qs.next_page_token = pageToken;
	return { path: `/chat/users/${encodeURIComponent(userId)}/channels`, qs };
}

/** The user's Team Chat channels, with `channel_id` (the id the message operations take) added. */
export async function listTeamChatChannels(client: ZoomClient, userId: string, settings: ListSettings): Promise<ZoomEntry[]> {
	const channels = await readList(client, 'channels', `the Team Chat channels of ${userId}`, settings.pageSize, settings.limit, (token) =>
		teamChatChannelsRequest(userId, settings.pageSize, token),
	);
	return firstOfEachKey(channels, (channel) => String(channel.id)).map((channel) => ({ ...channel, channel_id: channel.id }));
}

/** GET /chat/users/{userId}/sessions for one window (UTC instants) and page. */
export function teamChatSessionsRequest(
	userId: string,
	type: TeamChatSessionType,
	instants: { from: string; to: string },
	pageSize: number,
	pageToken: string | undefined,
): ZoomRequest {
	// Zoom's from/to default to today: both are always sent.
	const qs: ZoomRequest['qs'] = { from: instants.from, to: instants.to, page_size: pageSize };
	if (type !== 'all') qs.type = type;
	if (pageToken) qs.next_page_token = pageToken;
	return { path: `/chat/users/${encodeURIComponent(userId)}/sessions`, qs };
}

/** The conversation a Team Chat session stands for: its channel, or the peer of a one-to-one chat. */
function teamChatSessionKey(session: ZoomEntry): string {
	const key = session.channel_id ?? session.session_id ?? session.peer_contact_email ?? session.peer_contact_member_id ?? session.peer_contact_user_id;
	return typeof key === 'string' && key !== '' ? `${String(session.type)}:${key}` : JSON.stringify(session);
}

/**
 * A Team Chat session as Zoom lists it, plus `contact` for a one-to-one chat: the peer's email
 * (or member id, or user id), which Message → Get Many takes as its Contact. A group chat's
 * `channel_id` is already what it takes as its Channel.
 */
function withContact(session: ZoomEntry): ZoomEntry {
	if (session.type !== '1:1') return session;
	const contact = [session.peer_contact_email, session.peer_contact_member_id, session.peer_contact_user_id].find(
		(value) => typeof value === 'string' && value !== '',
	);
	return contact === undefined ? session : { ...session, contact };
}

/**
 * The user's Team Chat sessions with activity in the day range, read in month windows of the
 * chosen zone (Zoom documents no longest range for this list; a month is what its other chat
 * lists allow).
 */
export async function listTeamChatSessions(
	client: ZoomClient,
	userId: string,
	type: TeamChatSessionType,
	range: DayRange,
	zone: string,
	settings: ListSettings,
): Promise<ZoomEntry[]> {
	if (range.empty) return [];
	const windows = splitIntoMonthWindows(range.firstDay, range.lastDay);
	const sessions = await readWindowedList(windows, settings.limit, teamChatSessionKey, async (window) => {
		const instants = dayRangeToUtcInstants(window.from, window.to, zone);
		return await readList(
			client,
			'sessions',
			`the Team Chat sessions of ${userId}, ${windowLabel(window)}`,
			settings.pageSize,
			undefined,
			(token) => teamChatSessionsRequest(userId, type, instants, settings.pageSize, token),
		);
	});
	return sessions.map(withContact);
}
