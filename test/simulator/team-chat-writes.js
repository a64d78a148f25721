'use strict';
/**
 * Team Chat writes: send (POST /chat/users/{userId}/messages, also scheduled), get one, update,
 * delete (GET / PUT / DELETE …/messages/{messageId}) and emoji reactions (PATCH
 * …/messages/{messageId}/emoji_reactions), with Zoom's documented answers and error codes, the
 * write scopes and the per-channel send limits. Messages created here go into the same
 * conversations the read endpoints serve (round trip). Methods of ZoomSimulator.
 */
const { isoSec } = require('./dataset');
const { ApiError } = require('./common');
const { ChannelSendLimiter } = require('./channel-send-limits');
const { QPS_MESSAGE } = require('./rate-limits');

/** Zoom's longest message, in UTF-16 code units (the stricter count: never more than the code points). */
const MAX_MESSAGE_LENGTH = 1024;
const MAX_FILE_IDS = 6;
const MAX_CARDS = 5;
/** scheduled_time: "more than 30 minutes from now and within 180 days". */
const SCHEDULE_MIN_MS = 30 * 60 * 1000;
const SCHEDULE_MAX_MS = 180 * 24 * 3600 * 1000;
const RICH_TEXT_TYPES = new Set(['Bold', 'Italic', 'Strikethrough', 'BulletedList', 'NumberedList', 'Underline', 'FontSize', 'FontColor', 'BackgroundColor', 'LeftIndent', 'Paragraph', 'Quote', 'AddLink']);
/** "U+1F600", several code points space-separated (as the seeded reactions). */
const EMOJI_RE = /^U\+[0-9A-F]{1,6}(?: U\+[0-9A-F]{1,6})*$/i;

/**
 * The scopes of each write, classic and granular (Zoom's reference). A token writes for its own
 * user with any of them (or their :admin variants); for another user only with an :admin one.
 */
const WRITE_SCOPES = {
	send: ['chat_message:write', 'team_chat:write:user_message'],
	update: ['chat_message:write', 'team_chat:update:user_message'],
	delete: ['chat_message:write', 'team_chat:delete:user_message'],
	react: ['chat_message:write', 'team_chat:update:message_emoji'],
	uploadFile: ['chat_message:write', 'team_chat:write:files'],
	sendFile: ['chat_message:write', 'team_chat:write:message_files'],
};

const INVALID_JSON = { code: 300, message: 'Request Body should be a valid JSON object.' };

function validationFailed(fields) {
	return new ApiError(400, { code: 300, message: 'Validation Failed.', errors: fields.map((field) => ({ field, message: 'Invalid field.' })) });
}

/** The JSON object of a write's body (Zoom: "Request Body should be a valid JSON object."). */
function jsonBody(rec) {
	if (rec.body === undefined || rec.body === '') return {};
	let b;
	try {
		b = JSON.parse(rec.body);
	} catch {
		throw new ApiError(400, INVALID_JSON);
	}
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw new ApiError(400, INVALID_JSON);
	return b;
}

const isInt = (v) => Number.isInteger(v) && v >= 0;
const isStr = (v) => typeof v === 'string';

/** A conversation named by `to_channel` / `to_contact` (empty counts as absent), with the endpoint's own wording for neither. */
function conversationOf(src, missingMessage) {
	const toChannel = src.to_channel ? String(src.to_channel) : undefined;
	const toContact = src.to_contact ? String(src.to_contact) : undefined;
	if (toChannel === undefined && toContact === undefined) throw new ApiError(400, { code: 300, message: missingMessage });
	if (toChannel !== undefined && toContact !== undefined) {
		throw new ApiError(400, { code: 300, message: 'Invalid parameter: to_contact. Use either to_channel or to_contact, not both.' });
	}
	return { toChannel, toContact };
}

