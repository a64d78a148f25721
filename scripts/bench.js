#!/usr/bin/env node
'use strict';
/**
 * Benchmark (`npm run bench`): the Zoom IM Messages node (Return All) against the do-it-yourself
 * workflows users build without it, all in the same real n8n (2.41.1), against the Zoom simulator
 * with a fixed per-request latency, on a 12-month range of exactly 12,000 messages (simulator
 * session `grp-year`, 2025-01-01 … 2025-12-31).
 *
 * Workflows (bench/*.json, placeholders replaced at run time):
 *   ours     Manual Trigger → Zoom IM Messages (Return All, page size 50, maxRequestsPerSecond 20,
 *            Parallel Windows 4)
 *   diy      Code (month windows) → HTTP Request 4.2 (next_page_token pagination) → Split Out.
 *            Note: n8n's HTTP Request node starts the requests of all its input items at once, so
 *            this reads the 12 windows concurrently, with no bound and no pace.
 *   diy-seq  the same with Loop Over Items (batch size 1) around the HTTP Request: one window at a
 *            time, strictly sequential.
 *
 * After one unmeasured warm-up run of each workflow, for each latency (200 ms and 20 ms) the
 * workflows run in rotation (the order changes every round), `--runs` times each, every run a
 * fresh `n8n execute` under /usr/bin/time -v. The table shows medians of:
 *   fetch        sum of executionTime of every run of every non-trigger node, from n8n's own run
 *                data (process start-up does not blur the ratio)
 *   wall         wall time of the `n8n execute` process
 *   requests     IM chat message requests the simulator received
 *   peak req/s   most requests that arrived within any 1-second span
 *   items        items out of the last node
 *   peak RSS     "Maximum resident set size" of the n8n process (/usr/bin/time -v)
 * and the ratios ours/DIY and ours/floor on fetch time, where
 *   floor = max(requests × latency / concurrency, requests / maxRequestsPerSecond).
 * Every run's items are checked against the simulator's oracle; a wrong answer fails the bench.
 *
 * Budget check (200 ms): the simulator then enforces 20 requests per second the way Zoom does
 * (429 beyond it); ours and diy run once each and the outcome is printed.
 *
 * Then the in-process micro-benchmark (bench/per-message.js) prints the node's per-message cost.
 * The last line (first latency, against `--final-diy`, default diy):
 *   bench: ours/diy=<x> ours/floor=<y> requests_extra=<n> rss_ratio=<z>
 * requests_extra = our requests (worst run) − the minimum, Σ over month windows of max(1, ⌈messages / 50⌉).
 *
 * Options:
 *   --runs N             runs per workflow and latency (default 3)
 *   --latencies 200,20   per-request latencies in ms (the first one gives the final line)
 *   --workflows ours,diy,diy-seq
 *   --final-diy diy      which DIY workflow the final line compares with (diy or diy-seq)
 *   --version 2.41.1     n8n version
 *   --no-build           pack dist/ as it is (default: `npm run build` first)
 *   --no-budget-check    skip the run with the simulator enforcing 20 requests per second
 *   --no-warmup          skip the unmeasured first run of each workflow
 *   --no-micro           skip the per-message micro-benchmark
 *   --json FILE          also write every measurement to FILE
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { DateTime } = require('luxon');
const { ZoomSimulator } = require('../test/simulator');
const h = require('../test/support/n8n');

const ROOT = path.resolve(__dirname, '..');
const SESSION = 'grp-year';
const RANGE = { from: '2025-01-01', to: '2025-12-31' };
const EXPECTED_MESSAGES = 12_000;
const MAX_RPS = 20;
const CONCURRENCY = 4;
const PAGE_SIZE = 50;
const TIME_BIN = '/usr/bin/time';

const CONTENDERS = {
	ours: {
		file: 'ours-workflow.json',
		lastNode: 'Zoom IM Messages',
		label: 'ours: Zoom IM Messages',
	},
	diy: {
		file: 'diy-workflow.json',
		lastNode: 'Split Out',
		label: 'DIY: Code + HTTP Request + Split Out',
	},
	'diy-seq': {
		file: 'diy-sequential-workflow.json',
		lastNode: 'Split Out',
		label: 'DIY one window at a time (+ Loop Over Items)',
	},
};

function parseArgs(argv) {
	const args = {
		runs: 3,
		latencies: [200, 20],
		workflows: ['ours', 'diy', 'diy-seq'],
		finalDiy: 'diy',
		version: '2.41.1',
		build: true,
		budgetCheck: true,
		warmup: true,
		micro: true,
		json: undefined,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${arg} needs a value`);
			return v;
		};
		if (arg === '--runs') args.runs = Math.max(1, Number.parseInt(value(), 10) || 1);
		else if (arg === '--latencies') args.latencies = value().split(',').map((v) => Number(v.trim()));
		else if (arg === '--workflows') args.workflows = value().split(',').map((v) => v.trim());
		else if (arg === '--final-diy') args.finalDiy = value();
		else if (arg === '--version') args.version = value();
		else if (arg === '--no-build') args.build = false;
		else if (arg === '--no-budget-check') args.budgetCheck = false;
		else if (arg === '--no-warmup') args.warmup = false;
		else if (arg === '--no-micro') args.micro = false;
		else if (arg === '--json') args.json = value();
		else throw new Error(`unknown argument ${arg}`);
	}
	if (args.latencies.length === 0 || args.latencies.some((l) => !Number.isFinite(l) || l < 0)) {
		throw new Error('--latencies must be numbers >= 0');
	}
	for (const w of args.workflows) if (!CONTENDERS[w]) throw new Error(`unknown workflow ${w}`);
	if (!args.workflows.includes('ours')) throw new Error('--workflows must include ours');
	if (!args.workflows.includes(args.finalDiy)) throw new Error(`--final-diy ${args.finalDiy} is not among --workflows`);
	return args;
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** The contract's month windows: each `start … start + 1 month − 1 day`, the last one clipped. */
function monthWindows(from, to) {
	const windows = [];
	const end = DateTime.fromISO(to, { zone: 'utc' });
	for (let start = DateTime.fromISO(from, { zone: 'utc' }); start <= end; ) {
		let last = start.plus({ months: 1 }).minus({ days: 1 });
		if (last > end) last = end;
		windows.push({ from: start.toISODate(), to: last.toISODate() });
		start = last.plus({ days: 1 });
	}
	return windows;
}

