/**
 * Reliability of the IM chat reader (issue "Never lose a message"): rate limits, server errors,
 * dropped connections, timeouts, expired page and access tokens, hostile answers and the bad
 * parameters not already covered by imChat.integration.test.ts. Every test runs the node's real
 * execute() through n8n-core against the simulator with scripted faults, and checks the exact
 * messages (from the simulator's oracle) and the requests the simulator saw.
 */
import { DateTime } from 'luxon';
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { MAX_EMPTY_PAGES_IN_A_ROW } from '../../nodes/ZoomIm/reading/windowReader';
import type { RecordedRequest } from '../simulator';
import { imParams, jsonOf, messagesRunner, startSimulator, useSimulator } from './setup';

const SESSION = 'alice@example.com';
const FROM = '2026-10-01';
const TO = '2026-10-31';
/** 40 messages in pages of 10: four requests when nothing goes wrong. */
const PAGE_SIZE = 10;

const sim = useSimulator();

beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
	sim.setLatency(0);
});

/**
 * IM chat parameters for alice's October in pages of 10, fast retries, no pacing unless given, and
 * Parallel Windows 1: the window is read page after page, so the traces below are its pages in
 * order (else a fresh credential may split it from its first answer, by the latency that answer
 * took: windowSplit.integration.test.ts).
 */
function params(options: Record<string, unknown> = {}, extra: INodeParameters = {}): INodeParameters {
	return imParams(SESSION, FROM, TO, {
		pageSize: PAGE_SIZE,
		options: { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, concurrency: 1, ...options },
		...extra,
	});
}

function expected(sessionId = SESSION, from = FROM, to = TO) {
	return sim.imMessages(sessionId, from, to).map((m) => ({ ...m, session_id: sessionId }));
}

function imMessageRequests(): RecordedRequest[] {
	return sim.requests.filter((r) => r.kind === 'imMessages');
}

/** Status and page token of each IM request, in arrival order. */
function trace() {
	return imMessageRequests().map((r) => ({ status: r.status, token: r.query.next_page_token }));
}

function statuses() {
	return imMessageRequests().map((r) => r.status);
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError & { description?: string }> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	if (!(error instanceof NodeApiError)) throw new Error(`expected a NodeApiError, got ${String(error)}`);
	return error as NodeApiError & { description?: string };
}

