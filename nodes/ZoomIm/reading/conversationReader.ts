import type { ZoomClient, ZoomRequest } from '../transport/zoomClient';
import { dayRangeToUtcInstants, splitIntoMonthWindows, type DayRange, type DayWindow } from './calendar';
import type { ChatTarget } from './chatTarget';
import { imChatMessagesRequest, imMessageFingerprint } from './imChat';
import { parseMessagesPage, type ZoomMessage } from './messages';
import { teamChatMessageFingerprint, teamChatMessagesRequest, type TeamChatQueryOptions } from './teamChat';
import { readWindow, readWindows } from './windowReader';

export interface ReadSettings {
	/** page_size sent to Zoom (1..50). */
	pageSize: number;
	/** Most messages to return; undefined reads everything. */
	limit?: number;
	/** Windows read at the same time when there is no limit. */
	concurrency: number;
}

function windowLabel(window: DayWindow): string {
	return window.from === window.to ? window.from : `${window.from} to ${window.to}`;
}

/** How one API reads one month window: a label for error messages, and the request for each page. */
interface WindowReading {
	label: string;
	request: (pageSize: number, pageToken: string | undefined) => ZoomRequest;
}

/**
 * Every message in the day range, as one array per month window (oldest window first, Zoom's
 * order inside a window). No window is requested twice, and with a limit no page beyond it.
 */
async function readMonthWindows(
	client: ZoomClient,
	range: DayRange,
	settings: ReadSettings,
	fingerprint: (message: ZoomMessage) => string,
	forWindow: (window: DayWindow) => WindowReading,
	listOptional = false,
): Promise<ZoomMessage[][]> {
	if (range.empty) return [];
	return await readWindows(
		splitIntoMonthWindows(range.firstDay, range.lastDay),
		async (window, remaining) => {
			const pageSize = remaining === undefined ? settings.pageSize : Math.min(settings.pageSize, remaining);
			const { label, request } = forWindow(window);
			return await readWindow({
				label,
				limit: remaining,
				fingerprint,
				fetchPage: async (pageToken) =>
					parseMessagesPage(await client.get(request(pageSize, pageToken)), pageSize, label, { listOptional }),
			});
		},
		{ limit: settings.limit, concurrency: settings.concurrency },
	);
}

export interface ChatReadSettings extends ReadSettings, TeamChatQueryOptions {
	/** Team Chat: the timezone whose calendar days the range names. */
	zone: string;
}

/**
 * Every message of the conversation in the day range, one array per month window. Team Chat is
 * read in the same month windows as IM chat (each window's first day 00:00:00 to last day
 * 23:59:59 in the chosen zone, as UTC instants), which keeps requests small and lets windows run
 * in parallel.
 */
export async function readChatMessages(
	client: ZoomClient,
	target: ChatTarget,
	range: DayRange,
	settings: ChatReadSettings,
): Promise<ZoomMessage[][]> {
	if (target.api === 'imChat') {
		const { sessionId } = target;
		return await readMonthWindows(client, range, settings, imMessageFingerprint, (window) => ({
			label: `session ${JSON.stringify(sessionId)}, ${windowLabel(window)}`,
			request: (pageSize, pageToken) => imChatMessagesRequest(sessionId, window, pageSize, pageToken),
		}));
	}
	const { userId, conversation } = target;
	const conversationLabel =
		'toChannel' in conversation ? `channel ${conversation.toChannel}` : `contact ${conversation.toContact}`;
	return await readMonthWindows(
		client,
		range,
		settings,
		teamChatMessageFingerprint,
		(window) => {
			const instants = dayRangeToUtcInstants(window.from, window.to, settings.zone);
			return {
				label: `${conversationLabel}, ${windowLabel(window)}`,
				request: (pageSize, pageToken) =>
					teamChatMessagesRequest(userId, conversation, instants, pageSize, pageToken, settings),
			};
		},
		// Zoom's Team Chat answer for an empty range may come without `messages`.
		true,
	);
}
