/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code: runs under jest in Node and starts n8n processes, never inside n8n */
/**
 * Scale-out on n8n's own engine: the packed package in n8n queue mode (one main, two workers,
 * Redis), reading IM chat messages from the Zoom simulator.
 *
 * A published workflow (Webhook → Zoom IM Messages, Return All, responding with every item of the
 * last node) is called 20 times at once, each call with its own session, range and page size; the
 * main enqueues the executions and the two workers run them. Every answer must be exactly the
 * simulator's messages for that session and range, in order; both workers must have run some of
 * the executions, and several executions must have been reading at the same time.
 *
 * Redis comes from Debian's packages: when `redis-server` is missing it is installed with
 * `apt-get update && apt-get install -y redis-server` (this needs root, as in CI), then started on
 * 127.0.0.1 on a free port, without persistence, and stopped at the end.
 *
 * Environment:
 *   ZOOM_IM_QUEUE_VERSIONS  comma-separated n8n versions (default "2.41.1"; 1.123.81 also works)
 *   ZOOM_IM_E2E_BUILD=0     pack dist/ as it is instead of running `npm run build` first
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { ZoomSimulator } from '../simulator';
import { testPackagesSettled } from '../support/debian-packages';
import * as h from '../support/n8n';
import { redisPing } from '../support/redis-ping';
import type { N8nInstance, StartedN8n, Workflow } from '../support/n8n';
import { waitFor } from '../support/wait-for';

const MINUTE = 60_000;
// Inside `npm test`, jest.config.js runs this file only in the projects of the versions
// ZOOM_IM_QUEUE_VERSIONS names; each project names its version.
const VERSIONS = h.versionsFromEnv();
const WEBHOOK_PATH = 'zoom-im-queue';
const WORKER_CONCURRENCY = 5;

interface Call {
	session: string;
	from: string;
	to: string;
	pageSize: number;
}

/** 20 calls: every seeded session with messages, ranges from one day to 14 months, page sizes 1 to 50. */
const CALLS: Call[] = [
	{ session: 'grp-year', from: '2025-01-01', to: '2025-12-31', pageSize: 50 },
	{ session: 'grp-year', from: '2025-03-15', to: '2025-05-20', pageSize: 50 },
	{ session: 'grp-year', from: '2025-06-30', to: '2025-07-01', pageSize: 10 },
	{ session: 'grp-year', from: '2025-11-01', to: '2025-11-30', pageSize: 25 },
	{ session: 'grp-year', from: '2025-02-28', to: '2025-03-31', pageSize: 50 },
	{ session: 'grp-year', from: '2025-12-31', to: '2025-12-31', pageSize: 5 },
	{ session: 'grp-eng', from: '2025-10-31', to: '2026-03-05', pageSize: 50 },
	{ session: 'grp-eng', from: '2025-09-01', to: '2026-10-31', pageSize: 50 },
	{ session: 'grp-eng', from: '2026-01-31', to: '2026-01-31', pageSize: 1 },
	{ session: 'grp-eng', from: '2026-03-10', to: '2026-03-10', pageSize: 2 },
	{ session: 'grp-eng', from: '2025-10-15', to: '2025-10-15', pageSize: 3 },
	{ session: 'grp-eng', from: '2026-06-01', to: '2026-06-30', pageSize: 30 },
	{ session: 'alice@example.com', from: '2026-10-01', to: '2026-10-31', pageSize: 7 },
	{ session: 'alice@example.com', from: '2026-09-15', to: '2026-10-20', pageSize: 50 },
	{ session: 'c2Vzc2lvbi0z+Kw==', from: '2026-09-01', to: '2026-10-31', pageSize: 4 },
	{ session: 'équipe-é', from: '2026-10-01', to: '2026-10-31', pageSize: 6 },
	{ session: 'empty-session', from: '2025-01-01', to: '2025-12-31', pageSize: 50 },
	{ session: 'grp-year', from: '2025-01-31', to: '2025-03-02', pageSize: 50 },
	{ session: 'grp-eng', from: '2026-02-28', to: '2026-04-27', pageSize: 40 },
	{ session: 'grp-year', from: '2025-08-01', to: '2025-10-31', pageSize: 50 },
];

function httpGet(url: string, timeoutMs = 5 * MINUTE): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
		req.on('error', reject);
	});
}

