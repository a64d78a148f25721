/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs under jest in Node, never inside n8n */
/**
 * Chaos in real n8n: the packed package installed into n8n (2.x and 1.x) the way n8n installs
 * community packages, pulling 12 months (12,000 messages) in a manual run of the shared n8n from the simulator
 * while about one request in five fails (seeded 429s, 5xx, dropped connections, answers that
 * never come), the access token expires once (n8n refreshes it) and a page token expires once.
 * The run must return exactly the simulator's messages.
 *
 * On n8n 1.x this also proves what the in-process tests cannot: n8n 1.x has no single-flight
 * OAuth2 refresh, so parallel windows meeting the expired token would each refresh with the same
 * (rotating) refresh token unless the node lets only one of them through.
 *
 * Environment:
 *   ZOOM_IM_E2E_VERSIONS  comma-separated n8n versions (default "2.41.1,1.123.81")
 *   ZOOM_IM_E2E_BUILD=0   pack dist/ as it is instead of running `npm run build` first
 *   ZOOM_IM_CHAOS_SEEDS   comma-separated seeds (default "1")
 *   CHAOS_REPORT=1        print each run's figures
 */
import { ZoomSimulator } from '../simulator';
import { installChaos, monthStarts, type ChaosTally } from '../support/chaos';
import * as h from '../support/n8n';
import type { ExecuteResult, SharedN8nInstance, Workflow } from '../support/n8n';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const SEEDS = (process.env.ZOOM_IM_CHAOS_SEEDS ?? '1')
	.split(',')
	.map((s) => Number(s.trim()))
	.filter((s) => Number.isInteger(s));

const ZOOM = 'Zoom IM Messages';
const SESSION = 'grp-year';
const FROM = '2025-01-01';
const TO = '2025-12-31';

const reports: Array<ChaosTally & { n8n: string; messages: number; refreshGrants: number; durationMs: number }> = [];

function describeRun(run: ExecuteResult): string {
	const error = h.executionError(run.output);
	return (
		`exit ${run.exitCode}${run.signal ? ` (${run.signal})` : ''}, ${run.durationMs} ms` +
		(error ? `\nerror: ${error.name}: ${error.message}\n${error.description ?? ''}` : '') +
		(run.output ? '' : `\nstdout:\n${run.stdout.slice(-4000)}\nstderr:\n${run.stderr.slice(-4000)}`)
	);
}

afterAll(() => {
	if (process.env.CHAOS_REPORT) process.stdout.write(`${JSON.stringify(reports, null, 1)}\n`);
});

