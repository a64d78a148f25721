import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { processClock } from '../../nodes/ZoomIm/transport';
import { installWriteChaos } from '../support/write-chaos';
import { jsonOf, messagesRunner, startSimulator, useSimulator } from './setup';

/**
 * Message → Send, Get, Update, Delete and React over HTTP against the simulator, through n8n's
 * real execution context: what Zoom got, what the node output, and that every input item became
 * exactly one message, within the per-channel windows.
 */

const sim = useSimulator({ accountScope: 'imchat:read chat_message:read:admin chat_channel:read:admin chat_message:write:admin' });
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
	sim.setFaultHook(undefined as never);
});

const CHANNEL = 'ch-general';

function sendParams(extra: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		resource: 'message',
		operation: 'send',
		userId: 'me',
		teamChatTarget: 'channel',
		channelId: { __rl: true, mode: 'id', value: CHANNEL },
		text: '={{ $json.text }}',
		options: { retryDelay: 1, ...options },
		...extra,
	};
}

const items = (texts: string[]): INodeExecutionData[] => texts.map((text) => ({ json: { text } }));
const sentTexts = (channel = CHANNEL) => sim.sentMessages({ channel }).map((m) => m.text);
const unique = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${Date.now()} #${i}`);

describe('Team Chat writes over HTTP against the simulator', () => {
	it('sends each item to the channel in input order, output paired, and Get Many reads them back', async () => {
		const texts = unique('hello', 3);
		const runner = messagesRunner(sim);
		const [out] = await runner.execute(sendParams(), items(texts));
		expect(sentTexts().slice(-3)).toEqual(texts);
		const sent = sim.sentMessages({ channel: CHANNEL }).slice(-3);
		expect(jsonOf(out)).toEqual(texts.map((text, i) => ({ id: sent[i].id, recovered: false, user_id: 'me', channel_id: CHANNEL, message: text })));
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const today = new Date().toISOString().slice(0, 10);
		const [read] = await runner.execute({
			authentication: 'oAuth2',
			api: 'teamChat',
			userId: 'me',
			teamChatTarget: 'channel',
			channelId: { __rl: true, mode: 'id', value: CHANNEL },
			from: today,
			to: today,
			returnAll: true,
			options: { timezone: 'UTC' },
		});
		const readIds = new Set(read.map((r) => r.json.id));
		for (const m of sent) expect(readIds.has(m.id)).toBe(true);
	});

	it('replies in a thread with a mention, to a contact with Server-to-Server OAuth, and gets, updates, reacts to and deletes a message', async () => {
		const runner = messagesRunner(sim);
		const [[main]] = await runner.execute(sendParams({ text: 'Alert: disk full' }));
		const mainId = main.json.id as string;
		const [[reply]] = await runner.execute(
			sendParams(
				{ text: 'Looking into it' },
				{ replyToMessageId: mainId, mentions: { mention: [{ kind: 'person', contact: 'alice@example.com', name: 'Alice' }] } },
			),
		);
		expect(reply.json).toMatchObject({
			message: 'Looking into it @Alice',
			reply_main_message_id: mainId,
			at_items: [{ at_type: 1, at_contact: 'alice@example.com', start_position: 16, end_position: 21 }],
		});
		const body = JSON.parse(sim.requests.filter((r) => r.kind === 'sendMessage').at(-1)!.body!);
		expect(body).toEqual({ message: 'Looking into it @Alice', to_channel: CHANNEL, reply_main_message_id: mainId, at_items: reply.json.at_items });

		const [[dm]] = await runner.execute(
			sendParams({
				authentication: 'serverToServer',
				userId: 'owner@example.com',
				teamChatTarget: 'contact',
				contact: 'bob@example.com',
				text: 'Hi Bob',
			}),
		);
		expect(sim.sentMessages({ contact: 'bob@example.com' }).at(-1)).toMatchObject({ id: dm.json.id, text: 'Hi Bob' });

		const common = {
			authentication: 'oAuth2',
			resource: 'message',
			userId: 'me',
			teamChatTarget: 'channel',
			channelId: { __rl: true, mode: 'id', value: CHANNEL },
			messageId: mainId,
		};
		const [[got]] = await runner.execute({ ...common, operation: 'get' });
		expect(got.json).toMatchObject({ id: mainId, message: 'Alert: disk full', channel_id: CHANNEL });
		await runner.execute({ ...common, operation: 'update', text: 'Alert: disk full (fixed)' });
		await runner.execute({ ...common, operation: 'react', emoji: '👍', reactionAction: 'add' });
		const react = JSON.parse(sim.requests.filter((r) => r.kind === 'reactMessage').at(-1)!.body!);
		expect(react).toEqual({ action: 'add', emoji: 'U+1F44D', to_channel: CHANNEL });
		const [[after]] = await runner.execute({ ...common, operation: 'get' });
		expect(after.json).toMatchObject({ message: 'Alert: disk full (fixed)', reactions: [expect.objectContaining({ emoji: 'U+1F44D' })] });
		const [[deleted]] = await runner.execute({ ...common, operation: 'delete' });
		expect(deleted.json).toEqual({ id: mainId, deleted: true, channel_id: CHANNEL });
		expect(sim.sentMessages({ channel: CHANNEL }).find((m) => m.id === mainId)?.status).toBe('Deleted');
	});

	it('uploads the binary data and sends one message with the file ids', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
		const input: INodeExecutionData[] = [
			{ json: { text: 'Report attached' }, binary: { data: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'chart.png' } } },
		];
		const [[out]] = await messagesRunner(sim).execute(sendParams({}, { binaryProperties: 'data' }), input);
		const upload = sim.requests.find((r) => r.kind === 'uploadFile')!;
		expect(upload.query.postToPersonalChat).toBe('false');
		expect(upload.multipart?.files).toEqual([{ name: 'file', filename: 'chart.png', contentType: 'image/png', size: png.length }]);
		const fileId = (out.json.files as Array<{ file_id: string }>)[0].file_id;
		expect(sim.fileContent(fileId).equals(png)).toBe(true);
		expect(sim.sentMessages({ channel: CHANNEL }).at(-1)).toMatchObject({
			id: out.json.id,
			text: 'Report attached',
			files: [expect.objectContaining({ file_id: fileId })],
		});
	});

	it('under seeded write chaos, every input item becomes exactly one message', async () => {
		// Fixed texts: the seeded chaos draws each write's faults from its body, so the same texts meet the same faults on every run.
		const texts = Array.from({ length: 25 }, (_, i) => `chaos #${i}`);
		const tally = installWriteChaos(sim, { seed: 2101 });
		// A timeout well under the chaos's unanswered requests (2 s), well over an answer on a busy machine.
		const [out] = await messagesRunner(sim).execute(sendParams({}, { requestTimeout: 1000 }), items(texts));
		expect(tally.faults).toBeGreaterThan(0);
		const sent = sentTexts();
		for (const text of texts) expect(sent.filter((t) => t === text)).toHaveLength(1);
		expect(out.map((o) => o.json.message)).toEqual(texts);
		// Some answers were lost after Zoom had the message: those were found, not sent again.
		expect(out.some((o) => o.json.recovered === true)).toBe(true);
	}, 120_000);

	it('sends 35 messages to one channel with no block from its windows', async () => {
		const channel = `ch-windows-${Date.now()}`;
		sim.addTeamChatChannel({ id: channel });
		const texts = unique('burst', 35);
		await messagesRunner(sim).execute(sendParams({ channelId: { __rl: true, mode: 'id', value: channel } }), items(texts));
		expect(sentTexts(channel)).toEqual(texts);
		expect(sim.requests.filter((r) => r.channelLimited)).toEqual([]);
	}, 60_000);

	it('checks every item before sending anything; with Continue On Fail the others are sent', async () => {
		const before = sentTexts().length;
		const texts = ['fine', 'x'.repeat(1025), 'also fine'];
		await expect(messagesRunner(sim).execute(sendParams(), items(texts))).rejects.toThrow(/"Text" is 1025 characters long/);
		expect(sentTexts()).toHaveLength(before);
		const [out] = await messagesRunner(sim).execute(sendParams(), items(texts), { continueOnFail: true });
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toMatch(/1025 characters/);
		expect(sentTexts().slice(-2)).toEqual(['fine', 'also fine']);
	});

	it("names Zoom's refusal: a channel the user is not in, a missing write scope", async () => {
		sim.addTeamChatChannel({ id: 'ch-outside', member: false });
		await expect(messagesRunner(sim).execute(sendParams({ channelId: { __rl: true, mode: 'id', value: 'ch-outside' }, text: 'hi' }))).rejects.toThrow(
			/code 5301/,
		);
		const runner = messagesRunner(sim);
		runner.credentialStore.set('zoomImOAuth2Api', {
			...runner.credentialStore.get('zoomImOAuth2Api'),
			oauthTokenData: sim.issueTokens({ readOnly: true }),
		});
		await expect(runner.execute(sendParams({ text: 'hi' }))).rejects.toThrow(/chat_message:write \(granular: team_chat:write:user_message\)/);
	});
});

describe('per-channel windows on a scaled clock', () => {
	const SCALE = 100;
	const real = { ...processClock };
	afterEach(() => Object.assign(processClock, real));

	it('sends 70 messages to one channel past its 60-per-100-s window with no block', async () => {
		// Zoom's windows and blocks 100 times shorter in the simulator, the node's clock 100 times faster.
		const scaled = await startSimulator({ channelLimitScale: 1 / SCALE });
		try {
			processClock.now = () => real.now() * SCALE;
			processClock.sleep = async (ms) => await real.sleep(ms / SCALE);
			const texts = unique('scaled', 70);
			await messagesRunner(scaled).execute(sendParams(), items(texts));
			expect(scaled.sentMessages({ channel: CHANNEL }).map((m) => m.text)).toEqual(texts);
			expect(scaled.requests.filter((r) => r.channelLimited)).toEqual([]);
			const stats = scaled.channelSendStats();
			expect(JSON.stringify(stats)).not.toMatch(/"blocks":[1-9]/);
		} finally {
			await scaled.stop();
		}
	});
});
