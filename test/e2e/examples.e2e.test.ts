/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node, never inside n8n */
/**
 * The example workflows in examples/ (every *.json there) against real n8n, with the packed package
 * installed the way n8n installs community packages:
 *
 *   1. each file is a workflow whose every node type and typeVersion exists in that n8n version
 *      (n8n's own nodes from its nodes.json, ours from the built package), whose parameters are
 *      parameters of that node, and whose connections join existing nodes;
 *   2. n8n's REST API takes all of them as the editor's Import from File saves them, and gives back
 *      the same nodes, parameters and connections (the CLI's `n8n import:workflow` is tested on the
 *      trigger's example in trigger.e2e.test.ts);
 *   3. each Zoom IM Messages node of an example runs as configured (its From / To expressions, Return
 *      All, …) in a manual run of the shared n8n against the Zoom simulator, with only the chat
 *      session and the credential filled in, as a user does after importing;
 *   4. so do the nodes of the other operations (search, conversations, the account's report), with
 *      only the credential filled in, and they return what the simulator's oracles hold for the
 *      requests they made.
 *
 * Environment:
 *   ZOOM_IM_E2E_VERSIONS  comma-separated n8n versions (default "2.41.1,1.123.81")
 *   ZOOM_IM_E2E_BUILD=0   pack dist/ as it is instead of running `npm run build` first
 */
import fs from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';
import type { INodeProperties } from 'n8n-workflow';

import { ZoomSimulator } from '../simulator';
import * as h from '../support/n8n';
import type { SharedN8nInstance, Workflow, WorkflowNode } from '../support/n8n';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const EXAMPLES_DIR = path.join(h.REPO_ROOT, 'examples');
/** The workflows' timezone (their settings), so that the test knows which day "yesterday" is for the examples. */
const TIMEZONE = 'Europe/Berlin';

interface ExampleFile {
	file: string;
	workflow: Omit<Workflow, 'id'> & { id?: string };
}

function loadExamples(): ExampleFile[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

interface KnownNode {
	versions: number[];
	properties: INodeProperties[];
	/** Polling triggers get n8n's "Poll Times" parameter (pollTimes) added when n8n loads them. */
	polling?: boolean;
}

/** node type → the descriptions n8n `version` ships (n8n-nodes-base and the LangChain nodes). */
function n8nNodeTypes(runtimeDir: string): Map<string, KnownNode[]> {
	const known = new Map<string, KnownNode[]>();
	const sources: Array<[string, string]> = [
		['n8n-nodes-base', 'node_modules/n8n-nodes-base/dist/types/nodes.json'],
		['@n8n/n8n-nodes-langchain', 'node_modules/@n8n/n8n-nodes-langchain/dist/types/nodes.json'],
	];
	for (const [prefix, file] of sources) {
		const list = JSON.parse(fs.readFileSync(path.join(runtimeDir, file), 'utf8')) as Array<{
			name: string;
			version: number | number[];
			properties: INodeProperties[];
			polling?: boolean;
		}>;
		for (const description of list) {
			const type = `${prefix}.${description.name}`;
			const entries = known.get(type) ?? [];
			entries.push({
				versions: ([] as number[]).concat(description.version),
				properties: description.properties,
				polling: description.polling,
			});
			known.set(type, entries);
		}
	}
	return known;
}

/** This package's node types, from the built package (the same files as the tarball's dist/). */
function packageNodeTypes(): Map<string, KnownNode[]> {
	const known = new Map<string, KnownNode[]>();
	const pkg = JSON.parse(fs.readFileSync(path.join(h.REPO_ROOT, 'package.json'), 'utf8'));
	for (const file of pkg.n8n.nodes as string[]) {
		const className = path.basename(file).split('.')[0];
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const NodeClass = require(path.join(h.REPO_ROOT, file))[className];
		const description = new NodeClass().description;
		known.set(`${h.PACKAGE_NAME}.${description.name}`, [
			{
				versions: ([] as number[]).concat(description.version),
				properties: description.properties,
				polling: description.polling,
			},
		]);
	}
	return known;
}

/** Problems of one example workflow against the node types n8n knows. */
function checkWorkflow(workflow: ExampleFile['workflow'], known: Map<string, KnownNode[]>): string[] {
	const problems: string[] = [];
	if (typeof workflow.name !== 'string' || !workflow.name) problems.push('the workflow has no name');
	if (!Array.isArray(workflow.nodes) || workflow.nodes.length === 0) return [...problems, 'the workflow has no nodes'];
	const names = new Set<string>();
	for (const node of workflow.nodes) {
		if (names.has(node.name)) problems.push(`two nodes are called "${node.name}"`);
		names.add(node.name);
		const entries = known.get(node.type);
		if (!entries) {
			problems.push(`"${node.name}": unknown node type ${node.type}`);
			continue;
		}
		const entry = entries.find((e) => e.versions.includes(node.typeVersion));
		if (!entry) {
			problems.push(
				`"${node.name}": ${node.type} has no typeVersion ${node.typeVersion} (has ${entries.flatMap((e) => e.versions).join(', ')})`,
			);
			continue;
		}
		const propertyNames = new Set(entry.properties.map((p) => p.name));
		if (entry.polling) propertyNames.add('pollTimes');
		for (const [name, value] of Object.entries(node.parameters ?? {})) {
			if (!propertyNames.has(name)) {
				problems.push(`"${node.name}": ${node.type} v${node.typeVersion} has no parameter "${name}"`);
				continue;
			}
			// Options parameters must hold one of their options (expressions aside).
			const candidates = entry.properties.filter((p) => p.name === name && p.type === 'options');
			if (candidates.length > 0 && typeof value === 'string' && !value.startsWith('=')) {
				const allowed = candidates.flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)));
				if (!allowed.includes(value)) problems.push(`"${node.name}": "${name}" is "${value}", not one of ${allowed.join(', ')}`);
			}
		}
		if (!Array.isArray(node.position) || node.position.length !== 2) problems.push(`"${node.name}" has no position`);
	}
	for (const [from, byType] of Object.entries(workflow.connections ?? {})) {
		if (!names.has(from)) problems.push(`a connection starts at a missing node "${from}"`);
		for (const outputs of Object.values(byType as Record<string, Array<Array<{ node: string }> | null>>)) {
			for (const target of (outputs ?? []).flat()) {
				if (target && !names.has(target.node)) problems.push(`"${from}" connects to a missing node "${target.node}"`);
			}
		}
	}
	return problems;
}

