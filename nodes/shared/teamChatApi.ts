import type { ZoomMessage } from './imChatApi';
import type { ZoomRequest } from './zoomClient';

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
 * The fields people map in a workflow, flat. File names are joined into one list; the rest of
 * Zoom's object (reactions, bot fields, rich text) stays available with Simplify off.
 */
export function simplifyTeamChatMessage(message: ZoomMessage): ZoomMessage {
	const files = Array.isArray(message.files) ? (message.files as Array<Record<string, unknown>>) : [];
	const simplified: ZoomMessage = {
		id: message.id,
		message: message.message,
		sender: message.sender,
		sender_member_id: message.sender_member_id,
		sender_display_name: message.sender_display_name,
		date_time: message.date_time,
		timestamp: message.timestamp,
		status: message.status,
		reply_main_message_id: message.reply_main_message_id,
		file_names: files.map((file) => file.file_name).filter((name) => typeof name === 'string'),
	};
	if (simplified.reply_main_message_id === undefined) delete simplified.reply_main_message_id;
	return simplified;
}