/** The path of redis-server, installing Debian's package first when it is missing. */
async function ensureRedisServer(): Promise<string> {
	await testPackagesSettled();
	const which = async () => (await h.runProcess('sh', ['-c', 'command -v redis-server'], { timeoutMs: MINUTE })).stdout.trim();
	const found = await which();
	if (found) return found;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error('redis-server is missing and this is not root: install it with `apt-get install -y redis-server`');
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', 'redis-server']]) {
		const result = await h.runProcess('apt-get', args, { env, timeoutMs: 10 * MINUTE });
		if (result.code !== 0) {
			throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.code})\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
		}
	}
	const installed = await which();
	if (!installed) throw new Error('redis-server is still missing after apt-get install -y redis-server');
	return installed;
}

/** redis-server on 127.0.0.1:port, without persistence, in its own process group. */
async function startRedis(bin: string, port: number): Promise<ChildProcess> {
	const child = spawn(
		bin,
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		{ detached: true, stdio: 'ignore' },
	);
	const failure = await waitFor(
		async () => {
			if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
			return redisPing(port);
		},
		{ timeoutMs: MINUTE, what: `redis-server to answer PING on 127.0.0.1:${port}` },
	).then(
		() => undefined,
		(error: unknown) => error,
	);
	if (failure !== undefined) {
		stopProcess(child);
		throw failure;
	}
	return child;
}

function stopProcess(child: ChildProcess | undefined) {
	if (!child?.pid || child.exitCode !== null) return;
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		/* already gone */
	}
}

const expectedItems = (sim: ZoomSimulator, call: Call) =>
	sim.imMessages(call.session, call.from, call.to).map((m) => ({ ...m, session_id: call.session }));

type RecordedRequest = { path: string; query: Record<string, string>; startedAt: number; endedAt: number | undefined };

