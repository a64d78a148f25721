/**
 * Enough requests in flight: once the credential's pace has shown that Zoom accepts more requests
 * at a time than a range has month windows, a window with more than one page is read as shorter
 * ranges of whole days in parallel, and still every message comes out exactly once, in Zoom's
 * order for the window, at most one request more per range. Windows that fit in one page and
 * ranges whose windows suffice are not split.
 */
import { imParams, imRequests, jsonOf, messagesRunner, useSimulator } from './setup';

const sim = useSimulator({ latencyMs: 200 }, { perTest: true });

const SESSION = 'grp-year';

function expected(from: string, to: string) {
	return sim.imMessages(SESSION, from, to).map((m) => ({ ...m, session_id: SESSION }));
}

/** One execution over four months teaches the credential's pace what Zoom accepts. */
async function train(runner: ReturnType<typeof messagesRunner>) {
	const [items] = await runner.execute(imParams(SESSION, '2025-01-01', '2025-04-30'));
	expect(jsonOf(items)).toEqual(expected('2025-01-01', '2025-04-30'));
	// Four months, four month windows: nothing to split.
	expect(new Set(imRequests(sim).map((r) => `${r.from}..${r.to}`)).size).toBe(4);
	sim.clearRequests();
}

/** The fewest requests for a range of one window: ⌈messages / 50⌉. */
const minimal = (from: string, to: string) => Math.max(1, Math.ceil(sim.imMessages(SESSION, from, to).length / 50));

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
			const sorted = parts.map((range) => range.split('..')).sort((a, b) => a[0].localeCompare(b[0]));
			expect(sorted[0][0]).toBe('2025-05-01');
			expect(sorted[sorted.length - 1][1]).toBe('2025-05-31');
			for (let i = 1; i < sorted.length; i++) {
				const dayAfter = new Date(Date.parse(`${sorted[i - 1][1]}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
				expect(sorted[i][0]).toBe(dayAfter);
			}
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
