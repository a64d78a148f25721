/**
 * End-to-end: Team Chat (channel and contact) and the Server-to-Server credential in real n8n
 * (2.x and 1.x), with the packed package installed the way n8n installs community packages.
 * Expected messages come from the simulator's oracle, never from the run's output.
 */

import { ZoomSimulator } from '../simulator';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import * as h from '../support/n8n';
import type { ExecuteResult, SharedN8nInstance, Workflow } from '../support/n8n';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const ZOOM = 'Zoom IM Messages';

/**
 * Team Chat serves only the last 6 months, and real n8n reads the real clock: the runs read the
 * three whole calendar months before the current one (UTC), whatever the date. The simulator's
 * seeded history has fixed dates, so messages are also added to those months (seedMonths).
 */
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

/** Spreads messages over each month, some with files (two, or one), reactions and replies. */
function seedMonths(sim: ZoomSimulator) {
	const people = ['alice@example.com', 'bob@example.com', 'owner@example.com', 'carol@example.com'];
	MONTHS.forEach(([from, to], month) => {
		const start = Date.parse(from);
		const span = Date.parse(to) - start;
		let main: { id: string; timestamp: number } | undefined;
		for (let i = 0; i < 45; i++) {
			const timestamp = start + Math.floor(((i + 0.5) / 45) * span) + ((i * 37) % 1000);
			const added = sim.addTeamChatMessage({
				toChannel: 'ch-general',
				timestamp,
				sender: people[i % people.length],
				message: `e2e channel message ${month}.${i}`,
				files: i % 6 === 0 ? [{ file_name: `report ${i}.pdf`, file_size: 1200 + i }, ...(i % 12 === 0 ? [{ file_name: 'logo.svg', file_size: 300 }] : [])] : undefined,
				reactions: i % 5 === 0 ? [{ emoji: 'U+1F44D', senders: ['alice@example.com', 'bob@example.com'] }] : undefined,
				...(i % 9 === 4 && main ? { reply_main_message_id: main.id, reply_main_message_timestamp: main.timestamp } : {}),
			});
			main = { id: added.id, timestamp: added.timestamp };
			if (i % 4 === 0) {
				sim.addTeamChatMessage({ toContact: 'bob@example.com', timestamp: timestamp + 500, sender: i % 8 === 0 ? 'bob@example.com' : 'owner@example.com', message: `e2e direct message ${month}.${i}` });
			}
		}
	});
}

function expectSuccess(run: ExecuteResult) {
	if (run.code !== 0 || !run.output) {
		const error = h.executionError(run.output);
		throw new Error(`expected a successful run, got exit ${run.exitCode}: ${error?.message ?? run.stderr.slice(-2000)}`);
	}
}

