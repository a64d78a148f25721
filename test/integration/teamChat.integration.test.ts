import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import { jsonOf, messagesRunner, useFakeDate, useSimulator } from './setup';

/**
 * "Now" for these tests: Team Chat serves only the last 6 months, and the node reads back to 178
 * days before today (here 2025-12-24), so the simulator's history from 2026-01 on is readable.
 */
const NOW = '2026-06-20T12:00:00Z';

useFakeDate(NOW);
const sim = useSimulator();
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
		// Zoom sends `status` only with the flag; without it Simplify keeps the key, as null.
		expect(statuses(plain)).toEqual(new Set([null]));
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
		expect(error.message).toBe('Zoom error 404 (code 4130): Channel does not exist: ch-nope.');
		const noContact = await messagesRunner(sim)
			.execute(teamParams({ teamChatTarget: 'contact', contact: 'zed@example.com' }))
			.catch((e) => e);
		expect(noContact).toBeInstanceOf(NodeApiError);
		expect(noContact.message).toBe('Zoom error 404 (code 1001): User does not exist: zed@example.com.');

		sim.clearRequests();
		const empty = await messagesRunner(sim)
			.execute(teamParams({ teamChatTarget: 'contact', contact: '={{ "  " }}' }))
			.catch((e) => e);
		expect(empty).toBeInstanceOf(NodeOperationError);
		expect(empty.message).toMatch(/"Contact" is empty/);
		expect(teamRequests()).toHaveLength(0);
	});

	it('lists every channel for the picker, one Zoom page per call as the editor scrolls, filtered by name', async () => {
		const runner = messagesRunner(sim);
		const params = { authentication: 'oAuth2', api: 'teamChat', userId: 'me' };
		const channelRequests = () => sim.requests.filter((r) => r.kind === 'channels').length;
		const listed: string[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const before = channelRequests();
			const page = await runner.listSearch('searchChannels', undefined, token, params);
			expect(channelRequests() - before).toBe(1);
			listed.push(...page.results.map((r) => r.value as string));
			token = page.paginationToken as string | undefined;
			calls++;
		} while (token);
		expect(calls).toBeGreaterThan(1);
		expect(listed).toEqual(sim.channels('me').map((c: { id: string }) => c.id));
		const filtered = await runner.listSearch('searchChannels', 'gene', undefined, params);
		expect(filtered.results).toEqual([{ name: 'General', value: 'ch-general' }]);
	});
});

describe('Team Chat answers and limits Zoom documents', () => {
	afterEach(() => jest.setSystemTime(new Date(NOW)));

	it('reads a range Zoom answers without `messages` (an empty channel) as no items', async () => {
		const [items] = await messagesRunner(sim).execute(
			teamParams({ channelId: { __rl: true, mode: 'id', value: 'ch-empty' }, from: '2026-04-01', to: '2026-06-20' }),
		);
		expect(items).toEqual([]);
		expect(teamRequests().map((r) => r.status)).toEqual([200, 200, 200]);
		expect(teamRequests().every((r) => r.query.to_channel === 'ch-empty')).toBe(true);
	});

	it('still refuses a page that promises more but has no `messages`', async () => {
		sim.addFault({ type: 'missingMessages', match: { kind: 'teamMessages' } });
		const error = await messagesRunner(sim)
			.execute(teamParams({ from: '2026-02-01', to: '2026-02-28' }))
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe("Zoom's answer for channel ch-general, 2026-02-01 to 2026-02-28 has no messages list");
	});

	it('refuses a From beyond the last 6 months before sending anything, naming the field, the value and the earliest day', async () => {
		const error = await messagesRunner(sim)
			.execute(teamParams({ from: '2025-12-23', to: '2026-03-31' }))
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'The value "2025-12-23" of "From" is too far back for Team Chat: Zoom keeps only the last 6 months, and the earliest day this node can read is 2025-12-24 (UTC). Set "From" to 2025-12-24 or later.',
		);
		expect(teamRequests()).toHaveLength(0);
		// IM chat has no such limit.
		const [im] = await messagesRunner(sim).execute({ ...teamParams({ from: '2025-12-01', to: '2025-12-02' }), api: 'imChat', sessionId: { __rl: true, mode: 'id', value: 'grp-eng' } });
		expect(im.length).toBeGreaterThan(0);
	});

	it('reads a range from the earliest day to the end, even when the clock moves on by most of a day during the read', async () => {
		let seen = 0;
		sim.setFaultHook((req) => {
			// Twenty hours pass after the first page (the access token expires too, as it would).
			if (req.kind === 'teamMessages' && ++seen === 2) jest.setSystemTime(Date.now() + 20 * 3600_000);
			return undefined;
		});
		// Page tokens outlive the jump here, so that a 400 can only be Zoom's 6-month refusal.
		const ttl = sim.options.pageTokenTtlMs;
		sim.options.pageTokenTtlMs = 2 * 86_400_000;
		const [items] = await messagesRunner(sim)
			.execute(teamParams({ from: '2025-12-24', to: '2026-06-20', pageSize: 30 }))
			.finally(() => {
				sim.options.pageTokenTtlMs = ttl;
			});
		const windows = [
			['2025-12-24', '2026-01-23'],
			['2026-01-24', '2026-02-23'],
			['2026-02-24', '2026-03-23'],
			['2026-03-24', '2026-04-23'],
			['2026-04-24', '2026-05-23'],
			['2026-05-24', '2026-06-20'],
		];
		const expected = windows.flatMap(([from, to]) => expectedWindow({ toChannel: 'ch-general' }, `${from}T00:00:00Z`, `${to}T23:59:59Z`));
		expect(expected.length).toBeGreaterThan(500);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-general' })));
		expect(teamRequests().filter((r) => r.status === 400)).toEqual([]);
		expect(teamRequests().some((r) => r.status === 401)).toBe(true); // the clock did move on
	});

	it("names the admin scope when the app may not read another user's chat, with Zoom's code and message", async () => {
		const params = teamParams({ userId: 'bob@example.com', from: '2026-03-01', to: '2026-03-31' });
		const error = await messagesRunner(sim)
			.execute(params)
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			"Zoom error 400 (code 200): Unauthorized request. You do not have permission to access this user's chat messages. Reading another user's Team Chat messages needs the Zoom app scope chat_message:read:admin.",
		);
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('team_chat:read:list_user_messages:admin');
		expect(teamRequests()).toHaveLength(1); // not retried

		const picker = await messagesRunner(sim)
			.listSearch('searchChannels', undefined, undefined, { authentication: 'oAuth2', api: 'teamChat', userId: 'sim-user-bob' })
			.catch((e) => e);
		expect(String(picker.message)).toBe(
			"Zoom error 403 (code 200): No permission to access user's channels. Reading another user's Team Chat channels needs the Zoom app scope chat_channel:read:admin.",
		);
	});
});
