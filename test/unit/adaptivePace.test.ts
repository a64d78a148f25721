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

	it('a retry goes before the requests still waiting in line', async () => {
		const { clock, pace: p } = pace({ startRate: 20 });
		const released: Array<[string, number]> = [];
		const take = async (name: string, retry = false) => {
			await p.acquire(0, { retry });
			released.push([name, clock.ms]);
		};
		// a takes the turn; b, c, d wait in line; then a retry asks: it goes next, before b.
		const waiting = [take('a'), take('b'), take('c'), take('d')];
		const retried = take('retry', true);
		await Promise.all([...waiting, retried]);
		expect(released).toEqual([
			['a', 0],
			['retry', 50],
			['b', 100],
			['c', 150],
			['d', 200],
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

	it('a request a few milliseconds late keeps its slot: late timers do not slow the pace down', async () => {
		const { pace: p } = pace({ startRate: 20 }, 3);
		const releases: number[] = [];
		await Promise.all(
			Array.from({ length: 6 }, async () => {
				releases.push((await p.acquire()).sentAt);
			}),
		);
		// Every turn came 3 ms late, but counts from its slot: 20 per second, not 1000/53.
		expect(releases).toEqual([0, 50, 100, 150, 200, 250]);
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
		expect(p.suggestedConcurrency()).toBe(Math.ceil(4 * 40 * 0.25) + 1); // room for four times the rate
		await drive(p, clock, 60, () => 'ok', 200);
		const { latencyMs, achieved, rate } = p.snapshot();
		// Answers are taken in when the next request goes, so a little later than 200 ms.
		expect(latencyMs).toBeGreaterThanOrEqual(200);
		expect(latencyMs).toBeLessThan(250);
		expect(achieved).toBeGreaterThan(10);
		expect(p.suggestedConcurrency()).toBe(Math.ceil((4 * rate * latencyMs) / 1000) + 1);
		// No limit learned: the better of the starting budget and the best second Zoom accepted.
		expect(p.sustainableParallelism()).toBe(Math.ceil((Math.max(achieved, Math.min(rate, 40)) * latencyMs) / 1000));
	});
});

describe('AdaptivePace between executions', () => {
	it('a budget used again after a pause starts just under the best second Zoom accepted, not from a rate that grew unused', async () => {
		const { clock, pace: p } = pace({ startRate: 4, growthIntervalMs: 250, backoffFraction: 0.9 });
		await drive(p, clock, 40, () => 'ok', 100);
		const { rate, achieved } = p.snapshot();
		expect(rate).toBeGreaterThan(achieved); // grew past what was ever used
		clock.ms += 1500; // more than a second: Zoom's count of the budget's last second is empty
		const ticket = await p.acquire();
		ticket.settle({ kind: 'answered' });
		expect(p.snapshot().rate).toBeCloseTo(achieved * 0.9);
	});
	it("with Zoom's published limits, a budget whose best second passed Pro's 20 by a tenth resumes just under Business+'s 60", async () => {
		const fraction = DEFAULT_PACE_SETTINGS.backoffFraction;
		const { clock, pace: p } = pace({ startRate: 20 * fraction, publishedLimits: [2, 20, 60] });
		// Long enough to cross Pro's limit and prove it (a second at 22 without a 429), then grow on.
		await drive(p, clock, 70, () => 'ok', 200);
		const { achieved } = p.snapshot();
		expect(achieved).toBeGreaterThanOrEqual(22);
		clock.ms += 1500;
		const ticket = await p.acquire();
		ticket.settle({ kind: 'answered' });
		expect(p.snapshot().rate).toBeCloseTo(60 * fraction);
	});

	it("with Zoom's published limits, a budget whose best second stayed under Pro's 20 resumes at the starting budget", async () => {
		const fraction = DEFAULT_PACE_SETTINGS.backoffFraction;
		const { clock, pace: p } = pace({ startRate: 20 * fraction, publishedLimits: [2, 20, 60] });
		await drive(p, clock, 8, () => 'ok', 200);
		clock.ms += 1500;
		const ticket = await p.acquire();
		ticket.settle({ kind: 'answered' });
		expect(p.snapshot().rate).toBeCloseTo(20 * fraction);
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

/** A simulated account: `limit` requests per sliding second, counted when sent, answered `latencyMs` later. */
function account(limit: number) {
	const accepted: number[] = [];
	let refused = 0;
	return {
		get refused() {
			return refused;
		},
		answer: (_i: number, ticket: PaceTicket): 'ok' | { retryAfterMs: number } => {
			while (accepted.length && accepted[0] <= ticket.sentAt - 1000) accepted.shift();
			if (accepted.length >= limit) {
				refused++;
				return { retryAfterMs: 1000 };
			}
			accepted.push(ticket.sentAt);
			return 'ok';
		},
	};
}

describe('AdaptivePace and Zoom’s published limits', () => {
	const published = { publishedLimits: [2, 20, 60], backoffFraction: 0.96, startRate: 10, growthIntervalMs: 250 };

	it('stops just under each published limit, crosses it by a tenth, and waits a second and a latency before growing on', async () => {
		const { clock, pace: p } = pace(published);
		const steps: Array<[number, number]> = [];
		await drive(
			p,
			clock,
			400,
			() => {
				const { rate } = p.snapshot();
				if (steps.length === 0 || steps[steps.length - 1][1] !== rate) steps.push([clock.ms, rate]);
				return 'ok';
			},
			200,
		);
		const rates = steps.map(([, rate]) => rate);
		// 10 → just under Pro's 20 → a tenth over it → (doubling) 44 → just under Business+'s 60.
		expect(rates.slice(0, 4)).toEqual([10, 19.2, 22, 44]);
		expect(rates[4]).toBeCloseTo(57.6);
		const crossedAt = steps[2][0];
		expect(steps[3][0] - crossedAt).toBeGreaterThanOrEqual(1000 + 200);
		// Just under the highest published limit it stays (Zoom documents none higher) for the probe time.
		expect(rates.length).toBe(5);
	});

	it('crosses the highest published limit only after probeAfterMs just under it', async () => {
		const { clock, pace: p } = pace({ ...published, startRate: 57.6, probeAfterMs: 5_000 });
		await drive(p, clock, 200, () => 'ok', 50);
		expect(p.snapshot().rate).toBeCloseTo(57.6);
		await drive(p, clock, 400, () => 'ok', 50);
		expect(p.snapshot().rate).toBeGreaterThan(60);
	});

	it('an account on the Pro plan: a handful of 429s, then the limit is 20 and the rate just under it', async () => {
		const { clock, pace: p } = pace(published);
		const zoom = account(20);
		await drive(p, clock, 300, zoom.answer, 200);
		expect(p.snapshot().limit).toBe(20);
		expect(p.snapshot().rate).toBeCloseTo(19.2);
		expect(zoom.refused).toBeGreaterThan(0);
		expect(zoom.refused).toBeLessThanOrEqual(3);
	});

	it('an account on the Free plan, met at the Pro start rate: the first 429 teaches its limit, never more than the lowest published one', async () => {
		const { clock, pace: p } = pace({ ...published, startRate: 19.2 });
		const zoom = account(2);
		await drive(p, clock, 40, zoom.answer, 200);
		expect(p.snapshot().limit).toBe(2);
		// Only those sent at 19.2 per second before the first refusal came back (200 ms), once.
		expect(zoom.refused).toBeLessThanOrEqual(Math.ceil(19.2 * 0.2) + 2);
	});
});

describe('AdaptivePace learning the limit', () => {
	it('counts the second before a 429 again once its requests are answered: refusals still on their way lower the limit', async () => {
		const { pace: p } = pace({ startRate: 40, backoffFraction: 0.9 });
		// A burst of 10 (25 ms apart); Zoom (limit 6) refused the last four, but one refusal comes back first.
		const tickets: PaceTicket[] = [];
		for (let i = 0; i < 10; i++) tickets.push(await p.acquire());
		const last = tickets.pop()!;
		last.settle({ kind: 'rateLimited', retryAfterMs: 1000 });
		expect(p.snapshot().limit).toBe(9); // the nine before it, not yet answered, counted as accepted
		tickets.slice(6).forEach((t) => t.settle({ kind: 'rateLimited', retryAfterMs: 1000 }));
		tickets.slice(0, 6).forEach((t) => t.settle({ kind: 'answered' }));
		expect(p.snapshot().limit).toBe(6);
		expect(p.snapshot().rate).toBeCloseTo(5.4);
	});

	it('429s that still come two seconds after backing off lower the limit again, however many pauses came between', async () => {
		const { clock, pace: p } = pace({ startRate: 40, backoffFraction: 0.9 });
		const refuse = async (atMs: number) => {
			clock.ms = Math.max(clock.ms, atMs);
			const ticket = await p.acquire();
			clock.ms += 10;
			ticket.settle({ kind: 'rateLimited', retryAfterMs: 1000 });
		};
		await refuse(0); // the back-off: a limit of 5 (an eighth of 40)
		expect(p.snapshot().limit).toBe(5);
		await refuse(1500); // within two seconds: only a pause
		expect(p.snapshot().limit).toBe(5);
		await refuse(2600); // two seconds after the back-off (one after the pause): news
		expect(p.snapshot().limit).toBeCloseTo(4.5);
	});
});
