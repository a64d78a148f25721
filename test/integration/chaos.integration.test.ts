/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest in Node, never inside n8n */
/**
 * Chaos: 12-month pulls through the node's real execute() (n8n-core in-process) against the
 * simulator, with about one request in five failing (seeded mix of 429s, 5xx, dropped connections
 * and answers that never come), one access-token expiry and one page-token expiry per run.
 * Every run must return exactly the messages the simulator holds for the range: same items,
 * same order, nothing lost, nothing twice.
 *
 * Set CHAOS_REPORT=1 to print each run's figures.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { installChaos, monthStarts, type ChaosTally } from '../support/chaos';
import { imParams, jsonOf, messagesRunner, useFakeDate, useSimulator, type ZoomSimulator } from './setup';

/** Short waits through the options, no pace; "Max Retries" stays at its default of 5. */
const CHAOS_OPTIONS = { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, requestTimeout: 1000 };

const IM_SEEDS = [1, 2, 3, 4, 5];
const SESSION = 'grp-year';
const FROM = '2025-01-01';
const TO = '2025-12-31';

const sim = useSimulator();
const reports: Array<ChaosTally & { api: string; auth: string; messages: number }> = [];

afterAll(() => {
	if (process.env.CHAOS_REPORT) process.stdout.write(`${JSON.stringify(reports, null, 1)}\n`);
});
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

function lastDay(monthStart: string): string {
	const [y, m] = monthStart.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** What the run must have done besides returning the right messages. */
function expectChaosHappened(tally: ChaosTally, kind: 'imMessages' | 'teamMessages', refreshKind: 'refreshGrants' | 'accountCredentialsGrants', before: ReturnType<ZoomSimulator['tokenStats']>) {
	const after = sim.tokenStats();
	expect(tally.injected.expireAccessToken).toBe(1);
	expect(tally.injected.expirePageToken).toBe(1);
	// One new token for the whole run, however many parallel windows met the expired one.
	expect(after[refreshKind] - before[refreshKind]).toBe(1);
	expect(after.rejectedRefreshes).toBe(before.rejectedRefreshes);
	// About one request in five failed.
	expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
	expect(tally.faults / tally.requests).toBeLessThan(0.3);
	expect(tally.requests).toBe(sim.requests.filter((r) => r.kind === kind).length);
	// The page-token expiry made its window start again from its first page.
	const firstPages = sim.requests.filter((r) => r.kind === kind && !r.query.next_page_token && r.status === 200).map((r) => r.query.from);
	expect(firstPages.length).toBeGreaterThan(new Set(firstPages).size);
}

describe('chaos: 12-month IM chat pulls with one request in five failing', () => {
	it.each(IM_SEEDS)('seed %i: every message exactly once, in order', async (seed) => {
		const windows = monthStarts(FROM, TO);
		expect(windows).toHaveLength(12);
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed, kind: 'imMessages', windows });

		const [items] = await messagesRunner(sim).execute(imParams(SESSION, FROM, TO, { options: CHAOS_OPTIONS }));

		const expected = sim.imMessages(SESSION, FROM, TO).map((m) => ({ ...m, session_id: SESSION }));
		expect(expected).toHaveLength(12_000);
		expect(jsonOf(items)).toEqual(expected);
		// The texts are numbered, so duplicates would show as a smaller set.
		expect(new Set(items.map((i) => i.json.message)).size).toBe(12_000);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expectChaosHappened(tally, 'imMessages', 'refreshGrants', before);
		reports.push({ ...tally, api: 'imChat', auth: 'oAuth2', messages: items.length });
	});

	it('seed 6, server-to-server credential: every message exactly once', async () => {
		const windows = monthStarts(FROM, TO);
		const before = sim.tokenStats();
		const runner = messagesRunner(sim);
		// A first run fetches and stores the account token; the chaos run then meets its expiry.
		await runner.execute(imParams('alice@example.com', '2026-10-01', '2026-10-31', { authentication: 'serverToServer' }));
		sim.clearRequests();
		const mid = sim.tokenStats();
		expect(mid.accountCredentialsGrants - before.accountCredentialsGrants).toBe(1);
		const tally = installChaos(sim, { seed: 6, kind: 'imMessages', windows });

		const [items] = await runner.execute(imParams(SESSION, FROM, TO, { authentication: 'serverToServer', options: CHAOS_OPTIONS }));

		expect(jsonOf(items)).toEqual(sim.imMessages(SESSION, FROM, TO).map((m) => ({ ...m, session_id: SESSION })));
		expectChaosHappened(tally, 'imMessages', 'accountCredentialsGrants', mid);
		reports.push({ ...tally, api: 'imChat', auth: 'serverToServer', messages: items.length });
	});
});

describe('chaos: 5-month Team Chat pull (Zoom serves Team Chat for the last 6 months only)', () => {
	// Early November: the node reads Team Chat back to 2026-05-11, so June to October is readable.
	useFakeDate('2026-11-05T12:00:00Z');

	it('seed 7: every message of the channel (edited and deleted included) exactly once, window by window', async () => {
		const starts = monthStarts('2026-06-01', '2026-10-31');
		const windows = starts.map((s) => `${s}T00:00:00Z`);
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed: 7, kind: 'teamMessages', windows, tokenAt: [2, 4], pageAt: [2, 5] });
		const params: INodeParameters = {
			authentication: 'oAuth2',
			api: 'teamChat',
			userId: 'me',
			teamChatTarget: 'channel',
			channelId: { __rl: true, mode: 'id', value: 'ch-general' },
			from: '2026-06-01',
			to: '2026-10-31',
			returnAll: true,
			pageSize: 20,
			options: { ...CHAOS_OPTIONS, simplify: false, includeDeletedAndEdited: true },
		};

		const [items]: INodeExecutionData[][] = await messagesRunner(sim).execute(params);

		const expected = starts.flatMap((s) =>
			sim
				.teamChatMessages({ toChannel: 'ch-general', from: `${s}T00:00:00Z`, to: `${lastDay(s)}T23:59:59Z`, includeDeletedAndEdited: true })
				.map((m) => ({ ...m, channel_id: 'ch-general' })),
		);
		expect(expected).toHaveLength(
			sim.teamChatMessages({ toChannel: 'ch-general', from: '2026-06-01T00:00:00Z', to: '2026-10-31T23:59:59Z', includeDeletedAndEdited: true }).length,
		);
		expect(jsonOf(items)).toEqual(expected);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(expected.length);
		expectChaosHappened(tally, 'teamMessages', 'refreshGrants', before);
		reports.push({ ...tally, api: 'teamChat', auth: 'oAuth2', messages: items.length });
	});
});
