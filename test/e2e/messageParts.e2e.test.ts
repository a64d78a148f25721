/**
 * End-to-end: the parts of a Team Chat message in real n8n (2.x and 1.x), with the packed package
 * installed the way n8n installs community packages: thread replies grouped under their main
 * message, reactions / mentions / bot messages in the simplified output, and Download Files with
 * each file in n8n's binary data (file name, MIME type, size; the bytes where n8n keeps them inline), the token kept from the
 * file host the download redirects to, and exactly-once output under the chaos faults (on the
 * message requests and on both hops of every download). Expected values come from the
 * simulator's oracles, never from the run's output.
 */
import { ZoomSimulator, type TeamChatMessage } from '../simulator';
import { installChaos } from '../support/chaos';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import * as h from '../support/n8n';
import type { ExecuteResult, N8nItem, SharedN8nInstance, Workflow } from '../support/n8n';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const ZOOM = 'Zoom IM Messages';
const CHANNEL = 'ch-filler-05';

/** The two whole calendar months before the current one (UTC): within Team Chat's 6 months. */
function monthsBefore(now: Date): Array<[string, string]> {
	const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
	return [2, 1].map((back) => [
		iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)),
		iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1) - 1000),
	]);
}

const MONTHS = monthsBefore(new Date());
const FROM_DAY = MONTHS[0][0].slice(0, 10);
const TO_DAY = MONTHS[1][1].slice(0, 10);

const FILE_NAMES = ['minutes.pdf', 'diagram.png', 'figures.csv', 'voice message.amr', 'notes.txt'];
const MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', csv: 'text/csv', amr: 'audio/amr', txt: 'text/plain' };

/** Messages with files, threads, reactions (Zoom's U+ form), mentions and a bot's message, in each month. */
function seedChannel(sim: ZoomSimulator) {
	MONTHS.forEach(([from, to], month) => {
		const start = Date.parse(from);
		const span = Date.parse(to) - start;
		let main: TeamChatMessage | undefined;
		for (let i = 0; i < 24; i++) {
			const timestamp = start + Math.floor(((i + 0.5) / 24) * span) + ((i * 53) % 1000);
			const withFiles = i % 3 === 0;
			const added = sim.addTeamChatMessage({
				toChannel: CHANNEL,
				timestamp,
				sender: ['alice@example.com', 'bob@example.com', 'owner@example.com'][i % 3],
				message: i % 7 === 3 ? '@Bob Brown please look' : `parts message ${month}.${i}`,
				files: withFiles
					? [
							{ file_name: FILE_NAMES[i % FILE_NAMES.length], file_size: 2000 + 97 * i + month },
							...(i % 6 === 0 ? [{ file_name: FILE_NAMES[(i + 1) % FILE_NAMES.length], file_size: 40_000 + i }] : []),
						]
					: undefined,
				reactions: i % 4 === 1 ? [{ emoji: i % 8 === 1 ? 'U+2764 U+FE0F' : 'U+1F44D', senders: ['alice@example.com', 'carol@example.com'] }] : undefined,
				at_items: i % 7 === 3 ? [{ at_contact: 'sim-user-bob', at_contact_member_id: 'mbrB0b9e8f7a6b5c', at_type: 1, start_position: 0, end_position: 9 }] : undefined,
				bot_message: i === 11 ? { head: { text: `Build ${month} passed` } } : undefined,
				...(i % 5 === 2 && main ? { reply_main_message_id: main.id, reply_main_message_timestamp: main.timestamp } : {}),
			});
			if (!added.reply_main_message_id) main = added;
		}
	});
}

/** The node's order: month by month, Zoom's order inside each; replies grouped under their main message. */
function expectedGrouped(sim: ZoomSimulator) {
	const messages = MONTHS.flatMap(([from, to]) => sim.teamChatMessages({ toChannel: CHANNEL, from, to }));
	const mains = new Set(messages.filter((m) => !m.reply_main_message_id).map((m) => m.id));
	return messages
		.filter((m) => !m.reply_main_message_id || !mains.has(m.reply_main_message_id))
		.map((m) =>
			m.reply_main_message_id
				? m
				: { ...m, replies: messages.filter((r) => r.reply_main_message_id === m.id).sort((a, b) => a.timestamp - b.timestamp) },
		);
}

function expectSuccess(run: ExecuteResult) {
	if (run.code !== 0 || !run.output) {
		const error = h.executionError(run.output);
		throw new Error(`expected a successful run, got exit ${run.exitCode}: ${error?.message ?? run.stderr.slice(-2000)}`);
	}
}

/**
 * What n8n kept of one file: inline (base64 in `data`, 1.x's default mode) the very bytes; in its
 * binary data folder (2.x's default filesystem mode, which `n8n execute` empties when the run
 * ends) the size it wrote (`bytes`).
 */
function expectStored(binary: Record<string, unknown>, fileId: string, fileSize: number, sim: ZoomSimulator) {
	const inline = typeof binary.id !== 'string' || !binary.id.startsWith('filesystem');
	if (inline) expect(Buffer.from(String(binary.data), 'base64').equals(sim.fileContent(fileId))).toBe(true);
	else expect(binary.bytes).toBe(fileSize);
}

