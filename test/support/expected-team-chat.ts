/**
 * What Simplify should make of one Team Chat message as the simulator serves it. Written from the
 * README's list of simplified fields, apart from the node's code, so that tests check one against
 * the other. The caller adds the field naming the conversation (`channel_id` or `contact`).
 *
 * Zoom's list answer (and the simulator) names the sender's member id `send_member_id`; the
 * simplified output keeps the key `sender_member_id`. Zoom repeats a message's first file at the
 * top level besides `files`: that copy is the same file, so `file_names` lists each file of
 * `files` once (the top-level `file_name` only when there is no `files` list).
 *
 * `status` is always a key: Zoom's value with "Include Deleted and Edited Messages", else null.
 * Only where Zoom sent them: `reply_main_message_id` and `reply_main_message_timestamp`,
 * `reactions` (each with `emoji_character`), `mentions` (from `at_items`), `is_bot_message` and
 * `bot_message`; `replies` (simplified the same way) when the node grouped replies.
 */
export function simplifiedTeamChatMessage(message: object): Record<string, unknown> {
	const m = message as Record<string, unknown>;
	const files = (Array.isArray(m.files) && m.files.length > 0 ? m.files : m.file_name !== undefined ? [m] : []) as Array<{ file_name: string }>;
	const out: Record<string, unknown> = {
		id: m.id,
		message: m.message,
		sender: m.sender,
		sender_member_id: m.send_member_id,
		sender_display_name: m.sender_display_name,
		date_time: m.date_time,
		timestamp: m.timestamp,
		status: m.status === undefined ? null : m.status,
		file_names: files.map((f) => f.file_name),
	};
	if (m.reply_main_message_id !== undefined) {
		out.reply_main_message_id = m.reply_main_message_id;
		out.reply_main_message_timestamp = m.reply_main_message_timestamp;
	}
	if (Array.isArray(m.reactions)) {
		out.reactions = (m.reactions as Array<Record<string, unknown>>).map((r) => ({
			emoji: r.emoji,
			emoji_character: emojiFromZoomCode(String(r.emoji)),
			total_count: r.total_count,
			senders: r.senders,
		}));
	}
	if (Array.isArray(m.at_items)) {
		out.mentions = (m.at_items as Array<Record<string, unknown>>).map((a) => ({
			type: a.at_type === 1 ? 'contact' : a.at_type === 2 ? 'channel' : a.at_type,
			user_id: a.at_contact ?? null,
			member_id: a.at_contact_member_id ?? null,
			start_position: a.start_position,
			end_position: a.end_position,
		}));
	}
	if (m.bot_message !== undefined) {
		out.is_bot_message = true;
		out.bot_message = m.bot_message;
	}
	if (Array.isArray(m.replies)) out.replies = (m.replies as object[]).map(simplifiedTeamChatMessage);
	return out;
}

/** The simulator's reaction codes ("U+1F44D", "U+2764 U+FE0F") as characters. */
export function emojiFromZoomCode(code: string): string {
	return String.fromCodePoint(...code.split(' ').map((part) => parseInt(part.replace(/^U\+/, ''), 16)));
}
