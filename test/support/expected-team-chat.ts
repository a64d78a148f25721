/**
 * What Simplify should make of one Team Chat message as the simulator serves it. Written from the
 * README's list of simplified fields, apart from the node's code, so that tests check one against
 * the other. The caller adds the field naming the conversation (`channel_id` or `contact`).
 *
 * Zoom's list answer (and the simulator) names the sender's member id `send_member_id`; the
 * simplified output keeps the key `sender_member_id`. Zoom repeats a message's first file at the
 * top level besides `files`: that copy is the same file, so `file_names` lists each file of
 * `files` once (the top-level `file_name` only when there is no `files` list).
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
		status: m.status,
		file_names: files.map((f) => f.file_name),
	};
	if (m.reply_main_message_id !== undefined) out.reply_main_message_id = m.reply_main_message_id;
	return out;
}
