import type { ZoomRequest } from '../transport/zoomClient';
import { addDays, todayIn } from './calendar';
import type { ZoomMessage } from './messages';

/**
 * Team Chat serves only "the last 6 months" (older ranges: 400, code 300). Zoom does not say how it
 * counts them: calendar months (181 to 184 days), 26 weeks or 180 days, in which timezone. 180 days
 * is the shortest of these readings; two more days in hand keep a range that starts on the earliest
 * day readable for at least 22 more hours (a whole day less daylight-saving shifts), so a long read (retries, page-token restarts) is never
 * refused half-way. So the earliest day the node reads is today minus this many days.
 */
export const TEAM_CHAT_READABLE_DAYS = 178;

/** The earliest calendar day (in `zone`) whose messages the node asks Team Chat for. */
export function earliestTeamChatDay(zone: string, now: number): string {
	return addDays(todayIn(zone, now), -TEAM_CHAT_READABLE_DAYS);
}

export type TeamChatTarget = { toChannel: string } | { toContact: string };

/** GET /chat/users/{userId}/messages for one window (UTC instants) and page. */
export function teamChatMessagesRequest(
	userId: string,
	target: TeamChatTarget,
	range: { from: string; to: string },
	pageSize: number,
	pageToken: string | undefined,
	includeDeletedAndEdited: boolean,
): ZoomRequest {
	const qs: ZoomRequest['qs'] = { from: range.from, to: range.to, page_size: pageSize };
	if ('toChannel' in target) qs.to_channel = target.toChannel;
	else qs.to_contact = target.toContact;
	if (includeDeletedAndEdited) qs.include_deleted_and_edited_message = true;
	if (pageToken) qs.next_page_token = pageToken;
	return { path: `/chat/users/${encodeURIComponent(userId)}/messages`, qs };
}

/** Team Chat messages carry an id; fall back to the whole object if one ever lacks it. */
export function teamChatMessageFingerprint(message: ZoomMessage): string {
	return typeof message.id === 'string' && message.id ? `id:${message.id}` : JSON.stringify(message);
}

/**
 * Names of the message's files. Zoom lists them in `files` and repeats the first one at the top
 * level (`file_name`, …): that copy is the same file, so it counts only when there is no list.
 */
function fileNames(message: ZoomMessage): string[] {
	const files = Array.isArray(message.files) ? (message.files as unknown[]) : [];
	if (files.length > 0) {
		return files
			.map((file) => (typeof file === 'object' && file !== null ? (file as Record<string, unknown>).file_name : undefined))
			.filter((name): name is string => typeof name === 'string');
	}
	return typeof message.file_name === 'string' ? [message.file_name] : [];
}

/**
 * The fields people map in a workflow, flat. File names are joined into one list; the rest of
 * Zoom's object (reactions, bot fields, rich text) stays available with Simplify off. The sender's
 * member id is `send_member_id` in Zoom's list answer; the output keeps the name workflows map,
 * `sender_member_id` (also Zoom's name for it on its other chat endpoints).
 */
export function simplifyTeamChatMessage(message: ZoomMessage): ZoomMessage {
	const simplified: ZoomMessage = {
		id: message.id,
		message: message.message,
		sender: message.sender,
		sender_member_id: message.send_member_id ?? message.sender_member_id,
		sender_display_name: message.sender_display_name,
		date_time: message.date_time,
		timestamp: message.timestamp,
		status: message.status,
		reply_main_message_id: message.reply_main_message_id,
		file_names: fileNames(message),
	};
	if (simplified.reply_main_message_id === undefined) delete simplified.reply_main_message_id;
	return simplified;
}