class TeamChatWriteMethods {
	/** The write scope check: 400 code 4711 "Invalid access token, does not contain scopes:[…]." (as the chat report's). */
	_checkWriteScope(rec, user, op) {
		const plain = WRITE_SCOPES[op];
		const admin = plain.map((s) => `${s}:admin`);
		const accepted = user === this._data.user ? [...plain, ...admin] : admin;
		const scopes = this._scopesOf(rec.headers);
		if (accepted.some((s) => scopes.includes(s))) return;
		const named = user === this._data.user ? plain : admin;
		throw new ApiError(400, { code: 4711, message: `Invalid access token, does not contain scopes:[${named.join(', ')}].` });
	}

	/**
	 * The conversation a write goes to, and its key for the send limits. A channel the user is not
	 * a member of exists (sending there: 400 5301) but is unknown to every other endpoint (404 4130).
	 */
	_writeTarget(toChannel, toContact, { sending }) {
		if (toChannel !== undefined) {
			const c = this._channelsById.get(toChannel);
			if (!c) {
				if (sending && this._nonMemberChannels.has(toChannel)) throw new ApiError(400, { code: 5301, message: 'Message sending failed.' });
				throw new ApiError(404, { code: 4130, message: `Channel does not exist: ${toChannel}.` });
			}
			if (sending && c.archived) throw new ApiError(400, { code: 5420, message: 'Can not send message to an archived channel.' });
			return { target: c, key: `ch:${c.id}`, where: { toChannel: c.id } };
		}
		const c = this._findContact(toContact);
		if (!c) throw new ApiError(404, { code: 1001, message: `User does not exist: ${toContact}.` });
		return { target: c, key: `ct:${c.person.id}`, where: { toContact: c.person.email } };
	}

	_channelLimiter() {
		if (!this._sendLimiter) this._sendLimiter = new ChannelSendLimiter();
		this._sendLimiter.scale = this.options.channelLimitScale !== undefined ? this.options.channelLimitScale : 1;
		if (this.options.channelClock) this._sendLimiter.clock = this.options.channelClock;
		return this._sendLimiter;
	}

	/** Zoom's per-channel send limits (also for a 1:1 conversation): throws the 429 when the conversation is over a window or blocked. */
	_channelGate(key, rec) {
		if (this.options.channelSendLimits === false) return;
		const r = this._channelLimiter().trySend(key);
		if (r.ok) return;
		rec.channelLimited = true;
		// Zoom documents nothing that tells this 429 from the account's per-second one: same body and headers.
		/** @type {Record<string,string>} */
		const headers = { 'X-RateLimit-Category': 'Medium', 'X-RateLimit-Type': 'QPS', 'X-RateLimit-Remaining': '0' };
		if (this.options.channelRetryAfter) headers['Retry-After'] = String(Math.max(1, Math.ceil(r.retryAfterMs / 1000)));
		throw new ApiError(429, { code: 429, message: QPS_MESSAGE }, headers);
	}

	/** channelSendStats(): blocks started, refused and accepted sends, overall and per conversation (`ch:<id>`, `ct:<userId>`). */
	channelSendStats() {
		return this._channelLimiter().stats();
	}

	/** The uploaded files named by file_ids (400 5404 "File does not exist: …" for an unknown one). */
	_filesOf(fileIds) {
		return fileIds.map((id) => {
			const up = this._uploads.get(id);
			if (!up) throw new ApiError(400, { code: 5404, message: `File does not exist: ${id}.` });
			return { file_id: up.file_id, file_name: up.file_name, file_size: up.file_size };
		});
	}

	/** The main message a reply goes to. Unknown (or deleted): 400 5301 (assumed: Zoom documents none); a reply: 400 5402. */
	_replyMain(target, replyId) {
		if (replyId === undefined) return undefined;
		const main = target.messages.find((m) => m.id === replyId && m.status !== 'Deleted');
		if (!main) throw new ApiError(400, { code: 5301, message: 'Message sending failed.' });
		if (main.reply_main_message_id !== undefined) throw new ApiError(400, { code: 5402, message: 'This only supports replies to a main message.' });
		return main;
	}