/** A shipped workflow JSON with its __PLACEHOLDERS__ replaced (values JSON-escaped). */
function loadWorkflow(file, values) {
	let text = fs.readFileSync(path.join(ROOT, 'bench', file), 'utf8');
	for (const [key, value] of Object.entries(values)) {
		text = text.split(`__${key}__`).join(JSON.stringify(String(value)).slice(1, -1));
	}
	const left = text.match(/__[A-Z_]+__/);
	if (left) throw new Error(`${file}: placeholder ${left[0]} was not replaced`);
	return JSON.parse(text);
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Process groups started here, killed if the bench is interrupted. */
const children = new Set();
function killGroup(pid) {
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		/* gone */
	}
}
process.on('exit', () => {
	for (const pid of children) killGroup(pid);
});

/**
 * `/usr/bin/time -v n8n execute --id=… --rawOutput` with stdout going to a file: n8n 2.x exits
 * right after logging the run JSON, and through a pipe the tail of a multi-megabyte JSON is often
 * lost (seen here in 2 of 4 runs); written to a file it is always complete.
 */
async function timedExecute(n8n, workflowId, timeoutMs = 10 * 60_000) {
	const { runtime } = n8n;
	const dir = path.join(n8n.dir, 'bench-runs');
	fs.mkdirSync(dir, { recursive: true });
	const files = { out: path.join(dir, `${workflowId}.out`), err: path.join(dir, `${workflowId}.err`), time: path.join(dir, `${workflowId}.time`) };
	fs.rmSync(files.time, { force: true });
	const stdoutFd = fs.openSync(files.out, 'w');
	const stderrFd = fs.openSync(files.err, 'w');
	const started = Date.now();
	let child;
	try {
		child = spawn(
			TIME_BIN,
			['-v', '-o', files.time, runtime.nodeBin, runtime.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
			{ cwd: n8n.dir, env: n8n.env, detached: true, stdio: ['ignore', stdoutFd, stderrFd] },
		);
	} finally {
		fs.closeSync(stdoutFd);
		fs.closeSync(stderrFd);
	}
	children.add(child.pid);
	const timer = setTimeout(() => killGroup(child.pid), timeoutMs);
	const [code, signal] = await new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c, s) => resolve([c, s]));
	});
	clearTimeout(timer);
	const durationMs = Date.now() - started;
	killGroup(child.pid); // leftovers of the group (the task runner)
	children.delete(child.pid);
	const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
	const result = { code, signal, stdout: read(files.out), stderr: read(files.err), timeReport: read(files.time), durationMs };
	fs.rmSync(files.out, { force: true });
	return result;
}

