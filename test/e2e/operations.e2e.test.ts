/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node, never inside n8n */
/**
 * End-to-end: the resources and operations of Zoom IM Messages in real n8n (2.x and 1.x), with the
 * packed package installed the way n8n installs community packages. Message → Search and Account →
 * Get Many Messages run under the seeded chaos (one request in five failing, one access-token and
 * one page-token expiry) and must return exactly what the simulator's oracles hold; Conversation →
 * Get Many lists each conversation once, also under the chaos (IM chat sessions, channels and Team
 * Chat sessions, each spanning two pages somewhere); and a workflow saved before resources existed
 * (the demo workflow of commit bf00135, kept as a fixture) runs unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';

import { ZoomSimulator } from '../simulator';
import { installChaos } from '../support/chaos';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import * as h from '../support/n8n';
import type { ExecuteResult, SharedN8nInstance, Workflow } from '../support/n8n';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const ZOOM = 'Zoom IM Messages';
const USER_SCOPES = 'imchat:read chat_message:read chat_channel:read';
const REPORT_SCOPE = 'report_chat:read:admin';
const SAVED_BEFORE = path.join(h.REPO_ROOT, 'test', 'e2e', 'fixtures', 'workflow-saved-before-operations.json');

/** The three whole calendar months before the current one (UTC), as Team Chat instants: within Zoom's 6 months whatever the date. */
function wholeMonthsBefore(now: Date, count: number): Array<[string, string]> {
	const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
	const months: Array<[string, string]> = [];
	for (let back = count; back >= 1; back--) {
		const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
		const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1) - 1000;
		months.push([iso(start), iso(end)]);
	}
	return months;
}

const MONTHS = wholeMonthsBefore(new Date(), 3);
/** The month before MONTHS: Team Chat sessions under chaos list it with more than a page of sessions. */
const CHAOS_MONTH = wholeMonthsBefore(new Date(), 4)[0];
/** IM chat sessions under chaos: three fixed months (IM chat has no 6-month rule) with more than a page of sessions each. */
const CHAOS_IM_MONTHS: Array<[string, string]> = [
	['2026-01-01', '2026-01-31'],
	['2026-02-01', '2026-02-28'],
	['2026-03-01', '2026-03-31'],
];
const CHAOS_IM_SESSIONS = 480;
const DAYS = MONTHS.map(([from, to]) => [from.slice(0, 10), to.slice(0, 10)] as [string, string]);
const FROM = DAYS[0][0];
const TO = DAYS[DAYS.length - 1][1];

/** The seeded history has fixed dates: messages are added to the months the runs read, some edited or deleted. */
function seedMonths(sim: ZoomSimulator) {
	const people = ['alice@example.com', 'bob@example.com', 'owner@example.com', 'carol@example.com'];
	MONTHS.forEach(([from, to], month) => {
		const start = Date.parse(from);
		const span = Date.parse(to) - start;
		for (let i = 0; i < 60; i++) {
			const timestamp = start + Math.floor(((i + 0.5) / 60) * span) + ((i * 37) % 1000);
			const status = i % 10 === 3 ? 'Edited' : i % 10 === 7 ? 'Deleted' : 'Normal';
			sim.addTeamChatMessage({ toChannel: 'ch-general', timestamp, status, sender: people[i % people.length], message: `e2e channel message ${month}.${i}` });
			if (i % 3 === 0) sim.addTeamChatMessage({ toChannel: 'ch-random', timestamp: timestamp + 300, message: `e2e random message ${month}.${i}` });
			if (i % 4 === 0) sim.addTeamChatMessage({ toContact: 'bob@example.com', timestamp: timestamp + 500, sender: 'bob@example.com', message: `e2e direct message ${month}.${i}` });
		}
	});
}

/**
 * Data for Conversation → Get Many under chaos, outside the months the other cases read: IM chat
 * sessions active in two of the three CHAOS_IM_MONTHS (320 a month: two pages of 300), and a
 * message in every filler channel in CHAOS_MONTH (63 Team Chat sessions: two pages of 50).
 */
