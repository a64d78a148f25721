/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- test code: runs under jest in Node and starts n8n processes, never inside n8n; the tokens and passwords are fake fixtures */
/**
 * End-to-end: the Zoom IM Messages Trigger in real n8n (2.x and 1.x), with the packed package installed
 * the way n8n installs community packages.
 *
 * - The shipped example (examples/zoom-to-slack-new-messages.json) is imported as it is, with
 *   `n8n import:workflow` beside the running n8n.
 * - Copies of it, changed only where a user changes them in the editor (session, Slack channel,
 *   credentials) and to poll every 15 s instead of every 5 min (four poll times, each once a minute),
 *   are saved and activated through n8n's REST API and run under `n8n start`. Its Slack node really runs: n8n's outbound proxy setting (HTTPS_PROXY) sends
 *   https://slack.com to a fake Slack in this process (a CONNECT proxy that terminates TLS with a
 *   throw-away certificate n8n is told to trust), which records every chat.postMessage. That record
 *   is what the test reads; the Zoom side is the simulator, also in this process.
 * - A manual execution from the trigger (what the editor's "Execute workflow" / "Fetch Test Event"
 *   does) goes through n8n's REST API; `n8n execute` cannot do it, as it runs in "cli" mode, where
 *   n8n passes a polling trigger's input through instead of polling.
 *
 * Environment: ZOOM_IM_E2E_VERSIONS (default "2.41.1,1.123.81"), ZOOM_IM_E2E_BUILD=0 to pack dist/ as is.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

import { ZoomSimulator } from '../simulator';
import type { ImMessage } from '../simulator';
import * as h from '../support/n8n';
import type { N8nInstance, RestClient, StartedN8n, Workflow } from '../support/n8n';
import { waitFor } from '../support/wait-for';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();

const EXAMPLE_PATH = path.join(h.REPO_ROOT, 'examples', 'zoom-to-slack-new-messages.json');
const TRIGGER = 'New Zoom chat messages';
const SLACK = 'Post to Slack';
const ZOOM_CREDENTIAL_NAME = 'Zoom IM account';
const SLACK_CREDENTIAL_NAME = 'Slack account';
const SLACK_TOKEN = 'xoxb-e2e-fake-slack-token';
/** Four poll times, each once a minute: a poll every 15 s (n8n refuses a single sub-minute cron). */
const EVERY_15_SECONDS = {
	item: [0, 15, 30, 45].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })),
};

// ---------------------------------------------------------------------------------------------
// A fake https://slack.com behind an HTTP CONNECT proxy
// ---------------------------------------------------------------------------------------------

interface SlackPost {
	channel: string;
	text: string;
	authorization: string | undefined;
	body: Record<string, unknown>;
}

class FakeSlack {
	readonly posts: SlackPost[] = [];
	readonly refusedTunnels: string[] = [];
	proxyUrl = '';
	private proxy?: http.Server;
	private readonly sockets = new Set<import('node:net').Socket>();

	constructor(
		readonly certFile: string,
		private readonly keyFile: string,
	) {}

	async start(): Promise<void> {
		const key = readFileSync(this.keyFile);
		const cert = readFileSync(this.certFile);
		const api = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				res.setHeader('content-type', 'application/json; charset=utf-8');
				if (req.method !== 'POST' || req.url?.split('?')[0] !== '/api/chat.postMessage') {
					res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
					return;
				}
				const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
				this.posts.push({ channel: String(body.channel), text: String(body.text), authorization: req.headers.authorization, body });
				const ts = `${Math.floor(Date.now() / 1000)}.${String(this.posts.length).padStart(6, '0')}`;
				res.end(JSON.stringify({ ok: true, channel: 'C0E2E', ts, message: { type: 'message', text: body.text, ts } }));
			});
		});
		this.proxy = http.createServer((_req, res) => {
			res.statusCode = 403;
			res.end();
		});
		this.proxy.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.proxy.on('connect', (req: http.IncomingMessage, socket: import('node:net').Socket) => {
			if (req.url !== 'slack.com:443') {
				this.refusedTunnels.push(String(req.url));
				socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
				return;
			}
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			api.emit('connection', new tls.TLSSocket(socket, { isServer: true, key, cert }));
		});
		await new Promise<void>((resolve) => this.proxy!.listen(0, '127.0.0.1', resolve));
		this.proxyUrl = `http://127.0.0.1:${(this.proxy.address() as AddressInfo).port}`;
	}

	channel(name: string): SlackPost[] {
		return this.posts.filter((post) => post.channel === name);
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.proxy ? this.proxy.close(() => resolve()) : resolve()));
	}
}

