#!/usr/bin/env node
'use strict';
/**
 * Demo (`npm run demo` = `npm run build && node scripts/demo.js`): the packed package in a real n8n,
 * reading four months of an IM chat session from the Zoom simulator.
 *
 *   1. starts the Zoom simulator in this process
 *   2. provisions n8n (DEMO_N8N_VERSION, default 2.41.1) with scripts/provision-n8n.sh
 *   3. packs this package (dist/ as built) and installs it into a fresh n8n user folder in a temp dir
 *   4. imports a Zoom IM OAuth2 credential (pointing at the simulator) and scripts/demo-workflow.json
 *   5. runs the workflow with `n8n execute` and prints the messages, request counts and timings
 *
 * Exits non-zero when anything fails or the messages differ from what the simulator holds.
 * DEMO_BUILD=1 runs `npm run build` before packing (for `node scripts/demo.js` without npm run).
 */
const path = require('node:path');
const { assertBuilt } = require('./lib/dist');
const { zoomSimulator, n8nHarness } = require('./lib/test-harness');
const { loadWorkflow } = require('./lib/workflow-file');

const { ZoomSimulator } = zoomSimulator();
const h = n8nHarness();

const VERSION = process.env.DEMO_N8N_VERSION || '2.41.1';
const WORKFLOW_FILE = path.join(__dirname, 'demo-workflow.json');
const ZOOM_NODE = 'Zoom IM Messages';

const phases = [];
async function phase(name, fn) {
	const started = Date.now();
	process.stderr.write(`… ${name}\n`);
	try {
		return await fn();
	} finally {
		phases.push([name, Date.now() - started]);
	}
}

/** Printable, single-line, at most `width` characters (code points), padded to `width`. */
function cell(value, width) {
	const text = String(value ?? '')
		.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	const chars = Array.from(text);
	const cut = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
	return cut + ' '.repeat(Math.max(0, width - Array.from(cut).length));
}

function printTable(messages) {
	const senderWidth = Math.min(28, Math.max(6, ...messages.map((m) => Array.from(String(m.sender ?? '')).length)));
	const row = (m, i) =>
		`${String(i + 1).padStart(5)}  ${cell(m.date_time, 20)}  ${cell(m.sender, senderWidth)}  ${cell(m.message, 60)}`.trimEnd();
	console.log(`${'#'.padStart(5)}  ${cell('date_time', 20)}  ${cell('sender', senderWidth)}  message`);
	console.log(`${'-'.repeat(5)}  ${'-'.repeat(20)}  ${'-'.repeat(senderWidth)}  ${'-'.repeat(60)}`);
	if (messages.length <= 20) {
		messages.forEach((m, i) => console.log(row(m, i)));
		return;
	}
	messages.slice(0, 15).forEach((m, i) => console.log(row(m, i)));
	console.log(`${'…'.padStart(5)}  (${messages.length - 20} more)`);
	messages.slice(-5).forEach((m, i) => console.log(row(m, messages.length - 5 + i)));
}

async function main() {
	const totalStart = Date.now();
	let sim;
	let n8n;
	let interrupted = false;
	const cleanup = async () => {
		await n8n?.dispose().catch(() => {});
		await sim?.stop().catch(() => {});
	};
	process.once('SIGINT', () => {
		interrupted = true;
		cleanup().finally(() => process.exit(130));
	});

	try {
		sim = new ZoomSimulator({ seed: 42 });
		await phase('start the Zoom simulator', () => sim.start());

		const runtime = await phase(`provision n8n ${VERSION}`, () => h.provisionN8n(VERSION));

		const tarball = await phase('pack the package', async () => {
			const build = process.env.DEMO_BUILD === '1';
			if (!build) assertBuilt('run `npm run demo` (it builds first) or set DEMO_BUILD=1');
			return h.packPackage({ build });
		});

		n8n = await phase('create an n8n user folder and install the tarball', () =>
			h.createInstance({ runtime, tarball, name: 'demo' }),
		);

		const credential = h.zoomOAuth2Credential({ id: h.makeId('democred'), name: 'Zoom IM (simulator)', sim });
		const workflowId = h.makeId('demowf');
		const workflow = loadWorkflow(WORKFLOW_FILE, {
			WORKFLOW_ID: workflowId,
			CREDENTIAL_ID: credential.id,
			CREDENTIAL_NAME: credential.name,
		});
		await phase('import the credential', () => n8n.importCredentials([credential]));
		await phase('import the workflow', () => n8n.importWorkflows([workflow]));

		sim.clearRequests();
		const run = await phase('n8n execute', () => n8n.execute(workflowId));
		const error = h.executionError(run.output);
		if (run.code !== 0 || !run.output) {
			const detail = error
				? `${error.name}: ${error.message}${error.description ? `\n${error.description}` : ''}`
				: `${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`;
			throw new Error(`the workflow failed (exit ${run.exitCode}${run.signal ? `, ${run.signal}` : ''}):\n${detail}`);
		}

		const zoom = workflow.nodes.find((node) => node.name === ZOOM_NODE).parameters;
		const messages = h.nodeJson(run.output, ZOOM_NODE);
		const result = h.nodeResult(run.output, ZOOM_NODE);
		console.log();
		console.log(`Session ${zoom.sessionId.value}, ${zoom.from} … ${zoom.to} (${zoom.options.timezone}), n8n ${runtime.version}`);
		console.log();
		printTable(messages);

		const requests = sim.requests.filter((r) => r.kind === 'imMessages');
		const windows = new Set(requests.map((r) => `${r.query.from}…${r.query.to}`));
		const tokenRequests = sim.requests.filter((r) => r.kind === 'token').length;
		console.log();
		console.log(`messages: ${messages.length}, API calls: ${requests.length} (windows: ${windows.size})` +
			(tokenRequests ? `, token requests: ${tokenRequests}` : ''));
		console.log(`windows: ${[...windows].join(', ')}`);

		const expected = sim.imMessages(zoom.sessionId.value, zoom.from, zoom.to);
		const same =
			expected.length === messages.length &&
			expected.every(
				(m, i) =>
					m.date_time === messages[i].date_time && m.sender === messages[i].sender && m.message === messages[i].message,
			);
		console.log(`matches the simulator's ${expected.length} messages: ${same ? 'yes' : 'NO'}`);
		console.log();
		for (const [name, ms] of phases) console.log(`${cell(name, 52)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
		if (result.executionTime !== undefined) {
			console.log(`  ${cell('of which the Zoom node itself', 50)} ${(result.executionTime / 1000).toFixed(1).padStart(6)} s`);
		}
		console.log(`${cell('total', 52)} ${((Date.now() - totalStart) / 1000).toFixed(1).padStart(6)} s`);
		if (!same) throw new Error('the workflow output differs from the simulator’s messages');
	} finally {
		if (!interrupted) await cleanup();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(`\ndemo failed: ${error && error.stack ? error.stack : error}`);
		process.exit(1);
	},
);
