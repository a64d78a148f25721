/**
 * End-to-end: Message → Send, Get, Update, Delete and React in real n8n (2.x and 1.x), with the packed
 * package installed the way n8n installs community packages, against the Zoom simulator. What only
 * n8n can show (the Zoom logic itself is covered by test/integration/writes.integration.test.ts):
 *   - a workflow that chains the operations by expressions ($json.id, $('Send').item.json.id), with
 *     n8n's item pairing, and whose result Get Many then reads back (the round trip);
 *   - a file from n8n's binary data (Convert to File → Send): the multipart upload through n8n's own
 *     request helper, whose handling of a raw body differs between 1.x and 2.x;
 *   - exactly once under the seeded write chaos (answers lost after Zoom processed the write), with
 *     n8n's request timeouts;
 *   - a Server-to-Server credential sending 35 messages to one channel: no 429 from its windows;
 *   - Continue On Fail as n8n's "On Error" setting stores it, and a bad item stopping the run before
 *     anything is sent.
 */
import { ZoomSimulator } from '../simulator';
import * as h from '../support/n8n';
import type { ExecuteResult, SharedN8nInstance, Workflow, WorkflowNode } from '../support/n8n';
import { installWriteChaos } from '../support/write-chaos';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const CHANNEL = 'ch-general';
const channel = (id: string) => ({ __rl: true, mode: 'id', value: id });

function expectSuccess(run: ExecuteResult) {
	if (run.code !== 0 || !run.output) {
		const error = h.executionError(run.output);
		throw new Error(`expected a successful run, got exit ${run.exitCode}: ${error?.message ?? ''}\n${error?.description ?? ''}\n${run.stderr.slice(-2000)}`);
	}
}

/** A Convert to File node (1.1) that turns each item's `content` into a text file named by its `name`. */
function toFileNode(name: string): WorkflowNode {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.convertToFile',
		typeVersion: 1.1,
		parameters: { operation: 'toText', sourceProperty: 'content', binaryPropertyName: 'data', options: { fileName: '={{ $json.name }}' } },
	} as WorkflowNode;
}

