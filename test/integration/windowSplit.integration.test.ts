/**
 * Enough requests in flight: once the credential's pace allows more requests at a time than a
 * range has month windows (from the first answer on: Zoom's published starting budget at the
 * latency observed in a fresh process, what Zoom accepted in a warm one), a window whose first page
 * is full and says more follow is read as shorter ranges of whole days in parallel, and still
 * every message comes out exactly once, in Zoom's order for the window, at most one request more
 * per range. Windows that fit in one page and ranges whose windows suffice are not split.
 */
import { expectWholeDayParts, imParams, imRequests, jsonOf, messagesRunner, useSimulator, withoutPageSize } from './setup';

const sim = useSimulator({ latencyMs: 200 }, { perTest: true });

const SESSION = 'grp-year';

function expected(from: string, to: string) {
	return sim.imMessages(SESSION, from, to).map((m) => ({ ...m, session_id: SESSION }));
}

/** One execution over four months teaches the credential's pace what Zoom accepts. */
async function train(runner: ReturnType<typeof messagesRunner>) {
	const [items] = await runner.execute(imParams(SESSION, '2025-01-01', '2025-04-30'));
	expect(jsonOf(items)).toEqual(expected('2025-01-01', '2025-04-30'));
	// Four month windows; each may be split from its first answer already (see the fresh process below).
	expect(new Set(imRequests(sim).map((r) => `${r.from}..${r.to}`)).size).toBeGreaterThanOrEqual(4);
	sim.clearRequests();
}

/** The fewest requests for a range of one window: ⌈messages / 50⌉. */
const minimal = (from: string, to: string) => Math.max(1, Math.ceil(sim.imMessages(SESSION, from, to).length / 50));

/** The most requests of `requests` that the simulator had in progress at the same time (its log's arrival and answer times). */
function mostAtOnce(requests: Array<{ startedAt: number; endedAt?: number }>): number {
	const events = requests.flatMap((r) => [
		{ at: r.startedAt, step: 1 },
		{ at: r.endedAt ?? Number.POSITIVE_INFINITY, step: -1 },
	]);
	// An answer and an arrival in the same millisecond: the answer first (not counted as overlapping).
	events.sort((a, b) => a.at - b.at || a.step - b.step);
	let now = 0;
	let most = 0;
	for (const { step } of events) most = Math.max(most, (now += step));
	return most;
}

describe('a busy month in a fresh process (a credential that has sent nothing yet)', () => {
	it('is split on its first answer, as far as the starting budget and that latency allow: parts read in parallel, every message once in order', async () => {
		// A saved workflow that never set Page Size: IM chat's default, Zoom's maximum of 300.
		const [items] = await messagesRunner(sim).execute(withoutPageSize(imParams(SESSION, '2025-05-01', '2025-05-31')));
		expect(jsonOf(items)).toEqual(expected('2025-05-01', '2025-05-31'));

		const log = sim.requests.filter((r) => r.kind === 'imMessages');
		const requests = imRequests(sim);
		expect(requests.every((r) => r.status === 200 && r.page_size === '300')).toBe(true);
		// The month's first page, the only request before the split: it said more pages follow.
		expect(requests[0]).toEqual({ from: '2025-05-01', to: '2025-05-31', page_size: '300', token: undefined, status: 200 });
		expect(requests.filter((r) => r.from === '2025-05-01' && r.to === '2025-05-31')).toHaveLength(1);
		const parts = [...new Set(requests.slice(1).map((r) => `${r.from}..${r.to}`))];
		// 19.2 requests per second (just under Pro's 20) at 200 ms or more: at least 4 lanes.
		expect(parts.length).toBeGreaterThanOrEqual(4);
		expectWholeDayParts(parts, '2025-05-01', '2025-05-31');
		// The parts were read side by side, not one after another.
		expect(mostAtOnce(log.slice(1))).toBeGreaterThanOrEqual(2);
		const minimal300 = Math.ceil(sim.imMessages(SESSION, '2025-05-01', '2025-05-31').length / 300);
		expect(requests.length).toBeLessThanOrEqual(minimal300 + parts.length);
		const tokens = requests.map((r) => r.token).filter(Boolean);
		expect(new Set(tokens).size).toBe(tokens.length);
	});

	it('a first page that holds the whole month is the only request', async () => {
		const [items] = await messagesRunner(sim).execute(imParams(SESSION, '2025-06-01', '2025-06-01', { pageSize: 300 }));
		expect(jsonOf(items)).toEqual(expected('2025-06-01', '2025-06-01'));
		expect(imRequests(sim)).toHaveLength(1);
	});
});

describe('a busy month read in parts', () => {
	it.each(['asc', 'desc'] as const)(
		'IM chat served %s: whole-day parts in parallel, every message once in the window’s order, at most one request more per part',
		async (order) => {
			const runner = messagesRunner(sim);
			await train(runner);
			sim.options.imOrder = order;

			const [items] = await runner.execute(imParams(SESSION, '2025-05-01', '2025-05-31'));
			expect(jsonOf(items)).toEqual(expected('2025-05-01', '2025-05-31'));

			const requests = imRequests(sim);
			expect(requests.every((r) => r.status === 200)).toBe(true);
			const ranges = [...new Set(requests.map((r) => `${r.from}..${r.to}`))];
			const parts = ranges.filter((range) => range !== '2025-05-01..2025-05-31');
			expect(parts.length).toBeGreaterThan(1);
			// The parts are whole days, one after another, covering the month once.
			expectWholeDayParts(parts, '2025-05-01', '2025-05-31');
			// The month's first page (which showed more would follow) and each part's pages.
			expect(requests.length).toBeLessThanOrEqual(minimal('2025-05-01', '2025-05-31') + parts.length);
			const tokens = requests.map((r) => r.token).filter(Boolean);
			expect(new Set(tokens).size).toBe(tokens.length);
		},
	);

	it('a window that fits in one page is read whole, once', async () => {
		const runner = messagesRunner(sim);
		await train(runner);
		const [items] = await runner.execute(imParams(SESSION, '2025-06-01', '2025-06-01'));
		expect(jsonOf(items)).toEqual(expected('2025-06-01', '2025-06-01'));
		expect(expected('2025-06-01', '2025-06-01').length).toBeLessThan(50);
		expect(imRequests(sim)).toEqual([{ from: '2025-06-01', to: '2025-06-01', page_size: '50', token: undefined, status: 200 }]);
	});

	it('with a limit, reads one window after another and no page beyond the limit', async () => {
		const runner = messagesRunner(sim);
		await train(runner);
		const [items] = await runner.execute(imParams(SESSION, '2025-05-01', '2025-05-31', { returnAll: false, limit: 120 }));
		expect(jsonOf(items)).toEqual(expected('2025-05-01', '2025-05-31').slice(0, 120));
		const requests = imRequests(sim);
		expect(requests.map((r) => `${r.from}..${r.to}`)).toEqual(Array(3).fill('2025-05-01..2025-05-31'));
		expect(requests.map((r) => r.page_size)).toEqual(['50', '50', '50']);
	});
});
