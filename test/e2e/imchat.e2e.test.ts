/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: the tokens are fake fixtures */
/**
 * End-to-end: the packed package installed into real n8n (2.x and 1.x) the way n8n installs community
 * packages, reading IM chat messages from the Zoom simulator.
 *
 * The run's shared n8n of each version (test/support/n8n/shared-instance.js); the workflows are
 * created through n8n's REST API, then run one by one as manual runs.
 * The simulator runs in this process, so its request log and oracle (`sim.imMessages`) are at hand.
 *
 * Environment:
 *   ZOOM_IM_E2E_VERSIONS  comma-separated n8n versions (default "2.41.1,1.123.81")
 *   ZOOM_IM_E2E_BUILD=0   pack dist/ as it is instead of running `npm run build` first
 */
import { DateTime } from 'luxon';
import { ZoomSimulator } from '../simulator';
import type { ImMessage, RecordedRequest } from '../simulator';
import * as h from '../support/n8n';
import type { ExecuteResult, SharedN8nInstance, Workflow } from '../support/n8n';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();

const ZOOM = 'Zoom IM Messages';

/** The contract's windows: consecutive, each `start … start + 1 month − 1 day`, the last one clipped. */
function expectedWindows(from: string, to: string): Array<{ from: string; to: string }> {
	const windows: Array<{ from: string; to: string }> = [];
	const end = DateTime.fromISO(to, { zone: 'utc' });
	let start = DateTime.fromISO(from, { zone: 'utc' });
	while (start <= end) {
		let last = start.plus({ months: 1 }).minus({ days: 1 });
		if (last > end) last = end;
		windows.push({ from: start.toISODate()!, to: last.toISODate()! });
		start = last.plus({ days: 1 });
	}
	return windows;
}

function imRequests(sim: ZoomSimulator, sessionId?: string): RecordedRequest[] {
	return sim.requests.filter((r) => r.kind === 'imMessages' && (sessionId === undefined || r.path.split('/').pop() === sessionId));
}

function withSession(messages: ImMessage[], sessionId: string) {
	return messages.map((m) => ({ ...m, session_id: sessionId }));
}

/** Compact key per message, for readable diffs before the full deep-equality check. */
const key = (m: Record<string, unknown>) => `${m.date_time}|${m.sender}|${m.message}`;

function describeRun(run: ExecuteResult): string {
	const error = h.executionError(run.output);
	return (
		`exit ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}, ${run.durationMs} ms` +
		(error ? `\nerror: ${error.name}: ${error.message}\n${error.description ?? ''}` : '') +
		(run.output ? '' : `\nstdout:\n${run.stdout.slice(-4000)}\nstderr:\n${run.stderr.slice(-4000)}`)
	);
}

/** Fails with the run's error/output in the message when the run did not succeed. */
function expectSuccess(run: ExecuteResult) {
	if (run.code !== 0 || !run.output) throw new Error(`expected a successful run, got ${describeRun(run)}`);
}

function errorText(run: ExecuteResult): string {
	const error = h.executionError(run.output);
	return error ? `${error.message ?? ''}\n${error.description ?? ''}` : '';
}

