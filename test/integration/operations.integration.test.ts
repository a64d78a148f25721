/**
 * The resource / operation choice of Zoom IM Messages over real HTTP against the simulator, through
 * n8n-core's execute(): Message → Search, Conversation → Get Many, Account → Get Many Messages, and
 * the default (no resource, no operation) that saved workflows rely on. Expected items come from
 * the simulator's oracles, window by window.
 */
import { NodeApiError, NodeOperationError, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import { ZoomImMessages } from '../../nodes/ZoomIm/ZoomImMessages.node';
import { installChaos, monthStarts } from '../support/chaos';
import { createNodeRunner } from '../support/execute-context';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import {
	CREDENTIAL_TYPES,
	imParams,
	jsonOf,
	messagesRunner,
	oauth2CredentialData,
	s2sCredentialData,
	useFakeDate,
	useSimulator,
	type ZoomSimulator,
} from './setup';

/** Team Chat and the report serve only the last 6 months: "now" is fixed so the simulator's history is readable. */
const NOW = '2026-06-20T12:00:00Z';
const REPORT_SCOPE = 'report_chat:read:admin';

useFakeDate(NOW);
const sim = useSimulator({ accountScope: `imchat:read chat_message:read:admin chat_channel:read:admin ${REPORT_SCOPE}` });
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

/** A runner whose OAuth2 token carries `scope` (e.g. the report scope). */
function runnerWithScope(s: ZoomSimulator, scope: string) {
	return createNodeRunner({
		nodeType: new ZoomImMessages(),
		credentialTypes: CREDENTIAL_TYPES,
		timezone: 'UTC',
		credentials: {
			zoomImOAuth2Api: { id: 'cred-oauth2', name: 'Zoom OAuth2', data: { ...oauth2CredentialData(s), oauthTokenData: s.issueTokens({ scope }) } },
			zoomImServerToServerOAuthApi: { id: 'cred-s2s', name: 'Zoom S2S', data: s2sCredentialData(s) },
		},
	});
}

function lastDayOf(monthStart: string): string {
	const [y, m] = monthStart.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Calendar months from the month of `from` to the month of `to` (both on the 1st / last day). */
function months(from: string, to: string): Array<[string, string]> {
	return monthStarts(from, to).map((start) => [start, lastDayOf(start)]);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the run to fail');
}

const paired = (items: INodeExecutionData[]) => items.map((item) => (item.pairedItem as { item: number }).item);

describe('saved workflows (no resource, no operation)', () => {
	it('run Message → Get Many as before', async () => {
		const params = imParams('alice@example.com', '2026-05-01', '2026-05-31');
		expect(params.resource).toBeUndefined();
		const runner = messagesRunner(sim);
		const [items] = await runner.execute(imParams('grp-eng', '2026-04-01', '2026-05-31'));
		expect(runner.lastNode?.parameters.resource).toBe('message');
		expect(runner.lastNode?.parameters.operation).toBe('getAll');
		const expected = sim.imMessages('grp-eng', '2026-04-01', '2026-05-31');
		expect(expected.length).toBeGreaterThan(100);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...m, session_id: 'grp-eng' })));
	});
});

function searchParams(extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		resource: 'message',
		operation: 'search',
		userId: 'me',
		searchIn: 'all',
		searchType: 'message',
		searchKey: 'deploy',
		from: '2026-01-01',
		to: '2026-03-31',
		returnAll: true,
		pageSize: 20,
		options: { timezone: 'UTC', retryDelay: 1 },
		...extra,
	};
}

