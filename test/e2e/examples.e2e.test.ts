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
 *      requests they made;
 *   5. the examples that send (Message → Send, also as an AI agent's tool) run whole, with Set nodes of
 *      the same name and sample items standing in for what cannot run here (webhook, trigger, Google
 *      Sheets; the agent and its model are left out and its $fromAI text is given), and the simulator
 *      holds exactly the messages they should send; the tool n8n builds of the node is the one n8n
 *      serves, with no setting for community tools.
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

/**
 * The properties of the tool n8n builds from a node with `usableAsTool: true` (its type is the node's
 * plus "Tool"), as n8n 1.123 (LoadNodesAndCredentials.convertNodeToAiTool) and 2.41
 * (tool-generation/ai-tools.js convertNodeToAiTool) both do: after the node's last callout (none
 * here: at the start) "Description" (toolDescription) and, for a node with a resource or an
 * operation, before it "Tool Description" (descriptionType: auto / manual). Checked against the
 * tool n8n actually serves in "n8n builds the tool variant" below.
 */
function toolProperties(description: { description?: string; properties: INodeProperties[] }): INodeProperties[] {
	const properties = [...description.properties];
	if (properties.some((p) => p.name === 'toolDescription')) return properties;
	const lastCallout = properties.map((p) => p.type).lastIndexOf('callout');
	const withChoice = properties.some((p) => p.name === 'resource' || p.name === 'operation');
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description ?? '',
		required: true,
		...(withChoice ? { displayOptions: { show: { descriptionType: ['manual'] } } } : {}),
	};
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	properties.splice(lastCallout + 1, 0, ...(withChoice ? [descriptionType, toolDescription] : [toolDescription]));
	return properties;
}

/** This package's node types, from the built package (the same files as the tarball's dist/), and the tools n8n builds of them. */
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
		if (description.usableAsTool) {
			known.set(`${h.PACKAGE_NAME}.${description.name}Tool`, [
				{ versions: ([] as number[]).concat(description.version), properties: toolProperties(description) },
			]);
		}
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

/** Our nodes (the action node, or the tool n8n builds of it) that act on one message: Send, Get, Update, Delete, React. */
function actsOnOneMessage(node: WorkflowNode): boolean {
	return (
		(node.type === h.ZOOM_NODE_TYPE || node.type === `${h.ZOOM_NODE_TYPE}Tool`) &&
		['send', 'get', 'update', 'delete', 'react'].includes(String(node.parameters.operation))
	);
}

/**
 * The examples whose Zoom nodes act on one message. Those nodes read other nodes' output ($('Alert
 * received')…, the previous Send's $json.id, the agent's $fromAI), so each such example runs whole,
 * as standInWorkflow rebuilds it.
 */
const WRITE_EXAMPLES: Record<string, string> = {
	'zoom-alert-to-channel-with-thread-reply.json': 'posts the alert into the channel and its details as a reply in its thread',
	'zoom-sheet-rows-as-direct-messages.json': "sends each row once, as a direct message to the row's email",
	'zoom-ai-agent-answers-in-thread.json': "answers in the thread of the event's message (the tool's parameters, its $fromAI text given)",
};

/** n8n's nodes that run here as the example has them. */
const RUNNABLE_HERE = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.stickyNote']);

interface StandInOptions {
	/**
	 * Sample items for the nodes that are not ours and cannot run here (webhook, trigger, Google
	 * Sheets), by node name: each becomes a Set node of the same name that outputs them, so that
	 * expressions naming it keep resolving. One item: that Set node alone; more: a Set → Split Out
	 * pair before it makes one item each, which it passes on ($json).
	 */
	standIns: Record<string, Array<Record<string, unknown>>>;
	/** Nodes left out (an agent and its model), with their connections. */
	drop?: string[];
	/** Extra main connections [from, to] (the agent's input, to its tool). */
	connect?: Array<[string, string]>;
	/** The channel for channel pickers the example leaves empty (mode list, value ''). */
	channel: string;
	/** Our nodes' parameters as run (default: the example's). */
	parameters?: (node: WorkflowNode) => Record<string, unknown>;
}

type Connections = Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }> | null>>>;

/**
 * A copy of an example that runs here from a Manual Trigger: its nodes that cannot run here replaced
 * by Set nodes of the same name with sample items (preceded by a Manual Trigger when they started the
 * workflow), its connections kept, our nodes' parameters kept but for the credential (the
 * simulator's) and empty channel pickers (`channel`). A tool of ours runs as the action node it is
 * built from, on the same parameters but for the tool's own (descriptionType, toolDescription).
 */
