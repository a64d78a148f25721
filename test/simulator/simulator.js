'use strict';
/**
 * ZoomSimulator: a real HTTP server on 127.0.0.1 that behaves like the parts of Zoom's API used by
 * n8n-nodes-zoom-im (IM chat sessions/messages, Team Chat channels/messages, OAuth token endpoint).
 * See README.md in this folder.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { DateTime } = require('luxon');
const { buildDataset, isoSec } = require('./dataset');
const { Rng } = require('./prng');

/** Scopes of tokens a user grants (authorization code, refresh, issueTokens()). */
const SCOPE = 'imchat:read chat_message:read chat_channel:read';
/** Scopes of server-to-server (account) tokens: such apps read on behalf of the account's users. */
const ACCOUNT_SCOPE = 'imchat:read chat_message:read:admin chat_channel:read:admin';
const JSON_CT = 'application/json;charset=UTF-8';
const EXPIRES_IN = 3599;
const REFRESH_TTL_MS = 90 * 24 * 3600 * 1000;
const AUTH_CODE_TTL_MS = 10 * 60 * 1000;
const HUGE_PAGE_COUNT = 10000;

const LIST_KINDS = new Set(['imSessions', 'imMessages', 'channels', 'teamMessages']);
const MESSAGE_KINDS = new Set(['imMessages', 'teamMessages']);
/** Faults that change a normal answer (they only apply to requests that would otherwise succeed). */
const MODIFIER_FAULTS = new Set(['expirePageToken', 'missingMessages', 'repeatToken', 'hugePage']);
const FAULT_TYPES = new Set([
	'http',
	'rateLimit',
	'serverError',
	'reset',
	'hang',
	'expireAccessToken',
	'expirePageToken',
	'nonJson',
	'missingMessages',
	'repeatToken',
	'hugePage',
	'echoAuth',
	'latency',
]);

const QPS_MESSAGE = 'You have reached the maximum per-second rate limit for this API. Try again later.';
const DAILY_MESSAGE =
	'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.';

/** X-RateLimit-Category by request kind (the rate-limit label Zoom's reference gives each endpoint). */
const RATE_CATEGORY = { imSessions: 'Heavy', imMessages: 'Medium', channels: 'Medium', teamMessages: 'Medium' };
/**
 * Team Chat serves "only past chat messages in recent 6 months". Zoom does not say how it counts
 * them; the simulator takes the strictest usual reading, 180 days before its `now`, to the second.
 */
const TEAM_CHAT_HISTORY_MS = 180 * 24 * 3600 * 1000;

const YMD_RE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

class ApiError extends Error {
	/** @param {number} status @param {any} body */
	constructor(status, body) {
		super(typeof body === 'object' ? body.message || body.reason : String(body));
		this.status = status;
		this.body = body;
	}
}

const invalidParam = (name) => new ApiError(400, { code: 300, message: `Invalid parameter: ${name}.` });

