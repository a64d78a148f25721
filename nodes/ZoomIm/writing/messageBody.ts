import type { TeamChatTarget } from '../reading/teamChat';
import type { AtItem } from './mentions';

/** What a Send puts into Zoom's "Send a chat message" body (POST /chat/users/{userId}/messages). */

/** Zoom's limit on `message` (maxLength in its OpenAPI JSON). */
export const MAX_TEXT_LENGTH = 1024;
/** Zoom's limit on `file_ids` (maxItems). */
export const MAX_FILES = 6;

export interface RichTextItem {
	start_position: number;
	end_position: number;
	format_type: string;
	format_attr?: string;
}

export interface OutgoingMessage {
	userId: string;
	conversation: TeamChatTarget;
	text: string;
	replyTo?: string;
	atItems?: AtItem[];
	richText?: RichTextItem[];
	fileIds?: string[];
	/** yyyy-MM-ddTHH:mm:ssZ; the answer's id is then a draft's. */
	scheduledTime?: string;
}

export function conversationFields(conversation: TeamChatTarget): { to_channel: string } | { to_contact: string } {
	return 'toChannel' in conversation ? { to_channel: conversation.toChannel } : { to_contact: conversation.toContact };
}

export function sendBody(message: OutgoingMessage): Record<string, unknown> {
	const body: Record<string, unknown> = { message: message.text, ...conversationFields(message.conversation) };
	if (message.replyTo) body.reply_main_message_id = message.replyTo;
	if (message.atItems?.length) body.at_items = message.atItems;
	if (message.richText?.length) body.rich_text = message.richText;
	if (message.fileIds?.length) body.file_ids = message.fileIds;
	if (message.scheduledTime) body.scheduled_time = message.scheduledTime;
	return body;
}

export function messagesPath(userId: string, messageId?: string): string {
	const base = `/chat/users/${encodeURIComponent(userId)}/messages`;
	return messageId === undefined ? base : `${base}/${encodeURIComponent(messageId)}`;
}

/** Zoom's limit on one upload (POST {fileBase}/chat/users/{userId}/files: "a maximum of 1GB files"). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export function filesPath(userId: string): string {
	return `/chat/users/${encodeURIComponent(userId)}/files`;
}