describe.each(VERSIONS)('chaos in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;
	const workflows = new Map<number, Workflow>();
	const credentialIds = new Map<number, string>();
	let headersWorkflow: Workflow;

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		n8n = await h.sharedInstance(version, { suite: 'chaos' });

		// One credential per seed: each run refreshes (rotates) its own tokens.
		const credentials = SEEDS.map((seed) => h.zoomOAuth2Credential({ id: h.makeId(`credchaos${seed}`), name: `chaos ${seed}`, sim, tokens: sim.issueTokens() }));
		SEEDS.forEach((seed, i) => {
			credentialIds.set(seed, credentials[i].id);
			workflows.set(
				seed,
				h.manualWorkflow({
					id: h.makeId(`chaos${seed}`),
					name: `e2e chaos seed ${seed}`,
					nodes: [
						h.zoomNode({
							name: ZOOM,
							credentialId: credentials[i].id,
							credentialName: credentials[i].name,
							parameters: {
								api: 'imChat',
								sessionId: { __rl: true, mode: 'id', value: SESSION },
								from: FROM,
								to: TO,
								returnAll: true,
								pageSize: 50,
								// Short waits through the options; no pace; "Max Retries" at its default (5).
								options: { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, requestTimeout: 1000 },
							},
						}),
					],
				}),
			);
		});
		// Rate-limit headers (Retry-After, X-RateLimit-Type) reach the node on both versions.
		const headersCredential = h.zoomOAuth2Credential({ id: h.makeId('credheaders'), name: 'headers', sim, tokens: sim.issueTokens() });
		headersWorkflow = h.manualWorkflow({
			id: h.makeId('headers'),
			name: 'e2e rate-limit headers',
			nodes: [
				h.zoomNode({
					name: ZOOM,
					credentialId: headersCredential.id,
					credentialName: headersCredential.name,
					parameters: {
						api: 'imChat',
						sessionId: { __rl: true, mode: 'id', value: 'alice@example.com' },
						from: '2026-10-01',
						to: '2026-10-31',
						returnAll: true,
						pageSize: 10,
						// Parallel Windows 1: the month is read page after page, never split into parts on
						// its first answer (how far it would split depends on that answer's latency).
						options: { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, concurrency: 1 },
					},
				}),
			],
		});
		await n8n.importCredentials([...credentials, headersCredential]);
		await n8n.importWorkflows([...workflows.values(), headersWorkflow]);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
	}, 2 * MINUTE);

	it('honours Retry-After of a 429 (headers are not lost)', async () => {
		sim.clearRequests();
		sim.clearFaults();
		sim.addFault({ type: 'rateLimit', retryAfter: 1, match: { kind: 'imMessages' }, after: 1 });
		const run = await n8n.execute(headersWorkflow.id);
		sim.clearFaults();
		if (run.code !== 0 || !run.output) throw new Error(`expected a successful run, got ${describeRun(run)}`);
		expect(h.nodeJson(run.output, ZOOM)).toEqual(sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31').map((m) => ({ ...m, session_id: 'alice@example.com' })));
		const requests = sim.requests.filter((r) => r.kind === 'imMessages');
		expect(requests.map((r) => r.status)).toEqual([200, 429, 200, 200, 200]);
		expect(requests[2].startedAt - (requests[1].endedAt as number)).toBeGreaterThanOrEqual(1000);
	}, 3 * MINUTE);

	it('fails at once on a daily limit told only by X-RateLimit-Type, with the reset time from its date-time Retry-After', async () => {
		sim.clearRequests();
		sim.clearFaults();
		// The body does not say "daily": only the headers do (Zoom sends no X-RateLimit-Reset).
		sim.addFault({
			type: 'http',
			status: 429,
			headers: { 'X-RateLimit-Type': 'Daily-limit', 'Retry-After': 'Tue, 01 Dec 2026 00:00:00 GMT' },
			body: { code: 429, message: 'Too many requests.' },
			match: { kind: 'imMessages' },
		});
		const run = await n8n.execute(headersWorkflow.id);
		sim.clearFaults();
		expect(run.code).toBe(1);
		const error = h.executionError(run.output);
		expect(error?.message).toBe("Zoom's daily rate limit for this API was reached");
		expect(error?.description).toBe('Zoom says the limit resets at 2026-12-01T00:00:00Z. Run the workflow again after that.');
		expect(sim.requests.filter((r) => r.kind === 'imMessages')).toHaveLength(1);
	}, 3 * MINUTE);

	it.each(SEEDS)(
		'seed %i: 12 months, one request in five failing, every message exactly once',
		async (seed) => {
			sim.clearRequests();
			const before = sim.tokenStats();
			const tally = installChaos(sim, { seed, kind: 'imMessages', windows: monthStarts(FROM, TO) });

			const run = await n8n.execute((workflows.get(seed) as Workflow).id);
			sim.clearFaults();
			if (run.code !== 0 || !run.output) throw new Error(`expected a successful run, got ${describeRun(run)}`);

			const expected = sim.imMessages(SESSION, FROM, TO).map((m) => ({ ...m, session_id: SESSION }));
			expect(expected).toHaveLength(12_000);
			const items = h.nodeJson(run.output, ZOOM);
			expect(items.length).toBe(expected.length);
			expect(new Set(items.map((m) => m.message)).size).toBe(expected.length);
			expect(items).toEqual(expected);

			const after = sim.tokenStats();
			expect(tally.injected.expireAccessToken).toBe(1);
			expect(tally.injected.expirePageToken).toBe(1);
			expect(after.refreshGrants - before.refreshGrants).toBe(1);
			expect(after.rejectedRefreshes).toBe(before.rejectedRefreshes);
			expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
			// The refreshed tokens were saved by n8n.
			const saved = (await n8n.exportCredentials()).find((c) => c.id === credentialIds.get(seed));
			expect(after.currentRefreshTokens).toContain((saved?.data.oauthTokenData as Record<string, string> | undefined)?.refresh_token);

			reports.push({ ...tally, n8n: version, messages: items.length, refreshGrants: after.refreshGrants - before.refreshGrants, durationMs: run.durationMs });
		},
		6 * MINUTE,
	);
});
