import { PageTokenRejectedError, ZoomError } from '../../nodes/ZoomIm/transport/errors';
import { AdaptivePace } from '../../nodes/ZoomIm/transport/adaptivePace';
import { TransportError, ZoomClient, type HttpAnswer, type ZoomRequest } from '../../nodes/ZoomIm/transport/zoomClient';

type Step = HttpAnswer | TransportError;

/** A transport that plays back scripted answers and records which path each request took. */
function scripted(steps: Step[], refreshSteps: Step[] = []) {
	const calls: Array<{ path: 'send' | 'refresh'; request: ZoomRequest }> = [];
	const play = async (queue: Step[], what: string) => {
		const step = queue.shift();
		if (!step) throw new Error(`no scripted ${what} answer left`);
		if (step instanceof TransportError) throw step;
		return step;
	};
	return {
		calls,
		transport: {
			send: async (request: ZoomRequest) => {
				calls.push({ path: 'send' as const, request });
				return await play(steps, 'send');
			},
			sendRefreshingAuth: async (request: ZoomRequest) => {
				calls.push({ path: 'refresh' as const, request });
				return await play(refreshSteps, 'refresh');
			},
		},
	};
}

const ok = (body: unknown): HttpAnswer => ({ status: 200, headers: {}, body });
const answer = (status: number, body: unknown, headers: HttpAnswer['headers'] = {}): HttpAnswer => ({ status, headers, body });
const reset = () => new TransportError('socket hang up', { networkCode: 'ECONNRESET' });

function makeClient(transport: ReturnType<typeof scripted>['transport'], overrides: Partial<{ maxRetries: number; secrets: string[] }> = {}) {
	const sleeps: number[] = [];
	const sleep = async (ms: number) => {
		sleeps.push(ms);
	};
	// The pace runs on a clock of its own, so that `sleeps` holds the retry waits only.
	let paceMs = 0;
	const pace = new AdaptivePace({ now: () => paceMs, sleep: async (ms) => void (paceMs += ms) });
	const client = new ZoomClient(
		{ transport, paceFor: () => pace, sleep, random: () => 1 },
		{
			maxRetries: overrides.maxRetries ?? 3,
			maxRequestsPerSecond: 0,
			backoff: { baseDelayMs: 100, maxDelayMs: 1000 },
			secrets: overrides.secrets ?? [],
		},
	);
	return { client, sleeps, pace };
}

const request: ZoomRequest = { path: '/im/chat/sessions/x', qs: { from: '2026-01-01', to: '2026-01-31', page_size: 50 } };