describe('429 rate limits', () => {
	it('QPS limit with Retry-After in seconds: waits that long, then asks for the same page again', async () => {
		sim.addFault({ type: 'rateLimit', retryAfter: 1, match: { kind: 'imMessages' }, after: 1 });
		const [items] = await messagesRunner(sim).execute(params());

		expect(jsonOf(items)).toEqual(expected());
		const t = trace();
		expect(t.map((r) => r.status)).toEqual([200, 429, 200, 200, 200]);
		expect(t[2].token).toBe(t[1].token);
		const [limited, retried] = imMessageRequests().slice(1, 3);
		expect(retried.startedAt - (limited.endedAt as number)).toBeGreaterThanOrEqual(1000);
	});

	it('QPS limit with Retry-After as an HTTP date: retries no earlier than that date', async () => {
		const retryAt = new Date(Date.now() + 2000).toUTCString(); // whole seconds: 1 to 2 s from now
		sim.addFault({ type: 'rateLimit', retryAfter: retryAt, match: { kind: 'imMessages' } });
		const [items] = await messagesRunner(sim).execute(params());

		expect(jsonOf(items)).toEqual(expected());
		expect(statuses()).toEqual([429, 200, 200, 200, 200]);
		expect(imMessageRequests()[1].startedAt).toBeGreaterThanOrEqual(Date.parse(retryAt) - 10);
	});

	it('a 429 without X-RateLimit-Type is retried like a per-second limit', async () => {
		sim.addFault({
			type: 'http',
			status: 429,
			body: { code: 429, message: 'Too many requests. Please try again later.' },
			match: { kind: 'imMessages' },
			after: 2,
			times: 2,
		});
		const [items] = await messagesRunner(sim).execute(params());
		expect(jsonOf(items)).toEqual(expected());
		const t = trace();
		expect(t.map((r) => r.status)).toEqual([200, 200, 429, 429, 200, 200]);
		expect(new Set([t[2].token, t[3].token, t[4].token]).size).toBe(1);
	});

	it('without Retry-After: exponential backoff from "Retry Delay", with jitter between half and all of each step', async () => {
		sim.addFault({ type: 'rateLimit', match: { kind: 'imMessages' }, times: 3 });
		const [items] = await messagesRunner(sim).execute(params({ retryDelay: 200 }));

		expect(jsonOf(items)).toEqual(expected());
		expect(statuses()).toEqual([429, 429, 429, 200, 200, 200, 200]);
		// Steps 200, 400, 800 ms; each wait is at least half its step, counted from the answer.
		const r = imMessageRequests();
		expect(r[1].startedAt - (r[0].endedAt as number)).toBeGreaterThanOrEqual(100);
		expect(r[2].startedAt - (r[1].endedAt as number)).toBeGreaterThanOrEqual(200);
		expect(r[3].startedAt - (r[2].endedAt as number)).toBeGreaterThanOrEqual(400);
	});

	it('daily limit: fails at once, saying so and when it resets (from its date-time Retry-After; Zoom sends no X-RateLimit-Reset)', async () => {
		sim.addFault({ type: 'rateLimit', daily: true, retryAfter: 'Fri, 27 Nov 2026 00:00:00 GMT', match: { kind: 'imMessages' }, after: 1 });
		const error = await failure(messagesRunner(sim).execute(params({ maxRetries: 5 })));

		expect(error.message).toBe("Zoom's daily rate limit for this API was reached");
		expect(error.description).toBe('Zoom says the limit resets at 2026-11-27T00:00:00Z. Run the workflow again after that.');
		expect(error.httpCode).toBe('429');
		expect(statuses()).toEqual([200, 429]); // no retry
	});

	it("daily limit recognised by Zoom's message when the rate-limit headers are missing", async () => {
		sim.addFault({
			type: 'http',
			status: 429,
			body: {
				code: 429,
				message:
					'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.',
			},
			match: { kind: 'imMessages' },
		});
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe("Zoom's daily rate limit for this API was reached");
		expect(error.description).toMatch(/resets at the start of the next day \(UTC\)/);
		expect(statuses()).toEqual([429]);
	});
});

