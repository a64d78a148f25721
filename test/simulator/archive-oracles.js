'use strict';
/**
 * Oracles for the listing, search and report endpoints: what each serves for a query, all pages
 * together, in the served order (fresh copies). Methods of ZoomSimulator.
 */
const { toMs } = require('./common');
const { YMD_RE } = require('./params');
const { EDIT_DELAY_MS } = require('./report');

class ArchiveOracleMethods {
	/** GET /chat/users/{userId}/sessions for [from, to] (ISO instants, Dates or ms; inclusive to the second). */
	teamChatSessions(o = {}) {
		this._resolveUserForOracle(o.userId);
		return this._teamSessions(o.type, toMs(o.from), toMs(o.to)).map((s) => ({ ...s.session }));
	}

	/** The search of GET /chat/users/{userId}/messages: `searchType` 'message' | 'file', optional toChannel / toContact. */
	teamChatSearch(o = {}) {
		this._resolveUserForOracle(o.userId);
		let targets;
		try {
			targets = o.toChannel !== undefined || o.toContact !== undefined ? [this._teamTarget(o.toChannel, o.toChannel === undefined ? o.toContact : undefined)] : [...this._data.channels, ...this._data.contacts];
		} catch (e) {
			throw new Error(e.message);
		}
		return this._teamSearchResults(targets, o.searchType, o.searchKey, o.from !== undefined ? toMs(o.from) : undefined, o.to !== undefined ? toMs(o.to) : undefined).map((m) => this._serveTeam(m));
	}

	/** GET /report/chat/sessions for the UTC days from..to (no one-month or six-month rule here). */
	reportSessions(fromYmd, toYmd) {
		if (!YMD_RE.test(fromYmd) || !YMD_RE.test(toYmd)) throw new Error('reportSessions(fromYmd, toYmd) expects yyyy-mm-dd dates');
		return this._reportSessionsAll()
			.filter((s) => this._reportInRange(s, fromYmd, toYmd).length > 0)
			.map((s) => this._reportSessionObject(s));
	}

	/**
	 * GET /report/chat/sessions/{sessionId} for the UTC days from..to, all pages: `messages`, and
	 * `edited_messages` / `deleted_messages` when asked (options edited, deleted, reactions, bot).
	 */
	reportMessages(sessionId, fromYmd, toYmd, options = {}) {
		const s = this._reportSessionsAll().find((x) => x.id === sessionId);
		if (!s) throw new Error(`Unknown report session: ${sessionId}`);
		const q = { include_reactions: options.reactions ? 'true' : undefined, include_bot_message: options.bot ? 'true' : undefined };
		const inRange = this._reportInRange(s, fromYmd, toYmd);
		const result = { messages: inRange.filter((m) => m.status !== 'Deleted').map((m) => this._reportMessage(s, m, q)) };
		const stamped = (m) => ({ ...this._reportMessage(s, m, q), action_timestamp: m.timestamp + EDIT_DELAY_MS });
		if (options.edited) result.edited_messages = inRange.filter((m) => m.status === 'Edited').map(stamped);
		if (options.deleted) result.deleted_messages = inRange.filter((m) => m.status === 'Deleted').map(stamped);
		return result;
	}

	_resolveUserForOracle(userId) {
		try {
			this._resolveUser(userId === undefined ? 'me' : userId);
		} catch (e) {
			throw new Error(e.message);
		}
	}
}

module.exports = { ArchiveOracleMethods };