function safeDecode(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

/** Random alphanumeric string (page tokens, codes). */
function randomAlnum(n) {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(n);
	let s = '';
	for (let i = 0; i < n; i++) s += chars[bytes[i] % 62];
	return s;
}

/** @param {unknown} v @returns {number} epoch ms */
function toMs(v) {
	if (v instanceof Date) return v.getTime();
	if (typeof v === 'number') return v;
	if (v && typeof v === 'object' && typeof (/** @type {any} */ (v).toMillis) === 'function') return /** @type {any} */ (v).toMillis();
	if (typeof v === 'string') {
		const ms = Date.parse(v);
		if (!Number.isNaN(ms)) return ms;
	}
	throw new Error(`Not a date/time: ${String(v)}`);
}

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

/** Zoom's largest page_size for the IM chat endpoints (sessions and messages). */
const IM_MAX_PAGE_SIZE = 300;

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

class ZoomSimulator {
	/** @param {import('./index').ZoomSimulatorOptions} [options] */
	constructor(options = {}) {
		this.options = {
			seed: 42,
			latencyMs: 0,
			now: () => new Date(),
			rateLimitPerSecond: undefined,
			pageTokenTtlMs: 15 * 60 * 1000,
			imOrder: 'asc',
			teamChatOrder: 'desc',
			apiUrlInTokenResponse: false,
			trailingEmptyPage: false,
			dataset: 'default',
			port: 0,
			host: '127.0.0.1',
			...options,
		};
		this.client = { clientId: 'sim-client-id', clientSecret: 'sim-client-secret', accountId: 'sim-account-id' };
		/** @type {any[]} */
		this.requests = [];
		this.url = '';
		this.apiBaseUrl = '';
		this.oauthBaseUrl = '';
		this.regionalApiBaseUrl = '';

		const data = buildDataset(this.options.seed, this.options.dataset);
		this._data = data;
		this._imById = new Map(data.im.map((s) => [s.session_id, s]));
		this._channelsById = new Map(data.channels.map((c) => [c.id, c]));
		this._people = data.people;
		this._seqCounter = 1e9; // seq for messages added at run time
		this._idRng = new Rng(this.options.seed, 'runtime-ids');

		this._accessTokens = new Map();
		this._refreshTokens = new Map();
		this._authCodes = new Map();
		this._pageTokens = new Map();
		this._stats = { refreshGrants: 0, accountCredentialsGrants: 0, authorizationCodeGrants: 0, rejectedRefreshes: 0, accessTokensIssued: 0 };

		/** @type {any[]} */
		this._faults = [];
		this._faultHook = undefined;
		this._requestCounter = 0;
		this._qps = [];
		this._sockets = new Set();
		this._timers = new Set();
		this._server = undefined;
		this._stopped = false;
	}

	// -------------------------------------------------------------------------------------------
	// lifecycle

	async start() {
		if (this._server) return;
		this._stopped = false;
		const server = http.createServer((req, res) => {
			this._onRequest(req, res).catch((err) => {
				try {
					if (!res.headersSent && !res.destroyed) {
						res.writeHead(500, { 'content-type': JSON_CT });
						res.end(JSON.stringify({ code: 500, message: `Simulator error: ${err && err.message}` }));
					}
				} catch {
					/* ignore */
				}
			});
		});
		// Keep idle connections longer than typical client agents do, so clients close first and never
		// race a server-side close (which would look like a spurious ECONNRESET).
		server.keepAliveTimeout = 65000;
		server.headersTimeout = 66000;
		server.on('connection', (socket) => {
			this._sockets.add(socket);
			socket.on('close', () => this._sockets.delete(socket));
		});
		await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port, this.options.host, () => {
				server.off('error', reject);
				resolve(undefined);
			});
		});
		this._server = server;
		const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
		this.port = addr.port;
		this.url = `http://${this.options.host}:${addr.port}`;
		this.apiBaseUrl = `${this.url}/v2`;
		this.oauthBaseUrl = this.url;
		this.regionalApiBaseUrl = `${this.url}/eu/v2`;
	}

	async stop() {
		this._stopped = true;
		for (const t of this._timers) clearTimeout(t);
		this._timers.clear();
		const server = this._server;
		this._server = undefined;
		if (!server) return;
		const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
		for (const s of this._sockets) s.destroy();
		this._sockets.clear();
		if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
		await closed;
	}

	// -------------------------------------------------------------------------------------------
	// tokens

	_nowMs() {
		return toMs(this.options.now());
	}

	_newAccessToken(grant, scope) {
		const token = `sim-at-${randomAlnum(40)}`;
		this._accessTokens.set(token, { expiresAt: this._nowMs() + EXPIRES_IN * 1000, expired: false, grant, scope });
		this._stats.accessTokensIssued++;
		return token;
	}

	_newRefreshToken(scope) {
		const token = `sim-rt-${randomAlnum(40)}`;
		this._refreshTokens.set(token, { expiresAt: this._nowMs() + REFRESH_TTL_MS, used: false, scope });
		return token;
	}

	_tokenAnswer(grant, withRefresh, scope = grant === 'account_credentials' ? ACCOUNT_SCOPE : SCOPE) {
		/** @type {any} */
		const body = { access_token: this._newAccessToken(grant, scope), token_type: 'bearer' };
		if (withRefresh) body.refresh_token = this._newRefreshToken(scope);
		body.expires_in = EXPIRES_IN;
		body.scope = scope;
		if (this.options.apiUrlInTokenResponse) body.api_url = `${this.url}/eu`;
		return body;
	}

	/**
	 * A fresh valid access/refresh pair (e.g. to import into n8n credentials). `scope` (space
	 * separated) replaces the default user scopes; refreshing keeps it.
	 */
	issueTokens(options = {}) {
		return this._tokenAnswer('issued', true, options.scope !== undefined ? options.scope : SCOPE);
	}

	/** Every access token issued so far now answers 401 code 124 "Access token is expired.". */
	expireAccessTokens() {
		for (const t of this._accessTokens.values()) t.expired = true;
	}

	tokenStats() {
		const now = this._nowMs();
		const currentRefreshTokens = [];
		for (const [tok, r] of this._refreshTokens) if (!r.used && now < r.expiresAt) currentRefreshTokens.push(tok);
		return { ...this._stats, currentRefreshTokens };
	}

	/** @returns {'ok'|'invalid'|'expired'} */
	_checkAuth(headers) {
		const h = headers.authorization;
		const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
		if (!m) return 'invalid';
		const t = this._accessTokens.get(m[1]);
		if (!t) return 'invalid';
		if (t.expired || this._nowMs() >= t.expiresAt) return 'expired';
		return 'ok';
	}

	/** How the request's access token was granted, e.g. 'account_credentials' (call after _checkAuth said 'ok'). */
	_grantOf(headers) {
		const m = /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization || ''));
		const t = m ? this._accessTokens.get(m[1]) : undefined;
		return t ? t.grant : undefined;
	}

	/** The scopes of the request's access token (call after _checkAuth said 'ok'). @returns {string[]} */
	_scopesOf(headers) {
		const m = /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization || ''));
		const t = m ? this._accessTokens.get(m[1]) : undefined;
		return t && typeof t.scope === 'string' ? t.scope.split(/\s+/).filter(Boolean) : [];
	}

	// -------------------------------------------------------------------------------------------
	// faults and settings

	setLatency(ms) {
		this.options.latencyMs = ms;
	}

	clearRequests() {
		this.requests.length = 0;
	}

	/** @param {any} fault */
	addFault(fault) {
		if (!fault || !FAULT_TYPES.has(fault.type)) throw new Error(`Unknown fault type: ${fault && fault.type}`);
		const f = { match: {}, times: 1, after: 0, ...fault, seen: 0, applied: 0 };
		this._faults.push(f);
		return f;
	}

	setFaultHook(hook) {
		this._faultHook = hook;
	}

	clearFaults() {
		this._faults = [];
		this._faultHook = undefined;
	}

	/** Implicit conditions: a fault only applies to requests where it makes sense. */
	_faultApplicable(fault, rec) {
		if (!fault || !FAULT_TYPES.has(fault.type)) return false;
		if (!MODIFIER_FAULTS.has(fault.type)) return true;
		if (this._checkAuth(rec.headers) !== 'ok') return false;
		switch (fault.type) {
			case 'expirePageToken':
				return LIST_KINDS.has(rec.kind) && !!rec.query.next_page_token;
			case 'hugePage':
				return MESSAGE_KINDS.has(rec.kind);
			default:
				return LIST_KINDS.has(rec.kind);
		}
	}

	_matches(match, rec) {
		if (!match) return true;
		if (match.kind !== undefined) {
			const kinds = Array.isArray(match.kind) ? match.kind : [match.kind];
			if (!kinds.includes(rec.kind)) return false;
		}
		if (match.method !== undefined && String(match.method).toUpperCase() !== rec.method) return false;
		if (match.region !== undefined && match.region !== rec.region) return false;
		if (match.pathIncludes !== undefined && !rec.path.includes(match.pathIncludes) && !rec.rawPath.includes(match.pathIncludes)) return false;
		if (typeof match.when === 'function' && !match.when(rec)) return false;
		return true;
	}

	_selectFault(rec) {
		for (const f of this._faults) {
			if (f.applied >= f.times) continue;
			if (!this._matches(f.match, rec) || !this._faultApplicable(f, rec)) continue;
			f.seen++;
			if (f.seen <= f.after) continue;
			f.applied++;
			return f;
		}
		if (this._faultHook) {
			const f = this._faultHook(rec, rec.index);
			if (f && this._faultApplicable(f, rec)) return f;
		}
		return undefined;
	}

	_sleep(ms) {
		if (!(ms > 0)) return Promise.resolve();
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this._timers.delete(t);
				resolve(undefined);
			}, ms);
			this._timers.add(t);
		});
	}

	// -------------------------------------------------------------------------------------------
	// HTTP

	async _onRequest(req, res) {
		const rawUrl = req.url || '/';
		const qi = rawUrl.indexOf('?');
		const rawPath = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl;
		const search = qi >= 0 ? rawUrl.slice(qi + 1) : '';
		const query = Object.fromEntries(new URLSearchParams(search));
		const segs = rawPath.split('/').slice(1).map(safeDecode);
		const route = this._route(req.method || 'GET', segs);
		const rec = {
			index: this._requestCounter++,
			method: req.method || 'GET',
			url: rawUrl,
			path: safeDecode(rawPath),
			rawPath,
			query,
			headers: { ...req.headers },
			region: route.region,
			kind: route.kind,
			status: undefined,
			faulted: undefined,
			startedAt: Date.now(),
			endedAt: undefined,
			body: undefined,
		};
		this.requests.push(rec);

		const chunks = [];
		for await (const c of req) chunks.push(c);
		if (chunks.length) rec.body = Buffer.concat(chunks).toString('utf8');
		if (this._stopped) return;

		// Real QPS limiting (API requests only, arrival time, sliding 1 s).
		const limit = this.options.rateLimitPerSecond;
		if (limit && route.api) {
			const now = Date.now();
			while (this._qps.length && this._qps[0] <= now - 1000) this._qps.shift();
			if (this._qps.length >= limit) {
				rec.faulted = 'rateLimit';
				rec.qpsLimited = true;
				await this._sleep(this.options.latencyMs);
				return this._send(res, rec, 429, { code: 429, message: QPS_MESSAGE }, {
					'X-RateLimit-Category': RATE_CATEGORY[route.kind] || 'Light',
					'X-RateLimit-Type': 'QPS',
					'X-RateLimit-Limit': String(limit),
					'X-RateLimit-Remaining': '0',
					'Retry-After': '1',
				});
			}
			this._qps.push(now);
		}

		const fault = this._selectFault(rec);
		if (fault) rec.faulted = fault.type;
		await this._sleep((this.options.latencyMs || 0) + (fault && fault.type === 'latency' ? fault.ms || 0 : 0));
		if (this._stopped) return;

		if (fault) {
			const answered = this._answerFault(fault, rec, req, res);
			if (answered) return;
		}

		try {
			const { status, body, headers } = this._handle(route, rec, fault);
			return this._send(res, rec, status, body, headers);
		} catch (err) {
			if (err instanceof ApiError) return this._send(res, rec, err.status, err.body);
			throw err;
		}
	}

	_send(res, rec, status, body, headers = {}) {
		rec.status = status;
		rec.endedAt = Date.now();
		if (res.destroyed || res.headersSent) return;
		const h = { 'x-zm-trackingid': `sim_${rec.index}`, ...headers };
		const hasCt = Object.keys(h).some((k) => k.toLowerCase() === 'content-type');
		let payload;
		if (typeof body === 'string' || Buffer.isBuffer(body)) {
			payload = body;
			if (!hasCt) h['content-type'] = 'text/plain;charset=UTF-8';
		} else if (body === undefined) {
			payload = '';
		} else {
			payload = JSON.stringify(body);
			if (!hasCt) h['content-type'] = JSON_CT;
		}
		res.writeHead(status, h);
		res.end(payload);
	}

	_dropSocket(rec, req) {
		rec.status = 0;
		rec.endedAt = Date.now();
		const s = req.socket;
		if (s && typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
		else if (s) s.destroy();
	}

	/** Answers faults that replace the normal answer. @returns {boolean} true if answered */
	_answerFault(fault, rec, req, res) {
		switch (fault.type) {
			case 'http': {
				const status = fault.status || 500;
				this._send(res, rec, status, fault.body !== undefined ? fault.body : { code: status, message: 'Simulated error' }, fault.headers || {});
				return true;
			}
			case 'rateLimit': {
				const daily = !!fault.daily;
				/** @type {Record<string,string>} */
				const h = {
					'X-RateLimit-Category': RATE_CATEGORY[rec.kind] || 'Light',
					'X-RateLimit-Type': daily ? 'Daily-limit' : 'QPS',
					'X-RateLimit-Limit': String(fault.limit !== undefined ? fault.limit : daily ? 10000 : 30),
					'X-RateLimit-Remaining': '0',
				};
				if (fault.retryAfter !== undefined) h['Retry-After'] = String(fault.retryAfter);
				else if (daily) {
					// Zoom says when the daily limit lifts in Retry-After, as a date-time (no X-RateLimit-Reset).
					h['Retry-After'] = new Date(DateTime.fromMillis(this._nowMs(), { zone: 'utc' }).startOf('day').plus({ days: 1 }).toMillis()).toUTCString();
				}
				this._send(res, rec, 429, { code: 429, message: daily ? DAILY_MESSAGE : QPS_MESSAGE }, { ...h, ...(fault.headers || {}) });
				return true;
			}
			case 'serverError': {
				const status = fault.status || 500;
				const format = fault.format || (status === 500 ? 'json' : 'html');
				if (fault.body !== undefined) this._send(res, rec, status, fault.body, fault.headers || {});
				else if (format === 'json') this._send(res, rec, status, { code: status, message: 'Internal Server Error' }, fault.headers || {});
				else {
					const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Time-out' }[status] || 'Error';
					this._send(res, rec, status, `<html><head><title>${status} ${text}</title></head><body><center><h1>${status} ${text}</h1></center></body></html>`, {
						'content-type': 'text/html',
						...(fault.headers || {}),
					});
				}
				return true;
			}
			case 'reset':
				this._dropSocket(rec, req);
				return true;
			case 'hang': {
				const t = setTimeout(() => {
					this._timers.delete(t);
					this._dropSocket(rec, req);
				}, fault.ms !== undefined ? fault.ms : 60000);
				this._timers.add(t);
				return true;
			}
			case 'nonJson':
				this._send(res, rec, fault.status || 200, '<html>gateway</html>', { 'content-type': 'text/html' });
				return true;
			case 'echoAuth':
				this._send(res, rec, 400, { code: 300, message: `Bad request: Authorization: ${rec.headers.authorization === undefined ? '' : rec.headers.authorization}` });
				return true;
			case 'expireAccessToken':
				this.expireAccessTokens();
				return false;
			default:
				return false;
		}
	}

	/** @returns {{kind:string, region:'global'|'eu', api:boolean, params?:any}} */
	_route(method, segs) {
		let region = /** @type {'global'|'eu'} */ ('global');
		let api = null;
		if (segs[0] === 'v2') api = segs.slice(1);
		else if (segs[0] === 'eu' && segs[1] === 'v2') {
			region = 'eu';
			api = segs.slice(2);
		}
		if (!api) {
			if (segs[0] === 'oauth' && segs.length === 2 && segs[1] === 'token' && method === 'POST') return { kind: 'token', region, api: false };
			if (segs[0] === 'oauth' && segs.length === 2 && segs[1] === 'authorize' && method === 'GET') return { kind: 'authorize', region, api: false };
			// File downloads (download_url of Team Chat files) need a bearer token like the API.
			if (segs[0] === 'file' && segs.length === 2 && method === 'GET') return { kind: 'other', region, api: true, params: { fileId: segs[1] } };
			return { kind: 'other', region: segs[0] === 'eu' ? 'eu' : 'global', api: false };
		}
		if (method === 'GET') {
			const is = (...p) => p.every((x, i) => x === null || api[i] === x);
			if (api.length === 3 && is('im', 'chat', 'sessions')) return { kind: 'imSessions', region, api: true };
			if (api.length === 4 && is('im', 'chat', 'sessions')) return { kind: 'imMessages', region, api: true, params: { sessionId: api[3] } };
			if (api.length === 4 && is('chat', 'users', null, 'channels')) return { kind: 'channels', region, api: true, params: { userId: api[2] } };
			if (api.length === 4 && is('chat', 'users', null, 'messages')) return { kind: 'teamMessages', region, api: true, params: { userId: api[2] } };
			if (api.length === 2 && is('users')) return { kind: 'user', region, api: true, params: { userId: api[1] } };
		}
		return { kind: 'other', region, api: true };
	}

	/** Normal handling. Throws ApiError for error answers. */
	_handle(route, rec, fault) {
		if (route.kind === 'token') return this._handleToken(rec);
		if (route.kind === 'authorize') return this._handleAuthorize(rec);
		if (!route.api) return { status: 404, body: { code: 404, message: 'Not Found' } };
		const auth = this._checkAuth(rec.headers);
		if (auth !== 'ok') throw new ApiError(401, { code: 124, message: auth === 'expired' ? 'Access token is expired.' : 'Invalid access token.' });
		if (route.params && route.params.userId === 'me' && this._grantOf(rec.headers) === 'account_credentials') {
			// A server-to-server app acts for the account, not for a user: Zoom needs a user's ID or email.
			throw new ApiError(404, { code: 1001, message: 'User does not exist: me.' });
		}
		switch (route.kind) {
			case 'imSessions':
				return { status: 200, body: this._handleImSessions(rec, fault) };
			case 'imMessages':
				return { status: 200, body: this._handleImMessages(route.params.sessionId, rec, fault) };
			case 'channels':
				return { status: 200, body: this._handleChannels(route.params.userId, rec, fault) };
			case 'teamMessages':
				return { status: 200, body: this._handleTeamMessages(route.params.userId, rec, fault) };
			case 'user':
				return { status: 200, body: this._userObject(this._resolveUser(route.params.userId)) };
			default:
				if (route.params && route.params.fileId) return this._handleFile(route.params.fileId);
				return { status: 404, body: { code: 404, message: 'Not Found' } };
		}
	}

	// -------------------------------------------------------------------------------------------
	// OAuth

	_handleToken(rec) {
		const params = new URLSearchParams(rec.url.includes('?') ? rec.url.slice(rec.url.indexOf('?') + 1) : '');
		if (rec.body) {
			const ct = String(rec.headers['content-type'] || '');
			if (ct.includes('json')) {
				try {
					const j = JSON.parse(rec.body);
					for (const [k, v] of Object.entries(j)) params.set(k, String(v));
				} catch {
					/* ignore */
				}
			} else {
				for (const [k, v] of new URLSearchParams(rec.body)) params.set(k, v);
			}
		}
		const basic = /^Basic\s+(\S+)\s*$/i.exec(String(rec.headers.authorization || ''));
		let id = '';
		let secret = '';
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			id = i >= 0 ? decoded.slice(0, i) : decoded;
			secret = i >= 0 ? decoded.slice(i + 1) : '';
		}
		if (id !== this.client.clientId || secret !== this.client.clientSecret) {
			throw new ApiError(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
		}
		const grant = params.get('grant_type');
		const now = this._nowMs();
		if (grant === 'refresh_token') {
			const r = params.get('refresh_token') || '';
			const entry = this._refreshTokens.get(r);
			if (!entry || entry.used || now >= entry.expiresAt) {
				this._stats.rejectedRefreshes++;
				throw new ApiError(400, { reason: 'Invalid Token!', error: 'invalid_request' });
			}
			entry.used = true;
			this._stats.refreshGrants++;
			return { status: 200, body: this._tokenAnswer('refresh_token', true, entry.scope !== undefined ? entry.scope : SCOPE), headers: { 'cache-control': 'no-store' } };
		}
		if (grant === 'account_credentials') {
			if (params.get('account_id') !== this.client.accountId) throw new ApiError(400, { reason: 'Invalid account_id', error: 'invalid_request' });
			this._stats.accountCredentialsGrants++;
			return { status: 200, body: this._tokenAnswer('account_credentials', false), headers: { 'cache-control': 'no-store' } };
		}
		if (grant === 'authorization_code') {
			const code = params.get('code') || '';
			const entry = this._authCodes.get(code);
			if (!entry || entry.used || now - entry.createdAt > AUTH_CODE_TTL_MS) {
				throw new ApiError(400, { reason: 'Invalid authorization code', error: 'invalid_request' });
			}
			if (entry.redirectUri !== undefined && params.get('redirect_uri') !== entry.redirectUri) {
				throw new ApiError(400, { reason: 'Redirect URI mismatch.', error: 'invalid_request' });
			}
			entry.used = true;
			this._stats.authorizationCodeGrants++;
			return { status: 200, body: this._tokenAnswer('authorization_code', true), headers: { 'cache-control': 'no-store' } };
		}
		throw new ApiError(400, { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
	}

	_handleAuthorize(rec) {
		const q = rec.query;
		if (q.client_id !== this.client.clientId) throw new ApiError(400, { reason: `Invalid client_id: ${q.client_id || ''}`, error: 'invalid_client' });
		if (q.response_type !== 'code') throw new ApiError(400, { reason: 'Unsupported response_type', error: 'unsupported_response_type' });
		if (!q.redirect_uri) throw new ApiError(400, { reason: 'Missing redirect_uri', error: 'invalid_request' });
		let target;
		try {
			target = new URL(q.redirect_uri);
		} catch {
			throw new ApiError(400, { reason: 'Invalid redirect_uri', error: 'invalid_request' });
		}
		const code = randomAlnum(32);
		this._authCodes.set(code, { redirectUri: q.redirect_uri, createdAt: this._nowMs(), used: false });
		target.searchParams.set('code', code);
		if (q.state !== undefined) target.searchParams.set('state', q.state);
		return { status: 302, body: undefined, headers: { location: target.toString() } };
	}

	// -------------------------------------------------------------------------------------------
	// pagination

	/**
	 * Resolve the page for an ordered list.
	 * Page tokens are random, bound to `binding`, reusable until they expire. A token remembers the
	 * key of the last item it follows; the next page starts right after that item in the current
	 * list (or at the remembered offset if the item is gone).
	 */
	_page(list, keyOf, binding, pageSize, rec, fault) {
		const tok = rec.query.next_page_token;
		let start = 0;
		if (tok) {
			if (fault && fault.type === 'expirePageToken') {
				const t = this._pageTokens.get(tok);
				if (t) t.expired = true;
				throw new ApiError(400, { code: 300, message: 'The next page token is invalid or expired.' });
			}
			const t = this._pageTokens.get(tok);
			if (!t || t.binding !== binding) throw new ApiError(400, { code: 300, message: 'Invalid next_page_token.' });
			if (t.expired || this._nowMs() - t.createdAt > this.options.pageTokenTtlMs) {
				throw new ApiError(400, { code: 300, message: 'The next page token is invalid or expired.' });
			}
			start = t.offset;
			if (t.lastKey !== undefined) {
				const idx = list.findIndex((x) => keyOf(x) === t.lastKey);
				if (idx >= 0) start = idx + 1;
			}
		}
		const huge = fault && fault.type === 'hugePage';
		const size = huge ? fault.count || HUGE_PAGE_COUNT : pageSize;
		const items = list.slice(start, start + size);
		const end = start + items.length;
		let next = '';
		if (!huge && (end < list.length || (this.options.trailingEmptyPage && items.length > 0 && end === list.length && items.length === size))) {
			next = this._newPageToken(binding, end, items.length ? keyOf(items[items.length - 1]) : undefined);
		}
		if (huge && end < list.length) next = this._newPageToken(binding, end, items.length ? keyOf(items[items.length - 1]) : undefined);
		if (fault && fault.type === 'repeatToken') {
			next = tok || this._newPageToken(binding, start, start > 0 ? keyOf(list[start - 1]) : undefined);
		}
		return { items, next, start };
	}

	_newPageToken(binding, offset, lastKey) {
		const token = randomAlnum(35);
		this._pageTokens.set(token, { binding, offset, lastKey, createdAt: this._nowMs(), expired: false });
		return token;
	}

	// -------------------------------------------------------------------------------------------
	// IM chat

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
		if (fault && fault.type === 'missingMessages') delete body.messages;
		return body;
	}

	// -------------------------------------------------------------------------------------------
	// Team Chat

	_resolveUser(userId) {
		const u = this._data.user;
		const id = String(userId);
		if (id === 'me' || id === u.id || id.toLowerCase() === u.email.toLowerCase()) return u;
		// The other people of the dataset are users of the same account.
		const other = this._people.find((p) => p.id === id || p.email.toLowerCase() === id.toLowerCase());
		if (other) return other;
		throw new ApiError(404, { code: 1001, message: `User does not exist: ${id}.` });
	}

	/**
	 * A token reads its own user's chat (`me`, the owner) with the plain scope. Another user's chat
	 * needs the `:admin` variant (classic or granular); without it Zoom refuses with `denied`.
	 */
	_checkUserScope(rec, user, adminScopes, denied) {
		if (user === this._data.user) return;
		const scopes = this._scopesOf(rec.headers);
		if (adminScopes.some((s) => scopes.includes(s))) return;
		throw new ApiError(denied.status, denied.body);
	}

	_userObject(u) {
		return {
			id: u.id,
			first_name: u.first_name,
			last_name: u.last_name,
			display_name: u.display_name,
			email: u.email,
			type: 1,
			account_id: this.client.accountId,
			member_id: u.member_id,
			timezone: 'UTC',
			status: 'active',
		};
	}

	_channelObject(c) {
		return { id: c.id, jid: c.jid, name: c.name, type: c.type, channel_settings: { ...c.channel_settings } };
	}

	_handleChannels(userId, rec, fault) {
		const user = this._resolveUser(userId);
		// Zoom documents no refusal for this endpoint; this one is its wording for POST /chat/channels/search.
		this._checkUserScope(rec, user, ['chat_channel:read:admin', 'team_chat:read:list_user_channels:admin'], {
			status: 403,
			body: { code: 200, message: "No permission to access user's channels." },
		});
		const pageSize = parsePageSize(rec.query.page_size, 10);
		const list = this._data.channels;
		const binding = `channels|${user.id}|${pageSize}`;
		const { items, next } = this._page(list, (c) => c.id, binding, pageSize, rec, fault);
		/** @type {any} */
		const body = { total_records: list.length, page_size: pageSize, next_page_token: next, channels: items.map((c) => this._channelObject(c)) };
		if (fault && fault.type === 'missingMessages') delete body.channels;
		return body;
	}

	_findContact(value) {
		const v = String(value).toLowerCase();
		return this._data.contacts.find((c) => c.person.email.toLowerCase() === v || c.person.id.toLowerCase() === v || c.person.member_id.toLowerCase() === v);
	}

	/** The stored messages of a Team Chat target (throws ApiError 404 if unknown). */
	_teamTarget(toChannel, toContact) {
		if (toChannel !== undefined) {
			const c = this._channelsById.get(toChannel);
			if (!c) throw new ApiError(404, { code: 4130, message: `Channel does not exist: ${toChannel}.` });
			return c;
		}
		const c = this._findContact(toContact);
		if (!c) throw new ApiError(404, { code: 1001, message: `User does not exist: ${toContact}.` });
		return c;
	}

	_teamOrdered(target, fromMs, toMs_, include) {
		const out = [];
		for (const m of target.messages) {
			if (!include && m.status !== 'Normal') continue;
			if (!inSecondRange(m.timestamp, fromMs, toMs_)) continue;
			out.push(m);
		}
		return this.options.teamChatOrder === 'asc' ? out : out.reverse();
	}

	_handleTeamMessages(userId, rec, fault) {
		const user = this._resolveUser(userId);
		this._checkUserScope(rec, user, ['chat_message:read:admin', 'team_chat:read:list_user_messages:admin'], {
			status: 400,
			body: { code: 200, message: "Unauthorized request. You do not have permission to access this user's chat messages." },
		});
		const q = rec.query;
		const toChannel = q.to_channel ? q.to_channel : undefined;
		const toContact = q.to_contact ? q.to_contact : undefined;
		if (toChannel === undefined && toContact === undefined) {
			throw new ApiError(400, { code: 300, message: 'Must provide either contact or channel parameter.' });
		}
		if (toChannel !== undefined && toContact !== undefined) {
			throw new ApiError(400, { code: 300, message: 'Invalid parameter: to_contact. Use either to_channel or to_contact, not both.' });
		}
		const fromMs = q.from !== undefined ? parseInstant(q.from, 'from') : undefined;
		const toMs_ = q.to !== undefined ? parseInstant(q.to, 'to') : this._nowMs();
		if (fromMs !== undefined && Math.floor(toMs_ / 1000) < Math.floor(fromMs / 1000)) {
			throw new ApiError(400, { code: 300, message: 'Invalid parameter: to. It must not be earlier than from.' });
		}
		if (fromMs !== undefined && fromMs < this._nowMs() - TEAM_CHAT_HISTORY_MS) {
			throw new ApiError(400, { code: 300, message: 'Only provide past chat messages in recent 6 months.' });
		}
		const pageSize = parsePageSize(q.page_size, 10);
		let include = false;
		if (q.include_deleted_and_edited_message !== undefined) {
			const v = q.include_deleted_and_edited_message.toLowerCase();
			if (v !== 'true' && v !== 'false') throw invalidParam('include_deleted_and_edited_message');
			include = v === 'true';
		}
		const target = this._teamTarget(toChannel, toContact);
		const list = this._teamOrdered(target, fromMs, toMs_, include);
		const binding = `teamMessages|${user.id}|${toChannel !== undefined ? 'ch:' + toChannel : 'ct:' + toContact}|${q.from || ''}|${q.to || ''}|${pageSize}|${include}`;
		const { items, next } = this._page(list, (m) => m.seq, binding, pageSize, rec, fault);
		const messages = items.map((m) => this._serveTeam(m));
		if (fault && fault.type === 'hugePage' && fault.pad !== false) {
			const count = fault.count || HUGE_PAGE_COUNT;
			const ts = fromMs !== undefined ? fromMs : toMs_;
			for (let i = messages.length; i < count; i++) {
				messages.push({
					id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
					message: `hugePage filler ${i + 1}`,
					sender: 'flood@example.com',
					send_member_id: 'mbrFlood',
					sender_display_name: 'Flood',
					date_time: isoSec(Math.floor(ts / 1000)),
					timestamp: ts,
					status: 'Normal',
				});
			}
		}
		/** @type {any} */
		const body = {
			from: q.from !== undefined ? q.from : '',
			to: q.to !== undefined ? q.to : isoSec(Math.floor(toMs_ / 1000)),
			page_size: pageSize,
			next_page_token: next,
			messages,
		};
		// `messages` is optional in Zoom's schema: an empty page may come without it.
		if (messages.length === 0 || (fault && fault.type === 'missingMessages')) delete body.messages;
		return body;
	}

	/** A reaction's sender as Zoom lists it: `{user_id, member_id}` (user_id only for people of the account). */
	_reactionSender(sender) {
		if (sender && typeof sender === 'object') return { ...sender };
		const person = this._people.find((p) => p.email.toLowerCase() === String(sender).toLowerCase());
		return person ? { user_id: person.id, member_id: person.member_id } : { member_id: String(sender) };
	}

	_serveTeam(m) {
		/** @type {any} */
		const o = {
			id: m.id,
			message: m.message,
			sender: m.sender,
			send_member_id: m.sender_member_id,
			sender_display_name: m.sender_display_name,
			date_time: m.date_time,
			timestamp: m.timestamp,
			status: m.status,
		};
		if (m.files && m.files.length) {
			o.files = m.files.map((f) => ({ file_id: f.file_id, file_name: f.file_name, file_size: f.file_size, download_url: `${this.url || 'http://127.0.0.1:0'}/file/${f.file_id}` }));
			// Zoom repeats the first file at the top level of the message.
			Object.assign(o, o.files[0]);
		}
		if (m.reactions) o.reactions = m.reactions.map((r) => ({ emoji: r.emoji, total_count: r.total_count, senders: r.senders.map((x) => this._reactionSender(x)) }));
		if (m.reply_main_message_id !== undefined) {
			o.reply_main_message_id = m.reply_main_message_id;
			o.reply_main_message_timestamp = m.reply_main_message_timestamp;
		}
		return o;
	}

	_handleFile(fileId) {
		for (const c of [...this._data.channels, ...this._data.contacts]) {
			for (const m of c.messages) {
				if (!m.files) continue;
				const f = m.files.find((x) => x.file_id === fileId);
				if (f) {
					const size = Math.min(f.file_size, 1 << 20);
					const buf = Buffer.alloc(size, 0x61);
					return { status: 200, body: buf, headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}` } };
				}
			}
		}
		return { status: 404, body: { code: 404, message: `File does not exist: ${fileId}.` } };
	}

	// -------------------------------------------------------------------------------------------
	// data API (oracles and mutators)

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
		const target = this._oracleTarget(o);
		const fromMs = o.from !== undefined ? toMs(o.from) : undefined;
		const toMs_ = o.to !== undefined ? toMs(o.to) : undefined;
		return this._teamOrdered(target, fromMs, toMs_, !!o.includeDeletedAndEdited).map((m) => this._serveTeam(m));
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
		return this._serveTeam(m);
	}
}

function serveIm(m) {
	return { date_time: m.date_time, sender: m.sender, message: m.message };
}

module.exports = { ZoomSimulator };