describe('Message → Search', () => {
	const searchWindow = (from: string, to: string, query: { toChannel?: string; toContact?: string; searchType?: 'message' | 'file'; searchKey?: string } = {}) =>
		sim.teamChatSearch({ searchType: 'message', searchKey: 'deploy', ...query, from: `${from}T00:00:00Z`, to: `${to}T23:59:59Z` });

	it('searches every conversation month by month: each match once, simplified, in Zoom order', async () => {
		const [items] = await messagesRunner(sim).execute(searchParams());
		const expected = months('2026-01-01', '2026-03-31').flatMap(([from, to]) => searchWindow(from, to));
		expect(expected.length).toBeGreaterThan(20);
		expect(jsonOf(items)).toEqual(expected.map((m) => simplifiedTeamChatMessage(m)));
		const requests = sim.requests.filter((r) => r.kind === 'teamMessages');
		expect(requests.every((r) => r.query.search_type === 'message' && r.query.search_key === 'deploy')).toBe(true);
		expect(requests.every((r) => r.query.to_channel === undefined && r.query.to_contact === undefined)).toBe(true);
		expect(requests.filter((r) => !r.query.next_page_token).map((r) => r.query.from)).toEqual([
			'2026-01-01T00:00:00Z',
			'2026-02-01T00:00:00Z',
			'2026-03-01T00:00:00Z',
		]);
	});

	it('searches files in one channel, with channel_id, up to the limit', async () => {
		const [items] = await messagesRunner(sim).execute(
			searchParams({ searchIn: 'channel', channelId: { __rl: true, mode: 'id', value: 'ch-general' }, searchType: 'file', searchKey: '.', returnAll: false, limit: 7 }),
		);
		const expected = months('2026-01-01', '2026-03-31')
			.flatMap(([from, to]) => searchWindow(from, to, { toChannel: 'ch-general', searchType: 'file', searchKey: '.' }))
			.slice(0, 7);
		expect(expected).toHaveLength(7);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-general' })));
		expect(sim.requests.every((r) => r.kind !== 'teamMessages' || (r.query.to_channel === 'ch-general' && r.query.search_type === 'file'))).toBe(true);
	});

	it.each([1, 2, 3])('chaos seed %i: one request in five failing, every match exactly once', async (seed) => {
		const before = sim.tokenStats();
		const windows = months('2026-01-01', '2026-05-31');
		const tally = installChaos(sim, { seed, kind: 'teamMessages', windows: windows.map(([from]) => `${from}T00:00:00Z`) });
		const [items] = await runnerWithScope(sim, 'imchat:read chat_message:read chat_channel:read').execute(
			searchParams({ searchKey: 'e', from: '2026-01-01', to: '2026-05-31', pageSize: 5, options: { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, requestTimeout: 1000 } }),
		);
		sim.clearFaults();
		const expected = windows.flatMap(([from, to]) => searchWindow(from, to, { searchKey: 'e' }));
		expect(expected.length).toBeGreaterThan(300);
		expect(jsonOf(items)).toEqual(expected.map((m) => simplifiedTeamChatMessage(m)));
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	});

	it.each([
		['a blank search key', { searchKey: '  ' }, 'The value "  " of "Search Key" is empty'],
		['a search key over 256 characters', { searchKey: 'x'.repeat(257) }, '"Search Key" is too long'],
		['a range older than 6 months', { from: '2025-06-01' }, '"From" is too far back for Team Chat'],
		['"me" with server-to-server', { authentication: 'serverToServer' }, '"User ID" is not allowed with Server-to-Server OAuth'],
		['a contact that an expression empties', { searchIn: 'contact', contact: '={{ "" }}' }, '"Contact" is empty'],
	])('refuses %s before any request', async (_what, extra, message) => {
		const error = await failure(messagesRunner(sim).execute(searchParams(extra as INodeParameters)));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(sim.requests.filter((r) => r.kind !== 'token')).toHaveLength(0);
	});
});

function conversationParams(extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		resource: 'conversation',
		operation: 'getAll',
		conversationType: 'imChatSessions',
		from: '2025-12-01',
		to: '2026-03-31',
		returnAll: true,
		options: { timezone: 'UTC', retryDelay: 1 },
		...extra,
	};
}

