'use strict';
/**
 * The chat history report: GET /report/chat/sessions and /report/chat/sessions/{sessionId}, one
 * month per request and only within the last six months. Derived from the Team Chat data the
 * simulator holds: each channel with messages is a `Group` session, each contact a `1:1` one.
 * Methods of ZoomSimulator.
 */
const { DateTime } = require('luxon');
const { isoSec } = require('./dataset');
const { ApiError } = require('./common');
const { parsePageSize, parseYmd, checkImRange } = require('./params');

const REPORT_SCOPES = ['report_chat:read:admin', 'imchat:read:admin', 'report:read:list_chat_sessions:admin', 'report:read:chat_session:admin'];
/** An edit is stamped this long after the message it changed. */
const EDIT_DELAY_MS = 60_000;

class ReportMethods {
	/** Every report session of the account, in a fixed order: channels, then one-to-one chats. */
	_reportSessionsAll() {
		const owner = this._data.user;
		const sessions = this._data.channels.map((c) => ({ id: `ses-${c.id}`, kind: 'channel', target: c }));
		for (const c of this._data.contacts) sessions.push({ id: `ses-dm-${c.person.id}`, kind: 'contact', target: c, owner });
		return sessions;
	}

	_reportSessionObject(s) {
		const messages = s.target.messages;
		const last = messages.length ? messages[messages.length - 1].date_time : '';
		if (s.kind === 'channel') return { id: s.id, name: s.target.name, type: 'Group', channel_id: s.target.id, last_message_sent_time: last, status: 'active' };
		return { id: s.id, name: '', type: '1:1', last_message_sent_time: last, member_emails: [s.owner.email, s.target.person.email], has_external_member: false };
	}

	/** The messages of a session sent on the UTC days from..to (inclusive), oldest first. */
	_reportInRange(s, fromYmd, toYmd) {
		const lo = Date.parse(`${fromYmd}T00:00:00Z`);
		const hi = Date.parse(`${toYmd}T23:59:59.999Z`);
		return s.target.messages.filter((m) => m.timestamp >= lo && m.timestamp <= hi);
	}

	/** One report message: Zoom's report fields, reactions and bot fields only when asked for. */
	_reportMessage(s, m, q) {
		/** @type {any} */
		const o = {
			id: m.id,
			date_time: m.date_time,
			timestamp: m.timestamp,
			sender: m.sender,
			sender_member_id: m.sender_member_id,
			sender_display_name: m.sender_display_name,
			message: m.message,
		};
		if (s.kind === 'contact') {
			o.receiver = m.sender.toLowerCase() === s.owner.email.toLowerCase() ? s.target.person.email : s.owner.email;
			o.is_sender_external = false;
		}
		if (m.files && m.files.length) o.files = m.files.map((f) => ({ file_id: f.file_id, file_name: f.file_name, file_size: f.file_size, download_url: this._downloadUrl(f) }));
		if (m.reply_main_message_id !== undefined) {
			o.reply_main_message_id = m.reply_main_message_id;
			o.reply_main_message_timestamp = m.reply_main_message_timestamp;
		}
		if (m.reactions && q.include_reactions === 'true') {
			o.reactions = m.reactions.map((r) => {
				const senders = r.senders.map((x) => this._reactionSender(x));
				return { emoji: r.emoji, total_count: r.total_count, user_ids: senders.map((x) => x.user_id).filter(Boolean), member_ids: senders.map((x) => x.member_id) };
			});
		}
		// Zoom's report shape: {is_markdown_support, source, external_sender_email, content} with the bot's JSON under `content`.
		if (m.bot_message && q.include_bot_message === 'true') {
			o.bot_message = { is_markdown_support: false, source: 'chatbot', external_sender_email: '', content: JSON.parse(JSON.stringify(m.bot_message)) };
		}
		return o;
	}

