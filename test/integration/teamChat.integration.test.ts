import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import { jsonOf, messagesRunner, startSimulator, type ZoomSimulator } from './setup';

let sim: ZoomSimulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

function teamParams(extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		api: 'teamChat',
		userId: 'me',
		teamChatTarget: 'channel',
		channelId: { __rl: true, mode: 'id', value: 'ch-general' },
		from: '2026-01-01',
		to: '2026-03-31',
		returnAll: true,
		pageSize: 50,
		options: { timezone: 'UTC', retryDelay: 1 },
		...extra,
	};
}

const teamRequests = () => sim.requests.filter((r) => r.kind === 'teamMessages');

/** What the node should emit for one month window, simplified, in Zoom's order. */
function expectedWindow(target: { toChannel?: string; toContact?: string }, from: string, to: string, include = false) {
	return sim.teamChatMessages({ ...target, from, to, includeDeletedAndEdited: include } as never);
}

describe('Zoom IM Messages (Team Chat) over HTTP against the simulator', () => {
	it('reads a channel month by month, every message exactly once, simplified, with channel_id', async () => {
		const [items] = await messagesRunner(sim).execute(teamParams());
		const months = [
			['2026-01-01T00:00:00Z', '2026-01-31T23:59:59Z'],
			['2026-02-01T00:00:00Z', '2026-02-28T23:59:59Z'],
			['2026-03-01T00:00:00Z', '2026-03-31T23:59:59Z'],
		];
		const expected = months.flatMap(([from, to]) => expectedWindow({ toChannel: 'ch-general' }, from, to));
		expect(expected.length).toBeGreaterThan(100);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-general' })));
		expect(new Set(items.map((i) => i.json.id)).size).toBe(items.length);
		// The query Zoom got: UTC instants for each window, the channel, the page size.
		const firstPages = teamRequests().filter((r) => !r.query.next_page_token);
		expect(firstPages.map((r) => [r.query.from, r.query.to])).toEqual(months);
		expect(firstPages.every((r) => r.query.to_channel === 'ch-general' && r.query.page_size === '50')).toBe(true);
		expect(teamRequests().every((r) => r.query.include_deleted_and_edited_message === undefined)).toBe(true);
	});

	it('includes edited and deleted messages only when asked', async () => {
		const [plain] = await messagesRunner(sim).execute(teamParams({ from: '2026-02-01', to: '2026-02-28' }));
		sim.clearRequests();
		const [all] = await messagesRunner(sim).execute(
			teamParams({ from: '2026-02-01', to: '2026-02-28', options: { timezone: 'UTC', includeDeletedAndEdited: true } }),
		);
		const statuses = (items: typeof all) => new Set(items.map((i) => i.json.status));
		expect(statuses(plain)).toEqual(new Set(['Normal']));
		expect(statuses(all).has('Edited') || statuses(all).has('Deleted')).toBe(true);
		expect(jsonOf(all).map((m) => m.id)).toEqual(
			expectedWindow({ toChannel: 'ch-general' }, '2026-02-01T00:00:00Z', '2026-02-28T23:59:59Z', true).map((m) => (m as { id: string }).id),
		);
		expect(teamRequests().every((r) => r.query.include_deleted_and_edited_message === 'true')).toBe(true);
	});

	it('returns the raw message with Simplify off', async () => {
		const [items] = await messagesRunner(sim).execute(
			teamParams({ from: '2026-02-01', to: '2026-02-28', options: { timezone: 'UTC', simplify: false } }),
		);
		const expected = expectedWindow({ toChannel: 'ch-general' }, '2026-02-01T00:00:00Z', '2026-02-28T23:59:59Z');
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...(m as object), channel_id: 'ch-general' })));
	});

	it('reads a contact conversation with to_contact and adds contact', async () => {
		const [items] = await messagesRunner(sim).execute(
			teamParams({ teamChatTarget: 'contact', contact: 'bob@example.com', from: '2026-03-01', to: '2026-03-31' }),
		);
		const expected = expectedWindow({ toContact: 'bob@example.com' }, '2026-03-01T00:00:00Z', '2026-03-31T23:59:59Z');
		expect(expected.length).toBeGreaterThan(0);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), contact: 'bob@example.com' })));
		expect(teamRequests().every((r) => r.query.to_contact === 'bob@example.com' && r.query.to_channel === undefined)).toBe(true);
	});

	it('sends the chosen timezone’s day boundaries as UTC instants', async () => {
		await messagesRunner(sim).execute(teamParams({ from: '2026-03-01', to: '2026-03-31', options: { timezone: 'Europe/Berlin' } }));
		const first = teamRequests()[0];
		expect([first.query.from, first.query.to]).toEqual(['2026-02-28T23:00:00Z', '2026-03-31T21:59:59Z']);
	});

	it('stops at the limit', async () => {
		const [items] = await messagesRunner(sim).execute(teamParams({ returnAll: false, limit: 3 }));
		expect(jsonOf(items).map((m) => m.id)).toEqual(
			expectedWindow({ toChannel: 'ch-general' }, '2026-01-01T00:00:00Z', '2026-01-31T23:59:59Z')
				.slice(0, 3)
				.map((m) => (m as { id: string }).id),
		);
		expect(teamRequests()).toHaveLength(1);
		expect(teamRequests()[0].query.page_size).toBe('3');
	});

	it('fails on an unknown channel with Zoom’s code, and on an empty contact before sending', async () => {
		const error = await messagesRunner(sim)
			.execute(teamParams({ channelId: { __rl: true, mode: 'id', value: 'ch-nope' } }))
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Zoom error 404 (code 5301): Channel does not exist: ch-nope.');

		sim.clearRequests();
		const empty = await messagesRunner(sim)
			.execute(teamParams({ teamChatTarget: 'contact', contact: '={{ "  " }}' }))
			.catch((e) => e);
		expect(empty).toBeInstanceOf(NodeOperationError);
		expect(empty.message).toMatch(/"Contact" is empty/);
		expect(teamRequests()).toHaveLength(0);
	});

	it('lists every channel for the picker, following pages, filtered by name', async () => {
		const runner = messagesRunner(sim);
		const params = { authentication: 'oAuth2', api: 'teamChat', userId: 'me' };
		const all = await runner.listSearch('searchChannels', undefined, undefined, params);
		expect(all.results.map((r) => r.value)).toEqual(sim.channels('me').map((c: { id: string }) => c.id));
		expect(sim.requests.filter((r) => r.kind === 'channels').length).toBeGreaterThan(1);
		const filtered = await runner.listSearch('searchChannels', 'gene', undefined, params);
		expect(filtered.results).toEqual([{ name: 'General', value: 'ch-general' }]);
	});
});