/** Most requests that arrived within any span of 1000 ms. */
function peakPerSecond(requests) {
	const starts = requests.map((r) => r.startedAt).sort((a, b) => a - b);
	let peak = 0;
	for (let i = 0, j = 0; i < starts.length; i++) {
		while (starts[i] - starts[j] >= 1000) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

/** Runs a workflow once; returns what happened (succeeded or not) and what was measured. */
async function execute({ n8n, sim, workflow }) {
	sim.clearRequests();
	const result = await timedExecute(n8n, workflow.id);
	const output = h.parseExecuteOutput(result.stdout);
	const rssKb = Number((result.timeReport.match(/Maximum resident set size \(kbytes\): (\d+)/) ?? [])[1]);
	const wall = result.timeReport.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
	const wallMs = wall ? ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000 : result.durationMs;
	const apiRequests = sim.requests.filter((r) => r.kind === 'imMessages');
	const succeeded = Boolean(output) && output.status === 'success' && !h.executionError(output);
	return {
		result,
		output,
		succeeded,
		error: h.executionError(output),
		wallMs,
		rssMb: rssKb / 1024,
		requests: apiRequests.length,
		rejected: apiRequests.filter((r) => r.status !== 200).length,
		peakPerSecond: peakPerSecond(apiRequests),
	};
}

/** One measured run: must succeed with exactly the oracle's messages and no rejected request. */
async function measure({ n8n, sim, workflow, lastNode, expected }) {
	const run = await execute({ n8n, sim, workflow });
	if (!run.succeeded) {
		const dump = path.join(os.tmpdir(), `bench-failed-${workflow.id}-${Date.now()}.txt`);
		fs.writeFileSync(dump, `${run.result.stdout}\n--- stderr ---\n${run.result.stderr}\n--- time ---\n${run.result.timeReport}`);
		throw new Error(
			`${workflow.name}: the run did not succeed (exit ${run.result.code}${run.result.signal ? `, ${run.result.signal}` : ''}` +
				`${run.output ? `, status ${run.output.status}` : ', no run JSON'}${run.error ? `: ${run.error.message}` : ''}); output in ${dump}`,
		);
	}
	const runData = run.output.data.resultData.runData;
	let fetchMs = 0;
	const perNode = {};
	for (const node of workflow.nodes) {
		if (/trigger/i.test(node.type)) continue;
		const runs = runData[node.name] ?? [];
		if (runs.length === 0 || runs.some((r) => typeof r.executionTime !== 'number')) {
			throw new Error(`${workflow.name}: no executionTime for node ${node.name}`);
		}
		perNode[node.name] = runs.reduce((sum, r) => sum + r.executionTime, 0);
		fetchMs += perNode[node.name];
	}
	const lastRuns = runData[lastNode];
	const items = h.nodeJson(run.output, lastNode, { runIndex: lastRuns.length - 1 });
	checkItems(workflow.name, items, expected);
	if (run.rejected > 0) throw new Error(`${workflow.name}: ${run.rejected} requests were not answered 200`);
	return {
		fetchMs,
		perNode,
		wallMs: run.wallMs,
		requests: run.requests,
		peakPerSecond: run.peakPerSecond,
		items: items.length,
		rssMb: run.rssMb,
	};
}

/** The run's messages must be the oracle's, in order (session_id aside: DIY items have none). */
function checkItems(name, items, expected) {
	if (items.length !== expected.length) {
		throw new Error(`${name}: ${items.length} items out, expected ${expected.length}`);
	}
	for (let i = 0; i < expected.length; i++) {
		const got = items[i];
		const want = expected[i];
		const same =
			got.date_time === want.date_time &&
			got.sender === want.sender &&
			got.message === want.message &&
			(got.session_id === undefined || got.session_id === SESSION) &&
			Object.keys(got).length === Object.keys(want).length + (got.session_id === undefined ? 0 : 1);
		if (!same) {
			throw new Error(`${name}: item ${i} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
		}
	}
}

function formatMs(ms) {
	return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function printTable(rows) {
	const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => String(r[col]).length)));
	rows.forEach((row, index) => {
		console.log(`| ${row.map((cell, col) => (col > 0 ? String(cell).padStart(widths[col]) : String(cell).padEnd(widths[col]))).join(' | ')} |`);
		if (index === 0) console.log(`|${widths.map((w, col) => (col > 0 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
	});
}

function printCase(c) {
	console.log('');
	console.log(
		`### latency ${c.latencyMs} ms per request; maxRequestsPerSecond ${MAX_RPS}, Parallel Windows ${CONCURRENCY}, page size ${PAGE_SIZE}; ` +
			`${c.messages} messages, ${RANGE.from} … ${RANGE.to}; medians of ${c.runs} run${c.runs === 1 ? '' : 's'} each`,
	);
	printTable([
		['workflow', 'fetch time', 'wall time', 'API requests', 'peak req/s', 'items out', 'peak RSS', 'fetch ours/this'],
		...Object.entries(c.medians).map(([who, m]) => [
			CONTENDERS[who].label,
			formatMs(m.fetchMs),
			formatMs(m.wallMs),
			m.requests,
			m.peakPerSecond,
			m.items,
			`${m.rssMb.toFixed(0)} MB`,
			who === 'ours' ? '' : (c.medians.ours.fetchMs / m.fetchMs).toFixed(2),
		]),
	]);
	const o = c.medians.ours;
	console.log(
		`floor = max(${o.requests} requests × ${c.latencyMs} ms / ${CONCURRENCY}, ${o.requests} requests / ${MAX_RPS} per s) = ${formatMs(c.floorMs)}; ` +
			`ours/floor = ${c.oursOverFloor.toFixed(2)}; minimum requests ${c.minRequests}, ours +${c.requestsExtra}`,
	);
	for (const [who, runs] of Object.entries(c.runsData)) {
		console.log(`  fetch per run, ${who}: ${runs.map((r) => formatMs(r.fetchMs)).join(', ')}`);
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	if (!fs.existsSync(TIME_BIN)) {
		// GNU time measures the n8n process's peak RSS; Debian ships it as the package "time".
		console.error(`${TIME_BIN} is missing: installing Debian's "time" package (apt-get)`);
		const { execFileSync } = require('node:child_process');
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (!fs.existsSync(TIME_BIN)) throw new Error(`${TIME_BIN} is still missing after apt-get install time`);
	}

	let sim;
	let n8n;
	const cleanup = async () => {
		await n8n?.dispose().catch(() => {});
		await sim?.stop().catch(() => {});
	};
	process.once('SIGINT', () => {
		cleanup().finally(() => process.exit(130));
	});

	const cases = [];
	const budget = {};
	try {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		const expected = sim.imMessages(SESSION, RANGE.from, RANGE.to);
		if (expected.length !== EXPECTED_MESSAGES) {
			throw new Error(`simulator session ${SESSION} holds ${expected.length} messages, expected ${EXPECTED_MESSAGES}`);
		}
		const minRequests = monthWindows(RANGE.from, RANGE.to).reduce(
			(sum, w) => sum + Math.max(1, Math.ceil(sim.imMessages(SESSION, w.from, w.to).length / PAGE_SIZE)),
			0,
		);

		log(`provisioning n8n ${args.version} and packing the package${args.build ? ' (npm run build first)' : ''}`);
		const [runtime, tarball] = await Promise.all([h.provisionN8n(args.version), h.packPackage({ build: args.build })]);
		n8n = await h.createInstance({ runtime, tarball, name: 'bench' });

		const credential = h.zoomOAuth2Credential({ id: h.makeId('benchcred'), name: 'Zoom IM (bench)', sim });
		const values = {
			CREDENTIAL_ID: credential.id,
			CREDENTIAL_NAME: credential.name,
			SESSION_ID: SESSION,
			FROM: RANGE.from,
			TO: RANGE.to,
			API_BASE_URL: sim.apiBaseUrl,
		};
		const workflows = {};
		for (const who of args.workflows) {
			workflows[who] = loadWorkflow(CONTENDERS[who].file, { ...values, WORKFLOW_ID: h.makeId(`bench${who.replace('-', '')}`) });
		}
		await n8n.importCredentials(credential);
		await n8n.importWorkflows(Object.values(workflows));

		if (args.warmup) {
			// The first run of anything in a fresh n8n reads cold files and compiles cold code: one
			// unmeasured run of each workflow (no latency) keeps that out of the medians.
			sim.setLatency(0);
			for (const who of args.workflows) {
				const run = await measure({ n8n, sim, workflow: workflows[who], lastNode: CONTENDERS[who].lastNode, expected });
				log(`warm-up, ${who}: fetch ${formatMs(run.fetchMs)}, wall ${formatMs(run.wallMs)} (not counted)`);
			}
		}

		for (const latencyMs of args.latencies) {
			sim.setLatency(latencyMs);
			const runsData = Object.fromEntries(args.workflows.map((who) => [who, []]));
			for (let round = 0; round < args.runs; round++) {
				const shift = round % args.workflows.length;
				const order = [...args.workflows.slice(shift), ...args.workflows.slice(0, shift)];
				for (const who of order) {
					const run = await measure({ n8n, sim, workflow: workflows[who], lastNode: CONTENDERS[who].lastNode, expected });
					runsData[who].push(run);
					log(
						`latency ${latencyMs} ms, round ${round + 1}/${args.runs}, ${who}: fetch ${formatMs(run.fetchMs)}, ` +
							`wall ${formatMs(run.wallMs)}, ${run.requests} requests (peak ${run.peakPerSecond}/s), ${run.items} items, ` +
							`${run.rssMb.toFixed(0)} MB (${Object.entries(run.perNode).map(([n, t]) => `${n} ${t} ms`).join(', ')})`,
					);
				}
			}
			const medians = {};
			for (const who of args.workflows) {
				const list = runsData[who];
				medians[who] = {};
				for (const key of ['fetchMs', 'wallMs', 'requests', 'peakPerSecond', 'items', 'rssMb']) {
					medians[who][key] = median(list.map((r) => r[key]));
				}
			}
			const floorMs = Math.max((medians.ours.requests * latencyMs) / CONCURRENCY, (medians.ours.requests / MAX_RPS) * 1000);
			const c = {
				latencyMs,
				runs: args.runs,
				messages: expected.length,
				minRequests,
				medians,
				runsData,
				floorMs,
				oursOverFloor: medians.ours.fetchMs / floorMs,
				// the worst run, not the median: one extra request is already a bug
				requestsExtra: Math.max(...runsData.ours.map((r) => r.requests)) - minRequests,
			};
			cases.push(c);
			printCase(c);
		}

		if (args.budgetCheck) {
			const latencyMs = args.latencies[0];
			sim.setLatency(latencyMs);
			sim.options.rateLimitPerSecond = MAX_RPS;
			console.log('');
			console.log(
				`### budget check: latency ${latencyMs} ms, the simulator answers 429 (QPS, Retry-After: 1) beyond ${MAX_RPS} requests in any second, as Zoom does`,
			);
			for (const who of ['ours', 'diy'].filter((w) => args.workflows.includes(w))) {
				const run = await execute({ n8n, sim, workflow: workflows[who] });
				let verdict;
				if (run.succeeded) {
					const items = h.nodeJson(run.output, CONTENDERS[who].lastNode);
					try {
						checkItems(who, items, expected);
						verdict = `succeeded, all ${items.length} messages right`;
					} catch (error) {
						verdict = `succeeded but WRONG: ${error.message.slice(0, 200)}`;
					}
				} else {
					verdict = `FAILED: ${(run.error?.message ?? 'no run JSON').slice(0, 160)}`;
				}
				budget[who] = { verdict, requests: run.requests, rejected: run.rejected, peakPerSecond: run.peakPerSecond, wallMs: run.wallMs };
				console.log(
					`  ${CONTENDERS[who].label}: ${verdict}; ${run.requests} requests, ${run.rejected} answered 429, peak ${run.peakPerSecond}/s, wall ${formatMs(run.wallMs)}`,
				);
			}
			sim.options.rateLimitPerSecond = undefined;
		}
	} finally {
		await cleanup();
	}

	if (args.micro) {
		console.log('');
		console.log('### per-message cost (in process)');
		const micro = await h.runProcess(process.execPath, [path.join(ROOT, 'bench', 'per-message.js')], {
			cwd: ROOT,
			timeoutMs: 10 * 60_000,
		});
		process.stdout.write(micro.stdout);
		if (micro.code !== 0) throw new Error(`bench/per-message.js failed (exit ${micro.code})\n${micro.stderr}`);
	}

	const totalMs = Date.now() - started;
	if (args.json) fs.writeFileSync(args.json, JSON.stringify({ args, cases, budget, totalMs }, null, 2));
	log(`total ${formatMs(totalMs)}`);

	const head = cases[0];
	const ours = head.medians.ours;
	console.log('');
	for (const who of args.workflows.filter((w) => w !== 'ours' && w !== args.finalDiy)) {
		const other = head.medians[who];
		console.log(
			`bench (vs ${who}): ours/${who}=${(ours.fetchMs / other.fetchMs).toFixed(2)} rss_ratio=${(ours.rssMb / other.rssMb).toFixed(2)}`,
		);
	}
	const diy = head.medians[args.finalDiy];
	console.log(
		`bench: ours/diy=${(ours.fetchMs / diy.fetchMs).toFixed(2)} ours/floor=${head.oursOverFloor.toFixed(2)} ` +
			`requests_extra=${head.requestsExtra} rss_ratio=${(ours.rssMb / diy.rssMb).toFixed(2)}`,
	);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
