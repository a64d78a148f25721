'use strict';
/** The IM chat endpoints: GET /im/chat/sessions and /im/chat/sessions/{sessionId}. Methods of ZoomSimulator. */
const { ApiError, HUGE_PAGE_COUNT } = require('./common');
const { parsePageSize, parseYmd, checkImRange } = require('./params');

/** Zoom's largest page_size for the IM chat endpoints (sessions and messages). */
const IM_MAX_PAGE_SIZE = 300;

class ImChatMethods {
	_imOrdered(session, fromYmd, toYmd) {
		const msgs = session.messages;
		const lo = fromYmd + 'T00:00:00Z';
		const hi = toYmd + 'T23:59:59Z';
		let a = 0;
		let b = msgs.length;
		while (a < b) {
			const m = (a + b) >> 1;
			if (msgs[m].date_time < lo) a = m + 1;
			else b = m;
		}
		let c = a;
		let d = msgs.length;
		while (c < d) {
			const m = (c + d) >> 1;
			if (msgs[m].date_time <= hi) c = m + 1;
			else d = m;
		}
		const slice = msgs.slice(a, c);
		return this.options.imOrder === 'desc' ? slice.reverse() : slice;
	}

	_handleImSessions(rec, fault) {
		const q = rec.query;
		const fromDt = parseYmd(q.from, 'from');
		const toDt = parseYmd(q.to, 'to');
		const pageSize = parsePageSize(q.page_size, 30, IM_MAX_PAGE_SIZE);
		checkImRange(fromDt, toDt);
		const { from, to } = q;
		// Zoom lists the sessions "of a user in a date range"; modelled as: the sessions with a
		// message on one of its UTC days, in the dataset's order.
		const list = this._data.im.filter((s) => this._imOrdered(s, from, to).length > 0);
		const binding = `imSessions|${from}|${to}|${pageSize}`;
		const { items, next } = this._page(list, (s) => s.session_id, binding, pageSize, rec, fault);
		/** @type {any} */
		const body = { from, to, page_size: pageSize, next_page_token: next, sessions: items.map((s) => this._sessionObject(s, true)) };
		if (fault && fault.type === 'missingMessages') delete body.sessions;
		return body;
	}

	_sessionObject(s, withLast) {
		/** @type {any} */
		const o = { session_id: s.session_id, name: s.name, type: s.type };
		if (withLast) {
			const m = s.messages;
			o.last_message_sent_time = m.length ? m[m.length - 1].date_time : '';
		}
		return o;
	}

	_handleImMessages(sessionId, rec, fault) {
		const q = rec.query;
		const from = parseYmd(q.from, 'from');
		const to = parseYmd(q.to, 'to');
		const pageSize = parsePageSize(q.page_size, 30, IM_MAX_PAGE_SIZE);
		checkImRange(from, to);
		const session = this._imById.get(sessionId);
		if (!session) throw new ApiError(404, { code: 4130, message: `Chat session does not exist: ${sessionId}.` });
		const list = this._imOrdered(session, q.from, q.to);
		const binding = `imMessages|${sessionId}|${q.from}|${q.to}|${pageSize}`;
		const { items, next } = this._page(list, (m) => m.seq, binding, pageSize, rec, fault);
		let messages = items.map(serveIm);
		if (fault && fault.type === 'hugePage' && fault.pad !== false) {
			const count = fault.count || HUGE_PAGE_COUNT;
			for (let i = messages.length; i < count; i++) {
				messages.push({ date_time: `${q.from}T12:00:00Z`, sender: 'flood@example.com', message: `hugePage filler ${i + 1}` });
			}
		}
		/** @type {any} */
		const body = { from: q.from, to: q.to, page_size: pageSize, next_page_token: next, session_id: sessionId, messages };
		// Zoom's reference does not promise `messages`; Team Chat's schema (same family) makes it
		// optional, so an empty range is served the way that allows: without the list.
		if (messages.length === 0 && !next) delete body.messages;
		if (fault && fault.type === 'missingMessages') delete body.messages;
		return body;
	}
}

/** An IM message as the API serves it. */
function serveIm(m) {
	return { date_time: m.date_time, sender: m.sender, message: m.message };
}

module.exports = { ImChatMethods, serveIm };
