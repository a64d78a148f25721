'use strict';
/**
 * Team Chat: the user's sessions list (GET /chat/users/{userId}/sessions) and the message search
 * (`search_type` / `search_key` on GET /chat/users/{userId}/messages). Methods of ZoomSimulator.
 * Both are derived from the Team Chat data the simulator already holds (channels and contacts).
 */
const { isoSec } = require('./dataset');
const { ApiError, invalidParam } = require('./common');
const { parsePageSize, parseInstant, inSecondRange, teamChatConversation, teamChatRange } = require('./params');

/** As for the messages endpoint: "only past chat messages in recent 6 months", read as 180 days. */
/** Zoom's longest search_key. */
const MAX_SEARCH_KEY = 256;

class TeamChatListMethods {
	/**
	 * The sessions (conversations) of the owner with a message (not deleted) in [fromMs, toMs] at
	 * whole-second granularity: its channels with messages as `groupchat`, its contacts as `1:1`.
	 * Newest activity first. Zoom documents the fields, not which sessions a range lists: assumed
	 * here, the ones with a message in the range.
	 */
	_teamSessions(type, fromMs, toMs_) {
		const out = [];
		const lastIn = (messages) => {
			let last;
			for (const m of messages) if (m.status !== 'Deleted' && inSecondRange(m.timestamp, fromMs, toMs_) && (!last || m.timestamp >= last.timestamp)) last = m;
			return last;
		};
		if (type !== '1:1') {
			for (const c of this._data.channels) {
				const last = lastIn(c.messages);
				if (last) out.push({ key: `ch:${c.id}`, last, session: { channel_id: c.id, name: c.name, type: 'groupchat', last_message_sent_time: last.date_time } });
			}
		}
		if (type !== 'groupchat') {
			for (const c of this._data.contacts) {
				const last = lastIn(c.messages);
				if (!last) continue;
				const p = c.person;
				out.push({
					key: `ct:${p.email}`,
					last,
					session: { name: p.email, type: '1:1', last_message_sent_time: last.date_time, peer_contact_email: p.email, peer_contact_user_id: p.id, peer_contact_member_id: p.member_id },
				});
			}
		}
		out.sort((a, b) => b.last.timestamp - a.last.timestamp || (a.key < b.key ? -1 : 1));
		return out;
	}

	_handleTeamSessions(userId, rec, fault) {
		const user = this._resolveUser(userId);
		this._checkUserScope(rec, user, ['chat_message:read:admin', 'team_chat:read:list_user_sessions:admin'], {
			status: 403,
			body: { code: 200, message: "Unauthorized request. You do not have permission to access this user's chat sessions." },
		});
		const q = rec.query;
		if (q.type !== undefined && q.type !== '1:1' && q.type !== 'groupchat') throw new ApiError(404, { code: 1001, message: 'Unknown session type.' });
		// from/to default to the start and the end of today (UTC by the simulator's clock).
		const today = isoSec(Math.floor(this._nowMs() / 1000)).slice(0, 10);
		const fromMs = q.from !== undefined ? parseInstant(q.from, 'from') : Date.parse(`${today}T00:00:00Z`);
		const toMs_ = q.to !== undefined ? parseInstant(q.to, 'to') : Date.parse(`${today}T23:59:59Z`);
		if (Math.floor(toMs_ / 1000) < Math.floor(fromMs / 1000)) throw new ApiError(400, { code: 300, message: 'Invalid parameter: to. It must not be earlier than from.' });
		const pageSize = parsePageSize(q.page_size, 10);
		const list = this._teamSessions(q.type, fromMs, toMs_);
		const binding = `teamSessions|${user.id}|${q.type || ''}|${q.from || ''}|${q.to || ''}|${pageSize}`;
		const { items, next } = this._page(list, (s) => s.key, binding, pageSize, rec, fault);
		/** @type {any} */
		const body = { from: isoSec(Math.floor(fromMs / 1000)), to: isoSec(Math.floor(toMs_ / 1000)), page_size: pageSize, next_page_token: next, sessions: items.map((s) => ({ ...s.session })) };
		if (fault && fault.type === 'missingMessages') delete body.sessions;
		return body;
	}

	/** The messages a search finds, newest first: Normal messages whose text (or a file name) holds the key, case-insensitive. */
	_teamSearchResults(targets, searchType, searchKey, fromMs, toMs_) {
		const key = searchKey.toLowerCase();
		const hits = [];
		for (const target of targets) {
			for (const m of target.messages) {
				if (m.status !== 'Normal' || !inSecondRange(m.timestamp, fromMs, toMs_)) continue;
				const found =
					searchType === 'file'
						? (m.files || []).some((f) => String(f.file_name).toLowerCase().includes(key))
						: String(m.message).toLowerCase().includes(key);
				if (found) hits.push(m);
			}
		}
		hits.sort((a, b) => b.timestamp - a.timestamp || b.seq - a.seq);
		return this.options.teamChatOrder === 'asc' ? hits.reverse() : hits;
	}

	/** GET /chat/users/{userId}/messages with search_type / search_key: with no channel or contact, all of them. */
	_handleTeamSearch(userId, rec, fault) {
		const user = this._resolveUser(userId);
		this._checkUserScope(rec, user, ['chat_message:read:admin', 'team_chat:read:list_user_messages:admin'], {
			status: 400,
			body: { code: 200, message: "Unauthorized request. You do not have permission to access this user's chat messages." },
		});
		const q = rec.query;
		if (q.search_type !== 'message' && q.search_type !== 'file') throw invalidParam('search_type');
		if (!q.search_key || q.search_key.length > MAX_SEARCH_KEY) throw invalidParam('search_key');
		// Zoom: the search cannot be combined with include_deleted_and_edited_message.
		if (q.include_deleted_and_edited_message !== undefined) throw invalidParam('include_deleted_and_edited_message');
		const { toChannel, toContact } = teamChatConversation(q, { required: false });
		const { fromMs, toMs: toMs_ } = teamChatRange(q, this._nowMs());
		const pageSize = parsePageSize(q.page_size, 10);
		const targets = toChannel !== undefined || toContact !== undefined ? [this._teamTarget(toChannel, toContact)] : [...this._data.channels, ...this._data.contacts];
		const list = this._teamSearchResults(targets, q.search_type, q.search_key, fromMs, toMs_);
		const where = toChannel !== undefined ? `ch:${toChannel}` : toContact !== undefined ? `ct:${toContact}` : 'all';
		const binding = `teamSearch|${user.id}|${where}|${q.search_type}|${q.search_key}|${q.from || ''}|${q.to || ''}|${pageSize}`;
		const { items, next } = this._page(list, (m) => m.seq, binding, pageSize, rec, fault);
		/** @type {any} */
		const body = { from: q.from !== undefined ? q.from : '', to: q.to !== undefined ? q.to : isoSec(Math.floor(toMs_ / 1000)), page_size: pageSize, next_page_token: next, messages: items.map((m) => this._serveTeam(m)) };
		if (body.messages.length === 0 || (fault && fault.type === 'missingMessages')) delete body.messages;
		return body;
	}
}

module.exports = { TeamChatListMethods };
