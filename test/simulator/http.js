'use strict';
/** HTTP plumbing: one request from arrival to answer, routing, sending, dropping. Methods of ZoomSimulator. */
const { gzipSync } = require('node:zlib');
const { ApiError, JSON_CT } = require('./common');
const { BODY_FAULTS, PROCESSED_FAULTS } = require('./faults');

/** The multipart file endpoints: their body is kept as bytes, up to options.maxUploadBytes. */
const FILE_WRITE_KINDS = new Set(['uploadFile', 'sendFile']);

class HttpMethods {
	async _onRequest(req, res) {
		const { rec, route } = this._record(req);

		const chunks = [];
		let raw;
		if (FILE_WRITE_KINDS.has(route.kind)) {
			// A file upload: keep the bytes (not as text), and no more than maxUploadBytes of them;
			// the rest is read and dropped, and the answer says the file is too big.
			const cap = this._maxUploadBytes();
			let size = 0;
			for await (const c of req) {
				size += c.length;
				if (size > cap) rec.bodyTooLarge = true;
				else chunks.push(c);
			}
			rec.bodyBytes = size;
			raw = rec.bodyTooLarge ? undefined : Buffer.concat(chunks);
		} else {
			for await (const c of req) chunks.push(c);
			if (chunks.length) rec.body = Buffer.concat(chunks).toString('utf8');
		}
		if (this._stopped) return;

		const limited = this._limitQps(route, rec);
		if (limited) {
			await this._sleep(this.options.latencyMs);
			return this._send(res, rec, 429, limited.body, limited.headers);
		}

		const fault = this._selectFault(rec);
		if (fault) rec.faulted = fault.type;
		await this._sleep((this.options.latencyMs || 0) + (fault && fault.type === 'latency' ? fault.ms || 0 : 0));
		if (this._stopped) return;

		if (fault && PROCESSED_FAULTS.has(fault.type)) return this._processThenLose(fault, route, rec, req, res, raw);
		if (fault) {
			const answered = this._answerFault(fault, rec, req, res);
			if (answered) return;
		}

		try {
			const { status, body, headers } = this._handle(route, rec, fault, raw);
			if (fault && BODY_FAULTS.has(fault.type) && status >= 200 && status < 300) return this._sendBodyFault(fault, req, res, rec, status, body, headers);
			return this._send(res, rec, status, body, headers);
		} catch (err) {
			if (err instanceof ApiError) return this._send(res, rec, err.status, err.body, err.headers);
			throw err;
		}
	}

