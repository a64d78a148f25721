/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest in Node, never inside n8n */
/** The shared request pace: FIFO, spaced from the real release time, never a burst after a stall. */
import { RequestPacer } from '../../nodes/ZoomIm/transport/requestPacer';

/** A fake sleep that first yields a macrotask, so that each released caller runs before the clock moves on. */
const tick = async () => await new Promise<void>((resolve) => setImmediate(resolve));

describe('RequestPacer spacing', () => {
	it('lets waiting requests go one interval apart in call order', async () => {
		let now = 0;
		const released: Array<[string, number]> = [];
		const pacer = new RequestPacer(
			() => now,
			async (ms) => {
				await tick();
				now += ms;
			},
		);
		await Promise.all(
			['a', 'b', 'c', 'd'].map(async (name) => {
				await pacer.acquire(20);
				released.push([name, now]);
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
		let now = 0;
		const releases: number[] = [];
		// Every sleep overshoots by 120 ms, as timers do in a busy process.
		const pacer = new RequestPacer(
			() => now,
			async (ms) => {
				await tick();
				now += ms + 120;
			},
		);
		await Promise.all(
			Array.from({ length: 6 }, async () => {
				await pacer.acquire(20);
				releases.push(now);
			}),
		);
		for (let i = 1; i < releases.length; i++) expect(releases[i] - releases[i - 1]).toBeGreaterThanOrEqual(50);
		// No more than 20 releases in any second, however late the timers were.
		expect(releases).toEqual([0, 170, 340, 510, 680, 850]);
	});

	it('does not wait when the previous request went long enough ago', async () => {
		let now = 0;
		const waits: number[] = [];
		const pacer = new RequestPacer(
			() => now,
			async (ms) => {
				waits.push(ms);
				now += ms;
			},
		);
		await pacer.acquire(10);
		now = 5_000;
		await pacer.acquire(10);
		await pacer.acquire(10);
		expect(waits).toEqual([100]);
	});
});