function seedChaosConversations(sim: ZoomSimulator) {
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	for (let k = 0; k < CHAOS_IM_SESSIONS; k++) {
		const id = `e2e-chaos-${pad(k, 3)}`;
		sim.addImSession({ session_id: id, name: `E2E chaos ${k}` });
		CHAOS_IM_MONTHS.forEach(([start], month) => {
			if (month !== k % CHAOS_IM_MONTHS.length) sim.addImMessage(id, { date_time: `${start.slice(0, 8)}${pad(1 + (k % 28))}T${pad(k % 24)}:00:00Z`, message: `chaos ${k}` });
		});
	}
	const start = Date.parse(CHAOS_MONTH[0]);
	for (let j = 1; j <= 60; j++) {
		sim.addTeamChatMessage({ toChannel: `ch-filler-${pad(j)}`, timestamp: start + ((j * 7919) % 27) * 86_400_000 + j * 61_000, sender: 'owner@example.com', message: `chaos filler ${j}` });
	}
}

function expectSuccess(run: ExecuteResult) {
	if (run.code !== 0 || !run.output) {
		const error = h.executionError(run.output);
		throw new Error(`expected a successful run, got exit ${run.exitCode}: ${error?.message ?? ''}\n${error?.description ?? ''}\n${run.stderr.slice(-2000)}`);
	}
}

/** Short waits through the options and no pace, so that the chaos runs stay quick; Max Retries stays at 5. */
const CHAOS_OPTIONS = { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, requestTimeout: 1000 };