	/**
	 * The `processedThen…` faults: the request is handled as usual (a write takes effect; its status
	 * is kept in `rec.processedStatus`), then its answer is lost: the connection is reset
	 * (`processedThenReset`), nothing comes (`processedThenHang`, for `ms`), or a 5xx comes instead
	 * (`processedThenError`, `status` 500 JSON / 502, 503, 504 HTML as the serverError fault).
	 */
	_processThenLose(fault, route, rec, req, res, raw) {
		try {
			rec.processedStatus = this._handle(route, rec, undefined, raw).status;
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			rec.processedStatus = err.status;
		}
		if (fault.type === 'processedThenReset') return this._answerFault({ type: 'reset' }, rec, req, res);
		if (fault.type === 'processedThenHang') return this._answerFault({ type: 'hang', ms: fault.ms }, rec, req, res);
		return this._answerFault({ type: 'serverError', status: fault.status || 500, format: fault.format, body: fault.body, headers: fault.headers }, rec, req, res);
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

	/**
	 * A 2xx answer whose body misbehaves: `cutBody` sends the headers (with the full Content-Length)
	 * and half the body, then drops the connection; `stallBody` sends the same half and then nothing
	 * (for `fault.ms`, default 60 s, then drops it); `gzipBomb` answers `Content-Encoding: gzip`,
	 * chunked (no length), a small body that inflates to `fault.bytes` (default 64 MiB) of zeros.
	 */
	_sendBodyFault(fault, req, res, rec, status, body, headers = {}) {
		rec.status = status;
		rec.endedAt = Date.now();
		if (res.destroyed || res.headersSent) return;
		const h = { 'x-zm-trackingid': `sim_${rec.index}`, ...headers };
		if (fault.type === 'gzipBomb') {
			for (const k of Object.keys(h)) if (k.toLowerCase() === 'content-length') delete h[k];
			const bomb = gzipSync(Buffer.alloc(fault.bytes !== undefined ? fault.bytes : 64 * 1024 * 1024));
			res.writeHead(status, { ...h, 'content-encoding': 'gzip' });
			res.end(bomb);
			return;
		}
		const payload = typeof body === 'string' || Buffer.isBuffer(body) ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
		const hasCt = Object.keys(h).some((k) => k.toLowerCase() === 'content-type');
		if (!hasCt) h['content-type'] = typeof body === 'string' || Buffer.isBuffer(body) ? 'application/octet-stream' : JSON_CT;
		for (const k of Object.keys(h)) if (k.toLowerCase() === 'content-length') delete h[k];
		res.writeHead(status, { ...h, 'content-length': String(payload.length) });
		res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))));
		if (fault.type === 'cutBody') {
			// Let the half reach the client before the connection goes.
			setImmediate(() => this._dropSocket(rec, req));
			return;
		}
		const t = setTimeout(() => {
			this._timers.delete(t);
			this._dropSocket(rec, req);
		}, fault.ms !== undefined ? fault.ms : 60000);
		this._timers.add(t);
	}

	_dropSocket(rec, req) {
		rec.status = 0;
		rec.endedAt = Date.now();
		const s = req.socket;
		if (s && typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
		else if (s) s.destroy();
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
			if (segs[0] === 'file' && segs.length === 2 && method === 'GET') return { kind: 'fileDownload', region, api: true, params: { fileId: segs[1] } };
			// Zoom's documented download links: https://zoom.us/file/download/<id>?filename=…&jwt=… (signed, expiring, no token needed).
			if (segs[0] === 'file' && segs.length === 3 && segs[1] === 'download' && method === 'GET') return { kind: 'fileSignedDownload', region, api: false, params: { fileId: segs[2] } };
			// Where a download redirects to: the file host, a signed URL that needs no token.
			if (segs[0] === 'cdn' && segs.length === 2 && method === 'GET') return { kind: 'fileContent', region, api: false, params: { fileId: segs[1] } };
			return { kind: 'other', region: segs[0] === 'eu' ? 'eu' : 'global', api: false };
		}
		const is = (...p) => p.every((x, i) => x === null || api[i] === x);
		// Team Chat writes (and the get-one read that goes with them).
		if (api.length === 4 && method === 'POST' && is('chat', 'users', null, 'messages')) return { kind: 'sendMessage', region, api: true, params: { userId: api[2] } };
		if (api.length === 5 && method === 'POST' && is('chat', 'users', null, 'messages', 'files')) return { kind: 'sendFile', region, api: true, params: { userId: api[2] } };
		if (api.length === 4 && method === 'POST' && is('chat', 'users', null, 'files')) return { kind: 'uploadFile', region, api: true, params: { userId: api[2] } };
		if (api.length === 5 && is('chat', 'users', null, 'messages')) {
			const kind = { GET: 'getMessage', PUT: 'updateMessage', DELETE: 'deleteMessage' }[method];
			if (kind) return { kind, region, api: true, params: { userId: api[2], messageId: api[4] } };
		}
		if (api.length === 6 && method === 'PATCH' && is('chat', 'users', null, 'messages', null, 'emoji_reactions')) {
			return { kind: 'reactMessage', region, api: true, params: { userId: api[2], messageId: api[4] } };
		}
		if (method === 'GET') {
			if (api.length === 3 && is('im', 'chat', 'sessions')) return { kind: 'imSessions', region, api: true };
			if (api.length === 4 && is('im', 'chat', 'sessions')) return { kind: 'imMessages', region, api: true, params: { sessionId: api[3] } };
			if (api.length === 4 && is('chat', 'users', null, 'channels')) return { kind: 'channels', region, api: true, params: { userId: api[2] } };
			if (api.length === 4 && is('chat', 'users', null, 'messages')) return { kind: 'teamMessages', region, api: true, params: { userId: api[2] } };
			if (api.length === 4 && is('chat', 'users', null, 'sessions')) return { kind: 'teamSessions', region, api: true, params: { userId: api[2] } };
			if (api.length === 3 && is('report', 'chat', 'sessions')) return { kind: 'reportSessions', region, api: true };
			if (api.length === 4 && is('report', 'chat', 'sessions')) return { kind: 'reportMessages', region, api: true, params: { sessionId: api[3] } };
			if (api.length === 6 && is('chat', 'users', null, 'messages', null, 'thread')) return { kind: 'thread', region, api: true, params: { userId: api[2], messageId: api[4] } };
			if (api.length === 2 && is('users')) return { kind: 'user', region, api: true, params: { userId: api[1] } };
		}
		return { kind: 'other', region, api: true };
	}

	/** Normal handling. Throws ApiError for error answers. */
	_handle(route, rec, fault, raw) {
		if (route.kind === 'token') return this._handleToken(rec);
		if (route.kind === 'authorize') return this._handleAuthorize(rec);
		if (route.kind === 'fileContent') return this._handleFileContent(route.params.fileId, rec);
		if (route.kind === 'fileSignedDownload') return this._handleSignedFile(route.params.fileId, rec);
		if (!route.api) return { status: 404, body: { code: 404, message: 'Not Found' } };
		const auth = this._checkAuth(rec.headers);
		// The file endpoints document 400 (not 401) code 124 for a bad token.
		if (auth !== 'ok') throw new ApiError(FILE_WRITE_KINDS.has(route.kind) ? 400 : 401, { code: 124, message: auth === 'expired' ? 'Access token is expired.' : 'Invalid access token.' });
		if (route.params && route.params.userId === 'me' && this._grantOf(rec.headers) === 'account_credentials') {
			// A server-to-server app acts for the account, not for a user: Zoom needs a user's ID or email.
			throw new ApiError(404, { code: 1001, message: 'User does not exist: me.' });
		}
		this._releaseDrafts();
		switch (route.kind) {
			case 'imSessions':
				return { status: 200, body: this._handleImSessions(rec, fault) };
			case 'imMessages':
				return { status: 200, body: this._handleImMessages(route.params.sessionId, rec, fault) };
			case 'channels':
				return { status: 200, body: this._handleChannels(route.params.userId, rec, fault) };
			case 'teamMessages':
				// The same endpoint searches when asked to (search_type / search_key).
				if (rec.query.search_type !== undefined || rec.query.search_key !== undefined) return { status: 200, body: this._handleTeamSearch(route.params.userId, rec, fault) };
				return { status: 200, body: this._handleTeamMessages(route.params.userId, rec, fault) };
			case 'teamSessions':
				return { status: 200, body: this._handleTeamSessions(route.params.userId, rec, fault) };
			case 'reportSessions':
				return { status: 200, body: this._handleReportSessions(rec, fault) };
			case 'reportMessages':
				return { status: 200, body: this._handleReportMessages(route.params.sessionId, rec, fault) };
			case 'thread':
				return { status: 200, body: this._handleThread(route.params.userId, route.params.messageId, rec) };
			case 'fileDownload':
				return this._handleFile(route.params.fileId, rec);
			case 'user':
				return { status: 200, body: this._userObject(this._resolveUser(route.params.userId)) };
			case 'sendMessage':
				return this._handleSendMessage(route.params.userId, rec);
			case 'getMessage':
				return this._handleGetMessage(route.params.userId, route.params.messageId, rec);
			case 'updateMessage':
				return this._handleUpdateMessage(route.params.userId, route.params.messageId, rec);
			case 'deleteMessage':
				return this._handleDeleteMessage(route.params.userId, route.params.messageId, rec);
			case 'reactMessage':
				return this._handleReaction(route.params.userId, route.params.messageId, rec);
			case 'uploadFile':
				return this._handleUploadFile(route.params.userId, rec, raw);
			case 'sendFile':
				return this._handleSendFile(route.params.userId, rec, raw);
			default:
				return { status: 404, body: { code: 404, message: 'Not Found' } };
		}
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
}

module.exports = { HttpMethods };
