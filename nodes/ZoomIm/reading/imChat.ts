import type { ZoomRequest } from '../transport/zoomClient';
import type { DayWindow } from './calendar';
import type { ZoomMessage } from './messages';

/** How the IM chat API is asked for one page of a session's messages, and what identifies one. */

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

/** IM messages have no id: the whole object identifies one (order makes duplicates distinct). */
export function imMessageFingerprint(message: ZoomMessage): string {
	return JSON.stringify(message);
}