describe.each(VERSIONS)('resources and operations in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;
	const cred = { plain: h.makeId('opsplain') };
	const wf: Record<string, Workflow> = {};
	const node = (credentialId: string, parameters: Record<string, unknown>) =>
		h.zoomNode({ name: ZOOM, credentialId, parameters: { authentication: 'oAuth2', returnAll: true, options: { timezone: 'UTC' }, ...parameters } });

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		seedMonths(sim);
		seedChaosConversations(sim);
		n8n = await h.sharedInstance(version, { suite: 'operations' });

		const saved = JSON.parse(
			fs
				.readFileSync(SAVED_BEFORE, 'utf8')
				.replace('__WORKFLOW_ID__', h.makeId('savedbefore'))
				.replace('__CREDENTIAL_ID__', cred.plain)
				.replace('__CREDENTIAL_NAME__', 'Zoom IM (simulator)'),
		) as Workflow;
		wf.saved = saved;
		wf.channels = h.manualWorkflow({ id: h.makeId('opschannels'), name: 'e2e channels', nodes: [node(cred.plain, { resource: 'conversation', operation: 'getAll', conversationType: 'teamChatChannels' })] });
		wf.teamSessions = h.manualWorkflow({
			id: h.makeId('opstcsessions'),
			name: 'e2e team chat sessions',
			nodes: [node(cred.plain, { resource: 'conversation', operation: 'getAll', conversationType: 'teamChatSessions', from: FROM, to: TO })],
		});
		wf.imSessions = h.manualWorkflow({
			id: h.makeId('opsimsessions'),
			name: 'e2e im sessions',
			nodes: [node(cred.plain, { resource: 'conversation', operation: 'getAll', conversationType: 'imChatSessions', from: '2026-08-01', to: '2026-10-31' })],
		});
		await n8n.importCredentials([h.zoomOAuth2Credential({ id: cred.plain, sim, tokens: sim.issueTokens() })]);
		await n8n.importWorkflows(Object.values(wf));
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
	}, 2 * MINUTE);

	beforeEach(() => {
		sim.clearRequests();
		sim.clearFaults();
	});

	/**
	 * A workflow with one Zoom node on a credential of its own whose tokens are new: the chaos expires
	 * every token issued so far, so each chaos run must start from tokens no earlier run expired.
	 */
	async function chaosWorkflow(name: string, scope: string, parameters: Record<string, unknown>, before: Workflow['nodes'] = []): Promise<Workflow> {
		const credential = h.zoomOAuth2Credential({ id: h.makeId('opschaos'), name, sim, tokens: sim.issueTokens({ scope }) });
		const workflow = h.manualWorkflow({ id: h.makeId('opschaos'), name: `e2e ${name}`, nodes: [...before, node(credential.id, parameters)] });
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([workflow]);
		return workflow;
	}

	it('runs a workflow saved before resources existed unchanged (Message → Get Many, IM chat)', async () => {
		const zoom = wf.saved.nodes.find((n) => n.name === ZOOM);
		expect(zoom?.parameters.resource).toBeUndefined();
		expect(zoom?.parameters.operation).toBeUndefined();
		const run = await n8n.execute(wf.saved.id);
		expectSuccess(run);
		const expected = sim.imMessages('grp-eng', '2026-06-01', '2026-09-30').map((m) => ({ ...m, session_id: 'grp-eng' }));
		expect(expected.length).toBeGreaterThan(500);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(expected);
	}, 5 * MINUTE);

	it('Message → Search across all conversations under chaos: every match exactly once', async () => {
		const workflow = await chaosWorkflow('search', USER_SCOPES, {
			resource: 'message',
			operation: 'search',
			searchIn: 'all',
			searchType: 'message',
			searchKey: 'E2E',
			from: FROM,
			to: TO,
			pageSize: 5,
			options: CHAOS_OPTIONS,
		});
		sim.clearRequests();
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed: 7, kind: 'teamMessages', windows: MONTHS.map(([from]) => from) });
		const run = await n8n.execute(workflow.id);
		sim.clearFaults();
		expectSuccess(run);
		const expected = MONTHS.flatMap(([from, to]) => sim.teamChatSearch({ searchType: 'message', searchKey: 'E2E', from, to }));
		expect(expected.length).toBeGreaterThan(200);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(expected.map((m) => simplifiedTeamChatMessage(m)));
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	}, 6 * MINUTE);

	it('Account → Get Many Messages under chaos: every message of every session exactly once, edited and deleted included', async () => {
		const workflow = await chaosWorkflow('report', `${USER_SCOPES} ${REPORT_SCOPE}`, {
			resource: 'account',
			operation: 'getAllMessages',
			from: FROM,
			to: TO,
			pageSize: 10,
			options: { ...CHAOS_OPTIONS, includeEdited: true, includeDeleted: true },
		});
		sim.clearRequests();
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed: 11, kind: 'reportMessages', windows: DAYS.map(([from]) => from) });
		const run = await n8n.execute(workflow.id);
		sim.clearFaults();
		expectSuccess(run);
		const expected = DAYS.flatMap(([from, to]) =>
			sim.reportSessions(from, to).flatMap((session) => {
				const fields: Record<string, unknown> = { session_id: session.id, session_name: session.name, session_type: session.type };
				if (session.channel_id !== undefined) fields.channel_id = session.channel_id;
				const report = sim.reportMessages(session.id, from, to, { edited: true, deleted: true });
				return [
					...report.messages.map((m) => ({ ...m, report_list: 'messages', ...fields })),
					...(report.edited_messages ?? []).map((m) => ({ ...m, report_list: 'edited_messages', ...fields })),
					...(report.deleted_messages ?? []).map((m) => ({ ...m, report_list: 'deleted_messages', ...fields })),
				];
			}),
		);
		expect(expected.filter((m) => m.report_list === 'deleted_messages').length).toBeGreaterThan(10);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(expected);
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	}, 6 * MINUTE);

	it('Conversation → Get Many lists channels, Team Chat sessions and IM chat sessions, each once', async () => {
		const channels = await n8n.execute(wf.channels.id);
		expectSuccess(channels);
		expect(h.nodeJson(channels.output, ZOOM)).toEqual(sim.channels().map((c) => ({ ...c, channel_id: c.id })));

		const teamSessions = await n8n.execute(wf.teamSessions.id);
		expectSuccess(teamSessions);
		const seen = new Set<string>();
		const expectedSessions = MONTHS.flatMap(([from, to]) => sim.teamChatSessions({ from, to }))
			.filter((s) => !seen.has(s.channel_id ?? s.peer_contact_email ?? '') && seen.add(s.channel_id ?? s.peer_contact_email ?? ''))
			.map((s) => (s.type === '1:1' ? { ...s, contact: s.peer_contact_email } : s));
		expect(expectedSessions.length).toBe(3);
		expect(h.nodeJson(teamSessions.output, ZOOM)).toEqual(expectedSessions);

		const imSessions = await n8n.execute(wf.imSessions.id);
		expectSuccess(imSessions);
		const ids = new Set<string>();
		for (const [from, to] of [['2026-08-01', '2026-08-31'], ['2026-09-01', '2026-09-30'], ['2026-10-01', '2026-10-31']]) {
			for (const s of sim.sessions()) if (sim.imMessages(s.session_id, from, to).length > 0) ids.add(s.session_id);
		}
		expect(h.nodeJson(imSessions.output, ZOOM).map((s) => s.session_id)).toEqual([...ids]);
	}, 6 * MINUTE);
	/** Each conversation once per listing: the first month window that lists it wins. */
	function firstOfEach<T>(perWindow: T[][], keyOf: (entry: T) => string): T[] {
		const seen = new Set<string>();
		return perWindow.flat().filter((entry) => !seen.has(keyOf(entry)) && Boolean(seen.add(keyOf(entry))));
	}

	it('Conversation → Get Many, IM chat sessions under chaos: every session exactly once, in Zoom order', async () => {
		const [from, to] = [CHAOS_IM_MONTHS[0][0], CHAOS_IM_MONTHS[CHAOS_IM_MONTHS.length - 1][1]];
		const workflow = await chaosWorkflow('im sessions', USER_SCOPES, { resource: 'conversation', operation: 'getAll', conversationType: 'imChatSessions', from, to, options: CHAOS_OPTIONS });
		sim.clearRequests();
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed: 13, kind: 'imSessions', windows: CHAOS_IM_MONTHS.map(([start]) => start), tokenAt: [0, 2], pageAt: [1, 1] });
		const run = await n8n.execute(workflow.id);
		sim.clearFaults();
		expectSuccess(run);
		const perMonth = CHAOS_IM_MONTHS.map(([start, end]) => sim.sessions().filter((s) => sim.imMessages(s.session_id, start, end).length > 0));
		expect(perMonth.every((sessions) => sessions.length > 300)).toBe(true);
		const expected = firstOfEach(perMonth, (s) => s.session_id);
		expect(expected.length).toBeGreaterThanOrEqual(CHAOS_IM_SESSIONS);
		const items = h.nodeJson(run.output, ZOOM);
		expect(items.map((s) => s.session_id)).toEqual(expected.map((s) => s.session_id));
		items.forEach((item, i) => expect(item).toMatchObject(expected[i]));
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	}, 6 * MINUTE);

	it('Conversation → Get Many, Team Chat channels under chaos: each of four input items lists every channel exactly once', async () => {
		const inputs = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
		const workflow = await chaosWorkflow(
			'channels',
			USER_SCOPES,
			{ resource: 'conversation', operation: 'getAll', conversationType: 'teamChatChannels', options: CHAOS_OPTIONS },
			h.itemsNodes(inputs),
		);
		sim.clearRequests();
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed: 17, kind: 'channels', windows: ['channels'], tokenAt: [1, 3], pageAt: [2, 5] });
		const run = await n8n.execute(workflow.id);
		sim.clearFaults();
		expectSuccess(run);
		const channels = sim.channels().map((c) => ({ ...c, channel_id: c.id }));
		expect(channels.length).toBeGreaterThan(50);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(inputs.flatMap(() => channels));
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	}, 6 * MINUTE);

	it('Conversation → Get Many, Team Chat sessions under chaos: every session exactly once, in Zoom order', async () => {
		const windows = [CHAOS_MONTH, ...MONTHS];
		const workflow = await chaosWorkflow('team chat sessions', USER_SCOPES, {
			resource: 'conversation',
			operation: 'getAll',
			conversationType: 'teamChatSessions',
			from: CHAOS_MONTH[0].slice(0, 10),
			to: TO,
			options: CHAOS_OPTIONS,
		});
		sim.clearRequests();
		const before = sim.tokenStats();
		// The expiries go to the month that spans two pages; the random faults hit every month.
		const tally = installChaos(sim, { seed: 19, kind: 'teamSessions', windows: [CHAOS_MONTH[0]], tokenAt: [0, 0], pageAt: [1, 1] });
		const run = await n8n.execute(workflow.id);
		sim.clearFaults();
		expectSuccess(run);
		const perMonth = windows.map(([from, to]) => sim.teamChatSessions({ from, to }));
		expect(perMonth[0].length).toBeGreaterThan(50);
		const expected = firstOfEach(perMonth, (s) => s.channel_id ?? s.peer_contact_email ?? '').map((s) =>
			s.type === '1:1' ? { ...s, contact: s.peer_contact_email } : s,
		);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(expected);
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	}, 6 * MINUTE);
});