	/** A message the API created: stored in its conversation (time order) and remembered for sentMessages(). */
	_createTeamMessage(dest, user, fields, timestamp) {
		/** @type {any} */
		const m = {
			seq: this._seqCounter++,
			id: this._writeIdRng.uuid(),
			message: fields.message,
			sender: user.email,
			sender_member_id: user.member_id,
			sender_display_name: user.display_name,
			date_time: isoSec(Math.floor(timestamp / 1000)),
			timestamp,
			status: 'Normal',
		};
		if (fields.files && fields.files.length) m.files = fields.files;
		if (fields.at_items && fields.at_items.length) m.at_items = fields.at_items;
		if (fields.rich_text && fields.rich_text.length) m.rich_text = fields.rich_text;
		if (fields.interactive_cards && fields.interactive_cards.length) m.interactive_cards = fields.interactive_cards;
		if (fields.main) {
			m.reply_main_message_id = fields.main.id;
			m.reply_main_message_timestamp = fields.main.timestamp;
		}
		this._sent.push({ where: dest.where, key: dest.key, text: m.message, m });
		return m;
	}

	/** Puts a message into its conversation after the messages of the same or an earlier time. */
	_insertTeamMessage(target, m) {
		const arr = target.messages;
		let a = 0;
		let b = arr.length;
		while (a < b) {
			const mid = (a + b) >> 1;
			if (arr[mid].timestamp <= m.timestamp) a = mid + 1;
			else b = mid;
		}
		arr.splice(a, 0, m);
	}

	/** Scheduled messages whose time has come join their conversation (a draft is not listed before). */
	_releaseDrafts() {
		if (this._drafts.length === 0) return;
		const now = this._nowMs();
		const due = this._drafts.filter((d) => d.m.timestamp <= now);
		if (due.length === 0) return;
		this._drafts = this._drafts.filter((d) => d.m.timestamp > now);
		for (const d of due) this._insertTeamMessage(d.target, d.m);
	}

	/** A mention as Zoom serves it: `at_contact` is the user id, plus the member id (contact given by email or member id). */
	_servedMention(a) {
		/** @type {any} */
		const o = { at_type: a.at_type, start_position: a.start_position, end_position: a.end_position };
		if (a.at_type === 1) {
			const v = String(a.at_contact).toLowerCase();
			const p = this._people.find((x) => x.email.toLowerCase() === v || x.member_id.toLowerCase() === v || x.id.toLowerCase() === v);
			o.at_contact = p ? p.id : String(a.at_contact);
			if (p) o.at_contact_member_id = p.member_id;
		}
		return o;
	}

	/** Checks the send body's fields (Zoom's "Validation Failed." with the fields at fault). */
	_validateSendBody(b) {
		const bad = [];
		if (!isStr(b.message) || b.message.length > MAX_MESSAGE_LENGTH) bad.push('message');
		if (b.file_ids !== undefined && (!Array.isArray(b.file_ids) || b.file_ids.length > MAX_FILE_IDS || !b.file_ids.every(isStr))) bad.push('file_ids');
		if (b.interactive_cards !== undefined && (!Array.isArray(b.interactive_cards) || b.interactive_cards.length > MAX_CARDS || !b.interactive_cards.every((c) => c && isStr(c.card_json)))) {
			bad.push('interactive_cards');
		}
		if (b.at_items !== undefined) {
			const ok =
				Array.isArray(b.at_items) &&
				b.at_items.every((a) => a && (a.at_type === 1 || a.at_type === 2) && isInt(a.start_position) && isInt(a.end_position) && (a.at_type === 2 || (isStr(a.at_contact) && a.at_contact !== '')));
			if (!ok) bad.push('at_items');
		}
		if (b.rich_text !== undefined) {
			const ok =
				Array.isArray(b.rich_text) &&
				b.rich_text.every((r) => r && RICH_TEXT_TYPES.has(r.format_type) && isInt(r.start_position) && isInt(r.end_position) && (r.format_attr === undefined || isStr(r.format_attr)));
			if (!ok) bad.push('rich_text');
		}
		for (const f of ['to_channel', 'to_contact', 'reply_main_message_id', 'scheduled_time']) if (b[f] !== undefined && !isStr(b[f])) bad.push(f);
		if (bad.length) throw validationFailed(bad);
	}

