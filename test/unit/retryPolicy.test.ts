import { classifyResponse, dailyLimitResetsAt, parseRetryAfter, retryDelayMs } from '../../nodes/ZoomIm/transport/retryPolicy';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('parseRetryAfter', () => {
	it('reads delta-seconds', () => {
		expect(parseRetryAfter('3', NOW)).toBe(3000);
		expect(parseRetryAfter('0.25', NOW)).toBe(250);
	});
	it('reads HTTP dates', () => {
		expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:05 GMT', NOW)).toBe(5000);
		expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', NOW)).toBe(0);
	});
	it('ignores absent or unreadable values', () => {
		expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
		expect(parseRetryAfter('soon', NOW)).toBeUndefined();
	});
});

describe('classifyResponse', () => {
	const none = {};
	it('passes 2xx', () => expect(classifyResponse(200, {}, none, false, NOW)).toEqual({ action: 'ok' }));
	it('asks for a credential refresh on 401', () =>
		expect(classifyResponse(401, {}, { code: 124 }, false, NOW)).toEqual({ action: 'refreshAuth' }));
	it('retries a QPS 429 with its Retry-After', () => {
		expect(classifyResponse(429, { 'X-RateLimit-Type': 'QPS', 'Retry-After': '2' }, none, false, NOW)).toEqual({
			action: 'retry',
			reason: 'rate limited (429)',
			retryAfterMs: 2000,
		});
	});
	it('retries a 429 without a type', () =>
		expect(classifyResponse(429, {}, { code: 429, message: 'per-second rate limit' }, false, NOW).action).toBe('retry'));
	it('fails fast on the daily limit, by header, with the reset time from its date-time Retry-After', () => {
		expect(
			classifyResponse(429, { 'x-ratelimit-type': 'Daily-limit', 'retry-after': 'Thu, 26 Nov 2026 00:00:00 GMT' }, none, false, NOW),
		).toEqual({ action: 'dailyLimit', resetsAt: '2026-11-26T00:00:00Z' });
	});
	it('fails fast on the daily limit without any time header (Zoom sends no X-RateLimit-Reset)', () => {
		expect(classifyResponse(429, { 'x-ratelimit-type': 'Daily-limit' }, none, false, NOW)).toEqual({ action: 'dailyLimit' });
		// A header Zoom does not send is not taken for the reset time.
		expect(
			classifyResponse(429, { 'x-ratelimit-type': 'Daily-limit', 'x-ratelimit-reset': '2026-11-26T00:00:00Z' }, none, false, NOW),
		).toEqual({ action: 'dailyLimit' });
	});
	it("fails fast on the daily limit by Zoom's message when headers were lost (n8n 1.x)", () => {
		const zoom = { code: 429, message: 'You have reached the maximum daily rate limit for this API.' };
		expect(classifyResponse(429, {}, zoom, false, NOW).action).toBe('dailyLimit');
	});
	it.each([500, 502, 503, 504])('retries %p', (status) =>
		expect(classifyResponse(status, {}, none, false, NOW).action).toBe('retry'));
	it('recognises a rejected page token only when one was sent', () => {
		const zoom = { code: 300, message: 'The next page token is invalid or expired.' };
		expect(classifyResponse(400, {}, zoom, true, NOW)).toEqual({ action: 'pageTokenRejected' });
		expect(classifyResponse(400, {}, zoom, false, NOW)).toEqual({ action: 'fail' });
		expect(classifyResponse(400, {}, { code: 300, message: 'Invalid parameter: from.' }, true, NOW)).toEqual({ action: 'fail' });
	});
	it.each([400, 403, 404])('fails on %p', (status) => expect(classifyResponse(status, {}, none, false, NOW).action).toBe('fail'));
});

describe('retryDelayMs', () => {
	const settings = { baseDelayMs: 100, maxDelayMs: 1000 };
	it('doubles per retry within half to all of the step', () => {
		expect(retryDelayMs(1, settings, undefined, () => 0)).toBe(50);
		expect(retryDelayMs(1, settings, undefined, () => 1)).toBe(100);
		expect(retryDelayMs(3, settings, undefined, () => 1)).toBe(400);
		expect(retryDelayMs(3, settings, undefined, () => 0)).toBe(200);
	});
	it('caps the step', () => expect(retryDelayMs(10, settings, undefined, () => 1)).toBe(1000));
	it('prefers Retry-After, capped', () => {
		expect(retryDelayMs(1, settings, 700)).toBe(700);
		expect(retryDelayMs(1, settings, 5000)).toBe(1000);
	});
});

describe('dailyLimitResetsAt', () => {
	it('reads the date-time forms of Retry-After as an ISO UTC instant', () => {
		expect(dailyLimitResetsAt('Thu, 26 Nov 2026 00:00:00 GMT', NOW)).toBe('2026-11-26T00:00:00Z');
		expect(dailyLimitResetsAt('2026-11-26T00:00:00Z', NOW)).toBe('2026-11-26T00:00:00Z');
		expect(dailyLimitResetsAt('2026-11-26T01:00:00+01:00', NOW)).toBe('2026-11-26T00:00:00Z');
	});
	it('reads delta-seconds from now', () => expect(dailyLimitResetsAt('3600', NOW)).toBe('2026-11-25T13:00:00Z'));
	it('gives nothing for absent or unreadable values', () => {
		expect(dailyLimitResetsAt(undefined, NOW)).toBeUndefined();
		expect(dailyLimitResetsAt(' ', NOW)).toBeUndefined();
		expect(dailyLimitResetsAt('tomorrow', NOW)).toBeUndefined();
		expect(dailyLimitResetsAt('9'.repeat(30), NOW)).toBeUndefined();
	});
});
