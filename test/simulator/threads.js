'use strict';
/**
 * Team Chat's thread endpoint, GET /chat/users/{userId}/messages/{messageId}/thread: the replies
 * to one main message, in the endpoint's own shape (`msg_id`, `sender_member_id`, reactions as
 * `{emoji_id, count, is_sender}`), which differs from the list endpoint's. Methods of ZoomSimulator.
 */
const { ApiError } = require('./common');
const { TEAM_CHAT_HISTORY_MS, booleanParam, parseInstant, inSecondRange } = require('./params');

class ThreadMethods {
	_handleThread(userId, messageId, rec) {
		const user = this._resolveUser(userId);
		this._checkUserScope(rec, user, ['chat_message:read:admin', 'team_chat:read:thread_message:admin'], {
			status: 400,
			body: { code: 200, message: "Unauthorized request. You do not have permission to access this user's chat messages." },
		});
		const q = rec.query;
		const toChannel = q.to_channel ? q.to_channel : undefined;
		const toContact = q.to_contact ? q.to_contact : undefined;
		// Zoom's documented thread errors: 4234 no target, 4233 no from, 4231 limit, 4232 sort, 4131 unknown main message.
		if (toChannel === undefined && toContact === undefined) {
			throw new ApiError(400, { code: 4234, message: 'Must provide either contact or channel parameter.' });
		}
		if (q.from === undefined) throw new ApiError(400, { code: 4233, message: 'Invalid parameter: from.' });
		const fromMs = parseInstant(q.from, 'from');
		const toMs_ = q.to !== undefined ? parseInstant(q.to, 'to') : this._nowMs();
		if (fromMs < this._nowMs() - TEAM_CHAT_HISTORY_MS) {
			throw new ApiError(400, { code: 300, message: 'Only provide past chat messages in recent 6 months.' });
		}
		let limit = 10;
		if (q.limit !== undefined) {
			if (!/^\d+$/.test(q.limit) || Number(q.limit) < 1 || Number(q.limit) > 100) throw new ApiError(400, { code: 4231, message: 'Invalid parameter: limit.' });
			limit = Number(q.limit);
		}
		const sort = q.sort === undefined ? 'desc' : q.sort;
		if (sort !== 'desc' && sort !== 'asc') throw new ApiError(400, { code: 4232, message: 'Invalid parameter: sort.' });
		const needMain = booleanParam(q, 'need_main_message', true);
		const parts = {
			emoji: booleanParam(q, 'need_emoji', false),
			attachment: booleanParam(q, 'need_attachment', false),
			atItems: booleanParam(q, 'need_at_items', false),
		};
		const target = this._teamTarget(toChannel, toContact);
		const main = target.messages.find((m) => m.id === messageId && m.reply_main_message_id === undefined && m.status !== 'Deleted');
		if (!main) throw new ApiError(404, { code: 4131, message: `Message does not exist: ${messageId}.` });
		const allReplies = target.messages.filter((m) => m.reply_main_message_id === messageId && m.status !== 'Deleted');
		const replies = allReplies.filter((m) => inSecondRange(m.timestamp, fromMs, toMs_));
		if (sort === 'desc') replies.reverse();
		const messages = replies.slice(0, limit).map((m) => this._serveThreadMessage(m, true, user, parts));
		if (needMain) {
			const served = this._serveThreadMessage(main, false, user, parts);
			served.last_reply_time = allReplies.length ? allReplies[allReplies.length - 1].timestamp : main.timestamp;
			served.is_followed = false;
			messages.unshift(served);
		}
		return { total: replies.length, messages };
	}

	_serveThreadMessage(m, isReply, user, parts) {
		const person = this._people.find((p) => p.email.toLowerCase() === String(m.sender).toLowerCase());
		/** @type {any} */
		const o = {
			msg_id: m.id,
			message: m.message,
			is_reply: isReply,
			timestamp: m.timestamp,
			sender_user_id: person ? person.id : '',
			sender_email: m.sender,
			sender_member_id: m.sender_member_id,
			sender_display_name: m.sender_display_name,
		};
		if (parts.emoji && m.reactions) {
			o.reactions = m.reactions.map((r) => ({
				emoji_id: r.emoji,
				count: r.total_count,
				is_sender: r.senders.some((s) => (typeof s === 'string' ? s.toLowerCase() === user.email.toLowerCase() : s.user_id === user.id)),
			}));
		}
		if (parts.attachment && m.files) {
			o.files = m.files.map((f) => ({ file_id: f.file_id, file_name: f.file_name, file_size: f.file_size, download_url: this._downloadUrl(f) }));
		}
		if (parts.atItems && m.at_items) o.at_items = m.at_items.map((a) => ({ ...a }));
		if (m.bot_message !== undefined) o.bot_message = JSON.parse(JSON.stringify(m.bot_message));
		return o;
	}
}

module.exports = { ThreadMethods };
