#!/usr/bin/env node
'use strict';
/**
 * Peak RSS of `n8n execute` for a Team Chat read with Download Files, in real n8n with the packed
 * package (built dist/, packed as is), against the simulator: one channel with `--files` files of
 * `--size` bytes each in the month before the current one. Runs the same read with Download Files
 * off, then on, each under GNU time, and checks that every file arrived (names and count).
 *
 *   node bench/file-downloads.js [--version 2.41.1] [--files 400] [--size 500000] [--mode filesystem|default]
 *
 * `--mode` sets N8N_DEFAULT_BINARY_DATA_MODE (n8n keeps binary data on disk or in memory); the
 * default is n8n's own default for the version.
 */
const { parseArgs } = require('../scripts/lib/cli-args');
const { execute } = require('../scripts/lib/bench-runs');
const { ensureGnuTimeInstalledWithApt } = require('../scripts/lib/gnu-time');
const { n8nHarness, zoomSimulator } = require('../scripts/lib/test-harness');

const h = n8nHarness();
const { ZoomSimulator } = zoomSimulator();
const FLAGS = {
	'--version': { key: 'version', parse: String },
	'--files': { key: 'files', parse: Number },
	'--size': { key: 'size', parse: Number },
	'--mode': { key: 'mode', parse: String },
};
const CHANNEL = 'ch-filler-11';
const ZOOM = 'Zoom IM Messages';

async function main() {
	const args = parseArgs(process.argv.slice(2), { version: '2.41.1', files: 400, size: 500_000, mode: '' }, FLAGS);
	ensureGnuTimeInstalledWithApt();
	const now = new Date();
	const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
	const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 1000;
	const sim = new ZoomSimulator({ seed: 42 });
	await sim.start();
	for (let i = 0; i < args.files; i++) {
		sim.addTeamChatMessage({
			toChannel: CHANNEL,
			timestamp: start + Math.floor(((i + 0.5) / args.files) * (end - start)),
			message: `file ${i}`,
			files: [{ file_name: `file ${i}.pdf`, file_size: args.size }],
		});
	}
	const tarball = await h.packPackage();
	const env = args.mode ? { N8N_DEFAULT_BINARY_DATA_MODE: args.mode } : {};
	const n8n = await h.createInstance({ version: args.version, tarball, name: `bench-files-${args.version}`, env });
	try {
		const credential = h.zoomOAuth2Credential({ id: h.makeId('benchfiles'), name: 'bench', sim });
		await n8n.importCredentials([credential]);
		const workflow = (downloadFiles) =>
			h.manualWorkflow({
				id: h.makeId(downloadFiles ? 'withfiles' : 'nofiles'),
				name: `files ${downloadFiles}`,
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
							from: new Date(start).toISOString().slice(0, 10),
							to: new Date(end).toISOString().slice(0, 10),
							returnAll: true,
							pageSize: 50,
							options: { timezone: 'UTC', maxRequestsPerSecond: 0, downloadFiles, maxFileSizeMb: 0 },
						},
					}),
				],
			});
		const runs = [workflow(false), workflow(true)];
		await n8n.importWorkflows(runs);
		const report = [];
		for (const wf of runs) {
			const run = await execute({ n8n, sim, workflow: wf });
			if (!run.succeeded) throw new Error(`${wf.name}: ${run.error?.message ?? run.result.stderr.slice(-2000)}`);
			const items = h.nodeItems(run.output, ZOOM);
			const names = items.flatMap((item) => Object.values(item.binary ?? {}).map((b) => b.fileName));
			if (items.length !== args.files) throw new Error(`${wf.name}: ${items.length} items, expected ${args.files}`);
			if (wf.name.endsWith('true') && names.length !== args.files) throw new Error(`${wf.name}: ${names.length} files, expected ${args.files}`);
			report.push({ downloadFiles: wf.name.endsWith('true'), items: items.length, files: names.length, peakRssMb: Math.round(run.rssMb), wallMs: run.wallMs });
		}
		const totalMb = (args.files * args.size) / 1024 / 1024;
		process.stdout.write(
			`${JSON.stringify({ n8n: args.version, binaryMode: args.mode || "n8n's default", files: args.files, fileBytes: args.size, totalMb: Math.round(totalMb), runs: report }, null, 1)}\n`,
		);
	} finally {
		await n8n.dispose();
		await sim.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
