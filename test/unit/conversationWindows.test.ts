/**
 * The per-conversation send windows (transport/conversationWindows.ts) on a fake clock: under
 * random send durations and idle times, no window ever holds more sends than Zoom allows (counted
 * from each send's end to the next one's start, the only order Zoom can see for certain), and each
 * send starts at the earliest time that rule allows (the greedy schedule), found here by a naive
 * search instead of the module's formula.
 */
import fc from 'fast-check';

import {
	CHANNEL_WINDOWS,
	ConversationWindows,
	WINDOW_MARGIN_MS,
	conversationKey,
	type SendWindow,
} from '../../nodes/ZoomIm/transport/conversationWindows';

function fakeClock() {
	const clock = {
		t: 0,
		now: () => clock.t,
		sleep: async (ms: number) => {
			clock.t += Math.max(0, ms);
		},
	};
	return clock;
}

/** Whether a send may start at `t` after sends that ended at `ends`: fewer than `count` ended within the window before `t`. */
function allowedAt(t: number, ends: number[], windows: readonly SendWindow[]): boolean {
	return windows.every((w) => ends.filter((end) => end > t - w.ms - WINDOW_MARGIN_MS).length < w.count);
}

/** Scaled-down windows keep random schedules short while keeping Zoom's shape (four windows, nested counts). */
const SMALL: SendWindow[] = [
	{ count: 3, ms: 100 },
	{ count: 5, ms: 1_000 },
	{ count: 8, ms: 10_000 },
];

describe('ConversationWindows', () => {
	it('never lets a window hold more than its count, and starts each send at the greedy earliest time', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ idle: fc.integer({ min: 0, max: 3_000 }), duration: fc.integer({ min: 0, max: 400 }) }), {
					minLength: 1,
					maxLength: 40,
				}),
				fc.constantFrom<readonly SendWindow[]>(SMALL, CHANNEL_WINDOWS),
				async (sends, windows) => {
					const clock = fakeClock();
					const subject = new ConversationWindows(clock, windows);
					const ends: number[] = [];
					for (const send of sends) {
						clock.t += send.idle;
						const asked = clock.t;
						const turn = await subject.turn('k');
						const start = clock.t;
						// Allowed, and not a millisecond later than needed.
						expect(allowedAt(start, ends, windows)).toBe(true);
						if (start > asked) expect(allowedAt(start - 1, ends, windows)).toBe(false);
						clock.t += send.duration;
						turn.done();
						ends.push(clock.t);
					}
				},
			),
			{ seed: 21, numRuns: 150 },
		);
	});

	it("sends 500 messages to one channel as Zoom's windows allow: 10 at once, then spread over the longer windows", async () => {
		const clock = fakeClock();
		const subject = new ConversationWindows(clock);
		const starts: number[] = [];
		for (let i = 0; i < 500; i++) {
			const turn = await subject.turn('channel');
			starts.push(clock.t);
			clock.t += 1;
			turn.done();
		}
		// Every stretch of each window's length (from a start) holds at most its count of starts.
		for (const { count, ms } of CHANNEL_WINDOWS) {
			for (let i = 0; i + count < starts.length; i++) expect(starts[i + count] - starts[i]).toBeGreaterThan(ms);
		}
		// 450 in the first 1,000 s at most: the 451st waits for the first send's window to pass.
		expect(starts[450]).toBeGreaterThanOrEqual(1_000_000);
		expect(starts[9]).toBeLessThan(20);
	});

	it('holds one send at a time per conversation, and conversations apart', async () => {
		const clock = fakeClock();
		const subject = new ConversationWindows(clock);
		const first = await subject.turn('a');
		let secondStarted = false;
		const second = subject.turn('a').then((turn) => {
			secondStarted = true;
			return turn;
		});
		const other = await subject.turn('b');
		await Promise.resolve();
		expect(secondStarted).toBe(false);
		first.done();
		(await second).done();
		other.done();
		expect(secondStarted).toBe(true);
	});

	it('lets a caller wait for the windows without taking the turn (a waiting channel holds no share of the parallelism)', async () => {
		const clock = fakeClock();
		const subject = new ConversationWindows(clock, SMALL);
		for (let k = 0; k < 3; k++) (await subject.turn('a')).done();
		const lastEnd = clock.t;
		await subject.windowsOpen('a');
		// The first window (3 per 100 ms) is full until the first send's end leaves it.
		expect(clock.t).toBe(lastEnd + 100 + WINDOW_MARGIN_MS);
		// Nothing was taken: the turn is free, at once.
		const before = clock.t;
		(await subject.turn('a')).done();
		expect(clock.t).toBe(before);
		// Another conversation never waited.
		const other = new ConversationWindows(clock, SMALL);
		const t = clock.t;
		await other.windowsOpen('b');
		expect(clock.t).toBe(t);
	});

	it("after a 429 waits for Retry-After, or for Zoom's next block length (10 s, 30 s, 60 s, 300 s) when there is none", async () => {
		const clock = fakeClock();
		const subject = new ConversationWindows(clock, []);
		const waits: number[] = [];
		const refuse = async (retryAfterMs?: number) => {
			const before = clock.t;
			const turn = await subject.turn('c');
			waits.push(clock.t - before);
			turn.done({ rateLimited: true, retryAfterMs });
		};
		await refuse();
		await refuse();
		await refuse();
		await refuse();
		await refuse();
		await refuse(2_000);
		const last = await subject.turn('c');
		waits.push(0);
		last.done();
		expect(waits).toEqual([0, 10_000, 30_000, 60_000, 300_000, 300_000, 0]);
		// A success resets the ladder.
		const turn = await subject.turn('c');
		turn.done({ rateLimited: true });
		const start = clock.t;
		(await subject.turn('c')).done();
		expect(clock.t - start).toBe(10_000);
	});

	it('keys a channel by credential and channel (Zoom blocks the channel, whoever sends), a contact by user too', () => {
		const cred = { type: 't', id: '1' };
		expect(conversationKey(cred, 'a@x.com', { toChannel: 'c1' })).toBe(conversationKey(cred, 'b@x.com', { toChannel: 'c1' }));
		expect(conversationKey(cred, 'a@x.com', { toContact: 'z@x.com' })).not.toBe(conversationKey(cred, 'b@x.com', { toContact: 'z@x.com' }));
		expect(conversationKey(cred, 'a', { toChannel: 'c1' })).not.toBe(conversationKey({ type: 't', id: '2' }, 'a', { toChannel: 'c1' }));
	});
});