describe('server errors, dropped connections and timeouts', () => {
	it('retries 500, 502, 503 and 504 (JSON or HTML bodies), asking for the same page again each time', async () => {
		let n = 0;
		const plan: Record<number, number> = { 0: 500, 2: 502, 4: 503, 5: 504 };
		sim.setFaultHook((req) => {
			if (req.kind !== 'imMessages') return undefined;
			const status = plan[n++];
			return status ? { type: 'serverError', status } : undefined;
		});
		const [items] = await messagesRunner(sim).execute(params());

		expect(jsonOf(items)).toEqual(expected());
		const t = trace();
		expect(t.map((r) => r.status)).toEqual([500, 200, 502, 200, 503, 504, 200, 200]);
		expect(t[1].token).toBe(t[0].token);
		expect(t[3].token).toBe(t[2].token);
		expect(t[6].token).toBe(t[4].token);
		expect(t[5].token).toBe(t[4].token);
	});

	it('retries dropped connections (ECONNRESET)', async () => {
		sim.addFault({ type: 'reset', match: { kind: 'imMessages' }, after: 2, times: 2 });
		const [items] = await messagesRunner(sim).execute(params());

		expect(jsonOf(items)).toEqual(expected());
		const t = trace();
		expect(t.map((r) => r.status)).toEqual([200, 200, 0, 0, 200, 200]);
		expect(t[3].token).toBe(t[2].token);
		expect(t[4].token).toBe(t[2].token);
	});

	it('retries a request that got no answer within "Request Timeout"', async () => {
		sim.addFault({ type: 'hang', ms: 5000, match: { kind: 'imMessages' }, after: 1 });
		const [items] = await messagesRunner(sim).execute(params({ requestTimeout: 250 }));

		expect(jsonOf(items)).toEqual(expected());
		const t = trace();
		expect(t).toHaveLength(5);
		expect(imMessageRequests()[1].faulted).toBe('hang');
		expect(t[2].token).toBe(t[1].token);
	});

	it('"Max Retries" bounds the retries of one request, not of the whole pull', async () => {
		// Every page fails twice before it is served: 2 retries each, 12 requests, no error.
		const seen = new Map<string, number>();
		sim.setFaultHook((req) => {
			if (req.kind !== 'imMessages') return undefined;
			const key = req.query.next_page_token ?? 'first';
			const count = (seen.get(key) ?? 0) + 1;
			seen.set(key, count);
			return count <= 2 ? { type: 'serverError', status: 503 } : undefined;
		});
		const [items] = await messagesRunner(sim).execute(params({ maxRetries: 2 }));
		expect(jsonOf(items)).toEqual(expected());
		expect(statuses()).toEqual([503, 503, 200, 503, 503, 200, 503, 503, 200, 503, 503, 200]);
	});

	it('past "Max Retries": a NodeApiError with the number of attempts and the last answer', async () => {
		sim.addFault({ type: 'serverError', status: 500, match: { kind: 'imMessages' }, after: 1, times: Infinity });
		const error = await failure(messagesRunner(sim).execute(params({ maxRetries: 2 })));

		expect(error.message).toBe('Zoom request failed after 3 attempts: HTTP 500, code 500, Internal Server Error');
		expect(error.description).toMatch(/retried with backoff and kept failing/);
		expect(error.httpCode).toBe('500');
		expect(statuses()).toEqual([200, 500, 500, 500]);
	});

	it('past "Max Retries" on dropped connections and timeouts, the message names the network failure', async () => {
		sim.addFault({ type: 'reset', match: { kind: 'imMessages' }, times: Infinity });
		const reset = await failure(messagesRunner(sim).execute(params({ maxRetries: 1 })));
		expect(reset.message).toMatch(/^Zoom request failed after 2 attempts: ECONNRESET \(/);
		expect(statuses()).toEqual([0, 0]);

		sim.clearFaults();
		sim.clearRequests();
		sim.addFault({ type: 'hang', ms: 5000, match: { kind: 'imMessages' }, times: Infinity });
		const timeout = await failure(messagesRunner(sim).execute(params({ maxRetries: 1, requestTimeout: 200 })));
		expect(timeout.message).toBe('Zoom request failed after 2 attempts: ECONNABORTED (timeout of 200ms exceeded)');
		expect(imMessageRequests()).toHaveLength(2);
	});

	it('"Max Retries" 0 turns retries off', async () => {
		sim.addFault({ type: 'serverError', status: 502, match: { kind: 'imMessages' } });
		const error = await failure(messagesRunner(sim).execute(params({ maxRetries: 0 })));
		expect(error.message).toBe('Zoom request failed after 1 attempt: HTTP 502');
		expect(error.description).toMatch(/Retries are off/);
		expect(statuses()).toEqual([502]);
	});

	it('with the default "Max Retries" (5), a request is tried 6 times', async () => {
		sim.addFault({ type: 'serverError', status: 503, match: { kind: 'imMessages' }, times: Infinity });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe('Zoom request failed after 6 attempts: HTTP 503');
		expect(statuses()).toEqual([503, 503, 503, 503, 503, 503]);
	});
});

/**
 * The pace over real HTTP, asserted on what the simulator answered rather than on timings: the
 * simulator enforces a per-second limit the way Zoom does (429 past it, over any sliding second),
 * and a pace capped at half that limit draws no 429 at all (a request would have to arrive half a
 * second early), whatever the machine's load does to timers; requests sent together would. Spacing itself is tested on a fake clock
 * (test/unit/adaptivePace.test.ts).
 */
describe('the pace ("Max Requests per Second" is a cap; default automatic)', () => {
	afterEach(() => {
		sim.options.rateLimitPerSecond = undefined;
	});

	const rejected = () => imMessageRequests().filter((r) => r.status === 429).length;

	it('parallel windows, requests held back behind a token refresh, and retries all take their turn of the pace', async () => {
		sim.options.rateLimitPerSecond = 4;
		sim.setLatency(100);
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 3 });
		sim.addFault({ type: 'serverError', status: 503, match: { kind: 'imMessages' }, after: 5, times: 2 });
		const before = sim.tokenStats();
		const [items] = await messagesRunner(sim).execute(
			imParams('grp-eng', '2026-01-01', '2026-04-30', { pageSize: 100, options: { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 2 } }),
		);
		expect(jsonOf(items)).toEqual(expected('grp-eng', '2026-01-01', '2026-04-30'));
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
		expect(imMessageRequests().filter((r) => r.status === 503)).toHaveLength(2);
		expect(new Set(imMessageRequests().map((r) => r.query.from)).size).toBe(4);
		expect(rejected()).toBe(0);
	});

	it('one pace is shared by all input items of an execution', async () => {
		sim.options.rateLimitPerSecond = 4;
		const [items] = await messagesRunner(sim).execute(
			{
				...imParams('x', '2026-09-01', '2026-10-31', { pageSize: 10, options: { timezone: 'UTC', maxRequestsPerSecond: 2 } }),
				sessionId: { __rl: true, mode: 'id', value: '={{ $json.session }}' },
			},
			[{ json: { session: SESSION } }, { json: { session: 'équipe-é' } }, { json: { session: 'c2Vzc2lvbi0z+Kw==' } }],
		);
		expect(jsonOf(items)).toEqual([
			...expected(SESSION, '2026-09-01', '2026-09-30'),
			...expected(SESSION, '2026-10-01', '2026-10-31'),
			...expected('équipe-é', '2026-09-01', '2026-09-30'),
			...expected('équipe-é', '2026-10-01', '2026-10-31'),
			...expected('c2Vzc2lvbi0z+Kw==', '2026-09-01', '2026-09-30'),
			...expected('c2Vzc2lvbi0z+Kw==', '2026-10-01', '2026-10-31'),
		]);
		expect(new Set(imMessageRequests().map((r) => r.path)).size).toBe(3);
		expect(rejected()).toBe(0);
	});

	it('two executions at the same time with the same credential share one pace', async () => {
		sim.options.rateLimitPerSecond = 3;
		const runner = messagesRunner(sim); // one credential
		const run = async (session: string) =>
			await runner.execute(
				imParams(session, '2026-09-01', '2026-10-31', { pageSize: 10, options: { timezone: 'UTC', maxRequestsPerSecond: 2 } }),
			);
		const [[a], [b]] = await Promise.all([run(SESSION), run('équipe-é')]);
		expect(jsonOf(a)).toEqual([...expected(SESSION, '2026-09-01', '2026-09-30'), ...expected()]);
		expect(jsonOf(b)).toEqual([...expected('équipe-é', '2026-09-01', '2026-09-30'), ...expected('équipe-é')]);
		// Each alone stays under 3/s; two paces of 2/s would send 4/s together.
		expect(rejected()).toBe(0);
	});

	it('with default options, finds a per-second limit by itself: every message once, 429s only while it learns', async () => {
		sim.options.rateLimitPerSecond = 3;
		sim.setLatency(50);
		const p = imParams('grp-eng', '2026-01-01', '2026-04-30', { pageSize: 50, options: { timezone: 'UTC', retryDelay: 1 } });
		const [items] = await messagesRunner(sim).execute(p);
		expect(jsonOf(items)).toEqual(expected('grp-eng', '2026-01-01', '2026-04-30'));
		const requests = imMessageRequests().length;
		// Unpaced, four windows at once would draw a 429 on most requests past the first three.
		expect(rejected()).toBeLessThanOrEqual(Math.ceil(requests * 0.25));
	});
});

