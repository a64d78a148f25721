/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest in Node, never inside n8n */
/**
 * The adaptive pace on a fake clock: spacing, growth while requests wait for it, back-off on a
 * per-second 429 (with Retry-After when backing off was not enough), the user's cap, and the
 * parallelism it asks for.
 */
import { AdaptivePace, DEFAULT_PACE_SETTINGS, type PaceSettings, type PaceTicket } from '../../nodes/ZoomIm/transport/adaptivePace';

/** Yields a macrotask, so that each released caller runs before the clock moves on. */
const tick = async () => await new Promise<void>((resolve) => setImmediate(resolve));

function fakeClock(overshootMs = 0) {
	const clock = {
		ms: 0,
		sleeps: [] as number[],
		now: () => clock.ms,
		sleep: async (ms: number) => {
			clock.sleeps.push(ms);
			await tick();
			clock.ms += ms + overshootMs;
		},
	};
	return clock;
}

function pace(settings: Partial<PaceSettings> = {}, overshootMs = 0) {
	const clock = fakeClock(overshootMs);
	return { clock, pace: new AdaptivePace(clock, { ...DEFAULT_PACE_SETTINGS, ...settings }) };
}

describe('AdaptivePace spacing', () => {
	it('lets waiting requests go 1000/rate ms apart in call order', async () => {
		const { clock, pace: p } = pace({ startRate: 20 });
		const released: Array<[string, number]> = [];
		await Promise.all(
			['a', 'b', 'c', 'd'].map(async (name) => {
				await p.acquire();
				released.push([name, clock.ms]);
			}),
		);
		expect(released).toEqual([
			['a', 0],
			['b', 50],
			['c', 100],
			['d', 150],
		]);
	});

	it('measures the gap from when a request really went: timers that fire late do not cause a burst', async () => {
		const { clock, pace: p } = pace({ startRate: 20 }, 120);
		const releases: number[] = [];
		await Promise.all(
			Array.from({ length: 6 }, async () => {
				await p.acquire();
				releases.push(clock.ms);
			}),
		);
		expect(releases).toEqual([0, 170, 340, 510, 680, 850]);
	});

	it('a positive cap ("Max Requests per Second") slows the learned rate down, never speeds it up', async () => {
		const { clock, pace: p } = pace({ startRate: 20 });
		await p.acquire(4);
		await p.acquire(4);
		expect(clock.ms).toBe(250);
		await p.acquire(100);
		expect(clock.ms).toBe(300); // the learned 20/s, not 100/s
	});
});

/** Sends `count` requests as fast as the pace lets them go, each answered `latencyMs` later as `answer` says. */
async function drive(
	p: AdaptivePace,
	clock: ReturnType<typeof fakeClock>,
	count: number,
	answer: (index: number, ticket: PaceTicket) => 'ok' | { retryAfterMs?: number },
	latencyMs = 0,
): Promise<number[]> {
	const sentAt: number[] = [];
	const pending: Array<{ at: number; settle: () => void }> = [];
	const settleDue = () => {
		pending.sort((a, b) => a.at - b.at);
		while (pending.length && pending[0].at <= clock.ms) pending.shift()!.settle();
	};
	for (let i = 0; i < count; i++) {
		settleDue();
		const ticket = await p.acquire();
		settleDue();
		sentAt.push(ticket.sentAt);
		const verdict = answer(i, ticket);
		const settle = () =>
			verdict === 'ok' ? ticket.settle({ kind: 'answered' }) : ticket.settle({ kind: 'rateLimited', ...verdict });
		if (latencyMs === 0) settle();
		else pending.push({ at: clock.ms + latencyMs, settle });
	}
	clock.ms += latencyMs;
	settleDue();
	return sentAt;
}

describe('AdaptivePace growth', () => {
	it('doubles every growth interval while requests wait for it and Zoom answers without 429', async () => {
		const { clock, pace: p } = pace({ startRate: 4, growthIntervalMs: 250, probeGrowthFactor: 2 });
		const rates: number[] = [];
		await drive(p, clock, 40, () => {
			rates.push(p.snapshot().rate);
			return 'ok';
		});
		expect(rates[0]).toBe(4);
		// Strictly growing, by doubling steps only.
		const distinct = [...new Set(rates)];
		expect(distinct.length).toBeGreaterThanOrEqual(4);
		distinct.slice(1).forEach((rate, i) => expect(rate).toBe(distinct[i] * 2));
		expect(p.snapshot().limit).toBeUndefined();
	});

	it('past the best second Zoom accepted so far, grows by a quarter per interval', async () => {
		const { clock, pace: p } = pace({ startRate: 8, growthIntervalMs: 250 });
		const rates: number[] = [];
		await drive(p, clock, 6, () => {
			rates.push(p.snapshot().rate);
			return 'ok';
		});
		// 8 per second for 250 ms is 2 requests: less than the rate, so the first step is gentle.
		expect([...new Set(rates)].slice(0, 2)).toEqual([8, 10]);
	});

	it('does not grow when requests never had to wait for it (more would not help)', async () => {
		const { clock, pace: p } = pace({ startRate: 10 });
		for (let i = 0; i < 10; i++) {
			const ticket = await p.acquire();
			clock.ms += 500; // one request every 500 ms: slower than the pace allows
			ticket.settle({ kind: 'answered' });
		}
		expect(p.snapshot().rate).toBe(10);
		expect(clock.sleeps).toEqual([]);
	});

	it('learns the latency and asks for enough requests in flight to keep the rate busy', async () => {
		const { clock, pace: p } = pace({ startRate: 40, initialLatencyMs: 250 });
		expect(p.suggestedConcurrency()).toBe(Math.ceil(2 * 40 * 0.25) + 1); // room for twice the rate
		await drive(p, clock, 60, () => 'ok', 200);
		const { latencyMs, achieved, rate } = p.snapshot();
		// Answers are taken in when the next request goes, so a little later than 200 ms.
		expect(latencyMs).toBeGreaterThanOrEqual(200);
		expect(latencyMs).toBeLessThan(250);
		expect(achieved).toBeGreaterThan(10);
		expect(p.suggestedConcurrency()).toBe(Math.ceil((2 * rate * latencyMs) / 1000) + 1);
		expect(p.sustainableParallelism()).toBe(Math.ceil((achieved * latencyMs) / 1000));
	});
});