describe.each(VERSIONS)('Team Chat writes in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;
	const cred = { oauth: h.makeId('wroauth'), s2s: h.makeId('wrs2s') };
	/**
	 * In every text, so that a test tells its messages from the earlier tests' (the simulator, one per
	 * version, keeps them all). Fixed, not a time: the seeded write chaos draws each write's faults
	 * from its body, so the same texts meet the same faults on every run.
	 */
	const run = `e2e ${version}`;
	const write = (name: string, parameters: Record<string, unknown>, options: { s2s?: boolean; continueOnFail?: boolean } = {}) =>
		h.zoomNode({
			name,
			credentialId: options.s2s ? cred.s2s : cred.oauth,
			credentialName: options.s2s ? 'Zoom IM S2S (simulator)' : 'Zoom IM (simulator)',
			authentication: options.s2s ? 'serverToServer' : 'oAuth2',
			continueOnFail: options.continueOnFail,
			parameters: { resource: 'message', userId: 'me', teamChatTarget: 'channel', channelId: channel(CHANNEL), ...parameters },
		});

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42, accountScope: 'imchat:read chat_message:read:admin chat_channel:read:admin chat_message:write:admin' });
		await sim.start();
		n8n = await h.sharedInstance(version, { suite: 'writes' });
		await n8n.importCredentials([
			h.zoomOAuth2Credential({ id: cred.oauth, sim, tokens: sim.issueTokens() }),
			h.zoomS2SCredential({ id: cred.s2s, sim }),
		]);
	}, 15 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
	}, 2 * MINUTE);

	beforeEach(() => {
		sim.clearRequests();
		sim.clearFaults();
	});

	async function runWorkflow(name: string, nodes: WorkflowNode[]): Promise<ExecuteResult> {
		const workflow: Workflow = h.manualWorkflow({ id: h.makeId('writes'), name: `e2e writes ${name}`, nodes });
		await n8n.importWorkflows([workflow]);
		return await n8n.execute(workflow.id);
	}

	it('sends, replies in the thread, reacts, updates, gets and deletes by expressions, and Get Many reads the result back', async () => {
		const alerts = [`Disk full on db-1 (${run})`, `Queue backlog (${run})`];
		const result = await runWorkflow('round trip', [
			...h.itemsNodes(alerts.map((alert) => ({ alert }))),
			write('Send', { operation: 'send', text: '={{ $json.alert }}' }),
			write('Reply', { operation: 'send', text: '=Ack: {{ $json.message }}', options: { replyToMessageId: '={{ $json.id }}' } }),
			write('React', { operation: 'react', messageId: '={{ $json.reply_main_message_id }}', emoji: '👍', reactionAction: 'add' }),
			write('Update', { operation: 'update', messageId: "={{ $('Send').item.json.id }}", text: "={{ $('Send').item.json.message }} (resolved)" }),
			write('Get', { operation: 'get', messageId: "={{ $('Send').item.json.id }}" }),
			write('Delete reply', { operation: 'delete', messageId: "={{ $('Reply').item.json.id }}" }),
		]);
		expectSuccess(result);

		const sent = h.nodeJson(result.output, 'Send');
		const replies = h.nodeJson(result.output, 'Reply');
		// What Zoom holds: each message once, in the order n8n ran the nodes, the replies in the threads.
		const held = sim.sentMessages({ channel: CHANNEL }).filter((m) => m.text.includes(run));
		expect(held.map((m) => m.text)).toEqual([...alerts, ...alerts.map((a) => `Ack: ${a}`)]);
		expect(held.map((m) => m.id)).toEqual([...sent.map((s) => s.id), ...replies.map((r) => r.id)]);
		expect(replies.map((r) => r.reply_main_message_id)).toEqual(sent.map((s) => s.id));

		// Get ran after React and Update, item by item: each main message with its new text and the reaction.
		const got = h.nodeItems(result.output, 'Get');
		expect(got.map((item) => h.pairedIndex(item.pairedItem))).toEqual([0, 1]);
		got.forEach((item, i) => {
			expect(item.json).toMatchObject({ id: sent[i].id, message: `${alerts[i]} (resolved)`, channel_id: CHANNEL });
			expect(item.json.reactions).toEqual([expect.objectContaining({ emoji: 'U+1F44D' })]);
		});
		expect(h.nodeJson(result.output, 'Delete reply')).toEqual(replies.map((r) => ({ id: r.id, deleted: true, channel_id: CHANNEL })));

		// The round trip: Get Many with edited and deleted messages shows what the writes left.
		const today = new Date().toISOString().slice(0, 10);
		const read = await runWorkflow('read back', [
			h.zoomNode({
				name: 'Get Many',
				credentialId: cred.oauth,
				parameters: {
					api: 'teamChat',
					userId: 'me',
					teamChatTarget: 'channel',
					channelId: channel(CHANNEL),
					from: today,
					to: today,
					returnAll: true,
					options: { timezone: 'UTC', includeDeletedAndEdited: true },
				},
			}),
		]);
		expectSuccess(read);
		const byId = new Map(h.nodeJson(read.output, 'Get Many').map((m) => [m.id, m]));
		sent.forEach((s, i) => expect(byId.get(s.id as string)).toMatchObject({ message: `${alerts[i]} (resolved)`, status: 'Edited' }));
		replies.forEach((r) => expect(byId.get(r.id as string)).toMatchObject({ status: 'Deleted' }));
	}, 5 * MINUTE);

	it("uploads a file from n8n's binary data and sends it with the text in one message", async () => {
		const files = [
			{ name: `uptime ${Date.now()}.txt`, content: `uptime 99.9 % (${run})` },
			{ name: `errors ${Date.now()}.txt`, content: `errors: none (${run})` },
		];
		const result = await runWorkflow('file', [
			...h.itemsNodes(files),
			toFileNode('To file'),
			write('Send file', { operation: 'send', text: "=Report {{ $('Items').item.json.name }}", options: { binaryProperties: 'data' } }),
		]);
		expectSuccess(result);
		const out = h.nodeJson(result.output, 'Send file');
		expect(out).toHaveLength(2);
		out.forEach((item, i) => {
			const [file] = item.files as Array<{ file_id: string; file_name: string; bytes: number }>;
			expect(file).toMatchObject({ file_name: files[i].name, bytes: Buffer.byteLength(files[i].content) });
			expect(sim.fileContent(file.file_id).toString('utf8')).toBe(files[i].content);
			expect(sim.sentMessages({ channel: CHANNEL }).find((m) => m.id === item.id)).toMatchObject({
				text: `Report ${files[i].name}`,
				files: [expect.objectContaining({ file_id: file.file_id, file_name: files[i].name })],
			});
		});
		const uploads = sim.requests.filter((r) => r.kind === 'uploadFile');
		expect(uploads.map((r) => r.query.postToPersonalChat)).toEqual(['false', 'false']);
	}, 5 * MINUTE);

	it('under the seeded write chaos sends every item exactly once, in input order, each output paired', async () => {
		// The texts and seed of the integration test: the chaos draws each write's faults from its body,
		// so these meet the same faults there and here (6, four of them after the message was created).
		const texts = Array.from({ length: 25 }, (_, i) => `chaos #${i}`);
		const tally = installWriteChaos(sim, { seed: 2101 });
		const result = await runWorkflow('chaos', [
			...h.itemsNodes(texts.map((text) => ({ text }))),
			write('Send', { operation: 'send', text: '={{ $json.text }}', options: { requestTimeout: 1000, retryDelay: 1 } }),
		]);
		sim.clearFaults();
		expectSuccess(result);
		expect(tally.faults).toBeGreaterThan(3);
		expect(sim.sentMessages({ channel: CHANNEL }).filter((m) => m.text.startsWith('chaos #')).map((m) => m.text)).toEqual(texts);
		const items = h.nodeItems(result.output, 'Send');
		expect(items.map((item) => item.json.message)).toEqual(texts);
		expect(items.map((item) => h.pairedIndex(item.pairedItem))).toEqual(texts.map((_, i) => i));
		// Answers lost after Zoom had the message: found in the conversation, not sent again.
		expect(items.filter((item) => item.json.recovered === true).length).toBeGreaterThan(0);
	}, 5 * MINUTE);

	it("sends 35 messages to one channel with a Server-to-Server credential, inside the channel's windows (no 429)", async () => {
		const id = `ch-writes-${version.replace(/\./g, '')}-${Date.now()}`;
		sim.addTeamChatChannel({ id });
		const texts = Array.from({ length: 35 }, (_, i) => `burst ${run} #${i}`);
		const result = await runWorkflow('windows', [
			...h.itemsNodes(texts.map((text) => ({ text }))),
			write('Send', { operation: 'send', userId: 'owner@example.com', channelId: channel(id), text: '={{ $json.text }}' }, { s2s: true }),
		]);
		expectSuccess(result);
		expect(sim.sentMessages({ channel: id }).map((m) => m.text)).toEqual(texts);
		const sends = sim.requests.filter((r) => r.kind === 'sendMessage');
		expect(sends).toHaveLength(35);
		expect(sends.filter((r) => r.status === 429)).toEqual([]);
		expect(sim.channelSendStats().conversations[`ch:${id}`]).toMatchObject({ acceptedSends: 35, refusedSends: 0, blocks: 0 });
	}, 5 * MINUTE);

	it('stops before sending anything when an item is bad; with Continue On Fail the bad item yields its error and the others are sent', async () => {
		const texts = [`first ${run}`, 'x'.repeat(1025), `third ${run}`];
		const items = h.itemsNodes(texts.map((text) => ({ text })));
		const stopped = await runWorkflow('bad input', [...items, write('Send', { operation: 'send', text: '={{ $json.text }}' })]);
		expect(stopped.code).not.toBe(0);
		expect(h.executionError(stopped.output)?.message).toMatch(/"Text" is 1025 characters long/);
		expect(sim.requests.filter((r) => r.kind === 'sendMessage')).toEqual([]);

		const continued = await runWorkflow('continue on fail', [
			...h.itemsNodes(texts.map((text) => ({ text }))),
			write('Send', { operation: 'send', text: '={{ $json.text }}' }, { continueOnFail: true }),
		]);
		expectSuccess(continued);
		const out = h.nodeItems(continued.output, 'Send');
		expect(out.map((item) => h.pairedIndex(item.pairedItem))).toEqual([0, 1, 2]);
		expect(out[1].json.error).toMatch(/1025 characters/);
		expect([out[0].json.message, out[2].json.message]).toEqual([texts[0], texts[2]]);
		expect(sim.sentMessages({ channel: CHANNEL }).filter((m) => m.text.includes(run)).map((m) => m.text).slice(-2)).toEqual([texts[0], texts[2]]);
	}, 5 * MINUTE);
});
