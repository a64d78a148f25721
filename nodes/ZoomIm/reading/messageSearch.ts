import type { ZoomClient, ZoomRequest } from '../transport/zoomClient';
import { dayRangeToUtcInstants, splitIntoMonthWindows, type DayRange } from './calendar';
import { parseMessagesPage, type ZoomMessage } from './messages';
import { teamChatMessageFingerprint, type TeamChatTarget } from './teamChat';
import { readWindow, readWindows } from './windowReader';

/**
 * Message → Search: Zoom's `search_type` / `search_key` on GET /chat/users/{userId}/messages.
 * Without a channel or contact Zoom searches all of the user's channel and contact messages; with
 * one, only that conversation.
 */

export type SearchType = 'message' | 'file';

/** Zoom's longest `search_key`. */
export const MAX_SEARCH_KEY_LENGTH = 256;

export interface MessageSearch {
	userId: string;
	/** Undefined searches every conversation of the user. */
	conversation?: TeamChatTarget;
	searchType: SearchType;
	searchKey: string;
}

export interface SearchSettings {
	/** page_size sent to Zoom (1..50). */
	pageSize: number;
	/** Most messages to return; undefined reads every match. */
	limit?: number;
	/** Windows read at the same time when there is no limit; 0 = as many as the credential's pace keeps busy. */
	concurrency: number;
	/** The timezone whose calendar days the range names. */
	zone: string;
}

/** GET /chat/users/{userId}/messages with the search for one window (UTC instants) and page. */
export function teamChatSearchRequest(
	search: MessageSearch,
	instants: { from: string; to: string },
	pageSize: number,
	pageToken: string | undefined,
): ZoomRequest {
	const qs: ZoomRequest['qs'] = {
		search_type: search.searchType,
		search_key: search.searchKey,
		from: instants.from,
		to: instants.to,
		page_size: pageSize,
	};
	if (search.conversation && 'toChannel' in search.conversation) qs.to_channel = search.conversation.toChannel;
	else if (search.conversation) qs.to_contact = search.conversation.toContact;
	if (pageToken) qs.next_page_token = pageToken;
	return { path: `/chat/users/${encodeURIComponent(search.userId)}/messages`, qs };
}

/**
 * Every match in the day range, one array per month window of the chosen zone (oldest window
 * first, Zoom's order inside a window): the same windows as Message → Get Many.
 */
export async function searchTeamChatMessages(
	client: ZoomClient,
	search: MessageSearch,
	range: DayRange,
	settings: SearchSettings,
): Promise<ZoomMessage[][]> {
	if (range.empty) return [];
	const where = search.conversation
		? 'toChannel' in search.conversation
			? `channel ${search.conversation.toChannel}`
			: `contact ${search.conversation.toContact}`
		: 'all conversations';
	const windows = splitIntoMonthWindows(range.firstDay, range.lastDay);
	const probe = teamChatSearchRequest(search, { from: '', to: '' }, settings.pageSize, undefined).path;
	const concurrency = settings.concurrency > 0 ? settings.concurrency : () => client.parallelism(probe).workers();
	return await readWindows(
		windows,
		async (window, remaining) => {
			const pageSize = remaining === undefined ? settings.pageSize : Math.min(settings.pageSize, remaining);
			const instants = dayRangeToUtcInstants(window.from, window.to, settings.zone);
			const label = `the search in ${where}, ${window.from === window.to ? window.from : `${window.from} to ${window.to}`}`;
			return await readWindow({
				label,
				limit: remaining,
				fingerprint: teamChatMessageFingerprint,
				// Team Chat's answer for a range without matches may come without `messages`.
				fetchPage: async (pageToken) =>
					parseMessagesPage(await client.get(teamChatSearchRequest(search, instants, pageSize, pageToken)), pageSize, label, {
						listOptional: true,
					}),
			});
		},
		{ limit: settings.limit, concurrency },
	);
}