describe.each(VERSIONS)('Zoom IM Messages (imChat) in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;

	// Credentials: `main` for most runs; `refresh` only for the refresh test (its tokens rotate);
	// `broken` holds tokens the simulator never issued (401, then a refused refresh).
	const ids = {
		main: h.makeId('credmain'),
		refresh: h.makeId('credrefresh'),
		broken: h.makeId('credbroken'),
	};
	let refreshTokens: { access_token: string; refresh_token: string };
	let mainTokens: { access_token: string; refresh_token: string };
	const brokenTokens = {
		access_token: 'never-issued-access-token-7c1f0e9a',
		refresh_token: 'never-issued-refresh-token-52b8d3aa',
		token_type: 'bearer',
		expires_in: 3599,
		scope: 'imchat:read',
	};

	const wf: Record<string, Workflow> = {};
	const imChat = (parameters: Record<string, unknown>) => ({
		api: 'imChat',
		sessionId: { __rl: true, mode: 'id', value: 'grp-eng' },
		returnAll: true,
		pageSize: 50,
		options: { timezone: 'UTC' },
		...parameters,
	});
	const single = (name: string, parameters: Record<string, unknown>) =>
		h.manualWorkflow({
			id: h.makeId(name),
			name: `e2e ${name}`,
			nodes: [h.zoomNode({ name: ZOOM, credentialId: ids.main, parameters: imChat(parameters) })],
		});

	const MULTI = { from: '2025-10-31', to: '2026-03-05' }; // starts on a month end: 10-31…11-29, 11-30…12-29, 12-30…01-29, 01-30…02-27, 02-28…03-05
	const LIMIT = { from: '2025-11-01', to: '2026-02-28' };
	const OCT = { from: '2026-10-01', to: '2026-10-31' };
	const COF_SESSIONS = ['grp-eng', 'no-such-session', 'alice@example.com'];

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		mainTokens = sim.issueTokens();
		refreshTokens = sim.issueTokens();

		n8n = await h.sharedInstance(version, { suite: 'imchat' });

		wf.multi = single('multi', { ...MULTI });
		wf.limit = single('limit', { ...LIMIT, returnAll: false, limit: 7, pageSize: 5 });
		wf.empty = single('empty', { ...LIMIT, sessionId: { __rl: true, mode: 'id', value: 'empty-session' } });
		wf.badDate = single('baddate', { from: '2026-02-30', to: '2026-03-31' });
		wf.reversed = single('reversed', { from: '2026-03-01', to: '2026-02-01' });
		wf.emptyId = single('emptyid', { ...OCT, sessionId: { __rl: true, mode: 'id', value: '={{ "" }}' } });
		wf.unknown = single('unknown', { ...OCT, sessionId: { __rl: true, mode: 'id', value: 'no-such-session' } });
		wf.broken = h.manualWorkflow({
			id: h.makeId('broken'),
			name: 'e2e broken credential',
			nodes: [h.zoomNode({ name: ZOOM, credentialId: ids.broken, credentialName: 'broken', parameters: imChat({ ...OCT }) })],
		});
		wf.continueOnFail = h.manualWorkflow({
			id: h.makeId('cof'),
			name: 'e2e continue on fail',
			nodes: [
				...h.itemsNodes(COF_SESSIONS.map((sessionId) => ({ sessionId }))),
				h.zoomNode({
					name: ZOOM,
					credentialId: ids.main,
					continueOnFail: true,
					parameters: imChat({ ...OCT, sessionId: { __rl: true, mode: 'id', value: '={{ $json.sessionId }}' } }),
				}),
			],
		});
		wf.refresh = h.manualWorkflow({
			id: h.makeId('refresh'),
			name: 'e2e refresh',
			nodes: [h.zoomNode({ name: ZOOM, credentialId: ids.refresh, credentialName: 'refresh', parameters: imChat({ ...OCT }) })],
		});

		await n8n.importCredentials([
			h.zoomOAuth2Credential({ id: ids.main, sim, tokens: mainTokens }),
			h.zoomOAuth2Credential({ id: ids.refresh, name: 'refresh', sim, tokens: refreshTokens }),
			h.zoomOAuth2Credential({ id: ids.broken, name: 'broken', sim, tokens: brokenTokens }),
		]);
		await n8n.importWorkflows(Object.values(wf));
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
	}, 2 * MINUTE);

	beforeEach(() => sim.clearRequests());

	it('returns every message of a multi-month range exactly once, in order, one request series per month window', async () => {
		const run = await n8n.execute(wf.multi.id);
		expectSuccess(run);

		const expected = withSession(sim.imMessages('grp-eng', MULTI.from, MULTI.to), 'grp-eng');
		expect(expected.length).toBeGreaterThan(500); // the oracle really spans months of traffic
		const items = h.nodeJson(run.output, ZOOM);
		expect(items.map(key)).toEqual(expected.map(key));
		expect(items).toEqual(expected);
		for (const paired of h.nodeResult(run.output, ZOOM).pairedItems) expect(h.pairedIndex(paired)).toBe(0);

		const windows = expectedWindows(MULTI.from, MULTI.to);
		expect(windows).toHaveLength(5);
		const requests = imRequests(sim);
		expect(requests.every((r) => r.status === 200)).toBe(true);
		// The (from, to) pairs asked are exactly the contract's windows (windows may be read
		// concurrently, so the request log can interleave them).
		const asked = [...new Map(requests.map((r) => [`${r.query.from}|${r.query.to}`, { from: r.query.from, to: r.query.to }])).values()];
		asked.sort((a, b) => a.from.localeCompare(b.from));
		expect(asked).toEqual(windows);
		// Pages: each window is read to its end and not further, each page once.
		let expectedRequests = 0;
		for (const w of windows) {
			const count = sim.imMessages('grp-eng', w.from, w.to).length;
			const pages = Math.max(1, Math.ceil(count / 50));
			const ofWindow = requests.filter((r) => r.query.from === w.from && r.query.to === w.to);
			expect({ window: w, requests: ofWindow.length }).toEqual({ window: w, requests: pages });
			expect(ofWindow.filter((r) => r.query.next_page_token === undefined)).toHaveLength(1);
			expect(new Set(ofWindow.map((r) => r.query.next_page_token)).size).toBe(pages);
			expectedRequests += pages;
		}
		expect(requests).toHaveLength(expectedRequests);
		expect(requests.every((r) => r.query.page_size === '50')).toBe(true);
		expect(requests.every((r) => r.path.endsWith('/im/chat/sessions/grp-eng'))).toBe(true);
	});

	it('with Return All off, returns the first `limit` messages and stops requesting', async () => {
		const run = await n8n.execute(wf.limit.id);
		expectSuccess(run);
		const all = withSession(sim.imMessages('grp-eng', LIMIT.from, LIMIT.to), 'grp-eng');
		const firstWindow = expectedWindows(LIMIT.from, LIMIT.to)[0];
		expect(sim.imMessages('grp-eng', firstWindow.from, firstWindow.to).length).toBeGreaterThan(10);

		expect(h.nodeJson(run.output, ZOOM)).toEqual(all.slice(0, 7));
		const requests = imRequests(sim);
		// page size 5 and limit 7: two pages of the first window, nothing else
		expect(requests).toHaveLength(2);
		expect(requests.every((r) => r.query.from === firstWindow.from && r.query.to === firstWindow.to)).toBe(true);
		expect(requests[0].query.page_size).toBe('5');
	});

	it('an empty session yields no items and the node succeeds', async () => {
		const run = await n8n.execute(wf.empty.id);
		expectSuccess(run);
		const result = h.nodeResult(run.output, ZOOM);
		expect(result.ran).toBe(true);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		// every window was still asked once
		const windows = expectedWindows(LIMIT.from, LIMIT.to);
		const asked = imRequests(sim).map((r) => ({ from: r.query.from, to: r.query.to }));
		asked.sort((a, b) => a.from.localeCompare(b.from));
		expect(asked).toEqual(windows);
	});

	it('an impossible date fails naming the "From" field and the value, without any request', async () => {
		const run = await n8n.execute(wf.badDate.id);
		expect(run.code).toBe(1);
		const error = h.executionError(run.output);
		expect(error).toBeDefined();
		expect(error!.name).toBe('NodeOperationError');
		expect(errorText(run)).toContain('From');
		expect(errorText(run)).toContain('2026-02-30');
		expect(imRequests(sim)).toHaveLength(0);
		expect(sim.requests.filter((r) => r.kind === 'token')).toHaveLength(0);
	});

	it('"from" after "to" fails naming a date field, without any request', async () => {
		const run = await n8n.execute(wf.reversed.id);
		expect(run.code).toBe(1);
		expect(h.executionError(run.output)?.name).toBe('NodeOperationError');
		expect(errorText(run)).toMatch(/From|To/);
		expect(imRequests(sim)).toHaveLength(0);
	});

	it('a session id that is empty only through an expression fails without any request', async () => {
		const run = await n8n.execute(wf.emptyId.id);
		expect(run.code).toBe(1);
		expect(h.executionError(run.output)?.name).toBe('NodeOperationError');
		expect(sim.requests.filter((r) => r.kind === 'imMessages')).toHaveLength(0);
	});

	it('an unknown session fails with a NodeApiError carrying 404 and Zoom\'s code and message', async () => {
		const run = await n8n.execute(wf.unknown.id);
		expect(run.code).toBe(1);
		const error = h.executionError(run.output)!;
		expect(error.name).toBe('NodeApiError');
		expect(String(error.httpCode)).toBe('404');
		const text = JSON.stringify(error);
		expect(text).toContain('4130');
		expect(text).toContain('Chat session does not exist');
		expect(imRequests(sim, 'no-such-session').length).toBeGreaterThanOrEqual(1);
	});

	it('Continue On Fail: each input item is read with its own session; the unknown one yields {error}, paired to it', async () => {
		const run = await n8n.execute(wf.continueOnFail.id);
		expectSuccess(run);
		const result = h.nodeResult(run.output, ZOOM);
		const pairs = result.pairedItems.map(h.pairedIndex);

		const grpEng = withSession(sim.imMessages('grp-eng', OCT.from, OCT.to), 'grp-eng');
		const alice = withSession(sim.imMessages('alice@example.com', OCT.from, OCT.to), 'alice@example.com');
		expect(grpEng.length).toBeGreaterThan(0);
		expect(alice.length).toBeGreaterThan(0);

		expect(result.items.filter((_, i) => pairs[i] === 0)).toEqual(grpEng);
		expect(result.items.filter((_, i) => pairs[i] === 2)).toEqual(alice);
		const failed = result.items.filter((_, i) => pairs[i] === 1);
		expect(failed).toHaveLength(1);
		expect(Object.keys(failed[0])).toEqual(['error']);
		// Zoom's answer for an unknown session (404, code 4130, its message), as the node words it.
		expect(failed[0].error).toBe(`Zoom error 404 (code 4130): Chat session does not exist: ${COF_SESSIONS[1]}.`);
		// input order is kept: all of item 0, then item 1's error, then item 2
		expect(pairs).toEqual([...grpEng.map(() => 0), 1, ...alice.map(() => 2)]);

		const sessionsAsked = new Set(imRequests(sim).map((r) => r.path.split('/').pop()));
		expect([...sessionsAsked].sort()).toEqual([...COF_SESSIONS].sort());
	});

	it('a failing run (unusable tokens, refused refresh) prints no token or client secret', async () => {
		const run = await n8n.execute(wf.broken.id);
		expect(run.code).toBe(1);
		expect(h.executionError(run.output)).toBeDefined();
		const printed = `${run.stdout}\n${run.stderr}`;
		const { clientId, clientSecret } = sim.client;
		const secrets = [
			brokenTokens.access_token,
			brokenTokens.refresh_token,
			clientSecret,
			Buffer.from(`${clientId}:${clientSecret}`).toString('base64'),
			mainTokens.access_token,
			mainTokens.refresh_token,
			refreshTokens.access_token,
			refreshTokens.refresh_token,
			...sim.tokenStats().currentRefreshTokens,
		];
		for (const secret of secrets) expect({ leaked: printed.includes(secret), secret: secret.slice(0, 6) }).toEqual({ leaked: false, secret: secret.slice(0, 6) });
		// the API was really tried with the unusable token
		expect(imRequests(sim).some((r) => r.status === 401)).toBe(true);
	});

	// Keep last: expireAccessTokens() expires every access token the simulator issued so far.
	it('refreshes an expired access token once (HTTP 401) and saves the rotated refresh token', async () => {
		const before = sim.tokenStats().refreshGrants;
		sim.expireAccessTokens();
		const run = await n8n.execute(wf.refresh.id);
		expectSuccess(run);

		expect(h.nodeJson(run.output, ZOOM)).toEqual(withSession(sim.imMessages('grp-eng', OCT.from, OCT.to), 'grp-eng'));
		// exactly one refresh; 401s only before it, every request after it succeeds
		expect(sim.tokenStats().refreshGrants).toBe(before + 1);
		const tokenRequest = sim.requests.findIndex((r) => r.kind === 'token');
		expect(sim.requests.filter((r) => r.kind === 'token')).toHaveLength(1);
		const beforeRefresh = sim.requests.slice(0, tokenRequest).filter((r) => r.kind === 'imMessages');
		const afterRefresh = sim.requests.slice(tokenRequest + 1).filter((r) => r.kind === 'imMessages');
		expect(beforeRefresh.length).toBeGreaterThanOrEqual(1);
		expect(beforeRefresh.every((r) => r.status === 401)).toBe(true);
		expect(afterRefresh.length).toBeGreaterThanOrEqual(1);
		expect(afterRefresh.every((r) => r.status === 200)).toBe(true);

		const saved = (await n8n.exportCredentials()).find((c) => c.id === ids.refresh);
		expect(saved).toBeDefined();
		const tokenData = saved!.data.oauthTokenData as Record<string, string>;
		expect(tokenData.refresh_token).toBeDefined();
		expect(tokenData.refresh_token).not.toBe(refreshTokens.refresh_token);
		expect(sim.tokenStats().currentRefreshTokens).toContain(tokenData.refresh_token);
		expect(tokenData.access_token).not.toBe(refreshTokens.access_token);
	});
});
