import { ZoomError } from './errors';
import type { Page } from './windowReader';
import type { DayWindow } from './windows';
import type { ZoomRequest } from './zoomClient';

export type ZoomMessage = Record<string, unknown>;

/** GET /im/chat/sessions/{sessionId} for one window and page. */
export function imChatMessagesRequest(
	sessionId: string,
	window: DayWindow,
	pageSize: number,
	pageToken: string | undefined,
): ZoomRequest {
	const qs: ZoomRequest['qs'] = { from: window.from, to: window.to, page_size: pageSize };
	if (pageToken) qs.next_page_token = pageToken;
	// encodeURIComponent escapes '/', '?', '#', '%' and unicode; '.' and '..' are refused earlier.
	return { path: `/im/chat/sessions/${encodeURIComponent(sessionId)}`, qs };
}

/**
 * Checks one page of messages from Zoom: a `messages` array of objects, no more of them than
 * asked for, and a string (or absent) `next_page_token`.
 */
export function parseMessagesPage(body: Record<string, unknown>, pageSize: number, what: string): Page<ZoomMessage> {
	const { messages } = body;
	if (!Array.isArray(messages)) {
		// Treating a missing list as "no messages" could silently drop a page: refuse it.
		throw new ZoomError(`Zoom's answer for ${what} has no messages list`, {
			kind: 'invalidResponse',
			description: `Expected a "messages" array; got keys: ${Object.keys(body).slice(0, 10).join(', ') || 'none'}.`,
		});
	}
	if (messages.length > pageSize) {
		throw new ZoomError(`Zoom returned ${messages.length} messages for ${what}, more than the page size of ${pageSize}`, {
			kind: 'invalidResponse',
			description: 'The answer does not follow the requested page size; stopped rather than trust it.',
		});
	}
	for (const message of messages) {
		if (typeof message !== 'object' || message === null || Array.isArray(message)) {
			throw new ZoomError(`Zoom's answer for ${what} holds a message that is not an object`, {
				kind: 'invalidResponse',
			});
		}
	}
	const token = body.next_page_token;
	if (token !== undefined && token !== null && typeof token !== 'string') {
		throw new ZoomError(`Zoom's answer for ${what} has a next_page_token that is not a string`, {
			kind: 'invalidResponse',
		});
	}
	return { messages: messages as ZoomMessage[], nextPageToken: token ?? '' };
}

/** IM messages have no id: the whole object identifies one (order makes duplicates distinct). */
export function imMessageFingerprint(message: ZoomMessage): string {
	return JSON.stringify(message);
}