describe('expired or invalid page tokens', () => {
	it('restarts the window from its first page, skips what it already has, and goes on: no gap, no duplicate', async () => {
		// The second request that carries a page token (page 3) finds it expired.
		sim.addFault({ type: 'expirePageToken', match: { kind: 'imMessages' }, after: 1 });
		const [items] = await messagesRunner(sim).execute(params());

		expect(jsonOf(items)).toEqual(expected());
		const t = trace();
		expect(t.map((r) => r.status)).toEqual([200, 200, 400, 200, 200, 200, 200]);
		expect(t.map((r) => r.token === undefined)).toEqual([true, false, false, true, false, false, false]);
		// The restart got fresh tokens; the expired one is not used again.
		expect(t.slice(3).map((r) => r.token)).not.toContain(t[2].token);
		expect(new Set(t.slice(3).map((r) => r.token)).size).toBe(4);
	});

	it('a token expiring in one of several parallel windows costs nothing in the others', async () => {
		sim.addFault({ type: 'expirePageToken', match: { kind: 'imMessages', when: (r) => r.query.from === '2026-02-01' }, after: 2 });
		const [items] = await messagesRunner(sim).execute(imParams('grp-eng', '2026-01-01', '2026-04-30'));
		expect(jsonOf(items)).toEqual(expected('grp-eng', '2026-01-01', '2026-04-30'));
		const february = imMessageRequests().filter((r) => r.query.from === '2026-02-01');
		expect(february.filter((r) => r.status === 400)).toHaveLength(1);
		expect(february.filter((r) => r.query.next_page_token === undefined)).toHaveLength(2);
		for (const from of ['2026-01-01', '2026-03-01', '2026-04-01']) {
			expect(imMessageRequests().filter((r) => r.query.from === from && r.query.next_page_token === undefined)).toHaveLength(1);
		}
	});

	it('messages that arrive after the part already read are picked up after a restart', async () => {
		const own = await startSimulator();
		try {
			let added: unknown;
			own.setFaultHook((req) => {
				if (req.kind !== 'imMessages' || req.query.next_page_token === undefined || added) return undefined;
				added = own.addImMessage(SESSION, { date_time: '2026-10-31T23:59:59Z', sender: 'bob@example.com', message: 'late arrival' });
				return { type: 'expirePageToken' };
			});
			const [items] = await messagesRunner(own).execute(params());
			const all = own.imMessages(SESSION, FROM, TO).map((m) => ({ ...m, session_id: SESSION }));
			expect(all).toContainEqual({ ...(added as object), session_id: SESSION });
			expect(jsonOf(items)).toEqual(all);
		} finally {
			await own.stop();
		}
	});

	it('if the part already read changed underneath, says so instead of guessing', async () => {
		const own = await startSimulator();
		try {
			let changed = false;
			own.setFaultHook((req) => {
				if (req.kind !== 'imMessages' || req.query.next_page_token === undefined || changed) return undefined;
				changed = true;
				own.addImMessage(SESSION, { date_time: '2026-10-01T00:00:00Z', sender: 'bob@example.com', message: 'back-dated' });
				return { type: 'expirePageToken' };
			});
			const runner = messagesRunner(own);
			const error = await failure(runner.execute(params()));
			expect(error.message).toBe(`The messages of session "${SESSION}", ${FROM} to ${TO} changed while they were being read`);
			expect(error.description).toMatch(/Nothing was emitted for this item; run it again/);

			// With Continue On Fail the item yields its error and no partial messages.
			changed = false;
			const [items] = await runner.execute(params(), undefined, { continueOnFail: true });
			expect(items).toEqual([{ json: { error: error.message }, pairedItem: { item: 0 } }]);
		} finally {
			await own.stop();
		}
	});

	it('gives up with a clear error when page tokens keep being rejected', async () => {
		sim.addFault({ type: 'expirePageToken', match: { kind: 'imMessages' }, times: Infinity });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe(`Zoom kept rejecting page tokens for session "${SESSION}", ${FROM} to ${TO}`);
		expect(error.description).toMatch(/restarted 3 times/);
		// First page, then its token rejected; three restarts: eight requests, then it stops.
		expect(statuses()).toEqual([200, 400, 200, 400, 200, 400, 200, 400]);
	});

	it('a 400 code 300 on a first page (no token) is a parameter error, not a token to recover', async () => {
		sim.addFault({ type: 'http', status: 400, body: { code: 300, message: 'Invalid next_page_token.' }, match: { kind: 'imMessages' } });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe('Zoom error 400 (code 300): Invalid next_page_token.');
		expect(statuses()).toEqual([400]);
	});
});

