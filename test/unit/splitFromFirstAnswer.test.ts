/**
 * A busy window is split on its first answer, as far as Zoom's published starting budget and that
 * answer's latency allow, in a fresh process as in a warm one: the lanes a pace offers (on a fake
 * clock), and the reader's decision taken from the first page (a stub client, no network).
 */
import { readChatMessages } from '../../nodes/ZoomIm/reading/conversationReader';
import type { ZoomMessage } from '../../nodes/ZoomIm/reading/messages';
import { AdaptivePace, DEFAULT_PACE_SETTINGS } from '../../nodes/ZoomIm/transport/adaptivePace';
import { categorySettings, PUBLISHED_LIMITS, type RateCategory } from '../../nodes/ZoomIm/transport/publishedLimits';
import type { ZoomClient, ZoomRequest } from '../../nodes/ZoomIm/transport/zoomClient';

function fakeClock() {
	const clock = { ms: 0, now: () => clock.ms, sleep: async (ms: number) => void (clock.ms += ms) };
	return clock;
}

/** A budget as the process-wide registry makes it, before anything was sent with it. */
function freshPace(category: RateCategory = 'Medium') {
	const clock = fakeClock();
	return { clock, pace: new AdaptivePace(clock, categorySettings(DEFAULT_PACE_SETTINGS, category)) };
}

/** One request answered `latencyMs` after it went: the first answer of the budget. */
async function firstAnswer({ clock, pace }: ReturnType<typeof freshPace>, latencyMs: number) {
	const ticket = await pace.acquire();
	clock.ms += latencyMs;
	ticket.settle({ kind: 'answered' });
}

const START = PUBLISHED_LIMITS.Medium.pro * DEFAULT_PACE_SETTINGS.backoffFraction; // 19.2 per second

describe('lanes after the first answer of a fresh budget', () => {
	it.each([
		[200, Math.ceil(START * 0.2)], // 4
		[120, Math.ceil(START * 0.12)], // 3
		[60, 2],
		[40, 1], // fast answers: one lane reads the window as quickly as parts would
	])('Medium, answered after %i ms: %i lanes at the starting budget', async (latencyMs, lanes) => {
		const budget = freshPace();
		await firstAnswer(budget, latencyMs);
		expect(budget.pace.snapshot().limit).toBeUndefined(); // nothing learned: one answer, no 429
		expect(budget.pace.sustainableParallelism()).toBe(lanes);
	});

	it("Heavy starts under Pro's 10 per second: half the lanes", async () => {
		const budget = freshPace('Heavy');
		await firstAnswer(budget, 200);
		expect(budget.pace.sustainableParallelism()).toBe(Math.ceil(PUBLISHED_LIMITS.Heavy.pro * DEFAULT_PACE_SETTINGS.backoffFraction * 0.2));
	});

	it("the user's Max Requests per Second caps them", async () => {
		const budget = freshPace();
		await firstAnswer(budget, 200);
		expect(budget.pace.sustainableParallelism(5)).toBe(1);
		expect(budget.pace.sustainableParallelism(10)).toBe(2);
	});

	it('a budget that learned a lower limit (a 429) splits only as far as that limit allows', async () => {
		const budget = freshPace();
		await firstAnswer(budget, 200);
		const refused = await budget.pace.acquire();
		budget.clock.ms += 200;
		refused.settle({ kind: 'rateLimited', retryAfterMs: 1000 });
		const { limit } = budget.pace.snapshot();
		expect(limit).toBe(PUBLISHED_LIMITS.Medium.free); // never below Free's 2 on one 429
		expect(budget.pace.sustainableParallelism()).toBe(1);
	});
});

/** IM messages of one window, oldest first, one second apart. */
function messages(count: number, firstMs = Date.parse('2025-05-01T00:00:00Z')): ZoomMessage[] {
	return Array.from({ length: count }, (_, i) => ({ message: `m${i}`, sender: 'a@example.com', date_time: new Date(firstMs + i * 1000).toISOString() }));
}

/**
 * A client whose every first page is `first` and whose pace is `pace`: the requests it was asked
 * for, in order. A page with a token is followed by an empty last page.
 */
function stubClient(pace: AdaptivePace, first: { count: number; token: string }) {
	const requests: ZoomRequest[] = [];
	const client = {
		parallelism: () => ({ workers: () => pace.suggestedConcurrency(), lanes: () => pace.sustainableParallelism() }),
		get: async (request: ZoomRequest) => {
			requests.push(request);
			if (request.qs?.next_page_token) return { next_page_token: '', messages: [] };
			return { next_page_token: first.token, messages: messages(first.count) };
		},
	};
	return { client: client as unknown as ZoomClient, requests };
}

async function readMay(client: ZoomClient, pageSize: number) {
	return await readChatMessages(
		client,
		{ api: 'imChat', sessionId: 'grp' },
		{ firstDay: '2025-05-01', lastDay: '2025-05-31', clamped: false, empty: false },
		{ pageSize, concurrency: 0, zone: 'UTC', includeDeletedAndEdited: false },
	);
}

const ranges = (requests: ZoomRequest[]) => [...new Set(requests.map((r) => `${String(r.qs?.from)}..${String(r.qs?.to)}`))];

/** A fresh budget whose first answer took `latencyMs`, then the month read through a stub client serving `first`. */
async function readMayAfterFirstAnswer(latencyMs: number, first: { count: number; token: string }) {
	const budget = freshPace();
	await firstAnswer(budget, latencyMs); // what the first page's answer teaches the pace
	const { client, requests } = stubClient(budget.pace, first);
	const windows = await readMay(client, 300);
	return { budget, requests, windows };
}

describe('the window reader decides on the first page', () => {
	it('a fresh budget: a full first page with a token splits the month into one whole-day part per lane', async () => {
		const { budget, requests } = await readMayAfterFirstAnswer(200, { count: 300, token: 'more' });
		const parts = ranges(requests).filter((range) => range !== '2025-05-01..2025-05-31');
		// Four lanes: runs of whole days of (nearly) equal length, one after another, covering the month.
		expect(budget.pace.sustainableParallelism()).toBe(4);
		expect(parts).toEqual(['2025-05-01..2025-05-06', '2025-05-07..2025-05-12', '2025-05-13..2025-05-18', '2025-05-19..2025-05-24', '2025-05-25..2025-05-31']);
	});

	it('a first page that is not full is read on whole, even with a token', async () => {
		const { requests } = await readMayAfterFirstAnswer(200, { count: 299, token: 'more' });
		expect(ranges(requests)).toEqual(['2025-05-01..2025-05-31']);
		expect(requests.map((r) => r.qs?.next_page_token)).toEqual([undefined, 'more']);
	});

	it('a full first page without a token is the whole window', async () => {
		const { requests, windows } = await readMayAfterFirstAnswer(200, { count: 300, token: '' });
		expect(requests).toHaveLength(1);
		expect(windows.flat()).toHaveLength(300);
	});

	it('fast answers (one lane) read the window whole', async () => {
		const { requests } = await readMayAfterFirstAnswer(20, { count: 300, token: 'more' });
		expect(ranges(requests)).toEqual(['2025-05-01..2025-05-31']);
	});
});