describe('Conversation → Get Many', () => {
	it('lists the IM chat sessions of a range month by month, each session once', async () => {
		// Two more sessions: one active in the first and the last window, one only in the last.
		if (!sim.sessions().some((s) => s.session_id === 'ops-a')) {
			sim.addImSession({ session_id: 'ops-a', name: 'Ops A' });
			sim.addImMessage('ops-a', { date_time: '2026-04-01T10:00:00Z', message: 'a1' });
			sim.addImMessage('ops-a', { date_time: '2026-05-20T10:00:00Z', message: 'a2' });
			sim.addImSession({ session_id: 'ops-b', name: 'Ops B', type: '1:1' });
			sim.addImMessage('ops-b', { date_time: '2026-05-20T11:00:00Z', message: 'b1' });
		}
		const [items] = await messagesRunner(sim).execute(conversationParams({ from: '2026-03-15', to: '2026-05-31' }));
		// Independently: a session belongs to the first window in which it has a message.
		const seen = new Set<string>();
		const expected: string[] = [];
		for (const [from, to] of [
			['2026-03-15', '2026-04-14'],
			['2026-04-15', '2026-05-14'],
			['2026-05-15', '2026-05-31'],
		]) {
			for (const session of sim.sessions()) {
				if (seen.has(session.session_id) || sim.imMessages(session.session_id, from, to).length === 0) continue;
				seen.add(session.session_id);
				expected.push(session.session_id);
			}
		}
		expect(expected).toEqual(['grp-eng', 'ops-a', 'ops-b']);
		expect(items.map((i) => i.json.session_id)).toEqual(expected);
		const byId = new Map(sim.sessions().map((s) => [s.session_id, s]));
		for (const item of items) expect(item.json).toMatchObject(byId.get(item.json.session_id as string) as object);
		expect(sim.requests.filter((r) => r.kind === 'imSessions').map((r) => [r.query.from, r.query.to, r.query.page_size])).toEqual([
			['2026-03-15', '2026-04-14', '300'],
			['2026-04-15', '2026-05-14', '300'],
			['2026-05-15', '2026-05-31', '300'],
		]);
	});

	it('lists every Team Chat channel across pages, with channel_id, and stops at the limit', async () => {
		const [all] = await messagesRunner(sim).execute(conversationParams({ conversationType: 'teamChatChannels' }));
		expect(jsonOf(all)).toEqual(sim.channels().map((c) => ({ ...c, channel_id: c.id })));
		expect(sim.requests.filter((r) => r.kind === 'channels')).toHaveLength(Math.ceil(sim.channels().length / 50));
		sim.clearRequests();
		const [some] = await messagesRunner(sim).execute(conversationParams({ conversationType: 'teamChatChannels', returnAll: false, limit: 3 }));
		expect(some.map((i) => i.json.id)).toEqual(['ch-general', 'ch-random', 'ch-empty']);
		expect(sim.requests.filter((r) => r.kind === 'channels')).toHaveLength(1);
	});

	it('lists the Team Chat sessions of a range (one-to-one with contact, group with channel_id), each once', async () => {
		const [items] = await messagesRunner(sim).execute(conversationParams({ conversationType: 'teamChatSessions', from: '2026-01-01', to: '2026-03-31' }));
		const seen = new Set<string>();
		const expected: Array<Record<string, unknown>> = [];
		for (const [from, to] of months('2026-01-01', '2026-03-31')) {
			for (const session of sim.teamChatSessions({ from: `${from}T00:00:00Z`, to: `${to}T23:59:59Z` })) {
				const key = session.channel_id ?? session.peer_contact_email ?? '';
				if (seen.has(key)) continue;
				seen.add(key);
				expected.push(session.type === '1:1' ? { ...session, contact: session.peer_contact_email } : session);
			}
		}
		expect(expected.map((s) => s.type).sort()).toEqual(['1:1', 'groupchat', 'groupchat']);
		expect(jsonOf(items)).toEqual(expected);
		sim.clearRequests();
		const [oneToOne] = await messagesRunner(sim).execute(
			conversationParams({ conversationType: 'teamChatSessions', sessionType: '1:1', from: '2026-01-01', to: '2026-03-31' }),
		);
		expect(jsonOf(oneToOne).map((s) => s.contact)).toEqual(['bob@example.com']);
		expect(sim.requests.filter((r) => r.kind === 'teamSessions').every((r) => r.query.type === '1:1' && r.query.from && r.query.to)).toBe(true);
	});

	it('one item per input item with its own parameters; Continue On Fail pairs the error with its item', async () => {
		const inputs = [{ json: { kind: 'teamChatChannels' } }, { json: { kind: 'nothing' } }, { json: { kind: 'teamChatChannels' } }];
		const [items] = await messagesRunner(sim).execute(
			conversationParams({ conversationType: '={{ $json.kind }}', returnAll: false, limit: 2 }),
			inputs,
			{ continueOnFail: true },
		);
		expect(paired(items)).toEqual([0, 0, 1, 2, 2]);
		expect(items[2].json.error).toContain('"Conversations" is not allowed');
	});
});

