'use strict';
/** Parsing and checking of query parameters (page sizes, IM chat dates, Team Chat instants). */
const { DateTime } = require('luxon');
const { isoSec } = require('./dataset');
const { ApiError, invalidParam, toMs } = require('./common');

const YMD_RE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Parse a page_size query value: 1..max (Zoom documents 300 for the IM chat endpoints, 50 elsewhere). */
function parsePageSize(raw, dflt, max = 50) {
	if (raw === undefined) return dflt;
	if (!/^\d+$/.test(raw)) throw invalidParam('page_size');
	const n = Number(raw);
	if (n < 1 || n > max) throw invalidParam('page_size');
	return n;
}

/** Parse a strict yyyy-mm-dd calendar date (UTC) to a luxon DateTime. */
function parseYmd(raw, name) {
	if (raw === undefined || !YMD_RE.test(raw)) throw invalidParam(name);
	const y = Number(raw.slice(0, 4));
	const m = Number(raw.slice(5, 7));
	const d = Number(raw.slice(8, 10));
	const ms = Date.UTC(y, m - 1, d);
	const check = new Date(ms);
	if (y < 1 || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw invalidParam(name);
	return DateTime.fromMillis(ms, { zone: 'utc' });
}

/** The IM chat endpoints' range rule: `to` not before `from`, and at most one month. */
function checkImRange(fromDt, toDt) {
	if (toDt.toMillis() < fromDt.toMillis()) throw new ApiError(400, { code: 300, message: 'Invalid parameter: to. It must not be earlier than from.' });
	if (toDt.toMillis() > lastAllowedTo(fromDt)) {
		throw new ApiError(400, { code: 300, message: 'The date range defined by the from and to parameters should only be one month.' });
	}
}

const lastDayCache = new Map();
/** The last `to` allowed for `from` (yyyy-mm-dd): from.plus({months:1}).minus({days:1}), luxon calendar math in UTC. */
function lastAllowedTo(fromDt) {
	const key = fromDt.toMillis();
	let v = lastDayCache.get(key);
	if (v === undefined) {
		v = fromDt.plus({ months: 1 }).minus({ days: 1 }).toMillis();
		lastDayCache.set(key, v);
	}
	return v;
}

/** Parse a Team Chat instant 'yyyy-MM-ddTHH:mm:ss[.SSS]Z' to epoch ms. */
function parseInstant(raw, name) {
	if (!INSTANT_RE.test(raw)) throw invalidParam(name);
	const dt = DateTime.fromISO(raw, { zone: 'utc' });
	if (!dt.isValid) throw invalidParam(name);
	// Reject values luxon silently normalises (e.g. hour 24) by round-tripping the date part.
	if (dt.toFormat('yyyy-MM-dd') !== raw.slice(0, 10)) throw invalidParam(name);
	return dt.toMillis();
}

/** Normalise any ISO date-time to Zoom's IM form 'yyyy-MM-ddTHH:mm:ssZ'. */
function normaliseIso(v) {
	return isoSec(Math.floor(toMs(v) / 1000));
}

/** Inclusive second-granularity range filter for Team Chat timestamps. */
function inSecondRange(ts, fromMs, toMs_) {
	const s = Math.floor(ts / 1000);
	return (fromMs === undefined || s >= Math.floor(fromMs / 1000)) && (toMs_ === undefined || s <= Math.floor(toMs_ / 1000));
}

/** A `true` / `false` query flag (any case); `fallback` when it is not given. */
function booleanParam(q, name, fallback = false) {
	if (q[name] === undefined) return fallback;
	const v = q[name].toLowerCase();
	if (v !== 'true' && v !== 'false') throw invalidParam(name);
	return v === 'true';
}

/** Team Chat serves the last 6 months only (Zoom: "Only provide past chat messages in recent 6 months."). */
const TEAM_CHAT_HISTORY_MS = 180 * 24 * 3600 * 1000;

/**
 * The conversation of a Team Chat messages request: `to_channel` or `to_contact`, never both;
 * `required`: one of them must be there (reading), else neither means "all" (search).
 */
function teamChatConversation(q, { required }) {
	const toChannel = q.to_channel ? q.to_channel : undefined;
	const toContact = q.to_contact ? q.to_contact : undefined;
	if (required && toChannel === undefined && toContact === undefined) {
		throw new ApiError(400, { code: 300, message: 'Must provide either contact or channel parameter.' });
	}
	if (toChannel !== undefined && toContact !== undefined) {
		throw new ApiError(400, { code: 300, message: 'Invalid parameter: to_contact. Use either to_channel or to_contact, not both.' });
	}
	return { toChannel, toContact };
}

/**
 * The `from` / `to` instants of a Team Chat messages request (epoch ms; `to` defaults to now), checked
 * as Zoom checks them: `to` not before `from`, `from` within the last 6 months.
 */
function teamChatRange(q, nowMs) {
	const fromMs = q.from !== undefined ? parseInstant(q.from, 'from') : undefined;
	const toMs_ = q.to !== undefined ? parseInstant(q.to, 'to') : nowMs;
	if (fromMs !== undefined && Math.floor(toMs_ / 1000) < Math.floor(fromMs / 1000)) {
		throw new ApiError(400, { code: 300, message: 'Invalid parameter: to. It must not be earlier than from.' });
	}
	if (fromMs !== undefined && fromMs < nowMs - TEAM_CHAT_HISTORY_MS) {
		throw new ApiError(400, { code: 300, message: 'Only provide past chat messages in recent 6 months.' });
	}
	return { fromMs, toMs: toMs_ };
}

module.exports = {
	YMD_RE,
	TEAM_CHAT_HISTORY_MS,
	booleanParam,
	parsePageSize,
	parseYmd,
	checkImRange,
	parseInstant,
	normaliseIso,
	inSecondRange,
	teamChatConversation,
	teamChatRange,
};
