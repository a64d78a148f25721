#!/usr/bin/env node
'use strict';
/**
 * Development server (`npm run dev` = `npm run build && node scripts/dev.js`):
 *   - the Zoom simulator on 127.0.0.1:5680 (ZOOM_SIM_PORT),
 *   - a real n8n (DEV_N8N_VERSION, default 2.41.1) on 127.0.0.1:5678 (N8N_DEV_PORT) in a fresh user
 *     folder (temp dir) with this package's tarball installed the way n8n installs community packages,
 *     a ready "Zoom IM (simulator)" credential and the demo workflow imported.
 * Runs until Ctrl-C, then stops n8n and the simulator and removes the folder.
 * The first visit asks to create n8n's owner account (any values; the folder is thrown away).
 * DEV_BUILD=1 runs `npm run build` before packing (for `node scripts/dev.js` without npm run).
 */
const path = require('node:path');
const { assertBuilt } = require('./lib/dist');
const { zoomSimulator, n8nHarness } = require('./lib/test-harness');
const { loadWorkflow } = require('./lib/workflow-file');

const { ZoomSimulator } = zoomSimulator();
const h = n8nHarness();

const VERSION = process.env.DEV_N8N_VERSION || '2.41.1';
const SIM_PORT = Number(process.env.ZOOM_SIM_PORT || 5680);
const N8N_PORT = Number(process.env.N8N_DEV_PORT || 5678);

async function main() {
	let sim;
	let n8n;
	let server;
	let stopping = false;

	const shutdown = async (code) => {
		if (stopping) return;
		stopping = true;
		console.error('\nstopping…');
		await server?.stop().catch(() => {});
		await n8n?.dispose().catch(() => {});
		await sim?.stop().catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));

	try {
		const build = process.env.DEV_BUILD === '1';
		if (!build) assertBuilt('run `npm run dev` (it builds first) or set DEV_BUILD=1');
		sim = new ZoomSimulator({ seed: 42, port: SIM_PORT });
		await sim.start();
		console.error(`Zoom simulator on ${sim.url}`);

		const runtime = await h.provisionN8n(VERSION);
		const tarball = await h.packPackage({ build });
		n8n = await h.createInstance({ runtime, tarball, name: 'dev' });

		const credential = h.zoomOAuth2Credential({ id: h.makeId('devcred'), name: 'Zoom IM (simulator)', sim });
		const workflowId = h.makeId('devdemo');
		const workflow = loadWorkflow(path.join(__dirname, 'demo-workflow.json'), {
			WORKFLOW_ID: workflowId,
			CREDENTIAL_ID: credential.id,
			CREDENTIAL_NAME: credential.name,
		});
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([workflow]);

		console.error(`starting n8n ${runtime.version} on 127.0.0.1:${N8N_PORT} …`);
		server = await n8n.start({ port: N8N_PORT, echo: process.env.DEV_ECHO === '1' });

		console.log('');
		console.log(`n8n ${runtime.version}:        ${server.url}  (first visit: create any owner account)`);
		console.log(`demo workflow:        ${server.url}/workflow/${workflowId}`);
		console.log(`Zoom simulator:       ${sim.url}  (API ${sim.apiBaseUrl}, OAuth ${sim.oauthBaseUrl})`);
		console.log(`credential:           "${credential.name}" (zoomImOAuth2Api, environment custom, client ${sim.client.clientId})`);
		console.log(`                      sessions: grp-eng, grp-year, empty-session, alice@example.com, …`);
		console.log(`n8n user folder:      ${n8n.userFolder}  (removed on exit)`);
		console.log('Ctrl-C to stop.');

		const exited = await server.exited;
		if (!stopping) {
			console.error(`n8n exited on its own (${JSON.stringify(exited)}):\n${server.output().slice(-4000)}`);
			await shutdown(1);
		}
	} catch (error) {
		console.error(`dev failed: ${error && error.stack ? error.stack : error}`);
		await shutdown(1);
	}
}

main();