function standInWorkflow(
	example: ExampleFile,
	options: StandInOptions,
	credentials: { oAuth2: { id: string; name: string }; s2s: { id: string; name: string } },
): Workflow {
	const drop = new Set(options.drop ?? []);
	const connections = JSON.parse(JSON.stringify(example.workflow.connections ?? {})) as Connections;
	for (const name of drop) delete connections[name];
	for (const byType of Object.values(connections)) {
		for (const [type, outputs] of Object.entries(byType)) {
			byType[type] = outputs.map((targets) => (targets ?? []).filter((t) => !drop.has(t.node)));
			if (type !== 'main') delete byType[type];
		}
	}
	const link = (from: string, to: string) => {
		const main = ((connections[from] ??= {}).main ??= [[]]);
		(main[0] ??= []).push({ node: to, type: 'main', index: 0 });
	};
	const targets = new Set(Object.values(connections).flatMap((byType) => Object.values(byType).flat(2).map((t) => t!.node)));

	const nodes: WorkflowNode[] = [];
	for (const node of example.workflow.nodes as WorkflowNode[]) {
		if (drop.has(node.name)) continue;
		if (node.type === h.ZOOM_NODE_TYPE || node.type === `${h.ZOOM_NODE_TYPE}Tool`) {
			const parameters = { ...(options.parameters?.(node) ?? node.parameters) };
			delete parameters.descriptionType;
			delete parameters.toolDescription;
			const channel = parameters.channelId as { mode?: string; value?: string } | undefined;
			if (channel?.mode === 'list' && channel.value === '') parameters.channelId = { __rl: true, mode: 'id', value: options.channel };
			const s2s = parameters.authentication === 'serverToServer';
			const credential = s2s ? credentials.s2s : credentials.oAuth2;
			nodes.push({
				...h.zoomNode({ name: node.name, parameters, authentication: s2s ? 'serverToServer' : 'oAuth2', credentialId: credential.id, credentialName: credential.name }),
				position: node.position,
				...(node.onError ? { onError: node.onError } : {}),
			});
		} else if (node.name in options.standIns) {
			const items = options.standIns[node.name];
			if (items.length === 1) {
				nodes.push({ ...h.setJsonNode({ name: node.name, json: items[0] }), position: node.position });
			} else {
				const [set, split] = h.itemsNodes(items, { name: `${node.name} (sample items)` });
				const [x, y] = node.position ?? [0, 0];
				nodes.push({ ...set, position: [x, y + 200] }, { ...split, position: [x + 220, y + 200] });
				nodes.push({ ...h.setJsonNode({ name: node.name, json: '={{ $json }}' }), position: node.position });
				// What led to the node now leads to the sample items.
				for (const byType of Object.values(connections)) {
					for (const t of Object.values(byType).flat(2)) if (t!.node === node.name) t!.node = set.name;
				}
				link(set.name, split.name);
				link(split.name, node.name);
			}
			if (!targets.has(node.name)) {
				const trigger = { ...h.manualTriggerNode(`Manual Trigger for ${node.name}`), position: [-220, 200] as [number, number] };
				nodes.unshift(trigger);
				link(trigger.name, items.length === 1 ? node.name : `${node.name} (sample items) (set)`);
			}
		} else if (RUNNABLE_HERE.has(node.type)) {
			nodes.push(node);
		} else {
			throw new Error(`${example.file}: "${node.name}" (${node.type}) cannot run here and has no stand-in`);
		}
	}
	for (const [from, to] of options.connect ?? []) link(from, to);
	return {
		id: h.makeId('standin'),
		name: `${example.workflow.name} (stand-ins)`,
		active: false,
		nodes,
		connections,
		settings: { ...(example.workflow.settings as Record<string, unknown>), timezone: TIMEZONE },
		pinData: {},
	};
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
		// The account example reads Zoom's chat report, the sheet example sends as the account's user.
		sim = new ZoomSimulator({
			seed: 42,
			accountScope: 'imchat:read chat_message:read:admin chat_channel:read:admin report_chat:read:admin chat_message:write:admin',
		});
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
		const operations = new Set(allZoomNodes.map(([, , node]) => `${node.parameters.resource ?? 'message'}/${node.parameters.operation ?? 'getAll'}`));
		expect([...operations].sort()).toEqual(['account/getAllMessages', 'conversation/getAll', 'message/getAll', 'message/search', 'message/send']);
		// Every example that writes to Zoom is run whole (below), with stand-ins for what cannot run here.
		const writing = new Set(examples.filter(({ workflow }) => (workflow.nodes as WorkflowNode[]).some(actsOnOneMessage)).map((e) => e.file));
		expect([...writing].sort()).toEqual(Object.keys(WRITE_EXAMPLES).sort());
	});

	it('n8n builds the tool variant of Zoom IM Messages from the installed community package, with no N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE set', async () => {
		// The shared n8n gets no N8N_* variable from this process (cleanEnv); none names tool usage.
		expect(Object.keys(n8n.env).filter((key) => /TOOL/i.test(key))).toEqual([]);
		const served = await n8n.rest.raw('GET', '/types/nodes.json');
		expect(served.status).toBe(200);
		const types = served.body as Array<{ name: string; version: number | number[]; outputs?: unknown; properties: INodeProperties[] }>;
		const tool = types.find((t) => t.name === `${h.ZOOM_NODE_TYPE}Tool`);
		expect(tool).toBeDefined();
		expect(tool!.outputs).toEqual(['ai_tool']);
		const [expected] = packageNodeTypes().get(`${h.ZOOM_NODE_TYPE}Tool`)!;
		expect(tool!.properties.map((p) => p.name)).toEqual(expected.properties.map((p) => p.name));
		expect(tool!.properties.find((p) => p.name === 'descriptionType')?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['auto', 'manual']);
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
	// Nodes that write (Send, …) read other nodes' output; they run in their whole example (WRITE_EXAMPLES).
	const otherZoomNodes = allZoomNodes.filter(([, , node]) => !isGetMany(node) && !actsOnOneMessage(node));

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
	/** Runs a stand-in copy of an example; the messages the simulator holds that the run created. */
	async function runStandIn(file: string, options: StandInOptions) {
		const example = examples.find((e) => e.file === file)!;
		const workflow = standInWorkflow(example, options, { oAuth2: credential, s2s: s2sCredential });
		await n8n.importWorkflows([workflow]);
		const before = new Set(sim.sentMessages().map((m) => m.id));
		sim.clearRequests();
		const run = await n8n.execute(workflow.id);
		const error = h.executionError(run.output);
		if (run.code !== 0) throw new Error(`the run failed: ${error?.message ?? run.stderr.slice(-2000)}`);
		return { run, sent: sim.sentMessages().filter((m) => !before.has(m.id)) };
	}

	/** A message of the channel as its list (with thread replies) serves it. */
	const listed = (channel: string, id: string) => sim.teamChatMessages({ toChannel: channel }).find((m) => m.id === id);

	const ALERT_CHANNEL = 'ch-general';

	it(`zoom-alert-to-channel-with-thread-reply.json ${WRITE_EXAMPLES['zoom-alert-to-channel-with-thread-reply.json']}`, async () => {
		expect(sim.channels().map((c) => c.id)).toContain(ALERT_CHANNEL);
		const alert = { title: `Disk full on db-1 (${h.makeId()})`, severity: 'critical', details: 'Volume /var/lib/postgresql is at 98 %; writes fail from 100 %.' };
		// What n8n's Webhook node (v2) outputs for a JSON POST.
		const received = {
			headers: { host: 'n8n.example.com', 'content-type': 'application/json', 'user-agent': 'Alertmanager/0.27.0' },
			params: {},
			query: {},
			body: alert,
			webhookUrl: 'https://n8n.example.com/webhook/zoom-alert',
			executionMode: 'production',
		};
		const { run, sent } = await runStandIn('zoom-alert-to-channel-with-thread-reply.json', {
			standIns: { 'Alert received': [received] },
			channel: ALERT_CHANNEL,
		});

		expect(sent.map((m) => ({ text: m.text, toChannel: m.toChannel }))).toEqual([
			{ text: `🚨 [${alert.severity}] ${alert.title}`, toChannel: ALERT_CHANNEL },
			{ text: alert.details, toChannel: ALERT_CHANNEL },
		]);
		const [posted, details] = sent;
		expect(listed(ALERT_CHANNEL, posted.id)?.reply_main_message_id).toBeUndefined();
		expect(listed(ALERT_CHANNEL, details.id)?.reply_main_message_id).toBe(posted.id);
		expect(h.nodeJson(run.output, 'Post the alert').map((j) => j.id)).toEqual([posted.id]);
		expect(h.nodeJson(run.output, 'Details in the thread').map((j) => j.id)).toEqual([details.id]);
	}, 5 * MINUTE);

	it(`zoom-sheet-rows-as-direct-messages.json ${WRITE_EXAMPLES['zoom-sheet-rows-as-direct-messages.json']}`, async () => {
		const tag = h.makeId();
		// What Google Sheets (v4.5, Get Row(s)) outputs for a sheet with the columns email and message.
		// Bob and Carol are the simulator user's contacts; Bob has two rows.
		const rows = [
			{ row_number: 2, email: 'bob@example.com', message: `Hi Bob, your badge is ready at the front desk (${tag}).` },
			{ row_number: 3, email: 'carol@example.com', message: `Hi Carol, please confirm the travel dates (${tag}).` },
			{ row_number: 4, email: 'bob@example.com', message: `Bob, the Q3 review moved to Thursday 10:00 (${tag}).` },
		];
		const { run, sent } = await runStandIn('zoom-sheet-rows-as-direct-messages.json', {
			standIns: { 'Rows to send': rows },
			channel: ALERT_CHANNEL,
			// The sticky note has the user set User ID to the sender's email; the example's
			// sender@example.com is a placeholder no simulator account has: the account's user sends.
			parameters: (node) => ({ ...node.parameters, userId: 'owner@example.com' }),
		});

		// On Error: Continue (the example's): a row that failed has an error item instead.
		const out = h.nodeJson(run.output, 'Send each row as a direct message');
		expect(out.map((j) => j.error)).toEqual(rows.map(() => undefined));
		// Each row exactly once, to its email; one person's rows in sheet order (conversations may interleave).
		const byText = (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text);
		expect(sent.map((m) => ({ text: m.text, toContact: m.toContact, toChannel: m.toChannel })).sort(byText)).toEqual(
			rows.map((row) => ({ text: row.message, toContact: row.email, toChannel: undefined })).sort(byText),
		);
		for (const email of ['bob@example.com', 'carol@example.com']) {
			expect(sim.sentMessages({ contact: email }).filter((m) => m.text.includes(tag)).map((m) => m.text)).toEqual(
				rows.filter((row) => row.email === email).map((row) => row.message),
			);
		}
		expect(out.map((j) => j.id)).toEqual(rows.map((row) => sent.find((m) => m.text === row.message)?.id));
	}, 5 * MINUTE);

	it(`zoom-ai-agent-answers-in-thread.json ${WRITE_EXAMPLES['zoom-ai-agent-answers-in-thread.json']}`, async () => {
		// The agent needs an LLM; what it hands its tool is the $fromAI text. The tool's other
		// parameters read the event: a question in the channel, and a follow-up in its thread.
		const channel = ALERT_CHANNEL;
		const question = sim.addTeamChatMessage({ toChannel: channel, sender: 'alice@example.com', message: `How do I restart the CI runner? (${h.makeId()})` });
		const followUp = sim.addTeamChatMessage({
			toChannel: channel,
			sender: 'bob@example.com',
			message: 'And where are its logs?',
			reply_main_message_id: question.id,
			reply_main_message_timestamp: question.timestamp,
		});
		// What the Zoom IM Events Trigger outputs (simplified) for team_chat.channel_message_posted.
		const event = (m: typeof question) => ({
			id: m.id,
			message: m.message,
			sender: m.sender,
			date_time: m.date_time,
			timestamp: m.timestamp,
			...(m.reply_main_message_id ? { reply_main_message_id: m.reply_main_message_id } : {}),
			channel_id: channel,
			event: 'team_chat.channel_message_posted',
			event_ts: m.timestamp + 150,
		});
		const answer = 'Run `systemctl restart ci-runner` on the build host; its logs are in /var/log/ci-runner.';
		const fromAi = /\{\{\s*\$fromAI\([^)]*\)\s*\}\}/;
		const example = examples.find((e) => e.file === 'zoom-ai-agent-answers-in-thread.json')!;
		const tool = (example.workflow.nodes as WorkflowNode[]).find((n) => n.type === `${h.ZOOM_NODE_TYPE}Tool`)!;
		expect(tool.parameters.text).toMatch(fromAi);

		const { run, sent } = await runStandIn('zoom-ai-agent-answers-in-thread.json', {
			standIns: { 'New Zoom channel message': [event(question), event(followUp)] },
			drop: ['AI Agent', 'OpenAI Chat Model'],
			connect: [['New Zoom channel message', tool.name]],
			channel,
			parameters: (node) => ({ ...node.parameters, text: String(node.parameters.text).replace(fromAi, answer) }),
		});

		expect(sent.map((m) => ({ text: m.text, toChannel: m.toChannel }))).toEqual([
			{ text: answer, toChannel: channel },
			{ text: answer, toChannel: channel },
		]);
		// Both answers in the question's thread: the follow-up's answer too (not a thread of a reply).
		expect(sent.map((m) => listed(channel, m.id)?.reply_main_message_id)).toEqual([question.id, question.id]);
		expect(h.nodeJson(run.output, tool.name).map((j) => j.id)).toEqual(sent.map((m) => m.id));
	}, 5 * MINUTE);
});
