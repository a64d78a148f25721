'use strict';
/**
 * The data API: oracles (what the endpoints serve, without paging) and mutators (add sessions and
 * messages while the simulator runs). Methods of ZoomSimulator.
 */
const { isoSec } = require('./dataset');
const { toMs } = require('./common');
const { YMD_RE, normaliseIso } = require('./params');
const { serveIm } = require('./im-chat');

class OracleMethods {
	sessions() {
		return this._data.im.map((s) => this._sessionObject(s, false));
	}

	_session(sessionId) {
		const s = this._imById.get(sessionId);
		if (!s) throw new Error(`Unknown IM session: ${sessionId}`);
		return s;
	}

	/** Full ordered list the IM API serves for the inclusive UTC-day range (no one-month limit here). */
	imMessages(sessionId, fromYmd, toYmd) {
		if (!YMD_RE.test(fromYmd) || !YMD_RE.test(toYmd)) throw new Error('imMessages(sessionId, fromYmd, toYmd) expects yyyy-mm-dd dates');
		return this._imOrdered(this._session(sessionId), fromYmd, toYmd).map(serveIm);
	}

	/** A new, empty IM chat session, listed after the others (give it messages with addImMessage). */
	addImSession(session) {
		if (!session || typeof session.session_id !== 'string' || session.session_id === '') throw new Error('addImSession needs a session_id');
		if (this._imById.has(session.session_id)) throw new Error(`IM session exists already: ${session.session_id}`);
		const s = { session_id: session.session_id, name: session.name !== undefined ? session.name : session.session_id, type: session.type || 'Group', messages: [] };
		this._data.im.push(s);
		this._imById.set(s.session_id, s);
		return this._sessionObject(s, false);
	}

	addImMessage(sessionId, msg) {
		const s = this._session(sessionId);
		if (!msg || msg.date_time === undefined) throw new Error('addImMessage needs date_time');
		const m = {
			seq: this._seqCounter++,
			date_time: normaliseIso(msg.date_time),
			sender: msg.sender !== undefined ? msg.sender : this._data.user.email,
			message: msg.message !== undefined ? msg.message : '',
		};
		const arr = s.messages;
		let a = 0;
		let b = arr.length;
		while (a < b) {
			const mid = (a + b) >> 1;
			if (arr[mid].date_time <= m.date_time) a = mid + 1;
			else b = mid;
		}
		arr.splice(a, 0, m);
		return serveIm(m);
	}

	channels(userId = 'me') {
		try {
			this._resolveUser(userId);
		} catch (e) {
			throw new Error(e.message);
		}
		return this._data.channels.map((c) => this._channelObject(c));
	}

	_oracleTarget(o) {
		try {
			if (o.userId !== undefined) this._resolveUser(o.userId);
			return this._teamTarget(o.toChannel, o.toChannel === undefined ? o.toContact : undefined);
		} catch (e) {
			throw new Error(e.message);
		}
	}

	teamChatMessages(o = {}) {
		if (o.toChannel === undefined && o.toContact === undefined) throw new Error('teamChatMessages needs toChannel or toContact');
		this._releaseDrafts();
		const target = this._oracleTarget(o);
		const fromMs = o.from !== undefined ? toMs(o.from) : undefined;
		const toMs_ = o.to !== undefined ? toMs(o.to) : undefined;
		const include = !!o.includeDeletedAndEdited;
		return this._teamOrdered(target, fromMs, toMs_, include, !!o.excludeChildMessage).map((m) =>
			this._serveTeam(m, { withStatus: include, voiceAsMp4: !!o.voiceAsMp4 }),
		);
	}

	/**
	 * The bytes a file's download serves: exactly `file_size` bytes, its id repeated (so that each
	 * file's content differs and a test can compare them). Throws for an unknown file.
	 */
	fileContent(fileId) {
		// A file uploaded through the API serves exactly its bytes.
		const up = this._uploads.get(fileId);
		if (up) return Buffer.from(up.bytes);
		const f = this._findFile(fileId);
		if (!f) throw new Error(`Unknown file: ${fileId}`);
		const unit = Buffer.from(`${f.file_id}\n`, 'utf8');
		const out = Buffer.alloc(f.file_size);
		for (let i = 0; i < out.length; i += unit.length) unit.copy(out, i, 0, Math.min(unit.length, out.length - i));
		return out;
	}

	addTeamChatMessage(o = {}) {
		if (o.toChannel === undefined && o.toContact === undefined) throw new Error('addTeamChatMessage needs toChannel or toContact');
		const target = this._oracleTarget(o);
		const senderEmail = o.sender !== undefined ? o.sender : this._data.user.email;
		const person = this._people.find((p) => p.email.toLowerCase() === String(senderEmail).toLowerCase());
		const timestamp = o.timestamp !== undefined ? toMs(o.timestamp) : o.date_time !== undefined ? toMs(o.date_time) : this._nowMs();
		/** @type {any} */
		const m = {
			seq: this._seqCounter++,
			id: o.id !== undefined ? o.id : this._idRng.uuid(),
			message: o.message !== undefined ? o.message : '',
			sender: senderEmail,
			sender_member_id:
				o.send_member_id !== undefined ? o.send_member_id : o.sender_member_id !== undefined ? o.sender_member_id : person ? person.member_id : `mbr${this._idRng.hex(12)}`,
			sender_display_name: o.sender_display_name !== undefined ? o.sender_display_name : person ? person.display_name : senderEmail,
			date_time: isoSec(Math.floor(timestamp / 1000)),
			timestamp,
			status: o.status || 'Normal',
		};
		if (o.files) m.files = o.files.map((f) => ({ file_id: f.file_id || this._idRng.alnum(22), file_name: f.file_name, file_size: f.file_size || 0 }));
		if (o.reactions) m.reactions = o.reactions.map((r) => ({ emoji: r.emoji, total_count: r.total_count !== undefined ? r.total_count : (r.senders || []).length, senders: [...(r.senders || [])] }));
		if (o.at_items) m.at_items = o.at_items.map((a) => ({ ...a }));
		if (o.bot_message !== undefined) m.bot_message = o.bot_message;
		if (o.reply_main_message_id !== undefined) {
			m.reply_main_message_id = o.reply_main_message_id;
			m.reply_main_message_timestamp = o.reply_main_message_timestamp;
		}
		const arr = target.messages;
		let a = 0;
		let b = arr.length;
		while (a < b) {
			const mid = (a + b) >> 1;
			if (arr[mid].timestamp <= timestamp) a = mid + 1;
			else b = mid;
		}
		arr.splice(a, 0, m);
		// As the list endpoint serves it by default (without `status`: see _serveTeam).
		return this._serveTeam(m);
	}
}

module.exports = { OracleMethods };
