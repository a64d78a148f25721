/**
 * The one attempt-with-retries step under JSON pages, downloads and writes: what it retries, the
 * one refresh after a 401, and the "may it be retried?" input of requests that must not happen twice.
 */
import { TransportError, type HttpAnswer } from '../../nodes/ZoomIm/transport/http';
import { sendWithRetries, type AttemptResult, type RequestFailures, type RetrySettings } from '../../nodes/ZoomIm/transport/withRetries';

type Step = HttpAnswer | TransportError;

function run(steps: Step[], settings: Partial<RetrySettings> = {}) {
	const refreshFlags: boolean[] = [];
	const sleeps: number[] = [];
	const tryOnce = async (refreshing: boolean): Promise<AttemptResult> => {
		refreshFlags.push(refreshing);
		const step = steps.shift();
		if (step === undefined) throw new Error('no scripted step left');
		return step instanceof TransportError ? { thrown: step, viaRefresh: refreshing } : { answer: step, viaRefresh: refreshing };
	};
	const failures: RequestFailures = {
		gaveUp: (problem, state, reason) => new Error(`gave up (${reason}) after ${state.attempts}: ${problem}`),
		refused: (answer, _zoom, verdict) => new Error(`refused ${answer.status} (${verdict.action})`),
		broke: (thrown) => thrown as Error,
	};
	const promise = sendWithRetries(
		tryOnce,
		{ maxRetries: 3, backoff: { baseDelayMs: 100, maxDelayMs: 1000 }, ...settings },
		{ sleep: async (ms) => void sleeps.push(ms), now: () => 0, random: () => 1 },
		failures,
	);
	return { promise, refreshFlags, sleeps };
}

const ok: HttpAnswer = { status: 200, headers: {}, body: '{}' };
const status = (code: number, headers: HttpAnswer['headers'] = {}): HttpAnswer => ({ status: code, headers, body: { code, message: 'x' } });
const network = (code: string) => new TransportError(code, { networkCode: code });

describe('sendWithRetries', () => {
	it('retries 429, 5xx and dropped connections with backoff or Retry-After, then resolves with the 2xx answer', async () => {
		const r = run([status(429, { 'retry-after': '0.5' }), status(503), network('ECONNRESET'), ok]);
		await expect(r.promise).resolves.toBe(ok);
		expect(r.sleeps).toEqual([500, 200, 400]);
	});

	it('refreshes once after a 401, and refuses a second 401', async () => {
		const once = run([status(401), ok]);
		await expect(once.promise).resolves.toBe(ok);
		expect(once.refreshFlags).toEqual([false, true]);
		const twice = run([status(401), status(401)]);
		await expect(twice.promise).rejects.toThrow('refused 401 (refreshAuth)');
	});

	it('gives up after Max Retries, and fails at once on what waiting cannot fix', async () => {
		await expect(run([status(500), status(500)], { maxRetries: 1 }).promise).rejects.toThrow('gave up (retriesExhausted) after 2: HTTP 500, code 500, x');
		await expect(run([status(404)]).promise).rejects.toThrow('refused 404 (fail)');
		await expect(run([status(429, { 'x-ratelimit-type': 'Daily-limit' })]).promise).rejects.toThrow('refused 429 (dailyLimit)');
	});

	describe('a request that must not be carried out twice (idempotent: false)', () => {
		it('is retried after a 429, a connection never made and a 401 refresh: Zoom cannot have acted on those', async () => {
			const r = run([status(429, { 'retry-after': '1' }), network('ECONNREFUSED'), network('EAI_AGAIN'), status(401), ok], {
				idempotent: false,
				maxRetries: 5,
			});
			await expect(r.promise).resolves.toBe(ok);
			expect(r.refreshFlags).toEqual([false, false, false, false, true]);
		});

		it.each([
			['a 5xx', status(503)],
			['a reset connection', network('ECONNRESET')],
			['a timeout', network('ETIMEDOUT')],
		])('is not retried after %s: the caller gets the error at once', async (_what, step) => {
			const r = run([step, ok], { idempotent: false });
			await expect(r.promise).rejects.toThrow(/gave up \(notIdempotent\) after 1/);
			expect(r.sleeps).toEqual([]);
		});

		it('the same failures are retried when the request may be repeated (the default)', async () => {
			await expect(run([status(503), network('ECONNRESET'), network('ETIMEDOUT'), ok]).promise).resolves.toBe(ok);
		});
	});
});