describe('expired access token (401)', () => {
	it('refreshes once mid-window and goes on where it was', async () => {
		const before = sim.tokenStats();
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 2 });
		const runner = messagesRunner(sim);
		const [items] = await runner.execute(params());

		expect(jsonOf(items)).toEqual(expected());
		const t = trace();
		// Page 3 answered 401; it is sent again through n8n's refreshing path, which meets the 401
		// itself, refreshes, and sends it once more with the new token.
		expect(t.map((r) => r.status)).toEqual([200, 200, 401, 401, 200, 200]);
		expect(t[3].token).toBe(t[2].token);
		expect(t[4].token).toBe(t[2].token);
		const after = sim.tokenStats();
		expect(after.refreshGrants - before.refreshGrants).toBe(1);
		expect(after.rejectedRefreshes).toBe(before.rejectedRefreshes);
		const stored = runner.credentialStore.get('zoomImOAuth2Api').oauthTokenData as Record<string, string>;
		expect(after.currentRefreshTokens).toContain(stored.refresh_token);
		expect(imMessageRequests()[4].headers.authorization).toBe(`Bearer ${stored.access_token}`);
		expect(imMessageRequests()[3].headers.authorization).toBe(imMessageRequests()[2].headers.authorization);
	});

	it('a 401 that survives the refresh fails, asking to reconnect, without looping', async () => {
		const before = sim.tokenStats();
		sim.addFault({
			type: 'http',
			status: 401,
			body: { code: 124, message: 'Invalid access token.' },
			match: { kind: 'imMessages' },
			after: 1,
			times: Infinity,
		});
		const error = await failure(messagesRunner(sim).execute(params({ maxRetries: 5 })));

		expect(error.message).toBe('Zoom rejected the credential (401) even after refreshing the access token');
		expect(error.description).toMatch(/^Reconnect the Zoom credential/);
		expect(error.httpCode).toBe('401');
		// Page 2 answered 401; n8n's refreshing path sends it again (401), refreshes, sends it once
		// more with the new token (401), and that is the end of it.
		expect(statuses()).toEqual([200, 401, 401, 401]);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	});
});

