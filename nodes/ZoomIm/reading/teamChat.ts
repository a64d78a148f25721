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

/** What a read asks of the messages endpoint besides the conversation, range and page. */
export interface TeamChatQueryOptions {
	/** `include_deleted_and_edited_message=true`: edited and deleted messages too (and `status`). */
	includeDeletedAndEdited: boolean;
	/** `exclude_child_message=true`: main messages only, no thread replies. */
	excludeChildMessage?: boolean;
	/** `download_file_formats=audio/mp4`: voice messages' download_url gives mp4. */
	voiceAsMp4?: boolean;
}

/** GET /chat/users/{userId}/messages for one window (UTC instants) and page. */
export function teamChatMessagesRequest(
	userId: string,
	target: TeamChatTarget,
	range: { from: string; to: string },
	pageSize: number,
	pageToken: string | undefined,
	query: TeamChatQueryOptions,
): ZoomRequest {
	const qs: ZoomRequest['qs'] = { from: range.from, to: range.to, page_size: pageSize };
	if ('toChannel' in target) qs.to_channel = target.toChannel;
	else qs.to_contact = target.toContact;
	if (query.includeDeletedAndEdited) qs.include_deleted_and_edited_message = true;
	if (query.excludeChildMessage) qs.exclude_child_message = true;
	if (query.voiceAsMp4) qs.download_file_formats = 'audio/mp4';
	if (pageToken) qs.next_page_token = pageToken;
	return { path: `/chat/users/${encodeURIComponent(userId)}/messages`, qs };
}

/** Team Chat messages carry an id; fall back to the whole object if one ever lacks it. */
export function teamChatMessageFingerprint(message: ZoomMessage): string {
	return typeof message.id === 'string' && message.id ? `id:${message.id}` : JSON.stringify(message);
}

/** A message's object field as a record, or undefined. */
function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A list field of a message, keeping only its objects. */
function records(value: unknown): Array<Record<string, unknown>> {
	return Array.isArray(value) ? value.map(asRecord).filter((r): r is Record<string, unknown> => r !== undefined) : [];
}

/**
 * The message's files, each once. Zoom lists them in `files` and repeats the first one at the top
 * level (`file_id`, `file_name`, …): that copy is the same file, so it counts only when there is
 * no list.
 */
export function messageFiles(message: ZoomMessage): Array<Record<string, unknown>> {
	const files = records(message.files);
	if (files.length > 0) return files;
	return message.file_name !== undefined || message.download_url !== undefined
		? [{ file_id: message.file_id, file_name: message.file_name, file_size: message.file_size, download_url: message.download_url }]
		: [];
}

function fileNames(message: ZoomMessage): string[] {
	return messageFiles(message)
		.map((file) => file.file_name)
		.filter((name): name is string => typeof name === 'string');
}

const CODE_POINT = /^(?:U\+)?([0-9A-F]{1,6})$/i;

/**
 * The character(s) of a reaction's emoji. Zoom writes it as "U+1F600" ("Unicode value in UTF-32
 * format") and shows no emoji of several code points, so every usual way of writing them is read:
 * "U+2764 U+FE0F", "U+2764-U+FE0F", "U+2764_FE0F", "U+2764,U+FE0F", "U+2764U+FE0F". A value that
 * is already the emoji itself is kept. Anything else gives undefined (the code stays in `emoji`).
 */
export function emojiCharacter(code: unknown): string | undefined {
	if (typeof code !== 'string' || code.trim() === '') return undefined;
	const text = code.trim();
	if (!/^U\+/i.test(text)) return /^[\x20-\x7e]*$/.test(text) ? undefined : text;
	const parts = text.split(/[\s,_-]+|(?=U\+)/i).filter((part) => part !== '');
	const points: number[] = [];
	for (const part of parts) {
		const match = CODE_POINT.exec(part);
		if (!match) return undefined;
		const point = parseInt(match[1], 16);
		if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return undefined;
		points.push(point);
	}
	return points.length > 0 ? String.fromCodePoint(...points) : undefined;
}

/** Reactions as Zoom sends them, plus the emoji as characters next to Zoom's code. */
function simplifyReactions(value: unknown): Array<Record<string, unknown>> {
	return records(value).map((reaction) => ({
		emoji: reaction.emoji,
		emoji_character: emojiCharacter(reaction.emoji) ?? null,
		total_count: reaction.total_count,
		senders: reaction.senders ?? [],
	}));
}

const MENTION_TYPES: Record<number, string> = { 1: 'contact', 2: 'channel' };

/** Zoom's `at_items`, with readable names: who (user and member id) or the whole channel. */
function simplifyMentions(value: unknown): Array<Record<string, unknown>> {
	return records(value).map((item) => ({
		type: MENTION_TYPES[Number(item.at_type)] ?? item.at_type ?? null,
		user_id: item.at_contact ?? null,
		member_id: item.at_contact_member_id ?? null,
		start_position: item.start_position,
		end_position: item.end_position,
	}));
}

/**
 * The fields people map in a workflow, flat. File names are joined into one list. The sender's
 * member id is `send_member_id` in Zoom's list answer; the output keeps the name workflows map,
 * `sender_member_id` (also Zoom's name for it on its other chat endpoints).
 *
 * `status` is always there: Zoom sends it only with "Include Deleted and Edited Messages", and
 * without that the key is null, so that a column mapped from it (a sheet's, a table's) stays.
 * The parts Zoom sends only for some messages come only then: the message a reply answers
 * (`reply_main_message_id`, `reply_main_message_timestamp`), `reactions` (with the emoji as
 * characters), `mentions` (from `at_items`) and, for a bot's message, `is_bot_message` and
 * `bot_message`. Rich text and interactive cards stay available with Simplify off.
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
		status: message.status ?? null,
		file_names: fileNames(message),
	};
	if (message.reply_main_message_id !== undefined) {
		simplified.reply_main_message_id = message.reply_main_message_id;
		simplified.reply_main_message_timestamp = message.reply_main_message_timestamp;
	}
	if (Array.isArray(message.reactions)) simplified.reactions = simplifyReactions(message.reactions);
	if (Array.isArray(message.at_items)) simplified.mentions = simplifyMentions(message.at_items);
	if (message.bot_message !== undefined && message.bot_message !== null) {
		simplified.is_bot_message = true;
		simplified.bot_message = message.bot_message;
	}
	// Replies grouped under their main message (Thread Replies: "each main message with its replies").
	if (Array.isArray(message.replies)) simplified.replies = (message.replies as ZoomMessage[]).map(simplifyTeamChatMessage);
	return simplified;
}