function accountParams(extra: INodeParameters = {}, options: Record<string, unknown> = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		resource: 'account',
		operation: 'getAllMessages',
		from: '2026-02-01',
		to: '2026-04-30',
		returnAll: true,
		pageSize: 100,
		options: { timezone: 'UTC', retryDelay: 1, ...options },
		...extra,
	};
}

/** What Account → Get Many Messages must emit for months of days, from the report oracles. */
function expectedReport(
	from: string,
	to: string,
	asked: { edited?: boolean; deleted?: boolean; reactions?: boolean; bot?: boolean } = {},
): Array<Record<string, unknown>> {
	return months(from, to).flatMap(([start, end]) =>
		sim.reportSessions(start, end).flatMap((session) => {
			const fields: Record<string, unknown> = { session_id: session.id, session_name: session.name, session_type: session.type };
			if (session.channel_id !== undefined) fields.channel_id = session.channel_id;
			const report = sim.reportMessages(session.id, start, end, asked);
			return [
				...report.messages.map((m) => ({ ...m, report_list: 'messages', ...fields })),
				...(report.edited_messages ?? []).map((m) => ({ ...m, report_list: 'edited_messages', ...fields })),
				...(report.deleted_messages ?? []).map((m) => ({ ...m, report_list: 'deleted_messages', ...fields })),
			];
		}),
	);
}