/** The call a request belongs to, when only one call can have sent it (session, page size, days within its range). */
function callOf(request: RecordedRequest): Call | undefined {
	const session = request.path.split('/').pop();
	const candidates = CALLS.filter(
		(c) =>
			c.session === session &&
			String(c.pageSize) === request.query.page_size &&
			request.query.from >= c.from &&
			request.query.to <= c.to,
	);
	return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * Whether two executions were reading at the same time: the spans (first request sent … last
 * answer) of two calls that can be told apart by their requests overlap. The node's pace is shared
 * by every execution of a credential in a worker, so the number of requests in flight proves nothing.
 */
function executionsOverlapped(requests: RecordedRequest[]): boolean {
	const spans = new Map<Call, { start: number; end: number }>();
	for (const r of requests) {
		const call = callOf(r);
		if (!call) continue;
		const end = r.endedAt ?? Number.POSITIVE_INFINITY;
		const span = spans.get(call);
		if (span) spans.set(call, { start: Math.min(span.start, r.startedAt), end: Math.max(span.end, end) });
		else spans.set(call, { start: r.startedAt, end });
	}
	const sorted = [...spans.values()].sort((x, y) => x.start - y.start);
	return sorted.some((span, i) => i > 0 && span.start < Math.max(...sorted.slice(0, i).map((s) => s.end)));
}

describe.each(VERSIONS)('queue mode: n8n %s main + 2 workers + Redis', (version) => {
	let sim: ZoomSimulator;
	let redis: ChildProcess | undefined;
	let n8n: N8nInstance;
	let main: StartedN8n;
	let workers: StartedN8n[] = [];
	let workflow: Workflow;

	const webhookUrl = (call: Call) =>
		`${main.url}/webhook/${WEBHOOK_PATH}?${new URLSearchParams({
			session: call.session,
			from: call.from,
			to: call.to,
			pageSize: String(call.pageSize),
		})}`;

	beforeAll(async () => {
		const [redisBin, tarball, runtime] = await Promise.all([
			ensureRedisServer(),
			h.packPackage(),
			h.provisionN8n(version),
		]);
		const redisPort = await h.freePort();
		redis = await startRedis(redisBin, redisPort);

		sim = new ZoomSimulator({ seed: 42, latencyMs: 20 });
		await sim.start();

		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
		};
		n8n = await h.createInstance({ runtime, tarball, name: `queue-${version}`, env: queueEnv });

		workflow = h.manualWorkflow({
			id: h.makeId('queuewf'),
			name: 'e2e queue mode',
			trigger: false,
			nodes: [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: crypto.randomUUID(),
					parameters: { httpMethod: 'GET', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				},
				h.zoomNode({
					name: 'Zoom IM Messages',
					// The credential's id is n8n's: set once it is created.
					credentialId: '',
					parameters: {
						api: 'imChat',
						sessionId: { __rl: true, mode: 'id', value: '={{ $json.query.session }}' },
						from: '={{ $json.query.from }}',
						to: '={{ $json.query.to }}',
						returnAll: true,
						pageSize: '={{ Number($json.query.pageSize) }}',
						options: { timezone: 'UTC', maxRequestsPerSecond: 20 },
					},
				}),
			],
		});
		// Main and workers share the user folder (database, installed package, encryption key);
		// each has its own task-runner broker port. The main starts first: it creates the database.
		main = await n8n.start();
		const startWorkers = Promise.allSettled(
			[1, 2].map(async () =>
				n8n.start({
					command: 'worker',
					args: [`--concurrency=${WORKER_CONCURRENCY}`],
					env: { N8N_RUNNERS_BROKER_PORT: String(await h.freePort()) },
				}),
			),
		);
		// Meanwhile, set up as a user does in the editor (the main's REST API): owner, credential,
		// workflow, activation.
		const rest = await h.signIn(main.url, { setUp: true });
		const { name, type, data } = h.zoomOAuth2Credential({ sim });
		const credential = await rest.createCredential({ name, type, data });
		for (const node of workflow.nodes) if (node.credentials) node.credentials[type] = { id: credential.id, name };
		const saved = await rest.createWorkflow(workflow);
		await rest.activateWorkflow(saved.id, Number(version.split('.')[0]));
		const started = await startWorkers;
		const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
		if (failed) throw failed.reason;
		workers = started.map((s) => (s as PromiseFulfilledResult<StartedN8n>).value);

		// The webhook is registered once the main has loaded the published workflow.
		const probe: Call = { session: 'alice@example.com', from: '2026-10-01', to: '2026-10-01', pageSize: 50 };
		let last = { status: 0, body: '' };
		const answer = await waitFor(
			async () => {
				last = await httpGet(webhookUrl(probe));
				return last.status === 200 ? last : undefined;
			},
			{ timeoutMs: 2 * MINUTE, intervalMs: 500, what: 'the webhook to answer 200', detail: () => `last answer: ${last.status} ${last.body.slice(0, 500)}` },
		);
		expect(JSON.parse(answer.body)).toEqual(expectedItems(sim, probe));
	}, 20 * MINUTE);

	afterAll(async () => {
		await Promise.allSettled([...workers, main].filter(Boolean).map((p) => p.stop()));
		await n8n?.dispose();
		await sim?.stop();
		stopProcess(redis);
	}, 3 * MINUTE);

	it(
		`runs ${CALLS.length} webhook executions fired at once on the workers, each with exactly its own messages`,
		async () => {
			expect(new Set(CALLS.map((c) => JSON.stringify(c))).size).toBe(CALLS.length);
			const startedBefore = workers.map((w) => (w.output().match(/Worker started execution/g) ?? []).length);
			sim.clearRequests();

			const started = Date.now();
			const answers = await Promise.all(CALLS.map((call) => httpGet(webhookUrl(call))));
			const elapsedMs = Date.now() - started;

			let messages = 0;
			answers.forEach((answer, index) => {
				const call = CALLS[index];
				// (n8n's answer to a failed execution names its error: shown when the status is not 200.)
				expect({ call, status: answer.status, error: answer.status === 200 ? '' : answer.body.slice(0, 1000) }).toEqual({ call, status: 200, error: '' });
				const items = JSON.parse(answer.body) as Array<Record<string, unknown>>;
				const expected = expectedItems(sim, call);
				// Compact form first for a readable failure, then the full objects.
				const key = (m: Record<string, unknown>) => `${m.date_time}|${m.sender}|${m.message}|${m.session_id}`;
				expect({ call, items: items.map(key) }).toEqual({ call, items: expected.map(key) });
				expect(items).toEqual(expected);
				messages += items.length;
			});
			expect(messages).toBe(CALLS.reduce((sum, call) => sum + sim.imMessages(call.session, call.from, call.to).length, 0));

			// The workers ran them (queue mode), both of them, and executions overlapped.
			const ranBy = workers.map((w, i) => (w.output().match(/Worker started execution/g) ?? []).length - startedBefore[i]);
			expect(ranBy.reduce((a, b) => a + b, 0)).toBe(CALLS.length);
			for (const count of ranBy) expect(count).toBeGreaterThan(0);
			expect(main.output()).not.toMatch(/Worker started execution/);
			const requests = sim.requests.filter((r) => r.kind === 'imMessages');
			expect(requests.every((r) => r.status === 200)).toBe(true);
			expect(executionsOverlapped(requests)).toBe(true);

			process.stderr.write(
				`[queue-mode ${version}] ${CALLS.length} executions (${ranBy.join(' + ')} per worker), ${messages} messages checked, ` +
					`${requests.length} requests, ${elapsedMs} ms\n`,
			);
		},
		10 * MINUTE,
	);
});
