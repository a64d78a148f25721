/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- test code: runs under jest in Node and starts n8n processes, never inside n8n; the secret token is a fake fixture */
/**
 * End-to-end: the Zoom IM Events Trigger in real n8n (2.x and 1.x) under `n8n start`, with the workflow
 * active and the packed package installed the way n8n installs community packages.
 *
 * The workflow is the shipped example (examples/zoom-new-channel-message-to-slack.json) with its
 * trigger node exactly as shipped (credential filled in) and its Slack node swapped for an HTTP
 * Request to a recorder in this process, which receives the Slack node's own text expression
 * and the item. Each execution therefore leaves exactly one record: the test counts executions by
 * counting records. Requests come from test/support/zoom-webhook-sender.js, which signs as Zoom does
 * with node:crypto (not with the package's code).
 *
 * "Never started" is shown with a positive barrier: after the refused and repeated requests have
 * been answered, one more valid event is sent and awaited; only then are the records counted.
 *
 * Environment: ZOOM_IM_E2E_VERSIONS (default "2.41.1,1.123.81"), ZOOM_IM_E2E_BUILD=0 to pack dist/ as is.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import * as h from '../support/n8n';
import type { N8nInstance, StartedN8n, Workflow, WorkflowNode } from '../support/n8n';
import { waitFor } from '../support/wait-for';
import {
	channelMessageEvent,
	encryptedTokenOf,
	sendZoomWebhook,
	urlValidationBody,
	zoomSignatureOf,
	type WebhookAnswer,
	type ZoomEventBody,
} from '../support/zoom-webhook-sender';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const SECRET = 'e2e-zoom-webhook-secret-token-42';
const EXAMPLE_PATH = path.join(h.REPO_ROOT, 'examples', 'zoom-new-channel-message-to-slack.json');
const TRIGGER = 'New Zoom channel message';
const SLACK = 'Post to Slack';
const REFUSED = { message: 'invalid signature' };

interface Record_ {
	text: string;
	item: Record<string, unknown>;
}

/** Receives the workflow's HTTP Request: one record per execution. Can hold a request open. */
class Recorder {
	readonly records: Record_[] = [];
	/** Message ids whose request is held open until release(id). */
	readonly hold = new Set<string>();
	readonly waiting = new Map<string, () => void>();
	url = '';
	private server?: http.Server;

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string; item: string };
				const record = { text: body.text, item: JSON.parse(body.item) as Record<string, unknown> };
				const answer = () => {
					this.records.push(record);
					res.setHeader('content-type', 'application/json');
					res.end('{"ok":true}');
				};
				const id = String(record.item.id);
				if (this.hold.has(id)) this.waiting.set(id, answer);
				else answer();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/record`;
	}

	release(id: string): void {
		this.hold.delete(id);
		this.waiting.get(id)?.();
		this.waiting.delete(id);
	}

	count(id: string): number {
		return this.records.filter((r) => r.item.id === id).length;
	}

	async stop(): Promise<void> {
		for (const id of [...this.waiting.keys()]) this.release(id);
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

const exampleJson = () => JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Workflow;

/** The example with its credential filled in and the Slack node replaced by the recorder. */
function workflowUnderTest(id: string, credentialId: string, recorderUrl: string): { workflow: Workflow; webhookId: string; slackText: string } {
	const workflow = exampleJson();
	workflow.id = id;
	const trigger = workflow.nodes.find((n) => n.name === TRIGGER)!;
	trigger.credentials = { zoomImWebhookApi: { id: credentialId, name: 'Zoom IM webhook' } };
	const webhookId = randomUUID();
	trigger.webhookId = webhookId;
	const slack = workflow.nodes.find((n) => n.name === SLACK)!;
	const slackText = String(slack.parameters.text);
	const recorder: WorkflowNode = {
		id: randomUUID(),
		name: SLACK,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: slack.position,
		parameters: {
			method: 'POST',
			url: recorderUrl,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'text', value: slackText },
					{ name: 'item', value: '={{ JSON.stringify($json) }}' },
				],
			},
			options: {},
		},
	};
	workflow.nodes = workflow.nodes.map((n) => (n.name === SLACK ? recorder : n));
	return { workflow, webhookId, slackText };
}

/** What the example's Slack text expression makes of a channel message event. */
const expectedSlackText = (e: ZoomEventBody) =>
	`*${e.payload.operator}* in Zoom channel ${String(e.payload.object.channel_id)} at ${String(e.payload.object.date_time)}:\n${String(e.payload.object.message)}`;

const idOf = (e: ZoomEventBody) => String(e.payload.object.message_id);

describe.each(VERSIONS)('Zoom IM Events Trigger in real n8n %s (n8n start, workflow active)', (version) => {
	let n8n: N8nInstance;
	let server: StartedN8n | undefined;
	const recorder = new Recorder();
	let webhookId = '';
	let slackText = '';
	const answerTimes: Record<string, number[]> = {};

	const url = () => `${server!.url}/webhook/${webhookId}/webhook`;
	const send = async (what: string, body: unknown, options: Parameters<typeof sendZoomWebhook>[2] = { secretToken: SECRET }): Promise<WebhookAnswer> => {
		const answer = await sendZoomWebhook(url(), body, options);
		(answerTimes[`${what} → ${answer.status}`] ??= []).push(answer.ms);
		return answer;
	};

	/** Waits until the active workflow's webhook answers a signed URL validation. */
	async function webhookRegistered(): Promise<WebhookAnswer> {
		let last: WebhookAnswer | undefined;
		return await waitFor(
			async () => {
				last = await sendZoomWebhook(url(), urlValidationBody('probe'), { secretToken: SECRET });
				return last.status === 200 ? last : undefined;
			},
			{ timeoutMs: 2 * MINUTE, intervalMs: 250, what: 'the production webhook to be registered', detail: () => `last answer: ${last?.status} ${last?.text.slice(0, 300)}` },
		);
	}

	/** Sends a fresh valid event and waits for its record: every request answered before it has had its chance to start. */
	async function barrier(): Promise<ZoomEventBody> {
		const event = channelMessageEvent({ message: 'barrier' });
		expect((await send('valid event', event)).status).toBe(200);
		await waitFor(() => recorder.count(idOf(event)) > 0, { timeoutMs: MINUTE, what: 'the barrier event to be recorded' });
		return event;
	}

	beforeAll(async () => {
		await recorder.start();
		const tarball = await h.packPackage();
		n8n = await h.createInstance({ version, tarball, name: `events-${version}` });
		// Set up as a user does in the editor, through n8n's REST API: owner, credential, workflow, activation.
		server = await n8n.start();
		const rest = await h.signIn(server.url, { setUp: true });
		const credential = await rest.createCredential({ name: 'Zoom IM webhook', type: 'zoomImWebhookApi', data: { secretToken: SECRET } });
		const made = workflowUnderTest(h.makeId('zmevents'), credential.id, recorder.url);
		webhookId = made.webhookId;
		slackText = made.slackText;
		const created = await rest.createWorkflow(made.workflow);
		await rest.activateWorkflow(created.id, Number(version.split('.')[0]));
		await webhookRegistered();
	}, 20 * MINUTE);

	afterAll(async () => {
		await server?.stop();
		await n8n?.dispose();
		await recorder.stop();
		const summary = Object.fromEntries(Object.entries(answerTimes).map(([what, ms]) => [what, { n: ms.length, maxMs: Math.max(...ms) }]));
		// eslint-disable-next-line no-console
		console.log(`n8n ${version} events trigger: answer times ${JSON.stringify(summary)}`);
	}, 2 * MINUTE);

	it('the workflow under test is the shipped example: its trigger parameters and Slack text unchanged', () => {
		const example = exampleJson();
		expect(example.nodes.find((n) => n.name === TRIGGER)!.parameters).toEqual({ events: ['team_chat.channel_message_posted'], options: {} });
		expect(slackText).toBe(example.nodes.find((n) => n.name === SLACK)!.parameters.text);
	});

	it('answers a signed URL validation with the plain token and its HMAC, and refuses an unsigned one', async () => {
		const plainToken = `pt-${randomUUID()}`;
		const answer = await send('URL validation', urlValidationBody(plainToken));
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ plainToken, encryptedToken: encryptedTokenOf(SECRET, plainToken) });

		const unsigned = await send('refused', urlValidationBody(plainToken), {});
		expect({ status: unsigned.status, json: unsigned.json }).toEqual({ status: 401, json: REFUSED });
	});

	it('starts the workflow once per valid new event: not for a repeat, a concurrent repeat or any refused request', async () => {
		const first = channelMessageEvent({ message: 'first message' });
		expect((await send('valid event', first)).status).toBe(200);
		await waitFor(() => recorder.count(idOf(first)) > 0, { timeoutMs: MINUTE, what: 'the first event to be recorded' });

		// Zoom delivers the same event again (after a 5xx or a timeout): same body, new timestamp.
		expect((await send('repeat', first)).status).toBe(200);
		// The same event twice at the same time: both requests in flight together.
		const twice = channelMessageEvent({ message: 'sent twice at once' });
		const both = await Promise.all([send('valid event', twice), send('repeat', twice)]);
		expect(both.map((a) => a.status)).toEqual([200, 200]);

		const forged = channelMessageEvent({ message: 'forged' });
		const raw = JSON.stringify(forged);
		const sixMinutesAgo = String(Math.floor(Date.now() / 1000) - 360);
		const refused = {
			'wrong secret': await send('refused', forged, { secretToken: 'not-the-secret' }),
			'no signature': await send('refused', forged, {}),
			'old timestamp, correctly signed': await send('refused', forged, { secretToken: SECRET, timestamp: sixMinutesAgo }),
			'body altered after signing': await send('refused', forged, { secretToken: SECRET, alterAfterSigning: (b) => b.replace('forged', 'FORGED') }),
			'signature of another body': await send('refused', forged, { signature: zoomSignatureOf(SECRET, String(Math.floor(Date.now() / 1000)), raw + ' ') }),
		};
		for (const [what, answer] of Object.entries(refused)) {
			expect({ what, status: answer.status, json: answer.json }).toEqual({ what, status: 401, json: REFUSED });
		}
		// Malformed JSON, unsigned and signed: n8n's own body parser refuses it (422) before the node runs.
		const malformed = '{"event":"team_chat.channel_message_posted","payload":{"object":{"message_id":"MALFORMED"';
		const malformedAnswers = [await send('malformed', malformed, {}), await send('malformed', malformed, { secretToken: SECRET })];
		for (const answer of malformedAnswers) expect(answer.status).toBe(422);

		const last = await barrier();
		expect(recorder.count(idOf(first))).toBe(1);
		expect(recorder.count(idOf(twice))).toBe(1);
		expect(recorder.count(idOf(forged))).toBe(0);
		expect(recorder.count('MALFORMED')).toBe(0);
		expect(recorder.records.map((r) => r.item.id).sort()).toEqual([idOf(first), idOf(twice), idOf(last)].sort());

		const record = recorder.records.find((r) => r.item.id === idOf(first))!;
		expect(record.text).toBe(expectedSlackText(first));
		expect(record.item).toEqual({
			id: idOf(first),
			message: 'first message',
			sender: first.payload.operator,
			sender_member_id: first.payload.operator_member_id,
			date_time: first.payload.object.date_time,
			timestamp: first.payload.object.timestamp,
			status: 'Normal',
			file_names: [],
			channel_id: first.payload.object.channel_id,
			event: 'team_chat.channel_message_posted',
			event_ts: first.event_ts,
		});
	}, 5 * MINUTE);

	it('acknowledges an event it was not told to start on (200) and starts nothing', async () => {
		const deleted = channelMessageEvent({ event: 'team_chat.channel_message_deleted', message: 'deleted' });
		expect((await send('not selected', deleted)).status).toBe(200);
		await barrier();
		expect(recorder.count(idOf(deleted))).toBe(0);
	}, 2 * MINUTE);

	it('answers Zoom while the workflow is still running', async () => {
		const slow = channelMessageEvent({ message: 'the workflow waits on this one' });
		recorder.hold.add(idOf(slow));
		const answer = await send('valid event', slow);
		expect(answer.status).toBe(200);
		// The workflow's request is still held open by the recorder: the answer did not wait for it.
		await waitFor(() => recorder.waiting.has(idOf(slow)), { timeoutMs: MINUTE, what: 'the workflow to reach the recorder' });
		expect(recorder.count(idOf(slow))).toBe(0);
		recorder.release(idOf(slow));
		await waitFor(() => recorder.count(idOf(slow)) === 1, { timeoutMs: MINUTE, what: 'the held execution to finish' });
	}, 2 * MINUTE);

	it('remembers delivered events across an n8n restart (the record in the workflow\'s static data)', async () => {
		const before = channelMessageEvent({ message: 'before the restart' });
		expect((await send('valid event', before)).status).toBe(200);
		await waitFor(() => recorder.count(idOf(before)) > 0, { timeoutMs: MINUTE, what: 'the event before the restart to be recorded' });

		await server!.stop();
		server = await n8n.start();
		await webhookRegistered();

		// Zoom's retry arrives after the restart: the process's memory is new, the saved record is not.
		expect((await send('repeat', before)).status).toBe(200);
		await barrier();
		expect(recorder.count(idOf(before))).toBe(1);
	}, 5 * MINUTE);
});