describe.each(VERSIONS)('Team Chat and Server-to-Server OAuth in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;
	const ids = { oauth: h.makeId('tcoauth'), s2s: h.makeId('tcs2s') };
	const wf: Record<string, Workflow> = {};
	const node = (credentialId: string, authentication: 'oAuth2' | 'serverToServer', parameters: Record<string, unknown>) =>
		h.zoomNode({
			name: ZOOM,
			credentialId,
			credentialName: authentication === 'serverToServer' ? 'Zoom IM S2S (simulator)' : 'Zoom IM (simulator)',
			authentication,
			parameters: { authentication, returnAll: true, pageSize: 50, options: { timezone: 'UTC' }, ...parameters },
		});

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		seedMonths(sim);
		n8n = await h.sharedInstance(version, { suite: 'teamchat-s2s' });
		const channel = {
			api: 'teamChat',
			userId: 'me',
			teamChatTarget: 'channel',
			channelId: { __rl: true, mode: 'id', value: 'ch-general' },
			from: MONTHS[0][0].slice(0, 10),
			to: MONTHS[MONTHS.length - 1][1].slice(0, 10),
		};
		wf.channel = h.manualWorkflow({ id: h.makeId('tcchannel'), name: 'e2e team chat channel', nodes: [node(ids.oauth, 'oAuth2', channel)] });
		wf.contactS2s = h.manualWorkflow({
			id: h.makeId('tccontact'),
			name: 'e2e team chat contact s2s',
			// Zoom refuses "me" for server-to-server apps: the user is named by email.
			nodes: [node(ids.s2s, 'serverToServer', { ...channel, userId: 'owner@example.com', teamChatTarget: 'contact', contact: 'bob@example.com' })],
		});
		wf.imS2s = h.manualWorkflow({
			id: h.makeId('ims2s'),
			name: 'e2e im chat s2s',
			nodes: [
				node(ids.s2s, 'serverToServer', {
					api: 'imChat',
					sessionId: { __rl: true, mode: 'id', value: 'grp-eng' },
					from: '2025-12-01',
					to: '2026-03-31',
				}),
			],
		});
		await n8n.importCredentials([
			h.zoomOAuth2Credential({ id: ids.oauth, sim, tokens: sim.issueTokens() }),
			h.zoomS2SCredential({ id: ids.s2s, sim }),
		]);
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

	it('reads a Team Chat channel (OAuth2): every message once, simplified, with channel_id', async () => {
		const run = await n8n.execute(wf.channel.id);
		expectSuccess(run);
		const expected = MONTHS.flatMap(([from, to]) => sim.teamChatMessages({ toChannel: 'ch-general', from, to }));
		expect(expected.length).toBeGreaterThan(100);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-general' })));
		const firstPages = sim.requests.filter((r) => r.kind === 'teamMessages' && !r.query.next_page_token);
		expect(firstPages.map((r) => [r.query.from, r.query.to]).sort()).toEqual(MONTHS.map((m) => [...m]).sort());
	}, 5 * MINUTE);

	it('reads a Team Chat contact with the Server-to-Server credential, fetching its token with account_credentials', async () => {
		const run = await n8n.execute(wf.contactS2s.id);
		expectSuccess(run);
		const expected = MONTHS.flatMap(([from, to]) => sim.teamChatMessages({ toContact: 'bob@example.com', from, to }));
		expect(expected.length).toBeGreaterThan(0);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), contact: 'bob@example.com' })));
		const tokenRequests = sim.requests.filter((r) => r.kind === 'token');
		expect(tokenRequests.map((r) => r.query.grant_type)).toEqual(['account_credentials']);
	}, 5 * MINUTE);

	it('with the Server-to-Server credential, a token that expires mid-pull is fetched again once and nothing is lost', async () => {
		// The stored token from the previous test is reused; the third messages request finds it expired.
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 2 });
		const grantsBefore = sim.tokenStats().accountCredentialsGrants;
		const run = await n8n.execute(wf.imS2s.id);
		expectSuccess(run);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(
			sim.imMessages('grp-eng', '2025-12-01', '2026-03-31').map((m) => ({ ...m, session_id: 'grp-eng' })),
		);
		expect(sim.tokenStats().accountCredentialsGrants - grantsBefore).toBe(1);
		expect(sim.requests.some((r) => r.kind === 'imMessages' && r.status === 401)).toBe(true);
	}, 5 * MINUTE);
});

describe.each(VERSIONS)('the Server-to-Server credential\'s Test button in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;
	let rest: <T>(method: string, route: string, body?: unknown) => Promise<T>;

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		// The editor's REST API of the running n8n, signed in as its owner.
		n8n = await h.sharedInstance(version, { suite: 'credential-test' });
		rest = <T,>(method: string, route: string, body?: unknown) => n8n.rest.call<T>(method, `/rest${route}`, body);
	}, 15 * MINUTE);

	afterAll(async () => {
		await sim?.stop();
	}, 2 * MINUTE);

	it('says "Connection successful" for good credentials and reports the error for a wrong secret', async () => {
		const { type, data } = h.zoomS2SCredential({ sim });
		const created = await rest<{ id: string }>('POST', '/credentials', { name: 'Zoom S2S', type, data });
		const good = await rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: created.id, name: 'Zoom S2S', type, data },
		});
		expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
		// n8n fetched the token the new credential lacked; the test itself is a second token fetch
		// (HTTP Basic, no API request: nothing that depends on "me" or on the app's scopes).
		const basicAuth = `Basic ${Buffer.from(`${sim.client.clientId}:${sim.client.clientSecret}`).toString('base64')}`;
		expect(sim.requests.map((r) => [r.kind, r.status, r.headers.authorization])).toEqual([
			['token', 200, basicAuth],
			['token', 200, basicAuth],
		]);
		for (const request of sim.requests) {
			expect(request.query).toMatchObject({ grant_type: 'account_credentials', account_id: sim.client.accountId });
		}

		sim.clearRequests();
		const bad = await rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: created.id, name: 'Zoom S2S', type, data: { ...data, clientSecret: 'not-the-secret' } },
		});
		expect(bad.status).toBe('Error');
		expect(bad.message).not.toContain('not-the-secret');
		expect(sim.requests.every((r) => r.kind === 'token' && r.status === 401)).toBe(true);
	}, 5 * MINUTE);
});
