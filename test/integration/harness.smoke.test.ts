/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code: runs under jest in Node, never inside n8n; the inline test node rethrows on purpose */
/**
 * Smoke test of the in-process harness (test/support/execute-context.ts): an inline node and
 * inline credential types run through n8n-core's real contexts and request helpers against a
 * local HTTP server. It pins down the n8n behaviours the Zoom node relies on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { createNodeRunner, OAuth2Api } from '../support/execute-context';

// ----- a tiny fake provider: OAuth2 token endpoint, session endpoint, API -------------------

interface RequestLog {
	method: string;
	url: string;
	authorization?: string;
	body: string;
}

class FakeServer {
	server!: http.Server;

	baseUrl = '';

	requests: RequestLog[] = [];

	// OAuth2 state: one valid access token, one valid refresh token (rotated on every refresh)
	accessToken = 'acc-0';

	refreshToken = 'ref-0';

	tokenCounter = 0;

	// session (preAuthentication) state
	sessionToken = '';

	sessionCounter = 0;

	sessionAlways401 = false;

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	expireAccessToken(): void {
		this.accessToken = `expired-${Date.now()}`;
	}

	expireSession(): void {
		this.sessionToken = `expired-${Date.now()}`;
	}

	count(pathPrefix: string): number {
		return this.requests.filter((r) => r.url.startsWith(pathPrefix)).length;
	}

	private json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
		const url = new URL(req.url ?? '/', this.baseUrl);
		this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
		const bearer = req.headers.authorization?.replace(/^Bearer /, '');

		if (url.pathname === '/oauth/token' && req.method === 'POST') {
			const form = new URLSearchParams(body);
			const basic = Buffer.from('client-id:client-secret-xyz').toString('base64');
			if (req.headers.authorization !== `Basic ${basic}`) return this.json(res, 401, { error: 'invalid_client' });
			if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== this.refreshToken) {
				return this.json(res, 400, { error: 'invalid_grant', error_description: 'Invalid Token!' });
			}
			this.tokenCounter += 1;
			this.accessToken = `acc-${this.tokenCounter}`;
			this.refreshToken = `ref-${this.tokenCounter}`;
			return this.json(res, 200, {
				access_token: this.accessToken,
				token_type: 'bearer',
				refresh_token: this.refreshToken,
				expires_in: 3599,
				scope: 'imchat:read',
			});
		}

		if (url.pathname === '/session' && req.method === 'POST') {
			const parsed = JSON.parse(body || '{}') as { apiKey?: string };
			if (parsed.apiKey !== 'api-key-secret') return this.json(res, 403, { message: 'bad key' });
			this.sessionCounter += 1;
			this.sessionToken = `sess-${this.sessionCounter}`;
			return this.json(res, 200, { accessToken: this.sessionToken });
		}

		if (url.pathname.startsWith('/v2/session-thing')) {
			if (this.sessionAlways401 || bearer !== this.sessionToken) {
				return this.json(res, 401, { code: 124, message: 'Invalid access token.' });
			}
			return this.json(res, 200, { ok: true, token: bearer });
		}

		if (url.pathname === '/v2/drop') {
			req.socket.destroy();
			return;
		}

		const status = /^\/v2\/status\/(\d{3})$/.exec(url.pathname);
		if (status) {
			return this.json(
				res,
				Number(status[1]),
				{ code: 429, message: `You have reached the maximum per-second rate limit for this API.` },
				{ 'retry-after': '2', 'x-ratelimit-type': 'QPS' },
			);
		}

		if (url.pathname.startsWith('/v2/')) {
			if (bearer !== this.accessToken) return this.json(res, 401, { code: 124, message: 'Invalid access token.' });
			return this.json(res, 200, {
				ok: true,
				token: bearer,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
			});
		}

		this.json(res, 404, { message: 'not found' });
	}
}

// ----- inline credential types ---------------------------------------------------------------

/** Like the Zoom OAuth2 credential: token URL is an expression default over a visible field. */
class TestOAuth2Api implements ICredentialType {
	name = 'testOAuth2Api';

	displayName = 'Test OAuth2 API';

	extends = ['oAuth2Api'];

	properties = [
		{ displayName: 'OAuth Base URL', name: 'oauthBaseUrl', type: 'string' as const, default: '' },
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden' as const, default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden' as const,
			default: '={{ $self["oauthBaseUrl"] }}/oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden' as const,
			default: '={{ $self["oauthBaseUrl"].replace(/\\/+$/, "") + "/oauth/token" }}',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden' as const, default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden' as const, default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden' as const, default: 'header' },
	];
}

