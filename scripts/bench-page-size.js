#!/usr/bin/env node
'use strict';
/**
 * What Page Size saves on a long IM chat pull. The compiled Zoom IM Messages node (dist/, so run
 * `npm run build` first) reads one year of the simulator's busiest session (`grp-year`: 12,000
 * messages in 2025) with Return All and otherwise default options (Max Requests per Second 10,
 * Parallel Windows 4), once per page size, against the in-process simulator answering every
 * request after a fixed latency. A stand-in for n8n's execute context sends the node's requests
 * over real HTTP with the simulator's access token.
 *
 *   node scripts/bench-page-size.js [--latency 200] [--page-sizes 50,300] [--runs 3] [--dist dist]
 *
 * Prints per page size: requests, the median wall time of the node's execute(), and the best
 * possible time max(requests × latency / Parallel Windows, requests / Max Requests per Second).
 * Every run's items are compared with the simulator's oracle; a wrong answer fails the script.
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { distDir, nodeClass } = require('./lib/dist');
const { parseArgs, list } = require('./lib/cli-args');
const { nodeExecuteContext, upperMedian: median } = require('./lib/execute-context');
const { zoomSimulator } = require('./lib/test-harness');

const { ZoomSimulator } = zoomSimulator();
const SESSION = 'grp-year';
const FROM = '2025-01-01';
const TO = '2025-12-31';
/** The node's defaults (see the Options of Zoom IM Messages). */
const DEFAULT_RATE = 10;
const DEFAULT_WINDOWS = 4;

const FLAGS = {
	'--latency': { key: 'latency', parse: Number },
	'--page-sizes': { key: 'pageSizes', parse: list(Number) },
	'--runs': { key: 'runs', parse: Number },
	'--dist': { key: 'dist', parse: (v) => path.resolve(v) },
};

/** The parts of IExecuteFunctions the node uses; requests go to the simulator over HTTP. */
function makeContext(sim, tokens, pageSize) {
	const parameters = { authentication: 'oAuth2', api: 'imChat', sessionId: SESSION, from: FROM, to: TO, returnAll: true, pageSize, options: {} };
	const credentials = {
		environment: 'custom',
		apiBaseUrl: sim.apiBaseUrl,
		oauthBaseUrl: sim.oauthBaseUrl,
		clientId: sim.client.clientId,
		clientSecret: sim.client.clientSecret,
		oauthTokenData: tokens,
	};
	return nodeExecuteContext({
		parameters,
		credentials,
		httpRequestWithAuthentication: async (_type, options) => {
			const url = new URL(options.url);
			for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
			const response = await fetch(url, {
				headers: { authorization: `Bearer ${tokens.access_token}` },
				signal: AbortSignal.timeout(options.timeout),
			});
			const text = await response.text();
			let body = text;
			try {
				body = JSON.parse(text);
			} catch {
				// not JSON: handed on as text, as n8n does
			}
			return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
		},
	});
}

async function main() {
	const args = parseArgs(process.argv.slice(2), { latency: 200, pageSizes: [50, 300], runs: 3, dist: distDir() }, FLAGS);
	const ZoomImMessages = nodeClass('ZoomImMessages', { dist: args.dist });
	const nodeType = new ZoomImMessages();
	const sim = new ZoomSimulator({ seed: 42, latencyMs: args.latency });
	await sim.start();
	try {
		const tokens = sim.issueTokens();
		const expected = JSON.stringify(sim.imMessages(SESSION, FROM, TO).map((m) => ({ ...m, session_id: SESSION })));
		const rows = [];
		for (const pageSize of args.pageSizes) {
			const times = [];
			let requests = 0;
			for (let run = 0; run < args.runs; run++) {
				sim.clearRequests();
				const started = performance.now();
				const [items] = await nodeType.execute.call(makeContext(sim, tokens, pageSize));
				times.push(performance.now() - started);
				if (JSON.stringify(items.map((item) => item.json)) !== expected) throw new Error(`page size ${pageSize}: the items differ from the oracle`);
				requests = sim.requests.filter((r) => r.kind === 'imMessages').length;
			}
			const floor = Math.max((requests * args.latency) / DEFAULT_WINDOWS, (requests / DEFAULT_RATE) * 1000);
			rows.push({ pageSize, requests, wallMs: median(times), floorMs: floor });
		}
		console.log(
			`page-size: ${SESSION}, ${FROM} … ${TO}, ${JSON.parse(expected).length} messages, Return All, ${args.latency} ms per request, ` +
				`default options (Max Requests per Second ${DEFAULT_RATE}, Parallel Windows ${DEFAULT_WINDOWS}); median of ${args.runs} runs, Node ${process.version}`,
		);
		for (const row of rows) {
			console.log(
				`page size ${String(row.pageSize).padStart(3)}: ${String(row.requests).padStart(4)} requests, ` +
					`${(row.wallMs / 1000).toFixed(1)} s (best possible ${(row.floorMs / 1000).toFixed(1)} s)`,
			);
		}
	} finally {
		await sim.stop();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