	/** scheduled_time: yyyy-MM-dd'T'HH:mm:ss'Z', more than 30 minutes and at most 180 days ahead (by the `now` clock). */
	_scheduledAt(raw) {
		if (raw === undefined || raw === '') return undefined;
		const wrong = new ApiError(400, { code: 300, message: 'Invalid parameter: send_time. The time requirement is more than 30 minutes from now and within 180 days.' });
		if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(raw)) throw wrong;
		const ms = Date.parse(raw);
		if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== raw.slice(0, 19)) throw wrong;
		const now = this._nowMs();
		if (ms <= now + SCHEDULE_MIN_MS || ms > now + SCHEDULE_MAX_MS) throw wrong;
		return ms;
	}

	/** POST /chat/users/{userId}/messages → 201 {id}. */
	_handleSendMessage(userId, rec) {
		const user = this._resolveUser(userId);
		this._checkWriteScope(rec, user, 'send');
		const b = jsonBody(rec);
		this._validateSendBody(b);
		const { toChannel, toContact } = conversationOf(b, 'Must provide either contact or channel parameter.');
		const scheduledAt = this._scheduledAt(b.scheduled_time);
		const dest = this._writeTarget(toChannel, toContact, { sending: true });
		const files = this._filesOf(b.file_ids || []);
		const main = this._replyMain(dest.target, b.reply_main_message_id || undefined);
		this._channelGate(dest.key, rec);
		const m = this._createTeamMessage(
			dest,
			user,
			{
				message: b.message,
				files,
				main,
				at_items: (b.at_items || []).map((a) => this._servedMention(a)),
				rich_text: (b.rich_text || []).map((r) => ({ ...r })),
				interactive_cards: (b.interactive_cards || []).map((c) => ({ card_id: this._writeIdRng.hex(32), card_json: c.card_json })),
			},
			scheduledAt !== undefined ? scheduledAt : this._nowMs(),
		);
		if (scheduledAt !== undefined) {
			// Zoom: with scheduled_time the id is a draft's; it is listed from its time on.
			this._drafts.push({ target: dest.target, m });
		} else {
			this._insertTeamMessage(dest.target, m);
		}
		return { status: 201, body: { id: m.id } };
	}

	/** The message a get / update / delete / react names, if it exists and is not deleted. */
	_findTeamMessage(target, messageId) {
		return target.messages.find((m) => m.id === messageId && m.status !== 'Deleted');
	}

	/** GET /chat/users/{userId}/messages/{messageId}: the message in the get-one shape (reactions with user_ids / member_ids). */
	_handleGetMessage(userId, messageId, rec) {
		const user = this._resolveUser(userId);
		this._checkUserScope(rec, user, ['chat_message:read:admin', 'team_chat:read:user_message:admin', 'chat_message:write:admin'], {
			status: 400,
			body: { code: 200, message: "Unauthorized request. You do not have permission to access this user's chat messages." },
		});
		const q = rec.query;
		const { toChannel, toContact } = conversationOf(q, 'Must provide either "contact" or "channel" parameter.');
		const formats = q.download_file_formats;
		if (formats !== undefined && formats !== 'audio/mp4') throw new ApiError(400, { code: 300, message: 'Invalid parameter: download_file_formats.' });
		const { target } = this._writeTarget(toChannel, toContact, { sending: false });
		const m = this._findTeamMessage(target, messageId);
		// Zoom's documented answer for an unknown message on this endpoint (sic: "Channel").
		if (!m) throw new ApiError(400, { code: 300, message: `Channel does not exist: ${messageId}` });
		return { status: 200, body: this._serveTeamOne(m, formats === 'audio/mp4') };
	}

	_serveTeamOne(m, voiceAsMp4 = false) {
		const o = this._serveTeam(m, { voiceAsMp4 });
		if (o.reactions) {
			o.reactions = o.reactions.map((r) => ({
				emoji: r.emoji,
				total_count: r.total_count,
				user_ids: r.senders.filter((s) => s.user_id !== undefined).map((s) => s.user_id),
				member_ids: r.senders.map((s) => s.member_id),
			}));
		}
		return o;
	}

	/** Only the sender may update or delete a message (400 code 200). */
	_checkSender(m, user) {
		if (String(m.sender).toLowerCase() !== user.email.toLowerCase()) {
			throw new ApiError(400, { code: 200, message: 'Only the sender of this message can make updates.' });
		}
	}

	/**
	 * PUT /chat/users/{userId}/messages/{messageId} → 204. The schema has to_channel / to_contact in
	 * the body, the prose says "as a query parameter": both are read (the body first).
	 */
	_handleUpdateMessage(userId, messageId, rec) {
		const user = this._resolveUser(userId);
		this._checkWriteScope(rec, user, 'update');
		const b = jsonBody(rec);
		const bad = [];
		if (b.message !== undefined && (!isStr(b.message) || b.message.length > MAX_MESSAGE_LENGTH)) bad.push('message');
		if (b.file_ids !== undefined && (!Array.isArray(b.file_ids) || b.file_ids.length > MAX_FILE_IDS || !b.file_ids.every(isStr))) bad.push('file_ids');
		if (b.interactive_cards !== undefined && (!Array.isArray(b.interactive_cards) || b.interactive_cards.length > MAX_CARDS)) bad.push('interactive_cards');
		if (bad.length) throw validationFailed(bad);
		const src = b.to_channel || b.to_contact ? b : rec.query;
		const { toChannel, toContact } = conversationOf(src, 'Must provide either contact or channel parameter.');
		const { target } = this._writeTarget(toChannel, toContact, { sending: false });
		const m = this._findTeamMessage(target, messageId);
		if (!m) throw new ApiError(400, { code: 300, message: `Message does not exist: ${messageId}.` });
		this._checkSender(m, user);
		let files;
		if (b.file_ids !== undefined) {
			if (b.file_ids.length > 0 && !(m.files && m.files.length)) {
				throw new ApiError(400, { code: 300, message: 'A plain text message that is sent without any files is not allowed to update with the file.' });
			}
			files = this._filesOf(b.file_ids);
		}
		let changed = false;
		if (b.message !== undefined && b.message !== m.message) {
			m.message = b.message;
			changed = true;
		}
		if (files !== undefined) {
			// "If this field is empty, the files in the message will be cleared."
			if (files.length) m.files = files;
			else delete m.files;
			changed = true;
		}
		if (b.interactive_cards !== undefined) {
			if (b.interactive_cards.length) m.interactive_cards = b.interactive_cards.map((c) => ({ card_id: c.card_id || this._writeIdRng.hex(32), card_json: c.card_json }));
			else delete m.interactive_cards;
			changed = true;
		}
		if (changed) m.status = 'Edited';
		return { status: 204, body: undefined };
	}

	/** DELETE /chat/users/{userId}/messages/{messageId} → 204; the message is then listed only with include_deleted_and_edited_message (status Deleted). */
	_handleDeleteMessage(userId, messageId, rec) {
		const user = this._resolveUser(userId);
		this._checkWriteScope(rec, user, 'delete');
		const { toChannel, toContact } = conversationOf(rec.query, 'You must provide the "to_contact" or the "to_channel" query parameter.');
		const { target } = this._writeTarget(toChannel, toContact, { sending: false });
		const m = this._findTeamMessage(target, messageId);
		if (!m) throw new ApiError(400, { code: 300, message: `Channel does not exist: ${messageId}` });
		this._checkSender(m, user);
		m.status = 'Deleted';
		return { status: 204, body: undefined };
	}

	/**
	 * PATCH /chat/users/{userId}/messages/{messageId}/emoji_reactions → 204. A user's reactions are
	 * a set: adding an emoji the user has already added changes nothing, removing one the user has
	 * not added changes nothing (Zoom documents no error for either; both are safe to retry).
	 */
	_handleReaction(userId, messageId, rec) {
		const user = this._resolveUser(userId);
		this._checkWriteScope(rec, user, 'react');
		const b = jsonBody(rec);
		const bad = [];
		if (b.action !== 'add' && b.action !== 'remove') bad.push('action');
		const custom = b.custom_emoji === true;
		if (custom ? !isStr(b.custom_emoji_id) || b.custom_emoji_id === '' : !isStr(b.emoji) || !EMOJI_RE.test(b.emoji.trim())) bad.push(custom ? 'custom_emoji_id' : 'emoji');
		if (bad.length) throw validationFailed(bad);
		const { toChannel, toContact } = conversationOf(b, 'Must provide either contact or channel parameter.');
		const { target } = this._writeTarget(toChannel, toContact, { sending: false });
		const m = this._findTeamMessage(target, messageId);
		if (!m) throw new ApiError(400, { code: 300, message: `Message does not exist: ${messageId}` });
		const emoji = custom ? b.custom_emoji_id : b.emoji.trim().toUpperCase();
		const isUser = (s) => (typeof s === 'string' ? s.toLowerCase() === user.email.toLowerCase() : s && s.user_id === user.id);
		const reactions = m.reactions || [];
		let r = reactions.find((x) => x.emoji === emoji);
		if (b.action === 'add') {
			if (r && r.senders.some(isUser)) return { status: 204, body: undefined };
			if (!r) {
				r = { emoji, total_count: 0, senders: [] };
				reactions.push(r);
			}
			r.senders.push(user.email);
			r.total_count++;
			m.reactions = reactions;
		} else if (r && r.senders.some(isUser)) {
			r.senders = r.senders.filter((s) => !isUser(s));
			r.total_count = Math.max(0, r.total_count - 1);
			if (r.total_count === 0) m.reactions = reactions.filter((x) => x !== r);
			if (m.reactions && m.reactions.length === 0) delete m.reactions;
		}
		return { status: 204, body: undefined };
	}

	/**
	 * Oracle: every message created through the API (send, send a file), in the order they were
	 * created, optionally for one conversation: `{id, text (as sent), message (now), status, toChannel | toContact, timestamp, scheduled}`.
	 */
	sentMessages(filter = {}) {
		this._releaseDrafts();
		const wantChannel = filter.channel !== undefined ? filter.channel : filter.toChannel;
		const wantContact = filter.contact !== undefined ? filter.contact : filter.toContact;
		let contactKey;
		if (wantContact !== undefined) {
			const c = this._findContact(wantContact);
			contactKey = c ? `ct:${c.person.id}` : `ct:?${wantContact}`;
		}
		return this._sent
			.filter((s) => (wantChannel === undefined || s.key === `ch:${wantChannel}`) && (contactKey === undefined || s.key === contactKey))
			.map((s) => ({
				id: s.m.id,
				text: s.text,
				message: s.m.message,
				status: s.m.status,
				...s.where,
				timestamp: s.m.timestamp,
				scheduled: this._drafts.some((d) => d.m === s.m),
				...(s.m.files ? { files: s.m.files.map((f) => ({ ...f })) } : {}),
			}));
	}

	/**
	 * Adds a channel: `member` (default true) lists it after the others; `member: false` makes it a
	 * channel of the account the user is not in (sending there: 400 5301; other endpoints: 404 4130);
	 * `archived: true` refuses sends with 400 5420.
	 */
	addTeamChatChannel(o = {}) {
		if (!o.id) throw new Error('addTeamChatChannel needs an id');
		if (this._channelsById.has(o.id) || this._nonMemberChannels.has(o.id)) throw new Error(`Channel exists already: ${o.id}`);
		const c = {
			id: o.id,
			name: o.name !== undefined ? o.name : o.id,
			type: o.type !== undefined ? o.type : 1,
			jid: `${String(o.id).replace(/[^a-z0-9]/gi, '').toLowerCase()}@conference.xmpp.zoom.us`,
			channel_settings: { new_members_can_see_previous_messages_files: true, allow_to_add_external_users: 0, posting_permissions: 1, mention_all_permissions: 1 },
			messages: [],
			archived: !!o.archived,
		};
		if (o.member === false) this._nonMemberChannels.set(c.id, c);
		else {
			this._data.channels.push(c);
			this._channelsById.set(c.id, c);
		}
		return this._channelObject(c);
	}
}

module.exports = { TeamChatWriteMethods, WRITE_SCOPES, jsonBody, conversationOf, validationFailed, MAX_MESSAGE_LENGTH };