/** Generic auth with a token fetched by preAuthentication and kept in an expirable field. */
class TestSessionApi implements ICredentialType {
	name = 'testSessionApi';

	displayName = 'Test Session API';

	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string' as const, typeOptions: { password: true }, default: '' },
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden' as const,
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const res = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl as string}/session`,
			body: { apiKey: credentials.apiKey },
			json: true,
		})) as { accessToken: string };
		return { accessToken: res.accessToken };
	}

	authenticate = {
		type: 'generic' as const,
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};
}

// ----- inline node ---------------------------------------------------------------------------

const description: INodeTypeDescription = {
	displayName: 'Harness Test',
	name: 'harnessTest',
	group: ['transform'],
	version: 1,
	description: 'test node',
	defaults: { name: 'Harness Test' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [
		{ name: 'testOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		{ name: 'testSessionApi', required: true, displayOptions: { show: { authentication: ['session'] } } },
	],
	properties: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'OAuth2', value: 'oAuth2' },
				{ name: 'Session', value: 'session' },
			],
			default: 'oAuth2',
		},
		{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		{ displayName: 'Label', name: 'label', type: 'string', default: 'none' },
		{ displayName: 'Ignore HTTP Status Errors', name: 'ignoreHttpStatusErrors', type: 'boolean', default: false },
	],
};

class HarnessTestNode implements INodeType {
	description = description;

	methods = {
		listSearch: {
			async searchThings(
				this: ILoadOptionsFunctions,
				filter?: string,
				paginationToken?: string,
			): Promise<INodeListSearchResult> {
				const label = this.getCurrentNodeParameter('label') as string;
				const res = (await this.helpers.httpRequestWithAuthentication.call(this, 'testOAuth2Api', {
					method: 'GET',
					url: `${this.getCurrentNodeParameter('url') as string}`,
					qs: { filter, page: paginationToken },
					json: true,
				})) as { query: IDataObject; token: string };
				return {
					results: [{ name: `${label}:${String(res.query.filter)}`, value: res.token }],
					paginationToken: 'next',
				};
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const auth = this.getNodeParameter('authentication', i) as string;
				const options: IHttpRequestOptions = {
					method: 'GET',
					url: this.getNodeParameter('url', i) as string,
					returnFullResponse: true,
					json: true,
					ignoreHttpStatusErrors: this.getNodeParameter('ignoreHttpStatusErrors', i) as boolean,
				};
				const res = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					auth === 'oAuth2' ? 'testOAuth2Api' : 'testSessionApi',
					options,
				)) as IN8nHttpFullResponse;
				out.push({
					json: {
						statusCode: res.statusCode,
						headers: res.headers as IDataObject,
						body: res.body as IDataObject,
						label: this.getNodeParameter('label', i) as string,
						continueOnFail: this.continueOnFail(),
					},
					pairedItem: { item: i },
				});
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		const res = (await this.helpers.httpRequestWithAuthentication.call(this, 'testOAuth2Api', {
			method: 'GET',
			url: this.getNodeParameter('url') as string,
			qs: { since: (state.cursor as string) ?? 'start' },
			json: true,
		})) as { query: IDataObject };
		state.cursor = `after-${String(res.query.since)}`;
		state.polls = ((state.polls as number) ?? 0) + 1;
		return [[{ json: { since: res.query.since, mode: this.getMode(), activation: this.getActivationMode() } }]];
	}
}

// ----- tests ---------------------------------------------------------------------------------

const server = new FakeServer();

beforeAll(async () => {
	await server.start();
});

afterAll(async () => {
	await server.stop();
});

function oauthRunner(extra: Partial<ICredentialDataDecryptedObject> = {}) {
	return createNodeRunner({
		nodeType: new HarnessTestNode(),
		credentialTypes: [new OAuth2Api(), new TestOAuth2Api(), new TestSessionApi()],
		credentials: {
			testOAuth2Api: {
				id: 'cred-oauth',
				name: 'OAuth account',
				data: {
					oauthBaseUrl: server.baseUrl,
					clientId: 'client-id',
					clientSecret: 'client-secret-xyz',
					// a saved value of a hidden field: n8n 2.x ignores it and uses the type default
					accessTokenUrl: 'http://127.0.0.1:9/not-the-token-url',
					oauthTokenData: {
						access_token: server.accessToken,
						refresh_token: server.refreshToken,
						token_type: 'bearer',
						expires_in: 3599,
					},
					...extra,
				},
			},
		},
	});
}

function sessionRunner() {
	return createNodeRunner({
		nodeType: new HarnessTestNode(),
		credentialTypes: [new OAuth2Api(), new TestOAuth2Api(), new TestSessionApi()],
		credentials: {
			testSessionApi: {
				id: 'cred-session',
				name: 'Session account',
				data: { baseUrl: server.baseUrl, apiKey: 'api-key-secret', accessToken: '' },
			},
		},
	});
}

describe('in-process harness: OAuth2 through n8n-core requestOAuth2', () => {
	it('sends the stored access token as a Bearer header', async () => {
		const runner = oauthRunner();
		const [out] = await runner.execute({ url: `${server.baseUrl}/v2/thing` });
		expect(out).toHaveLength(1);
		expect(out[0].json.statusCode).toBe(200);
		expect(out[0].json.body).toMatchObject({ ok: true, token: server.accessToken });
		const last = server.requests.at(-1)!;
		expect(last.authorization).toBe(`Bearer ${server.accessToken}`);
		expect(runner.credentialStore.updates).toHaveLength(0);
	});

	it('refreshes an expired token through the expression-computed token URL, retries, keeps the rotated refresh token', async () => {
		const runner = oauthRunner();
		const oldRefresh = server.refreshToken;
		server.expireAccessToken();
		const tokenCallsBefore = server.count('/oauth/token');

		const [out] = await runner.execute({ url: `${server.baseUrl}/v2/thing` });

		expect(out[0].json.statusCode).toBe(200);
		expect(server.count('/oauth/token')).toBe(tokenCallsBefore + 1);
		const tokenCall = server.requests.filter((r) => r.url === '/oauth/token').at(-1)!;
		expect(new URLSearchParams(tokenCall.body).get('grant_type')).toBe('refresh_token');
		expect(new URLSearchParams(tokenCall.body).get('refresh_token')).toBe(oldRefresh);
		expect(out[0].json.body).toMatchObject({ token: server.accessToken });

		const stored = runner.credentialStore.get('testOAuth2Api');
		expect((stored.oauthTokenData as IDataObject).refresh_token).toBe(server.refreshToken);
		expect((stored.oauthTokenData as IDataObject).access_token).toBe(server.accessToken);
		expect(server.refreshToken).not.toBe(oldRefresh);
		expect(runner.credentialStore.updates.map((u) => u.kind)).toEqual(['oauthTokenData']);
		// n8n adds its own expiry stamp to the saved token data
		expect((stored.oauthTokenData as IDataObject).n8n_expires_at).toEqual(expect.any(String));
		// the saved hidden value was not used and was not overwritten
		expect(stored.accessTokenUrl).toBe('http://127.0.0.1:9/not-the-token-url');

		// the next run uses the new token without refreshing; a second expiry uses the rotated token
		await runner.execute({ url: `${server.baseUrl}/v2/thing` });
		expect(server.count('/oauth/token')).toBe(tokenCallsBefore + 1);
		const rotated = server.refreshToken;
		server.expireAccessToken();
		await runner.execute({ url: `${server.baseUrl}/v2/thing` });
		expect(server.requests.filter((r) => r.url === '/oauth/token').at(-1)!.body).toContain(
			`refresh_token=${rotated}`,
		);
		expect((runner.credentialStore.get('testOAuth2Api').oauthTokenData as IDataObject).refresh_token).toBe(
			server.refreshToken,
		);
	});

	it('fails with a NodeApiError when the refresh token is rejected (invalid_grant)', async () => {
		const runner = oauthRunner({
			oauthTokenData: { access_token: 'stale', refresh_token: 'revoked', token_type: 'bearer' },
		});
		const error = await runner.execute({ url: `${server.baseUrl}/v2/thing` }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		const e = error as NodeApiError;
		// n8n-core turns invalid_grant into "needs to be reconnected", wrapped by the helper
		expect(e.message).toMatch(/needs to be reconnected/);
		expect(JSON.stringify(e)).not.toContain('client-secret-xyz');
		expect(runner.credentialStore.updates).toHaveLength(0);
	});

	it('resolves expressions in parameters per item, against the item', async () => {
		const runner = oauthRunner();
		const [out] = await runner.execute(
			{
				url: `={{ "${server.baseUrl}/v2/items?n=" + $json.n + "&idx=" + $itemIndex }}`,
				label: "={{ $('Input').item.json.name.toUpperCase() }}",
			},
			[{ json: { n: 1, name: 'a' } }, { json: { n: 2, name: 'b' } }, { json: { n: 3, name: 'c' } }],
		);
		expect(out.map((i) => (i.json.body as IDataObject).query)).toEqual([
			{ n: '1', idx: '0' },
			{ n: '2', idx: '1' },
			{ n: '3', idx: '2' },
		]);
		expect(out.map((i) => i.json.label)).toEqual(['A', 'B', 'C']);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// n8n filled the parameter defaults into the node
		expect(runner.lastNode?.parameters.authentication).toBe('oAuth2');
	});

	it('returns non-2xx status, headers and body without throwing with ignoreHttpStatusErrors + returnFullResponse', async () => {
		const runner = oauthRunner();
		const [out] = await runner.execute({ url: `${server.baseUrl}/v2/status/429`, ignoreHttpStatusErrors: true });
		expect(out[0].json.statusCode).toBe(429);
		expect((out[0].json.headers as IDataObject)['retry-after']).toBe('2');
		expect((out[0].json.headers as IDataObject)['x-ratelimit-type']).toBe('QPS');
		expect(out[0].json.body).toMatchObject({ code: 429 });
	});

	it('does NOT refresh on 401 when ignoreHttpStatusErrors is on (the 401 is returned as a response)', async () => {
		const runner = oauthRunner();
		server.expireAccessToken();
		const tokenCallsBefore = server.count('/oauth/token');
		const [out] = await runner.execute({ url: `${server.baseUrl}/v2/thing`, ignoreHttpStatusErrors: true });
		expect(out[0].json.statusCode).toBe(401);
		expect(server.count('/oauth/token')).toBe(tokenCallsBefore);
		expect(runner.credentialStore.updates).toHaveLength(0);
		// put the server back to a token the next tests can refresh from
		server.accessToken = (runner.credentialStore.get('testOAuth2Api').oauthTokenData as IDataObject)
			.access_token as string;
	});

	it('throws NodeApiError for a non-2xx answer; status, headers and body are on the error', async () => {
		const runner = oauthRunner();
		const error = await runner.execute({ url: `${server.baseUrl}/v2/status/429` }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		const e = error as NodeApiError & { cause?: { response?: { status?: number; headers?: IDataObject; data?: unknown } } };
		expect(e.httpCode).toBe('429');
		expect(e.context.data).toMatchObject({ code: 429 });
		expect(e.cause?.response?.status).toBe(429);
		expect(e.cause?.response?.headers?.['retry-after']).toBe('2');
		expect(e.cause?.response?.data).toMatchObject({ code: 429 });
		expect(e.message).toMatch(/rate limit|429|many requests/i);
	});

	it('surfaces a dropped connection as a NodeApiError with httpCode ECONNRESET', async () => {
		const runner = oauthRunner();
		const error = await runner.execute({ url: `${server.baseUrl}/v2/drop` }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		const e = error as NodeApiError & { cause?: { code?: string } };
		expect(e.httpCode).toBe('ECONNRESET');
		expect(e.message).toMatch(/connection to the server was closed unexpectedly/i);
		expect(e.cause?.code).toBe('ECONNRESET');
	});

	it('with continueOnFail, this.continueOnFail() is true and failing items become { error }', async () => {
		const runner = oauthRunner();
		const [out] = await runner.execute(
			{ url: `={{ "${server.baseUrl}" + $json.path }}` },
			[{ json: { path: '/v2/ok' } }, { json: { path: '/v2/drop' } }, { json: { path: '/v2/ok2' } }],
			{ continueOnFail: true },
		);
		expect(out).toHaveLength(3);
		expect(out[0].json).toMatchObject({ statusCode: 200, continueOnFail: true });
		expect(out[1].json).toEqual({ error: expect.stringMatching(/closed unexpectedly/i) });
		expect(out[1].pairedItem).toEqual({ item: 1 });
		expect(out[2].json).toMatchObject({ statusCode: 200 });
	});

	it('listSearch runs through a real LoadOptionsContext with the current parameters (and refreshes there too)', async () => {
		const runner = oauthRunner();
		server.expireAccessToken();
		const tokenCallsBefore = server.count('/oauth/token');
		const result = await runner.listSearch('searchThings', 'abc', 'p2', {
			url: `${server.baseUrl}/v2/list`,
			label: 'L',
		});
		expect(result.results).toEqual([{ name: 'L:abc', value: server.accessToken }]);
		expect(server.requests.at(-1)!.url).toBe('/v2/list?filter=abc&page=p2');
		// runless contexts resolve the credential's expression defaults on a mock workflow
		expect(server.count('/oauth/token')).toBe(tokenCallsBefore + 1);
		expect(runner.credentialStore.updates.map((u) => u.kind)).toEqual(['oauthTokenData']);
	});

	it('poll: trigger mode mutates the given static data, manual mode works on a copy', async () => {
		const runner = oauthRunner();
		server.expireAccessToken();
		const tokenCallsBefore = server.count('/oauth/token');
		const staticData: IDataObject = {};
		const first = await runner.poll({ url: `${server.baseUrl}/v2/poll` }, staticData, 'trigger');
		expect(first?.[0][0].json).toEqual({ since: 'start', mode: 'trigger', activation: 'activate' });
		expect(staticData).toEqual({ cursor: 'after-start', polls: 1 });
		expect(server.count('/oauth/token')).toBe(tokenCallsBefore + 1);
		const second = await runner.poll({ url: `${server.baseUrl}/v2/poll` }, staticData, 'trigger');
		expect(second?.[0][0].json.since).toBe('after-start');
		expect(staticData).toEqual({ cursor: 'after-after-start', polls: 2 });

		const manual = await runner.poll({ url: `${server.baseUrl}/v2/poll` }, staticData, 'manual');
		expect(manual?.[0][0].json).toEqual({ since: 'after-after-start', mode: 'manual', activation: 'manual' });
		expect(staticData).toEqual({ cursor: 'after-after-start', polls: 2 });
	});

	it('records what n8n logged, without secrets', async () => {
		const runner = oauthRunner();
		server.expireAccessToken();
		await runner.execute({ url: `${server.baseUrl}/v2/thing` });
		expect(runner.logs.join('\n')).toMatch(/OAuth2 token for "testOAuth2Api" used by node "Harness Test" expired/);
		for (const secret of ['client-secret-xyz', server.refreshToken, server.accessToken]) {
			expect(runner.logs.join('\n')).not.toContain(secret);
		}
	});
});

describe('in-process harness: generic auth with preAuthentication and an expirable field', () => {
	beforeEach(() => {
		server.sessionAlways401 = false;
	});

	it('runs preAuthentication when the expirable field is empty, persists its output, then reuses it', async () => {
		const runner = sessionRunner();
		const before = server.count('/session');
		const [out] = await runner.execute({ authentication: 'session', url: `${server.baseUrl}/v2/session-thing` });
		expect(server.count('/session')).toBe(before + 1);
		expect(out[0].json.statusCode).toBe(200);
		expect(server.requests.at(-1)!.authorization).toBe(`Bearer ${server.sessionToken}`);
		expect(runner.credentialStore.get('testSessionApi').accessToken).toBe(server.sessionToken);
		expect(runner.credentialStore.updates.map((u) => u.kind)).toEqual(['credentials']);

		await runner.execute({ authentication: 'session', url: `${server.baseUrl}/v2/session-thing` });
		expect(server.count('/session')).toBe(before + 1);
	});

	it('on 401 re-runs preAuthentication and retries once', async () => {
		const runner = sessionRunner();
		await runner.execute({ authentication: 'session', url: `${server.baseUrl}/v2/session-thing` });
		const sessionsBefore = server.count('/session');
		const apiBefore = server.count('/v2/session-thing');
		server.expireSession();

		const [out] = await runner.execute({ authentication: 'session', url: `${server.baseUrl}/v2/session-thing` });
		expect(out[0].json.statusCode).toBe(200);
		expect(server.count('/session')).toBe(sessionsBefore + 1);
		expect(server.count('/v2/session-thing')).toBe(apiBefore + 2);
		expect(runner.credentialStore.get('testSessionApi').accessToken).toBe(server.sessionToken);
	});

	it('gives up after one retry when the fresh token is refused too', async () => {
		const runner = sessionRunner();
		await runner.execute({ authentication: 'session', url: `${server.baseUrl}/v2/session-thing` });
		server.sessionAlways401 = true;
		const sessionsBefore = server.count('/session');
		const apiBefore = server.count('/v2/session-thing');
		const error = await runner
			.execute({ authentication: 'session', url: `${server.baseUrl}/v2/session-thing` })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect(server.count('/session')).toBe(sessionsBefore + 1);
		expect(server.count('/v2/session-thing')).toBe(apiBefore + 2);
	});

	it('refuses a credential the node does not show for the chosen authentication', async () => {
		const runner = sessionRunner();
		const error = await runner
			.execute({ authentication: 'oAuth2', url: `${server.baseUrl}/v2/thing` })
			.catch((e: unknown) => e);
		expect((error as Error).message).toMatch(/does not have any credentials set for "testOAuth2Api"/);
	});
});