describe('Account → Get Many Messages (chat history report)', () => {
	it('reads every session of every month with its messages, each exactly once', async () => {
		const [items] = await runnerWithScope(sim, REPORT_SCOPE).execute(accountParams());
		const expected = expectedReport('2026-02-01', '2026-04-30');
		expect(new Set(expected.map((m) => m.session_id))).toEqual(new Set(['ses-ch-general', 'ses-ch-random', 'ses-dm-sim-user-bob']));
		expect(jsonOf(items)).toEqual(expected);
		const sessionRequests = sim.requests.filter((r) => r.kind === 'reportSessions');
		expect(sessionRequests.map((r) => [r.query.from, r.query.to])).toEqual(months('2026-02-01', '2026-04-30'));
		expect(sim.requests.filter((r) => r.kind === 'reportMessages').every((r) => r.query.include_fields === undefined && r.query.page_size === '100')).toBe(true);
	});

	it.each([false, true])('adds edited and deleted messages once each (lists on every page: %s)', async (everyPage) => {
		sim.options.reportChangesOnEveryPage = everyPage;
		try {
			const [items] = await runnerWithScope(sim, REPORT_SCOPE).execute(
				accountParams({ from: '2026-03-01', to: '2026-03-31', pageSize: 10 }, { includeEdited: true, includeDeleted: true, includeReactions: true }),
			);
			const expected = expectedReport('2026-03-01', '2026-03-31', { edited: true, deleted: true, reactions: true });
			expect(expected.filter((m) => m.report_list === 'edited_messages').length).toBeGreaterThan(0);
			expect(expected.filter((m) => m.report_list === 'deleted_messages').length).toBeGreaterThan(0);
			expect(expected.some((m) => Array.isArray(m.reactions))).toBe(true);
			expect(jsonOf(items)).toEqual(expected);
			const requests = sim.requests.filter((r) => r.kind === 'reportMessages');
			expect(requests.every((r) => r.query.include_fields === 'edited_messages,deleted_messages' && r.query.include_reactions === 'true')).toBe(true);
		} finally {
			sim.options.reportChangesOnEveryPage = false;
		}
	});

	it("Include Bot Messages: a bot's message in Zoom's report shape (the bot's JSON under content), as Zoom sent it", async () => {
		const [items] = await runnerWithScope(sim, REPORT_SCOPE).execute(accountParams({}, { includeBotMessages: true }));
		const expected = expectedReport('2026-02-01', '2026-04-30', { bot: true });
		const bots = jsonOf(items).filter((m) => m.bot_message !== undefined);
		expect(bots.length).toBeGreaterThan(0);
		for (const m of bots) {
			expect(Object.keys(m.bot_message as object).sort()).toEqual(['content', 'external_sender_email', 'is_markdown_support', 'source']);
			expect((m.bot_message as { content: unknown }).content).toMatchObject({ head: { text: m.message } });
		}
		expect(jsonOf(items)).toEqual(expected);
		expect(sim.requests.filter((r) => r.kind === 'reportMessages').every((r) => r.query.include_bot_message === 'true')).toBe(true);
	});

	it('stops at the limit without reading further sessions', async () => {
		const [items] = await runnerWithScope(sim, REPORT_SCOPE).execute(accountParams({ returnAll: false, limit: 5, pageSize: 100 }));
		expect(jsonOf(items)).toEqual(expectedReport('2026-02-01', '2026-04-30').slice(0, 5));
		expect(sim.requests.filter((r) => r.kind === 'reportMessages')).toHaveLength(1);
		expect(sim.requests.filter((r) => r.kind === 'reportMessages')[0].query.page_size).toBe('5');
	});

	it('works with a server-to-server credential that has the report scope', async () => {
		const [items] = await messagesRunner(sim).execute(accountParams({ authentication: 'serverToServer', from: '2026-04-01', to: '2026-04-30' }));
		expect(jsonOf(items)).toEqual(expectedReport('2026-04-01', '2026-04-30'));
	});

	it("fails with Zoom's status, code and message when the token lacks the report scope", async () => {
		const error = await failure(messagesRunner(sim).execute(accountParams()));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(JSON.stringify((error as NodeApiError).errorResponse)).toContain('4711');
	});

	it('refuses a range older than 6 months before any request, naming the earliest day', async () => {
		const error = await failure(runnerWithScope(sim, REPORT_SCOPE).execute(accountParams({ from: '2025-12-01' })));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"From" is too far back for Zoom\'s chat history report');
		expect(error.message).toContain('2025-12-24');
		expect(sim.requests.filter((r) => r.kind !== 'token')).toHaveLength(0);
	});

	it.each([1, 2, 3])('chaos seed %i: one request in five failing, every message exactly once', async (seed) => {
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed, kind: 'reportMessages', windows: monthStarts('2026-01-01', '2026-05-31') });
		const [items] = await runnerWithScope(sim, REPORT_SCOPE).execute(
			accountParams(
				{ from: '2026-01-01', to: '2026-05-31', pageSize: 10 },
				{ includeEdited: true, includeDeleted: true, maxRequestsPerSecond: 0, requestTimeout: 1000 },
			),
		);
		sim.clearFaults();
		const expected = expectedReport('2026-01-01', '2026-05-31', { edited: true, deleted: true });
		expect(expected.length).toBeGreaterThan(500);
		expect(jsonOf(items)).toEqual(expected);
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	});
});