/** Each item's binary data holds each file of its message and replies: name, type, size and bytes. */
function expectFiles(items: N8nItem[], expected: ReturnType<typeof expectedGrouped>, sim: ZoomSimulator): number {
	let count = 0;
	items.forEach((item, i) => {
		const files = [expected[i], ...(('replies' in expected[i] ? expected[i].replies : undefined) ?? [])].flatMap((m) => m.files ?? []);
		const binary = (item.binary ?? {}) as Record<string, Record<string, unknown>>;
		expect(Object.keys(binary)).toEqual(files.map((_, k) => `file_${k}`));
		files.forEach((file, k) => {
			const stored = binary[`file_${k}`];
			expect(stored.fileName).toBe(file.file_name);
			expect(stored.mimeType).toBe(MIME[file.file_name.split('.').pop()!]);
			expect(typeof stored.fileSize).toBe('string');
			expectStored(stored, file.file_id, file.file_size, sim);
			count++;
		});
	});
	return count;
}

describe.each(VERSIONS)('the parts of a message in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;
	const credential = { id: h.makeId('partscred'), name: 'Zoom IM (simulator)' };
	let filesWorkflow: Workflow;
	let chaosWorkflow: Workflow;

	const workflow = (name: string, options: Record<string, unknown>) =>
		h.manualWorkflow({
			id: h.makeId('parts'),
			name,
			nodes: [
				h.zoomNode({
					name: ZOOM,
					credentialId: credential.id,
					credentialName: credential.name,
					parameters: {
						api: 'teamChat',
						userId: 'me',
						teamChatTarget: 'channel',
						channelId: { __rl: true, mode: 'id', value: CHANNEL },
						from: FROM_DAY,
						to: TO_DAY,
						returnAll: true,
						pageSize: 10,
						options: { timezone: 'UTC', downloadFiles: true, threadReplies: 'grouped', ...options },
					},
				}),
			],
		});

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		seedChannel(sim);
		n8n = await h.sharedInstance(version, { suite: 'messageParts' });
		await n8n.importCredentials([h.zoomOAuth2Credential({ ...credential, sim })]);
		filesWorkflow = workflow('e2e message parts', {});
		chaosWorkflow = workflow('e2e message parts under chaos', { retryDelay: 1, maxRequestsPerSecond: 0, requestTimeout: 1000 });
		await n8n.importWorkflows([filesWorkflow, chaosWorkflow]);
	}, 20 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
	}, 2 * MINUTE);

	it('threads grouped, reactions / mentions / bot messages simplified, every file as binary data; the token never reaches the file host', async () => {
		sim.clearRequests();
		const run = await n8n.execute(filesWorkflow.id);
		expectSuccess(run);
		const expected = expectedGrouped(sim);
		expect(expected.some((m) => 'replies' in m && (m.replies ?? []).length > 0)).toBe(true);
		const items = h.nodeItems(run.output, ZOOM);
		const json = items.map((item) => {
			const { file_downloads: downloads, ...rest } = item.json;
			expect(Array.isArray(downloads)).toBe(true);
			return rest;
		});
		expect(json).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: CHANNEL })));
		expect(json.some((m) => (m.reactions as Array<{ emoji_character: string }> | undefined)?.some((r) => r.emoji_character === '❤️'))).toBe(true);
		expect(json.some((m) => Array.isArray(m.mentions))).toBe(true);
		expect(json.filter((m) => m.is_bot_message === true)).toHaveLength(MONTHS.length);
		expect(h.nodeResult(run.output, ZOOM).pairedItems.every((p) => h.pairedIndex(p) === 0)).toBe(true);

		const files = expectFiles(items, expected, sim);
		expect(files).toBeGreaterThan(15);
		const downloads = sim.requests.filter((r) => r.kind === 'fileDownload');
		const contents = sim.requests.filter((r) => r.kind === 'fileContent');
		expect(downloads).toHaveLength(files);
		expect(contents).toHaveLength(files);
		expect(downloads.every((r) => /^Bearer /.test(String(r.headers.authorization)))).toBe(true);
		expect(contents.every((r) => r.headers.authorization === undefined)).toBe(true);
	}, 5 * MINUTE);

	it('Download Files under chaos (429s, 5xx, dropped connections, hangs, one token expiry, one page-token expiry): every message and file exactly once', async () => {
		sim.clearRequests();
		const before = sim.tokenStats();
		const tally = installChaos(sim, {
			seed: 7,
			kind: ['teamMessages', 'fileDownload', 'fileContent'],
			windows: MONTHS.map(([from]) => from),
			tokenAt: [1, 2],
			pageAt: [1, 2],
		});
		const run = await n8n.execute(chaosWorkflow.id);
		sim.clearFaults();
		expectSuccess(run);
		const expected = expectedGrouped(sim);
		const items = h.nodeItems(run.output, ZOOM);
		expect(items.map((item) => item.json.id)).toEqual(expected.map((m) => m.id));
		expect(expectFiles(items, expected, sim)).toBeGreaterThan(15);
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults).toBeGreaterThan(5);
		expect(sim.requests.some((r) => r.kind === 'fileDownload' && r.faulted)).toBe(true);
		expect(sim.requests.some((r) => r.kind === 'fileContent' && r.faulted)).toBe(true);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	}, 8 * MINUTE);
});
