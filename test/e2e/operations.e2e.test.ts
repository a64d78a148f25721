/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node, never inside n8n */
/**
 * End-to-end: the resources and operations of Zoom IM Messages in real n8n (2.x and 1.x), with the
 * packed package installed the way n8n installs community packages. Message → Search and Account →
 * Get Many Messages run under the seeded chaos (one request in five failing, one access-token and
 * one page-token expiry) and must return exactly what the simulator's oracles hold; Conversation →
 * Get Many lists each conversation once; and a workflow saved before resources existed (the demo
 * workflow of commit bf00135, kept as a fixture) runs unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';

import { ZoomSimulator } from '../simulator';
import { installChaos } from '../support/chaos';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import * as h from '../support/n8n';
import type { ExecuteResult, N8nInstance, Workflow } from '../support/n8n';

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
	let n8n: N8nInstance;
	const cred = { plain: h.makeId('opsplain') };
	const wf: Record<string, Workflow> = {};
	const node = (credentialId: string, parameters: Record<string, unknown>) =>
		h.zoomNode({ name: ZOOM, credentialId, parameters: { authentication: 'oAuth2', returnAll: true, options: { timezone: 'UTC' }, ...parameters } });

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		seedMonths(sim);
		const tarball = await h.packPackage();
		n8n = await h.createInstance({ version, tarball, name: `operations-${version}` });

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
	async function chaosWorkflow(name: string, scope: string, parameters: Record<string, unknown>): Promise<Workflow> {
		const credential = h.zoomOAuth2Credential({ id: h.makeId('opschaos'), name, sim, tokens: sim.issueTokens({ scope }) });
		const workflow = h.manualWorkflow({ id: h.makeId('opschaos'), name: `e2e ${name}`, nodes: [node(credential.id, parameters)] });
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
});