	/** Report reads need an admin report scope; Zoom's answer to a token without it is assumed to be its generic 4711. */
	_checkReportScope(rec) {
		const scopes = this._scopesOf(rec.headers);
		if (REPORT_SCOPES.some((s) => scopes.includes(s))) return;
		throw new ApiError(400, { code: 4711, message: 'Invalid access token, does not contain scopes:[report_chat:read:admin, imchat:read:admin].' });
	}

	/** from/to as the IM chat endpoints take them, and "within the last six months" (calendar months, UTC). */
	_reportRange(q) {
		const from = parseYmd(q.from, 'from');
		const to = parseYmd(q.to, 'to');
		checkImRange(from, to);
		const earliest = DateTime.fromMillis(this._nowMs(), { zone: 'utc' }).startOf('day').minus({ months: 6 });
		if (from < earliest) throw new ApiError(400, { code: 300, message: 'The date range must be within the last six months.' });
		return { from: q.from, to: q.to };
	}

	_handleReportSessions(rec, fault) {
		this._checkReportScope(rec);
		const q = rec.query;
		const { from, to } = this._reportRange(q);
		const pageSize = parsePageSize(q.page_size, 30, 300);
		const list = this._reportSessionsAll().filter((s) => this._reportInRange(s, from, to).length > 0);
		const binding = `reportSessions|${from}|${to}|${pageSize}`;
		const { items, next } = this._page(list, (s) => s.id, binding, pageSize, rec, fault);
		/** @type {any} */
		const body = { from, to, page_size: pageSize, next_page_token: next, sessions: items.map((s) => this._reportSessionObject(s)) };
		if (fault && fault.type === 'missingMessages') delete body.sessions;
		return body;
	}

	/**
	 * `messages` holds the Normal and Edited messages (paged); `edited_messages` the Edited ones and
	 * `deleted_messages` the Deleted ones, when include_fields names them. Zoom pages only
	 * `messages` and does not say where the other two lists go: they come on the first page, or on
	 * every page with the option `reportChangesOnEveryPage`.
	 */
	_handleReportMessages(sessionId, rec, fault) {
		this._checkReportScope(rec);
		const q = rec.query;
		const { from, to } = this._reportRange(q);
		const pageSize = parsePageSize(q.page_size, 30, 100);
		const fields = String(q.include_fields || '').split(',').filter(Boolean);
		for (const f of fields) if (f !== 'edited_messages' && f !== 'deleted_messages') throw new ApiError(400, { code: 300, message: 'Invalid parameter: include_fields.' });
		const s = this._reportSessionsAll().find((x) => x.id === sessionId);
		if (!s) throw new ApiError(404, { code: 4130, message: `Chat session does not exist: ${sessionId}.` });
		const inRange = this._reportInRange(s, from, to);
		const list = inRange.filter((m) => m.status !== 'Deleted');
		const binding = `reportMessages|${sessionId}|${from}|${to}|${pageSize}|${q.include_fields || ''}|${q.include_reactions || ''}|${q.include_bot_message || ''}`;
		const { items, next, start } = this._page(list, (m) => m.seq, binding, pageSize, rec, fault);
		/** @type {any} */
		const body = { from, to, page_size: pageSize, next_page_token: next, messages: items.map((m) => this._reportMessage(s, m, q)) };
		if (start === 0 || this.options.reportChangesOnEveryPage) {
			if (fields.includes('edited_messages')) {
				body.edited_messages = inRange.filter((m) => m.status === 'Edited').map((m) => ({ ...this._reportMessage(s, m, q), action_timestamp: m.timestamp + EDIT_DELAY_MS }));
			}
			if (fields.includes('deleted_messages')) {
				body.deleted_messages = inRange.filter((m) => m.status === 'Deleted').map((m) => ({ ...this._reportMessage(s, m, q), action_timestamp: m.timestamp + EDIT_DELAY_MS }));
			}
		}
		if (fault && fault.type === 'missingMessages') delete body.messages;
		return body;
	}
}

module.exports = { ReportMethods, REPORT_SCOPES, EDIT_DELAY_MS };
