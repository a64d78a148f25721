import type { ZoomClient, ZoomRequest } from '../transport/zoomClient';
import { splitIntoMonthWindows, type DayRange, type DayWindow } from './calendar';
import { firstOfEachKey, parseListPage, type ZoomEntry } from './listPage';
import { parseMessagesPage, type ZoomMessage } from './messages';
import { MAX_PAGE_SIZE } from './pageSizes';
import { readWindow, readWindows } from './windowReader';

/**
 * Account → Get Many Messages: Zoom's chat history report for the whole account
 * (GET /report/chat/sessions, then GET /report/chat/sessions/{sessionId} for each session), one
 * month per request as Zoom serves it.
 */

/** Which list of Zoom's answer an output message came from. */
export type ReportList = 'messages' | 'edited_messages' | 'deleted_messages';

export interface ReportOptions {
	includeEdited: boolean;
	includeDeleted: boolean;
	includeBotMessages: boolean;
	includeReactions: boolean;
	includeCustomEmojiReactions: boolean;
}

export interface ReportSettings {
	/** page_size of the messages requests (1..100). */
	pageSize: number;
	/** Most messages to return; undefined reads the whole range. */
	limit?: number;
	/** Sessions read at the same time when there is no limit. */
	concurrency: number;
}

/** GET /report/chat/sessions for one month window and page. */
export function reportSessionsRequest(window: DayWindow, pageToken: string | undefined): ZoomRequest {
	const qs: ZoomRequest['qs'] = { from: window.from, to: window.to, page_size: MAX_PAGE_SIZE.reportSessions };
	if (pageToken) qs.next_page_token = pageToken;
	return { path: '/report/chat/sessions', qs };
}

/** GET /report/chat/sessions/{sessionId} for one month window and page, with the options Zoom offers. */
export function reportMessagesRequest(
	sessionId: string,
	window: DayWindow,
	pageSize: number,
	pageToken: string | undefined,
	options: ReportOptions,
): ZoomRequest {
	const qs: ZoomRequest['qs'] = { from: window.from, to: window.to, page_size: pageSize };
	const fields = [options.includeEdited && 'edited_messages', options.includeDeleted && 'deleted_messages'].filter(Boolean);
	if (fields.length > 0) qs.include_fields = fields.join(',');
	if (options.includeBotMessages) qs.include_bot_message = true;
	if (options.includeReactions) qs.include_reactions = true;
	if (options.includeCustomEmojiReactions) qs.include_custom_emoji_reactions = true;
	if (pageToken) qs.next_page_token = pageToken;
	return { path: `/report/chat/sessions/${encodeURIComponent(sessionId)}`, qs };
}

function windowLabel(window: DayWindow): string {
	return window.from === window.to ? window.from : `${window.from} to ${window.to}`;
}

/** The fields of a report session that each of its messages carries in the output. */
function sessionFields(session: ZoomEntry): ZoomEntry {
	const fields: ZoomEntry = { session_id: session.id, session_name: session.name, session_type: session.type };
	if (session.channel_id !== undefined) fields.channel_id = session.channel_id;
	return fields;
}

/**
 * Every message of one session in one window: Zoom's `messages` (paged), then the entries of
 * `edited_messages` and `deleted_messages` when asked for. Zoom pages only `messages` and does not
 * say how the other two lists spread over the pages, so each of their entries is kept once,
 * whichever page (or pages) carried it.
 */
async function readSessionWindow(
	client: ZoomClient,
	session: ZoomEntry,
	window: DayWindow,
	remaining: number | undefined,
	settings: ReportSettings,
	options: ReportOptions,
): Promise<ZoomMessage[]> {
	const sessionId = String(session.id);
	const label = `report session ${JSON.stringify(sessionId)}, ${windowLabel(window)}`;
	const pageSize = remaining === undefined ? settings.pageSize : Math.min(settings.pageSize, remaining);
	const changes = new Map<string, ZoomMessage>();
	const messages = await readWindow<ZoomMessage>({
		label,
		limit: remaining,
		fingerprint: (message) => (typeof message.id === 'string' && message.id ? `id:${message.id}` : JSON.stringify(message)),
		fetchPage: async (pageToken) => {
			const body = await client.get(reportMessagesRequest(sessionId, window, pageSize, pageToken, options));
			for (const list of ['edited_messages', 'deleted_messages'] as const) {
				const entries = body[list];
				if (!Array.isArray(entries)) continue;
				for (const entry of entries) {
					if (typeof entry !== 'object' || entry === null) continue;
					const tagged = { ...(entry as ZoomMessage), report_list: list };
					changes.set(JSON.stringify(tagged), tagged);
				}
			}
			return parseMessagesPage(body, pageSize, label, { listOptional: true });
		},
	});
	const fields = sessionFields(session);
	return [
		...messages.map((message) => ({ ...message, report_list: 'messages', ...fields })),
		...[...changes.values()].map((message) => ({ ...message, ...fields })),
	];
}

/**
 * Every message of every conversation of the account in the day range: for each month window
 * (oldest first) the sessions Zoom lists for it, in its order, and each session's messages. With
 * a limit, sessions are read one after another until it is met; without one, `concurrency`
 * sessions at a time. One array per (window, session).
 */
export async function readReportMessages(
	client: ZoomClient,
	range: DayRange,
	options: ReportOptions,
	settings: ReportSettings,
): Promise<ZoomMessage[][]> {
	if (range.empty) return [];
	const result: ZoomMessage[][] = [];
	let remaining = settings.limit;
	for (const window of splitIntoMonthWindows(range.firstDay, range.lastDay)) {
		if (remaining !== undefined && remaining <= 0) break;
		const label = `report sessions, ${windowLabel(window)}`;
		const listed = await readWindow<ZoomEntry>({
			label,
			fingerprint: (session) => JSON.stringify(session),
			fetchPage: async (pageToken) =>
				parseListPage(await client.get(reportSessionsRequest(window, pageToken)), 'sessions', MAX_PAGE_SIZE.reportSessions, label),
		});
		// A session listed twice (on two pages) is still one session.
		const sessions = firstOfEachKey(listed, (session) => String(session.id));
		const perSession = await readWindows(
			sessions,
			async (session, left) => await readSessionWindow(client, session, window, left, settings, options),
			{ limit: remaining, concurrency: settings.concurrency },
		);
		for (const messages of perSession) {
			const kept = remaining === undefined ? messages : messages.slice(0, remaining);
			if (remaining !== undefined) remaining -= kept.length;
			result.push(kept);
		}
	}
	return result;
}
