import { dayRangeToUtcInstants } from './dates';
import { imChatMessagesRequest, imMessageFingerprint, parseMessagesPage, type ZoomMessage } from './imChatApi';
import { teamChatMessageFingerprint, teamChatMessagesRequest, type TeamChatTarget } from './teamChatApi';
import type { DayRange } from './validation';
import { readWindow, readWindows } from './windowReader';
import { splitIntoMonthWindows, type DayWindow } from './windows';
import type { ZoomClient } from './zoomClient';

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

/**
 * Every message of an IM chat session in the day range, as one array per month window (oldest
 * window first, Zoom's order inside a window). No window is requested twice, and with a limit
 * no page beyond it.
 */
export async function readImChatMessages(
	client: ZoomClient,
	sessionId: string,
	range: DayRange,
	settings: ReadSettings,
): Promise<ZoomMessage[][]> {
	if (range.empty) return [];
	const windows = splitIntoMonthWindows(range.firstDay, range.lastDay);
	return await readWindows(
		windows,
		async (window, remaining) => {
			const pageSize = remaining === undefined ? settings.pageSize : Math.min(settings.pageSize, remaining);
			const label = `session ${JSON.stringify(sessionId)}, ${windowLabel(window)}`;
			return await readWindow({
				label,
				limit: remaining,
				fingerprint: imMessageFingerprint,
				fetchPage: async (pageToken) =>
					parseMessagesPage(
						await client.get(imChatMessagesRequest(sessionId, window, pageSize, pageToken)),
						pageSize,
						label,
					),
			});
		},
		{ limit: settings.limit, concurrency: settings.concurrency },
	);
}

export interface TeamChatQuery {
	userId: string;
	target: TeamChatTarget;
	includeDeletedAndEdited: boolean;
	/** Timezone whose calendar days the range names. */
	zone: string;
}

/**
 * Every Team Chat message of a channel or contact in the day range. The range is read in the
 * same month windows as IM chat (each window's first day 00:00:00 to last day 23:59:59 in the
 * chosen zone, as UTC instants), which keeps requests small and lets windows run in parallel.
 */
export async function readTeamChatMessages(
	client: ZoomClient,
	query: TeamChatQuery,
	range: DayRange,
	settings: ReadSettings,
): Promise<ZoomMessage[][]> {
	if (range.empty) return [];
	const windows = splitIntoMonthWindows(range.firstDay, range.lastDay);
	const targetLabel = 'toChannel' in query.target ? `channel ${query.target.toChannel}` : `contact ${query.target.toContact}`;
	return await readWindows(
		windows,
		async (window, remaining) => {
			const pageSize = remaining === undefined ? settings.pageSize : Math.min(settings.pageSize, remaining);
			const instants = dayRangeToUtcInstants(window.from, window.to, query.zone);
			const label = `${targetLabel}, ${windowLabel(window)}`;
			return await readWindow({
				label,
				limit: remaining,
				fingerprint: teamChatMessageFingerprint,
				fetchPage: async (pageToken) =>
					parseMessagesPage(
						await client.get(
							teamChatMessagesRequest(
								query.userId,
								query.target,
								instants,
								pageSize,
								pageToken,
								query.includeDeletedAndEdited,
							),
						),
						pageSize,
						label,
					),
			});
		},
		{ limit: settings.limit, concurrency: settings.concurrency },
	);
}
