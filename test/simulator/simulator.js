'use strict';
/**
 * ZoomSimulator: a real HTTP server on 127.0.0.1 that behaves like the parts of Zoom's API used by
 * n8n-nodes-zoom-im (IM chat sessions/messages, Team Chat channels/messages, OAuth token endpoint).
 * See README.md in this folder.
 */
const http = require('node:http');
const { buildDataset } = require('./dataset');
const { Rng } = require('./prng');
const { JSON_CT } = require('./common');
const { HttpMethods } = require('./http');
const { RecordingMethods } = require('./recording');
const { OAuthMethods } = require('./oauth');
const { FaultMethods } = require('./faults');
const { RateLimitMethods } = require('./rate-limits');
const { PageTokenMethods } = require('./page-tokens');
const { ImChatMethods } = require('./im-chat');
const { TeamChatMethods } = require('./team-chat');
const { ThreadMethods } = require('./threads');
const { OracleMethods } = require('./oracles');
const { TeamChatListMethods } = require('./team-chat-lists');
const { ReportMethods } = require('./report');
const { ArchiveOracleMethods } = require('./archive-oracles');
const { TeamChatWriteMethods } = require('./team-chat-writes');
const { TeamChatFileMethods, DEFAULT_MAX_UPLOAD_BYTES } = require('./team-chat-files');

class ZoomSimulator {
	/** @param {import('./index').ZoomSimulatorOptions} [options] */
	constructor(options = {}) {
		this.options = {
			seed: 42,
			latencyMs: 0,
			now: () => new Date(),
			rateLimitPerSecond: undefined,
			rateLimitClock: () => Date.now(),
			pageTokenTtlMs: 15 * 60 * 1000,
			imOrder: 'asc',
			teamChatOrder: 'desc',
			apiUrlInTokenResponse: false,
			trailingEmptyPage: false,
			dataset: 'default',
			channelSendLimits: true,
			channelLimitScale: 1,
			channelRetryAfter: false,
			maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
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
		// Team Chat writes (team-chat-writes.js, team-chat-files.js): ids of their own stream, so
		// that the ids addTeamChatMessage draws stay as they were.
		this._writeIdRng = new Rng(this.options.seed, 'write-ids');
		/** @type {Array<{where: any, key: string, text: string, m: any}>} messages created through the API, in order */
		this._sent = [];
		/** @type {Array<{target: any, m: any}>} scheduled messages, listed from their time on */
		this._drafts = [];
		/** @type {Map<string, any>} files uploaded or sent through the API, with their bytes */
		this._uploads = new Map();
		/** Channels of the account the user is not a member of: sending there fails (400 5301). */
		this._nonMemberChannels = new Map([['ch-not-member', { id: 'ch-not-member', name: 'Another team', type: 1, messages: [] }]]);
		this._sendLimiter = undefined;

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
		this._fileServer = undefined;
		this.fileHostUrl = '';
		this._stopped = false;
	}

	// -------------------------------------------------------------------------------------------
	// lifecycle

	async start() {
		if (this._server) return;
		this._stopped = false;
		const server = this._createServer();
		await this._listen(server, this.options.port);
		this._server = server;
		const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
		this.port = addr.port;
		this.url = `http://${this.options.host}:${addr.port}`;
		this.apiBaseUrl = `${this.url}/v2`;
		this.oauthBaseUrl = this.url;
		this.regionalApiBaseUrl = `${this.url}/eu/v2`;
		// The host that file downloads redirect to: another port, so another origin, as Zoom's
		// download host is not its API host. Same handler and recording.
		const fileServer = this._createServer();
		await this._listen(fileServer, 0);
		this._fileServer = fileServer;
		this.fileHostUrl = `http://${this.options.host}:${/** @type {import('node:net').AddressInfo} */ (fileServer.address()).port}`;
	}

	_createServer() {
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
		return server;
	}

	async _listen(server, port) {
		await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, this.options.host, () => {
				server.off('error', reject);
				resolve(undefined);
			});
		});
	}

	async stop() {
		this._stopped = true;
		for (const t of this._timers) clearTimeout(t);
		this._timers.clear();
		const servers = [this._server, this._fileServer].filter(Boolean);
		this._server = undefined;
		this._fileServer = undefined;
		if (servers.length === 0) return;
		const closed = servers.map((server) => new Promise((resolve) => server.close(() => resolve(undefined))));
		for (const s of this._sockets) s.destroy();
		this._sockets.clear();
		for (const server of servers) if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
		await Promise.all(closed);
	}
}

/**
 * The rest of the simulator's methods, one module per concern. Each module is a class whose
 * methods are copied onto ZoomSimulator.prototype (as class methods: not enumerable), so `this`
 * in them is the simulator.
 */
for (const Part of [
	HttpMethods,
	RecordingMethods,
	OAuthMethods,
	FaultMethods,
	RateLimitMethods,
	PageTokenMethods,
	ImChatMethods,
	TeamChatMethods,
	ThreadMethods,
	OracleMethods,
	TeamChatListMethods,
	ReportMethods,
	ArchiveOracleMethods,
	TeamChatWriteMethods,
	TeamChatFileMethods,
]) {
	for (const name of Object.getOwnPropertyNames(Part.prototype)) {
		if (name === 'constructor') continue;
		if (Object.prototype.hasOwnProperty.call(ZoomSimulator.prototype, name)) throw new Error(`ZoomSimulator.${name} is defined twice`);
		Object.defineProperty(ZoomSimulator.prototype, name, /** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(Part.prototype, name)));
	}
}

module.exports = { ZoomSimulator };