describe('AdaptivePace between executions', () => {
	it('a budget used again after a pause starts from the best second Zoom accepted, not from a rate that grew unused', async () => {
		const { clock, pace: p } = pace({ startRate: 4, growthIntervalMs: 250 });
		await drive(p, clock, 40, () => 'ok', 100);
		const { rate, achieved } = p.snapshot();
		expect(rate).toBeGreaterThan(achieved); // grew past what was ever used
		clock.ms += 10_000;
		const ticket = await p.acquire();
		ticket.settle({ kind: 'answered' });
		expect(p.snapshot().rate).toBe(achieved);
	});
});

describe('AdaptivePace back-off', () => {
	it('on a per-second 429 takes what Zoom accepted in the second before as the limit, runs just under it, and ignores the echo', async () => {
		const { clock, pace: p } = pace({ startRate: 40, backoffFraction: 0.9 });
		// A simulated account limit of 20 per sliding second, answered at once.
		const accepted: number[] = [];
		let limited = 0;
		await drive(p, clock, 120, (_i, ticket) => {
			while (accepted.length && accepted[0] <= ticket.sentAt - 1000) accepted.shift();
			if (accepted.length >= 20) {
				limited++;
				return { retryAfterMs: 1000 };
			}
			accepted.push(ticket.sentAt);
			return 'ok';
		});
		expect(p.snapshot().limit).toBe(20);
		expect(p.snapshot().rate).toBe(18);
		// One refusal taught it; after that the pace stays under the limit.
		expect(limited).toBe(1);
	});

	it('a 429 after a quiet second lowers the limit to an eighth of the rate at most; once a limit is known, by a tenth', async () => {
		const { clock, pace: p } = pace({ startRate: 16 });
		const ticket = await p.acquire();
		clock.ms += 10;
		ticket.settle({ kind: 'rateLimited', retryAfterMs: 1000 });
		expect(p.snapshot().limit).toBe(2);
		clock.ms += 5000;
		const next = await p.acquire();
		clock.ms += 10;
		next.settle({ kind: 'rateLimited', retryAfterMs: 1000 });
		expect(p.snapshot().limit).toBeCloseTo(1.8);
	});

	it('when 429s still come after backing off, everyone waits for Retry-After', async () => {
		const { clock, pace: p } = pace({ startRate: 10, backoffFraction: 0.5 });
		const first = await p.acquire();
		clock.ms += 100;
		first.settle({ kind: 'rateLimited', retryAfterMs: 1000 });
		expect(p.snapshot().pausedUntil).toBeLessThanOrEqual(clock.ms); // backing off the rate came first
		const second = await p.acquire(); // sent after the back-off
		clock.ms += 100;
		second.settle({ kind: 'rateLimited', retryAfterMs: 3000 });
		const pausedFrom = clock.ms;
		expect(p.snapshot().pausedUntil).toBe(pausedFrom + 3000);
		const third = await p.acquire();
		expect(third.sentAt).toBeGreaterThanOrEqual(pausedFrom + 3000);
	});

	it('once a limit is known, grows back to just under it and probes above it only after a quiet minute', async () => {
		const { clock, pace: p } = pace({ startRate: 40, backoffFraction: 0.9, probeAfterMs: 60_000 });
		const first = await p.acquire();
		first.settle({ kind: 'answered' });
		const limitedTicket = await p.acquire();
		limitedTicket.settle({ kind: 'rateLimited' });
		expect(p.snapshot().limit).toBe(5); // an eighth of 40: only one request in the second before
		await drive(p, clock, 100, () => 'ok');
		expect(p.snapshot().limit).toBe(5);
		expect(p.snapshot().rate).toBe(4.5);
		clock.ms += 60_000;
		await drive(p, clock, 20, () => 'ok');
		expect(p.snapshot().limit).toBeCloseTo(5.25);
	});

	it('a request that got no answer (dropped connection, token refresh) teaches nothing', async () => {
		const { pace: p } = pace({ startRate: 10 });
		const ticket = await p.acquire();
		ticket.settle({ kind: 'noAnswer' });
		ticket.settle({ kind: 'rateLimited' }); // settling twice counts once
		expect(p.snapshot()).toMatchObject({ rate: 10, limit: undefined, achieved: 0 });
	});
});