/** A throw-away self-signed certificate for slack.com (the key never leaves the temp dir). */
async function makeSlackCertificate(): Promise<{ certFile: string; keyFile: string }> {
	const dir = await h.makeTempDir('zoom-im-fake-slack');
	const certFile = path.join(dir, 'slack.com.pem');
	const keyFile = path.join(dir, 'slack.com.key');
	execFileSync(
		'openssl',
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=slack.com', '-addext', 'subjectAltName=DNS:slack.com'],
		{ stdio: 'ignore' },
	);
	return { certFile, keyFile };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const exampleJson = () => JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Workflow;

/**
 * The example as a user would adapt it in the editor: their session, channel and credentials (the
 * editor saves each credential's id with its name); here also a 15-second poll.
 */
function adaptedExample(options: {
	name: string;
	credentials: { zoom: string; slack: string };
	sessionId: string;
	channel: string;
	poll?: boolean;
	triggerOptions?: Record<string, unknown>;
}): Workflow {
	const workflow = exampleJson();
	// Saved as a new workflow: n8n gives it an id of its own.
	Reflect.deleteProperty(workflow, 'id');
	workflow.name = options.name;
	const trigger = workflow.nodes.find((node) => node.name === TRIGGER)!;
	trigger.credentials = { zoomImOAuth2Api: { id: options.credentials.zoom, name: ZOOM_CREDENTIAL_NAME } };
	trigger.parameters.sessionId = { __rl: true, mode: 'id', value: options.sessionId };
	if (options.poll !== false) trigger.parameters.pollTimes = EVERY_15_SECONDS;
	if (options.triggerOptions) trigger.parameters.options = options.triggerOptions;
	const slack = workflow.nodes.find((node) => node.name === SLACK)!;
	slack.parameters.channelId = { __rl: true, mode: 'name', value: options.channel };
	slack.credentials = { slackApi: { id: options.credentials.slack, name: SLACK_CREDENTIAL_NAME } };
	return workflow;
}

/** What the example's Slack node posts for a message. */
const slackText = (m: ImMessage) => `*${m.sender}* wrote in Zoom at ${m.date_time}:\n${m.message}`;

/** The simulator's message requests for one session (from/to of each). */
function sessionRequests(sim: ZoomSimulator, sessionId: string) {
	return sim.requests.filter((r) => r.kind === 'imMessages' && r.path.endsWith(`/im/chat/sessions/${sessionId}`));
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoSecond = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

// ---------------------------------------------------------------------------------------------

describe.each(VERSIONS)('Zoom IM Messages Trigger in real n8n %s', (version) => {
	const major = Number(version.split('.')[0]);
	let sim: ZoomSimulator;
	let slack: FakeSlack;
	let n8n: N8nInstance;
	let server: StartedN8n | undefined;
	let editor: RestClient;
	// n8n's ids of what the test creates.
	const ids = { zoom: '', slack: '', live: '', probe: '', failing: '', manual: '' };
	const timings: Record<string, number> = {};

	// What the test adds to the simulator, and when.
	const history: ImMessage[] = [];
	const emittedBeforeRestart: ImMessage[] = [];

	beforeAll(async () => {
		const t0 = Date.now();
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		const certificate = await makeSlackCertificate();
		slack = new FakeSlack(certificate.certFile, certificate.keyFile);
		await slack.start();

		const tarball = await h.packPackage();
		n8n = await h.createInstance({
			version,
			tarball,
			name: `trigger-${version}`,
			env: {
				HTTPS_PROXY: slack.proxyUrl,
				https_proxy: slack.proxyUrl,
				NO_PROXY: '127.0.0.1,localhost',
				no_proxy: '127.0.0.1,localhost',
				NODE_EXTRA_CA_CERTS: slack.certFile,
				EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			},
		});
		// n8n runs from here on; everything is set up as a user does it in the editor (REST API), but
		// for the example's import, which goes through the CLI as documented.
		server = await n8n.start();
		timings.firstStartMs = server.startupMs;
		editor = await h.signIn(server.url, { setUp: true });
		const { data: zoomData } = h.zoomOAuth2Credential({ name: ZOOM_CREDENTIAL_NAME, sim });
		ids.zoom = (await editor.createCredential({ name: ZOOM_CREDENTIAL_NAME, type: h.OAUTH2_CREDENTIAL_TYPE, data: zoomData })).id;
		ids.slack = (await editor.createCredential({ name: SLACK_CREDENTIAL_NAME, type: 'slackApi', data: { accessToken: SLACK_TOKEN } })).id;
		timings.setupMs = Date.now() - t0;
	}, 20 * MINUTE);

	afterAll(async () => {
		await server?.stop();
		await n8n?.dispose();
		await slack?.stop();
		await sim?.stop();
		// eslint-disable-next-line no-console
		console.log(`n8n ${version} trigger e2e timings (ms): ${JSON.stringify(timings)}`);
	}, 2 * MINUTE);

	it('imports the shipped example as it is with n8n import:workflow, linking its credentials by name', async () => {
		const imported = await n8n.cli(['import:workflow', `--input=${EXAMPLE_PATH}`]);
		expect(`${imported.stdout}\n${imported.stderr}`).toMatch(/Successfully imported 1 workflow/);
		expect(imported.code).toBe(0);

		const example = exampleJson();
		const stored = await editor.getWorkflow(example.id);
		expect(stored.name).toBe(example.name);
		// n8n 2.x's import:workflow needs an id in a single-workflow file; the example has one.
		expect(stored!.id).toBe(example.id);
		for (const node of example.nodes) {
			const storedNode = stored!.nodes.find((n) => n.name === node.name)!;
			expect({ name: storedNode.name, type: storedNode.type, typeVersion: storedNode.typeVersion, parameters: storedNode.parameters }).toEqual({
				name: node.name,
				type: node.type,
				typeVersion: node.typeVersion,
				parameters: node.parameters,
			});
		}
		// The credentials were referenced by name only; n8n linked them to the stored ones.
		expect(stored!.nodes.find((n) => n.name === TRIGGER)!.credentials).toEqual({ zoomImOAuth2Api: { id: ids.zoom, name: ZOOM_CREDENTIAL_NAME } });
		expect(stored!.nodes.find((n) => n.name === SLACK)!.credentials).toEqual({ slackApi: { id: ids.slack, name: SLACK_CREDENTIAL_NAME } });
		expect(stored!.connections).toEqual(example.connections);
	}, 5 * MINUTE);

	it('activated, polls the simulator and posts each new message to Slack once, with no replay of history', async () => {
		const now = Date.now();
		// History: today, before activation. It must never reach Slack.
		history.push(
			sim.addImMessage('grp-eng', { date_time: isoSecond(now - 10 * MINUTE), sender: 'alice@example.com', message: 'history 1' }),
			sim.addImMessage('grp-eng', { date_time: isoSecond(now - 5 * MINUTE), sender: 'bob@example.com', message: 'history 2' }),
		);
		const credentials = { zoom: ids.zoom, slack: ids.slack };
		const workflows = [
			adaptedExample({ name: 'e2e live: Zoom → Slack', credentials, sessionId: 'grp-eng', channel: '#zoom-e2e' }),
			adaptedExample({ name: 'e2e probe: restart after activation only', credentials, sessionId: 'alice@example.com', channel: '#restart-probe' }),
			adaptedExample({
				name: 'e2e failing polls',
				credentials,
				sessionId: 'grp-year',
				channel: '#failure-probe',
				triggerOptions: { maxRetries: 1, retryDelay: 100 },
			}),
			adaptedExample({ name: 'e2e manual run', credentials, sessionId: 'équipe-é', channel: '#manual-run', poll: false }),
		];
		[ids.live, ids.probe, ids.failing, ids.manual] = await Promise.all(workflows.map(async (w) => (await editor.createWorkflow(w)).id));

		sim.clearRequests();
		const t0 = Date.now();
		for (const id of [ids.live, ids.probe, ids.failing]) await editor.activateWorkflow(id, major);
		const n8nLog = () => server!.output().slice(-6000);

		// The activation polls (yesterday and today) of the three activated workflows.
		const isActivationRead = (r: { status?: number; query: Record<string, string> }) =>
			r.status === 200 && r.query.from === utcDay(Date.parse(`${r.query.to}T00:00:00Z`) - 86_400_000);
		for (const session of ['grp-eng', 'alice@example.com', 'grp-year']) {
			await waitFor(() => sessionRequests(sim, session).some(isActivationRead), {
				timeoutMs: 2 * MINUTE,
				what: `the activation poll of ${session}`,
				detail: n8nLog,
			});
		}
		timings.activationPollMs = Date.now() - t0;

		// Poll 1: three new messages, two of them identical and in the same second.
		const first = Date.now();
		const batch1 = [
			sim.addImMessage('grp-eng', { date_time: isoSecond(first), sender: 'carol@example.com', message: 'same text twice' }),
			sim.addImMessage('grp-eng', { date_time: isoSecond(first), sender: 'carol@example.com', message: 'same text twice' }),
			sim.addImMessage('grp-eng', { date_time: isoSecond(first), sender: 'dave@example.com', message: 'batch 1, third' }),
		];
		const t1 = Date.now();
		await waitFor(() => slack.channel('#zoom-e2e').length >= 3, { timeoutMs: MINUTE, what: 'batch 1 in Slack', detail: n8nLog });
		timings.batch1DeliveredMs = Date.now() - t1;
		expect(slack.channel('#zoom-e2e').map((p) => p.text)).toEqual(batch1.map(slackText));

		// Poll 2: one that arrived late in the second already emitted, and a newer one.
		const batch2 = [
			sim.addImMessage('grp-eng', { date_time: isoSecond(first), sender: 'erin@example.com', message: 'late, same second as batch 1' }),
			sim.addImMessage('grp-eng', { date_time: isoSecond(Date.now()), sender: 'alice@example.com', message: 'batch 2, newest' }),
		];
		const t2 = Date.now();
		await waitFor(() => slack.channel('#zoom-e2e').length >= 5, { timeoutMs: MINUTE, what: 'batch 2 in Slack', detail: n8nLog });
		timings.batch2DeliveredMs = Date.now() - t2;
		expect(slack.channel('#zoom-e2e').map((p) => p.text)).toEqual([...batch1, ...batch2].map(slackText));
		emittedBeforeRestart.push(...batch1, ...batch2);

		// Every post is a real chat.postMessage with the Slack credential's token. (The Slack node also
		// copies its options into the body: includeLinkToWorkflow, which Slack ignores.)
		for (const post of slack.posts) {
			expect(post.authorization).toBe(`Bearer ${SLACK_TOKEN}`);
			expect(post.body).toEqual({ channel: '#zoom-e2e', text: post.text, includeLinkToWorkflow: false });
		}
		// (n8n 2.x also tries https://api.n8n.io through the proxy; the fake refuses it.)
		expect(slack.refusedTunnels).not.toContain('slack.com:443');
		// After the activation poll, the scheduled polls came every 15 s (four poll times a minute).
		const polls = sessionRequests(sim, 'grp-eng').slice(1).map((r) => r.startedAt);
		timings.scheduledPollsSoFar = polls.length;
		expect(polls.length).toBeGreaterThanOrEqual(2);
		const gaps = polls.slice(1).map((t, i) => t - polls[i]);
		expect(Math.min(...gaps)).toBeGreaterThan(10_000);
	}, 8 * MINUTE);

	it('a manual execution from the trigger returns the most recent messages, and leaves the active trigger alone', async () => {
		expect(server).toBeDefined();
		const now = Date.now();
		const recent = [6, 5, 4, 3, 2, 1, 0].map((daysAgo, i) =>
			sim.addImMessage('équipe-é', { date_time: isoSecond(now - daysAgo * 86_400_000 - 60_000), sender: 'bob@example.com', message: `recent ${i}` }),
		);
		const t0 = Date.now();
		// "Execute workflow" in the editor, from the trigger.
		const executionId = await editor.runManually(await editor.getWorkflow(ids.manual), { trigger: TRIGGER });
		const run = await editor.finishedRun(executionId, { timeoutMs: MINUTE });
		timings.manualRunMs = Date.now() - t0;
		expect(run.status).toBe('success');
		const output = { data: run.data } as h.RunOutput;
		// The five newest of the last seven days, oldest first, each with its session id …
		expect(h.nodeJson(output, TRIGGER)).toEqual(recent.slice(-5).map((m) => ({ ...m, session_id: 'équipe-é' })));
		// … handed to the Slack node, which posted them.
		expect(slack.channel('#manual-run').map((p) => p.text)).toEqual(recent.slice(-5).map(slackText));
		// The activated workflow still has emitted nothing more than the two batches.
		expect(slack.channel('#zoom-e2e').map((p) => p.text)).toEqual(emittedBeforeRestart.map(slackText));
	}, 5 * MINUTE);

	it('after a restart, delivers what arrived while n8n was down exactly once (also when only the activation poll had run)', async () => {
		expect(server).toBeDefined();
		// The probe workflow's session got nothing so far: its only saved state is the activation poll's.
		expect(slack.channel('#restart-probe')).toEqual([]);
		const { port } = server!;
		await server!.stop();
		server = undefined;

		const down = Date.now();
		const whileDown = [
			sim.addImMessage('grp-eng', { date_time: isoSecond(down), sender: 'frank@example.com', message: 'while n8n was down' }),
			sim.addImMessage('grp-eng', { date_time: isoSecond(down), sender: 'frank@example.com', message: 'while n8n was down' }),
		];
		const probeMessage = sim.addImMessage('alice@example.com', { date_time: isoSecond(down), sender: 'alice@example.com', message: 'for the probe, while down' });

		const t0 = Date.now();
		// Back on its address, as a restarted n8n is: the editor's session goes on.
		server = await n8n.start({ port });
		timings.secondStartMs = server.startupMs;
		const n8nLog = () => server!.output().slice(-6000);
		await waitFor(() => slack.channel('#zoom-e2e').length >= emittedBeforeRestart.length + whileDown.length, {
			timeoutMs: 2 * MINUTE,
			what: 'the messages that arrived while n8n was down',
			detail: n8nLog,
		});
		await waitFor(() => slack.channel('#restart-probe').length >= 1, { timeoutMs: MINUTE, what: 'the probe message', detail: n8nLog });
		timings.restartDeliveredMs = Date.now() - t0;

		// A sentinel after everything else: the polls in between would have re-emitted anything they
		// got wrong before the sentinel's poll, so once the sentinel is in Slack, so is any duplicate.
		const sentinel = sim.addImMessage('grp-eng', { date_time: isoSecond(Date.now()), sender: 'alice@example.com', message: 'sentinel' });
		await waitFor(() => slack.channel('#zoom-e2e').some((p) => p.text === slackText(sentinel)), { timeoutMs: MINUTE, what: 'the sentinel', detail: n8nLog });

		expect(slack.channel('#zoom-e2e').map((p) => p.text)).toEqual([...emittedBeforeRestart, ...whileDown, sentinel].map(slackText));
		expect(slack.channel('#restart-probe').map((p) => p.text)).toEqual([slackText(probeMessage)]);
		for (const m of history) expect(slack.posts.map((p) => p.text)).not.toContain(slackText(m));
		expect(server.output()).not.toMatch(/There was a problem activating/);
	}, 8 * MINUTE);

	it('a poll that fails (429 past the retries) is recorded as a failed execution and does not move the cursor', async () => {
		expect(server).toBeDefined();
		// Every request for the session answers 429 until the fault is removed; the workflow retries once.
		const fault = sim.addFault({ match: { kind: 'imMessages', pathIncludes: 'grp-year' }, times: Infinity, type: 'rateLimit', retryAfter: '0' });
		const pending = sim.addImMessage('grp-year', { date_time: isoSecond(Date.now()), sender: 'bob@example.com', message: 'held back by 429s' });
		await waitFor(() => fault.applied >= 2, { timeoutMs: MINUTE, what: 'a failing poll (two attempts)' });
		const failed = await waitFor(async () => {
			const list = await editor.executions(ids.failing, 'error');
			return list.length > 0 ? list : undefined;
		}, { timeoutMs: MINUTE, what: 'a failed execution of the failing workflow' });
		const execution = await editor.executionRun(failed[failed.length - 1].id);
		const error = execution.data.resultData.error as h.SerializedError;
		expect(`${error.message} ${error.description ?? ''}`).toMatch(/429/);
		expect(error.message).toMatch(/rate limit|429/i);
		expect(slack.channel('#failure-probe')).toEqual([]);

		sim.clearFaults();
		await waitFor(() => slack.channel('#failure-probe').length > 0, { timeoutMs: MINUTE, what: 'the held-back message once the 429s stop' });
		const sentinel = sim.addImMessage('grp-year', { date_time: isoSecond(Date.now()), sender: 'bob@example.com', message: 'sentinel' });
		await waitFor(() => slack.channel('#failure-probe').length > 1, { timeoutMs: MINUTE, what: 'the sentinel' });
		expect(slack.channel('#failure-probe').map((p) => p.text)).toEqual([slackText(pending), slackText(sentinel)]);
	}, 5 * MINUTE);
});
