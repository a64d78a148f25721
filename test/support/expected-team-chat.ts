/**
 * What Simplify should make of one Team Chat message as the simulator serves it. Written from the
 * README's list of simplified fields, apart from the node's code, so that tests check one against
 * the other. The caller adds the field naming the conversation (`channel_id` or `contact`).
 */
export function simplifiedTeamChatMessage(message: object): Record<string, unknown> {
	const m = message as Record<string, unknown>;
	const out: Record<string, unknown> = {
		id: m.id,
		message: m.message,
		sender: m.sender,
		sender_member_id: m.sender_member_id,
		sender_display_name: m.sender_display_name,
		date_time: m.date_time,
		timestamp: m.timestamp,
		status: m.status,
		file_names: Array.isArray(m.files) ? (m.files as Array<{ file_name: string }>).map((f) => f.file_name) : [],
	};
	if (m.reply_main_message_id !== undefined) out.reply_main_message_id = m.reply_main_message_id;
	return out;
}