describe('hostile or broken answers', () => {
	it('a 200 that is not JSON', async () => {
		sim.addFault({ type: 'nonJson', match: { kind: 'imMessages' }, after: 1 });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe('Zoom answered with something that is not JSON');
		expect(error.description).toBe('The answer began with: "<html>gateway</html>"');
		expect(statuses()).toEqual([200, 200]);
	});

	it('a gateway error page (HTML with a 5xx) is retried', async () => {
		sim.addFault({ type: 'nonJson', status: 502, match: { kind: 'imMessages' }, after: 1 });
		const [items] = await messagesRunner(sim).execute(params());
		expect(jsonOf(items)).toEqual(expected());
		expect(statuses()).toEqual([200, 502, 200, 200, 200]);
	});

	it('a 200 without a messages list', async () => {
		sim.addFault({ type: 'missingMessages', match: { kind: 'imMessages' }, after: 2 });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe(`Zoom's answer for session "${SESSION}", ${FROM} to ${TO} has no messages list`);
		expect(statuses()).toEqual([200, 200, 200]);
	});

	it('a next_page_token that is not a string', async () => {
		sim.addFault({ type: 'http', status: 200, body: { messages: [], next_page_token: 12345 }, match: { kind: 'imMessages' } });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe(`Zoom's answer for session "${SESSION}", ${FROM} to ${TO} has a next_page_token that is not a string`);
	});

	it('a repeated next_page_token stops the window instead of looping', async () => {
		sim.addFault({ type: 'repeatToken', match: { kind: 'imMessages' }, after: 1, times: Infinity });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe(`Zoom returned the same next_page_token twice for session "${SESSION}", ${FROM} to ${TO}`);
		expect(statuses()).toEqual([200, 200]);
	});

	it('ever-new page tokens with no messages stop the window with a clear error instead of being read forever', async () => {
		// After two real pages, every answer is empty and names a page token never seen before.
		let served = 0;
		sim.setFaultHook((rec) => {
			if (rec.kind !== 'imMessages' || !rec.query.next_page_token || served++ < 1) return undefined;
			return { type: 'http', status: 200, body: { from: FROM, to: TO, page_size: 10, next_page_token: `fresh-${served}`, messages: [] } };
		});
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Zoom returned ${MAX_EMPTY_PAGES_IN_A_ROW} pages in a row without messages for session "${SESSION}", ${FROM} to ${TO}, each with a new next_page_token`);
		expect(error.description).toMatch(/Nothing was emitted/);
		expect(statuses()).toEqual(Array(2 + MAX_EMPTY_PAGES_IN_A_ROW).fill(200));
	});

	it('a few empty pages between full ones are read on: nothing is dropped', async () => {
		// The whole window from the hook: three messages, two empty pages, two messages.
		const at = (n: number) => ({ date_time: `${FROM}T10:00:0${n}Z`, sender: 'x@example.com', message: `m${n}` });
		const pages: Record<string, { messages: unknown[]; next_page_token: string }> = {
			'': { messages: [at(1), at(2), at(3)], next_page_token: 'a' },
			a: { messages: [], next_page_token: 'b' },
			b: { messages: [], next_page_token: 'c' },
			c: { messages: [at(4), at(5)], next_page_token: '' },
		};
		sim.setFaultHook((rec) =>
			rec.kind === 'imMessages' ? { type: 'http', status: 200, body: { from: FROM, to: TO, page_size: 10, ...pages[rec.query.next_page_token ?? ''] } } : undefined,
		);
		const [items] = await messagesRunner(sim).execute(params());
		expect(jsonOf(items)).toEqual([1, 2, 3, 4, 5].map((n) => ({ ...at(n), session_id: SESSION })));
		expect(statuses()).toEqual([200, 200, 200, 200]);
	});

	it('a huge page (far more messages than page_size) is refused, not trusted', async () => {
		sim.addFault({ type: 'hugePage', count: 10000, match: { kind: 'imMessages' }, after: 1 });
		const error = await failure(messagesRunner(sim).execute(params()));
		expect(error.message).toBe(`Zoom returned 10000 messages for session "${SESSION}", ${FROM} to ${TO}, more than the page size of 10`);
		expect(statuses()).toEqual([200, 200]);
	});

	it('a server that never answers fails after the retries, it does not hang', async () => {
		sim.addFault({ type: 'hang', ms: 10_000, match: { kind: 'imMessages' }, times: Infinity });
		const error = await failure(messagesRunner(sim).execute(params({ maxRetries: 2, requestTimeout: 150 })));
		expect(error.message).toMatch(/^Zoom request failed after 3 attempts: ECONNABORTED/);
		expect(imMessageRequests()).toHaveLength(3);
	});
});

describe('bad parameters not covered in imChat.integration.test.ts', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		['page size -1', { pageSize: -1 }, /^The value "-1" of "Page Size" is not allowed: use a whole number from 1 to 300 \(the most IM Chat allows\)$/],
		['page size from an expression that is null', { pageSize: '={{ null }}' }, /^The value \(null\) of "Page Size"/],
		['impossible To', { to: '2026-02-30' }, /^The value "2026-02-30" of "To" is not a valid calendar date$/],
		['impossible month', { from: '2026-13-01' }, /^The value "2026-13-01" of "From" is not a valid calendar date$/],
		['unparsable From', { from: 'yesterday-ish' }, /^The value "yesterday-ish" of "From" is not a date/],
		['To from an expression that is null', { to: '={{ null }}' }, /^The value \(null\) of "To" is empty$/],
		['session from an expression that is null', { sessionId: { __rl: true, mode: 'id', value: '={{ null }}' } }, /"Session" is empty/],
		['limit from an expression that is null', { returnAll: false, limit: '={{ null }}' }, /^The value \(null\) of "Limit"/],
		['session "."', { sessionId: { __rl: true, mode: 'id', value: '.' } }, /"Session" is not a valid identifier/],
	];
	it.each(cases)('%s fails before any request', async (_name, overrides, message) => {
		const error = await messagesRunner(sim)
			.execute({ ...params(), ...overrides })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect(sim.requests).toEqual([]);
	});

	it('"To" in the future is clamped to today in the chosen timezone (documented), from which on nothing can exist', async () => {
		// Kiritimati is UTC+14: its today is often already tomorrow in UTC.
		const zone = 'Pacific/Kiritimati';
		const today = DateTime.now().setZone(zone);
		const from = today.minus({ days: 40 }).toISODate() as string;
		const [items] = await messagesRunner(sim).execute(
			imParams(SESSION, from, today.plus({ years: 3 }).toISODate() as string, { options: { timezone: zone, retryDelay: 1, maxRequestsPerSecond: 0 } }),
		);
		const todayNow = DateTime.now().setZone(zone).toISODate() as string; // the same day unless the test straddles midnight
		const requests = imMessageRequests();
		// Oldest window first (windows are read side by side, so their requests may arrive in any order).
		const windows = [...new Set(requests.map((r) => `${r.query.from}..${r.query.to}`))].sort();
		expect(windows[0].split('..')[0]).toBe(from);
		expect([today.toISODate(), todayNow]).toContain(windows[windows.length - 1].split('..')[1]);
		expect(jsonOf(items)).toEqual(windows.flatMap((w) => expected(SESSION, ...(w.split('..') as [string, string]))));
	});

	it('a range entirely in the future returns nothing and sends nothing', async () => {
		const from = DateTime.utc().plus({ days: 2 }).toISODate() as string;
		const to = DateTime.utc().plus({ days: 40 }).toISODate() as string;
		const [items] = await messagesRunner(sim).execute(imParams(SESSION, from, to, { options: { timezone: 'UTC' } }));
		expect(items).toEqual([]);
		expect(sim.requests).toEqual([]);
	});

	it('session ids with "/", "?", "#", "%", ".." or unicode stay one encoded path segment (no path traversal)', async () => {
		const ids = ['a/b', 'what?from=2020-01-01', 'room#1', '100%', '../../../users/me', '..%2F..%2Fusers%2Fme', '会話-🚀', 'x/../../users/me'];
		const [items] = await messagesRunner(sim).execute(
			{ ...params(), sessionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			ids.map((id) => ({ json: { id } })),
			{ continueOnFail: true },
		);
		expect(items.map((i) => i.json.error)).toEqual(ids.map((id) => `Zoom error 404 (code 4130): Chat session does not exist: ${id}.`));
		expect(sim.requests.map((r) => r.kind)).toEqual(ids.map(() => 'imMessages'));
		expect(sim.requests.map((r) => r.rawPath)).toEqual(ids.map((id) => `/v2/im/chat/sessions/${encodeURIComponent(id)}`));
		expect(sim.requests.map((r) => r.query.from)).toEqual(ids.map(() => FROM));
	});
});