describe('ZoomClient', () => {
	it('returns the parsed body of a 2xx, JSON text included', async () => {
		const s = scripted([ok('{"messages":[]}')]);
		await expect(makeClient(s.transport).client.get(request)).resolves.toEqual({ messages: [] });
	});

	it('retries 429 and 5xx with backoff, honouring Retry-After', async () => {
		const s = scripted([
			answer(429, { code: 429, message: 'per-second' }, { 'x-ratelimit-type': 'QPS', 'retry-after': '0.3' }),
			answer(503, '<html>busy</html>'),
			ok({ messages: [1] }),
		]);
		const { client, sleeps } = makeClient(s.transport);
		await expect(client.get(request)).resolves.toEqual({ messages: [1] });
		expect(s.calls.map((c) => c.path)).toEqual(['send', 'send', 'send']);
		expect(sleeps).toEqual([300, 200]); // Retry-After, then the 2nd backoff step (random = 1)
	});

	it('tells the pace about a per-second 429, so that everything on the credential slows down', async () => {
		const s = scripted([answer(429, { code: 429, message: 'per-second' }, { 'x-ratelimit-type': 'QPS', 'retry-after': '1' }), ok({})]);
		const { client, pace } = makeClient(s.transport);
		await client.get(request);
		expect(pace.snapshot().limit).toBeDefined();
		expect(pace.snapshot().rate).toBeLessThan(10);
	});

	it('a 429 that does not say when to try again is retried by the request alone: the pace stays', async () => {
		const s = scripted([answer(429, { code: 429, message: 'Too many requests' }), ok({})]);
		const { client, pace, sleeps } = makeClient(s.transport);
		await client.get(request);
		expect(sleeps).toEqual([100]); // the client's own backoff
		expect(pace.snapshot()).toMatchObject({ rate: 10, limit: undefined });
	});

	it('a daily-limit 429 is never retried and leaves the pace as it was', async () => {
		const s = scripted([answer(429, { code: 429, message: 'daily' }, { 'x-ratelimit-type': 'Daily-limit' })]);
		const { client, pace, sleeps } = makeClient(s.transport);
		await expect(client.get(request)).rejects.toMatchObject({ kind: 'dailyLimit' });
		expect(s.calls).toHaveLength(1);
		expect(sleeps).toEqual([]);
		expect(pace.snapshot()).toMatchObject({ rate: 10, limit: undefined });
	});

	it('retries dropped connections', async () => {
		const s = scripted([reset(), reset(), ok({ ok: true })]);
		await expect(makeClient(s.transport).client.get(request)).resolves.toEqual({ ok: true });
		expect(s.calls).toHaveLength(3);
	});

	it('gives up after maxRetries, saying how many attempts were made and what the last answer was', async () => {
		const s = scripted([answer(502, ''), answer(502, ''), answer(500, { code: 500, message: 'Internal' })]);
		const error = await makeClient(s.transport, { maxRetries: 2 }).client.get(request).catch((e) => e);
		expect(error).toBeInstanceOf(ZoomError);
		expect(error.kind).toBe('retriesExhausted');
		expect(error.attempts).toBe(3);
		expect(error.message).toBe('Zoom request failed after 3 attempts: HTTP 500, code 500, Internal');
	});

	it('fails at once on the daily limit, with the reset time from its date-time Retry-After', async () => {
		const s = scripted([
			answer(429, { code: 429, message: 'daily rate limit' }, { 'x-ratelimit-type': 'Daily-limit', 'retry-after': 'Thu, 26 Nov 2026 00:00:00 GMT' }),
		]);
		const error = await makeClient(s.transport).client.get(request).catch((e) => e);
		expect(error.kind).toBe('dailyLimit');
		expect(error.description).toBe('Zoom says the limit resets at 2026-11-26T00:00:00Z. Run the workflow again after that.');
		expect(s.calls).toHaveLength(1);
	});

	it("names the admin scope when Zoom refuses another user's Team Chat, keeping Zoom's code and message", async () => {
		const denied = { code: 200, message: "Unauthorized request. You do not have permission to access this user's chat messages." };
		const teamChat = (userId: string): ZoomRequest => ({ path: `/chat/users/${encodeURIComponent(userId)}/messages`, qs: { to_channel: 'c', page_size: 50 } });
		const s = scripted([answer(400, denied)]);
		const error = await makeClient(s.transport).client.get(teamChat('bob@example.com')).catch((e) => e);
		expect(error).toMatchObject({ kind: 'zoom', httpStatus: 400, zoomCode: 200, zoomMessage: denied.message });
		expect(error.message).toBe(
			`Zoom error 400 (code 200): ${denied.message} Reading another user's Team Chat messages needs the Zoom app scope chat_message:read:admin.`,
		);
		expect(error.description).toContain('"bob@example.com"');
		expect(error.description).toContain('team_chat:read:list_user_messages:admin');
		expect(s.calls).toHaveLength(1);

		// The channel list names its own scope; "me" needs the plain one.
		const channels = scripted([answer(403, { code: 200, message: "No permission to access user's channels." })]);
		const channelError = await makeClient(channels.transport)
			.client.get({ path: '/chat/users/sim-user-bob/channels', qs: { page_size: 50 } })
			.catch((e) => e);
		expect(channelError.message).toMatch(/ chat_channel:read:admin\.$/);
		const own = scripted([answer(400, { code: 4711, message: 'Invalid access token, does not contain scopes:[chat_message:read].' })]);
		const ownError = await makeClient(own.transport).client.get(teamChat('me')).catch((e) => e);
		expect(ownError.message).toMatch(/needs the Zoom app scope chat_message:read\.$/);
	});

	it('adds no scope hint to other Zoom errors', async () => {
		const tooOld = { code: 300, message: 'Only provide past chat messages in recent 6 months.' };
		const s = scripted([answer(400, tooOld)]);
		const error = await makeClient(s.transport)
			.client.get({ path: '/chat/users/bob%40example.com/messages', qs: { page_size: 50 } })
			.catch((e) => e);
		expect(error.message).toBe('Zoom error 400 (code 300): Only provide past chat messages in recent 6 months.');
		expect(error.description).toBeUndefined();
		const im = scripted([answer(400, { code: 200, message: 'No permission.' })]);
		expect((await makeClient(im.transport).client.get(request).catch((e) => e)).message).toBe('Zoom error 400 (code 200): No permission.');
	});

	it('sends a 401 once through the refreshing path, then goes on', async () => {
		const s = scripted([answer(401, { code: 124, message: 'Access token is expired.' })], [ok({ messages: [] })]);
		await expect(makeClient(s.transport).client.get(request)).resolves.toEqual({ messages: [] });
		expect(s.calls.map((c) => c.path)).toEqual(['send', 'refresh']);
	});

	it('asks the user to reconnect when the refreshed token is refused too, without looping', async () => {
		const s = scripted(
			[answer(401, { code: 124, message: 'Invalid access token.' })],
			[new TransportError('401', { status: 401, body: { code: 124, message: 'Invalid access token.' } })],
		);
		const error = await makeClient(s.transport).client.get(request).catch((e) => e);
		expect(error.kind).toBe('unauthorized');
		expect(error.description).toMatch(/Reconnect/);
		expect(s.calls).toHaveLength(2);
	});

	it('treats an OAuth error body on the refreshing path as a dead refresh token', async () => {
		const s = scripted(
			[answer(401, { code: 124, message: 'expired' })],
			[new TransportError('400', { status: 400, body: { reason: 'Invalid Token!', error: 'invalid_request' } })],
		);
		const error = await makeClient(s.transport).client.get(request).catch((e) => e);
		expect(error.kind).toBe('unauthorized');
		expect(error.message).toMatch(/could not be refreshed/);
	});

	it("carries Zoom's code and message for errors waiting cannot fix", async () => {
		const s = scripted([answer(404, { code: 4130, message: 'Chat session does not exist: x.' })]);
		const error = await makeClient(s.transport).client.get(request).catch((e) => e);
		expect(error).toMatchObject({ kind: 'zoom', httpStatus: 404, zoomCode: 4130 });
		expect(error.message).toBe('Zoom error 404 (code 4130): Chat session does not exist: x.');
	});

	it('signals a rejected page token to the window reader', async () => {
		const s = scripted([answer(400, { code: 300, message: 'The next page token is invalid or expired.' })]);
		const withToken = { ...request, qs: { ...request.qs, next_page_token: 'abc' } };
		await expect(makeClient(s.transport).client.get(withToken)).rejects.toBeInstanceOf(PageTokenRejectedError);
	});

	it('refuses non-JSON 2xx bodies clearly', async () => {
		const s = scripted([ok('<html>gateway</html>')]);
		const error = await makeClient(s.transport).client.get(request).catch((e) => e);
		expect(error.kind).toBe('invalidResponse');
		expect(error.message).toMatch(/not JSON/);
	});

	it('keeps secrets out of messages even when Zoom echoes the request', async () => {
		const s = scripted([answer(400, { code: 300, message: 'Bad request: Authorization: Bearer sekret-access-123' })]);
		const error = await makeClient(s.transport, { secrets: ['sekret-access-123'] }).client.get(request).catch((e) => e);
		expect(error.message).not.toContain('sekret-access-123');
		expect(error.zoomMessage).not.toContain('sekret-access-123');
		expect(error.message).toContain('[redacted]');
	});

	it('rethrows errors that are neither HTTP answers nor transient network failures', async () => {
		const s = scripted([new TransportError('OAuth credentials not connected', {})]);
		await expect(makeClient(s.transport).client.get(request)).rejects.toThrow('OAuth credentials not connected');
		expect(s.calls).toHaveLength(1);
	});
});