/** Node names, types, versions and parameters, for comparing an export with the file. */
const shape = (nodes: WorkflowNode[]) =>
	nodes
		.map((n) => ({ name: n.name, type: n.type, typeVersion: n.typeVersion, parameters: n.parameters }))
		.sort((a, b) => a.name.localeCompare(b.name));

const examples = loadExamples();

describe.each(VERSIONS)('example workflows in real n8n %s', (version) => {
	let sim: ZoomSimulator;
	let n8n: SharedN8nInstance;
	const credential = { id: h.makeId('excred'), name: 'Zoom IM account' };
	const s2sCredential = { id: h.makeId('exs2s'), name: 'Zoom IM admin app' };
	const ids = new Map<string, string>(examples.map(({ file }) => [file, h.makeId('example')]));

	beforeAll(async () => {
		// The account example reads Zoom's chat report: its app has the report scope.
		sim = new ZoomSimulator({ seed: 42, accountScope: 'imchat:read chat_message:read:admin chat_channel:read:admin report_chat:read:admin' });
		await sim.start();
		n8n = await h.sharedInstance(version, { suite: 'examples' });
		await n8n.importCredentials([h.zoomOAuth2Credential({ ...credential, sim }), h.zoomS2SCredential({ ...s2sCredential, sim })]);
	}, 20 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
	}, 2 * MINUTE);

	it('has the example workflows (Google Sheets export, Slack by polling, Slack by webhook, AI summary, channel files to a folder, and one per further operation)', () => {
		expect(examples.map((e) => e.file)).toEqual(
			expect.arrayContaining([
				'zoom-ai-summary-of-yesterday.json',
				'zoom-daily-export-to-google-sheets.json',
				'zoom-save-channel-files-to-folder.json',
				'zoom-new-channel-message-to-slack.json',
				'zoom-to-slack-new-messages.json',
				'zoom-nightly-account-export-to-postgres.json',
				'zoom-team-chat-channels-to-google-sheets.json',
				'zoom-team-chat-search-to-slack.json',
			]),
		);
		const operations = new Set(zoomNodes.concat(otherZoomNodes).map(([, , node]) => `${node.parameters.resource ?? 'message'}/${node.parameters.operation ?? 'getAll'}`));
		expect([...operations].sort()).toEqual(['account/getAllMessages', 'conversation/getAll', 'message/getAll', 'message/search']);
	});

	it.each(examples.map((e) => [e.file, e] as const))(
		'%s uses only node types, versions and parameters this n8n has',
		(_file, example) => {
			const known = new Map([...n8nNodeTypes(n8n.runtime.dir), ...packageNodeTypes()]);
			expect(checkWorkflow(example.workflow, known)).toEqual([]);
		},
	);

	it("imports every example through n8n's REST API, as the editor's Import from File saves it, and reads it back unchanged", async () => {
		const workflows = examples.map(({ file, workflow }) => ({
			active: false,
			settings: {},
			pinData: {},
			...workflow,
			id: ids.get(file)!,
		})) as Workflow[];
		await n8n.importWorkflows(workflows);

		for (const { file, workflow } of examples) {
			const imported = (await n8n.rest.call('GET', `/rest/workflows/${n8n.workflowId(ids.get(file)!)}`)) as Workflow;
			expect(imported).toBeDefined();
			expect(imported!.name).toBe(workflow.name);
			expect(shape(imported!.nodes)).toEqual(shape(workflow.nodes as WorkflowNode[]));
			expect(imported!.connections).toEqual(workflow.connections);
		}
	}, 5 * MINUTE);

	const allZoomNodes = examples.flatMap(({ file, workflow }) =>
		(workflow.nodes as WorkflowNode[]).filter((n) => n.type === h.ZOOM_NODE_TYPE).map((node) => [file, node.name, node] as const),
	);
	/** Message → Get Many (the default: also nodes saved without resource and operation). */
	const isGetMany = (node: WorkflowNode) => (node.parameters.resource ?? 'message') === 'message' && (node.parameters.operation ?? 'getAll') === 'getAll';
	const zoomNodes = allZoomNodes.filter(([, , node]) => isGetMany(node));
	const otherZoomNodes = allZoomNodes.filter(([, , node]) => !isGetMany(node));

	it.each(zoomNodes.filter(([, , node]) => node.parameters.api !== 'teamChat'))(
		'%s: "%s" runs as configured against the simulator',
		async (file, _name, node) => {
			const parameters = { ...node.parameters, sessionId: { __rl: true, mode: 'id', value: 'grp-eng' } };
			const zoom = h.zoomNode({ name: node.name, parameters, credentialId: credential.id, credentialName: credential.name });
			const workflow = h.manualWorkflow({ name: `example ${file}`, nodes: [zoom], settings: { timezone: TIMEZONE } });
			await n8n.importWorkflows([workflow]);

			sim.clearRequests();
			const before = DateTime.now().setZone(TIMEZONE).minus({ days: 1 }).toISODate();
			const run = await n8n.execute(workflow.id);
			const after = DateTime.now().setZone(TIMEZONE).minus({ days: 1 }).toISODate();
			const error = h.executionError(run.output);
			if (run.code !== 0) throw new Error(`the run failed: ${error?.message ?? run.stderr.slice(-2000)}`);

			const requests = sim.requests.filter((r) => r.kind === 'imMessages');
			expect(requests.length).toBeGreaterThan(0);
			// "Yesterday" in the workflow's timezone, one day: from = to.
			for (const request of requests) {
				expect(request.status).toBe(200);
				expect([before, after]).toContain(request.query.from);
				expect(request.query.to).toBe(request.query.from);
			}
			const day = requests[0].query.from;
			expect(h.nodeJson(run.output, node.name)).toHaveLength(sim.imMessages('grp-eng', day, day).length);
		},
		5 * MINUTE,
	);

	it.each(otherZoomNodes)(
		'%s: "%s" runs as configured against the simulator',
		async (file, _name, node) => {
			const s2s = node.parameters.authentication === 'serverToServer';
			const zoom = h.zoomNode({
				name: node.name,
				parameters: node.parameters,
				authentication: s2s ? 'serverToServer' : 'oAuth2',
				credentialId: s2s ? s2sCredential.id : credential.id,
				credentialName: s2s ? s2sCredential.name : credential.name,
			});
			const workflow = h.manualWorkflow({ name: `example ${file}`, nodes: [zoom], settings: { timezone: TIMEZONE } });
			await n8n.importWorkflows([workflow]);

			sim.clearRequests();
			const run = await n8n.execute(workflow.id);
			const error = h.executionError(run.output);
			if (run.code !== 0) throw new Error(`the run failed: ${error?.message ?? run.stderr.slice(-2000)}`);
			const items = h.nodeJson(run.output, node.name);
			const api = sim.requests.filter((r) => r.kind !== 'token');
			expect(api.length).toBeGreaterThan(0);
			expect(api.every((r) => r.status === 200)).toBe(true);

			// What the simulator holds for the requests the node made.
			const first = api.filter((r) => !r.query.next_page_token);
			let expected: number;
			if (node.parameters.resource === 'account') {
				expected = first
					.filter((r) => r.kind === 'reportSessions')
					.flatMap((r) => sim.reportSessions(r.query.from, r.query.to).map((s) => [s.id, r.query.from, r.query.to]))
					.reduce((n, [id, from, to]) => {
						const report = sim.reportMessages(id, from, to, { edited: true, deleted: true });
						return n + report.messages.length + (report.edited_messages?.length ?? 0) + (report.deleted_messages?.length ?? 0);
					}, 0);
			} else if (node.parameters.resource === 'conversation') {
				expect(first.map((r) => r.kind)).toEqual(['channels']);
				expected = sim.channels().length;
			} else {
				expect(first.every((r) => r.kind === 'teamMessages' && r.query.search_key === node.parameters.searchKey)).toBe(true);
				expected = first.reduce((n, r) => n + sim.teamChatSearch({ searchType: 'message', searchKey: r.query.search_key, from: r.query.from, to: r.query.to }).length, 0);
			}
			expect(items).toHaveLength(expected);
		},
		5 * MINUTE,
	);

	// Team Chat examples read a channel; the simulator's seeded history is older than "yesterday",
	// so the test adds yesterday's messages (with files) to an empty channel first.
	it.each(zoomNodes.filter(([, , node]) => node.parameters.api === 'teamChat'))(
		'%s: "%s" runs as configured against the simulator, files as binary data',
		async (file, _name, node) => {
			const channel = 'ch-filler-09';
			for (const day of [0, 1, 2].map((back) => DateTime.now().setZone(TIMEZONE).minus({ days: back }).startOf('day'))) {
				for (let hour = 1; hour < 24; hour += 4) {
					sim.addTeamChatMessage({
						toChannel: channel,
						timestamp: day.plus({ hours: hour }).toMillis(),
						message: `example message ${day.toISODate()} ${hour}`,
						files: hour % 8 === 1 ? [{ file_name: `scan ${hour}.pdf`, file_size: 1000 + hour }] : undefined,
					});
				}
			}
			const parameters = { ...node.parameters, channelId: { __rl: true, mode: 'id', value: channel } };
			const zoom = h.zoomNode({ name: node.name, parameters, credentialId: credential.id, credentialName: credential.name });
			const workflow = h.manualWorkflow({ name: `example ${file}`, nodes: [zoom], settings: { timezone: TIMEZONE } });
			await n8n.importWorkflows([workflow]);

			sim.clearRequests();
			const before = DateTime.now().setZone(TIMEZONE).minus({ days: 1 });
			const run = await n8n.execute(workflow.id);
			const after = DateTime.now().setZone(TIMEZONE).minus({ days: 1 });
			const error = h.executionError(run.output);
			if (run.code !== 0) throw new Error(`the run failed: ${error?.message ?? run.stderr.slice(-2000)}`);

			const requests = sim.requests.filter((r) => r.kind === 'teamMessages');
			expect(requests.length).toBeGreaterThan(0);
			// "Yesterday" in the workflow's timezone: its first and last second, as UTC instants.
			const bounds = (day: DateTime) => [
				day.startOf('day').toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"),
				day.endOf('day').toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"),
			];
			for (const request of requests) {
				expect(request.status).toBe(200);
				expect([bounds(before), bounds(after)]).toContainEqual([request.query.from, request.query.to]);
			}
			const expected = sim.teamChatMessages({ toChannel: channel, from: requests[0].query.from, to: requests[0].query.to });
			const items = h.nodeItems(run.output, node.name);
			expect(items.map((item) => item.json.id)).toEqual(expected.map((m) => m.id));
			const files = expected.flatMap((m) => m.files ?? []);
			expect(files.length).toBeGreaterThan(0);
			expect(items.flatMap((item) => Object.values((item.binary ?? {}) as Record<string, { fileName: string }>).map((b) => b.fileName))).toEqual(
				files.map((f) => f.file_name),
			);
		},
		5 * MINUTE,
	);
});
