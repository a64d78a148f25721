#!/usr/bin/env node
'use strict';
/**
 * Benchmark (`npm run bench`). Two parts:
 *
 * 1. The plan rows (scripts/lib/bench-plans.js): the node with DEFAULT options (automatic pace,
 *    Zoom's largest pages) under `n8n start`, executions started by webhook, the simulator enforcing
 *    a Zoom plan's per-second limit (Pro 20/s, Business+ 60/s, Free 2/s) with 429 + Retry-After past
 *    it, 200 ms latency. Each round starts fresh processes: Pro (a year cold, then warm, three
 *    executions at once, a busy Team Chat channel over 5 months), Business+ (a year cold and warm),
 *    Business+ again for one busy month read first (cold) and next (warm), Free (3 months cold and
 *    warm), and queue mode on Pro (main + two workers + Redis, four quarters at once, cold and
 *    warm); medians of `--plan-runs` (default 3) rounds. It ends with the closing line
 *      bench: pro= business= free= month_business= cold_month_business= three_at_once= teamchat_pro=
 *             queue_two_workers= max_429_share= cold_pro= cold_business= cold_free= cold_max_429_share=
 *             im_year_requests=
 *    (ratios of time to the floor = max(the fewest requests at Zoom's largest pages / the plan's
 *    limit, the longest chain of dependent pages × latency); shares as fractions; im_year_requests
 *    = the 12-month reads' requests answered (worst sample) / the fewest plus the parts split off).
 *
 * 2. The DIY references, as before: the Zoom IM Messages node (Return All) against the do-it-yourself
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
 * Then the in-process micro-benchmark (bench/per-message.js) prints the node's per-message cost, and
 * bench/sends.js Message → Send's rows (500 messages to one channel and to ten channels, against the
 * floor Zoom's per-channel windows and the account's limit set; see its header).
 * Their summary line (first latency, against `--final-diy`, default diy), printed before the plan rows:
 *   reference: ours/diy=<x> ours/floor=<y> requests_extra=<n> rss_ratio=<z>
 * requests_extra = our requests (worst run) − the minimum, Σ over month windows of max(1, ⌈messages / 50⌉)
 * (the package's own month windows, from the compiled dist/).
 *
 * Options:
 *   --quick              the plan rows once each, nothing else (for trying things)
 *   --plan-runs N        rounds of fresh processes (default 3)
 *   --plans pro,business,month,free,queue   which fresh processes of a round (default all)
 *   --no-diy             skip the DIY references (part 2)
 *   --runs N             runs per workflow and latency (default 3)
 *   --latencies 200,20   per-request latencies in ms (the first one gives the final line)
 *   --workflows ours,diy,diy-seq
 *   --final-diy diy      which DIY workflow the final line compares with (diy or diy-seq)
 *   --version 2.41.1     n8n version
 *   --no-build           pack dist/ as it is (default: `npm run build` first)
 *   --no-budget-check    skip the run with the simulator enforcing 20 requests per second
 *   --no-warmup          skip the unmeasured first run of each workflow
 *   --no-micro           skip the per-message micro-benchmark
 *   --no-sends           skip Message → Send's rows (bench/sends.js: 500 messages to one channel, to ten channels)
 *   --json FILE          also write every measurement to FILE
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, distFunction } = require('./lib/dist');
const { zoomSimulator, n8nHarness } = require('./lib/test-harness');
const { ensureGnuTimeInstalledWithApt } = require('./lib/gnu-time');
const { loadWorkflow } = require('./lib/workflow-file');
const { execute, measure, checkItems } = require('./lib/bench-runs');
const { formatMs, summarizeCase, printCase, printFinal } = require('./lib/bench-report');
const { SESSION, RANGE, EXPECTED_MESSAGES, MAX_RPS, PAGE_SIZE, WORKFLOW_DIR, CONTENDERS, parseBenchArgs } = require('./lib/bench-config');
const { LATENCY_MS: PLAN_LATENCY_MS, setUpPlans, measurePlans } = require('./lib/bench-plans');
const { summarize, printPlanTable, planLine } = require('./lib/bench-plans-report');

const h = n8nHarness();
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** The fewest requests that can read the range: Σ over the package's own month windows of max(1, ⌈messages / page size⌉). */
function minimumRequests(sim) {
	const splitIntoMonthWindows = distFunction('splitIntoMonthWindows');
	return splitIntoMonthWindows(RANGE.from, RANGE.to).reduce(
		(sum, w) => sum + Math.max(1, Math.ceil(sim.imMessages(SESSION, w.from, w.to).length / PAGE_SIZE)),
		0,
	);
}

/** Installs the package into a fresh n8n and imports the credential and the workflows. */
async function setUp(args, sim) {
	log(`provisioning n8n ${args.version} and packing the package${args.build ? ' (npm run build first)' : ''}`);
	const [runtime, tarball] = await Promise.all([h.provisionN8n(args.version), h.packPackage({ build: args.build })]);
	const n8n = await h.createInstance({ runtime, tarball, name: 'bench' });
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
		const file = path.join(WORKFLOW_DIR, CONTENDERS[who].file);
		workflows[who] = loadWorkflow(file, { ...values, WORKFLOW_ID: h.makeId(`bench${who.replace('-', '')}`) });
	}
	await n8n.importCredentials(credential);
	await n8n.importWorkflows(Object.values(workflows));
	return { n8n, workflows };
}

/** Every workflow `args.runs` times at one latency, in rotation; returns the summarized case. */
async function measureLatency({ args, n8n, sim, workflows, expected, minRequests, latencyMs }) {
	sim.setLatency(latencyMs);
	const runsData = Object.fromEntries(args.workflows.map((who) => [who, []]));
	for (let round = 0; round < args.runs; round++) {
		const shift = round % args.workflows.length;
		const order = [...args.workflows.slice(shift), ...args.workflows.slice(0, shift)];
		for (const who of order) {
			const run = await measure({ n8n, sim, workflow: workflows[who], lastNode: CONTENDERS[who].lastNode, expected, session: SESSION });
			runsData[who].push(run);
			log(
				`latency ${latencyMs} ms, round ${round + 1}/${args.runs}, ${who}: fetch ${formatMs(run.fetchMs)}, ` +
					`wall ${formatMs(run.wallMs)}, ${run.requests} requests (peak ${run.peakPerSecond}/s), ${run.items} items, ` +
					`${run.rssMb.toFixed(0)} MB (${Object.entries(run.perNode).map(([n, t]) => `${n} ${t} ms`).join(', ')})`,
			);
		}
	}
	return summarizeCase({ latencyMs, runs: args.runs, messages: expected.length, minRequests, runsData });
}

/** Ours and diy once each with the simulator enforcing MAX_RPS the way Zoom does; prints the outcome. */
async function budgetCheck({ args, n8n, sim, workflows, expected }) {
	const budget = {};
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
				checkItems(who, items, expected, SESSION);
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
	return budget;
}

async function main() {
	const args = parseBenchArgs(process.argv.slice(2));
	const started = Date.now();

	let sim;
	let n8n;
	let plans;
	const cleanup = async () => {
		await n8n?.dispose().catch(() => {});
		await sim?.stop().catch(() => {});
		await plans?.n8n.dispose().catch(() => {});
		await plans?.sim.stop().catch(() => {});
	};
	process.once('SIGINT', () => {
		cleanup().finally(() => process.exit(130));
	});

	const cases = [];
	let budget = {};
	let planRows = {};
	try {
		plans = await setUpPlans({ version: args.version, build: args.build, log });
		planRows = await measurePlans({ ...plans, runs: args.planRuns, plans: args.plans, log });
		await plans.n8n.dispose();
		await plans.sim.stop();
		plans = undefined;

		if (args.diy) {
			ensureGnuTimeInstalledWithApt();
			sim = new (zoomSimulator().ZoomSimulator)({ seed: 42 });
			await sim.start();
			const expected = sim.imMessages(SESSION, RANGE.from, RANGE.to);
			if (expected.length !== EXPECTED_MESSAGES) {
				throw new Error(`simulator session ${SESSION} holds ${expected.length} messages, expected ${EXPECTED_MESSAGES}`);
			}
			const setup = await setUp({ ...args, build: false }, sim);
			n8n = setup.n8n;
			const { workflows } = setup;
			const minRequests = minimumRequests(sim);

			if (args.warmup) {
				// The first run of anything in a fresh n8n reads cold files and compiles cold code: one
				// unmeasured run of each workflow (no latency) keeps that out of the medians.
				sim.setLatency(0);
				for (const who of args.workflows) {
					const run = await measure({ n8n, sim, workflow: workflows[who], lastNode: CONTENDERS[who].lastNode, expected, session: SESSION });
					log(`warm-up, ${who}: fetch ${formatMs(run.fetchMs)}, wall ${formatMs(run.wallMs)} (not counted)`);
				}
			}

			console.log('');
			console.log('## DIY references (Max Requests per Second 20 and Parallel Windows 4 saved in `ours`)');
			for (const latencyMs of args.latencies) {
				const c = await measureLatency({ args, n8n, sim, workflows, expected, minRequests, latencyMs });
				cases.push(c);
				printCase(c);
			}

			if (args.budgetCheck) budget = await budgetCheck({ args, n8n, sim, workflows, expected });
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

	if (args.sends) {
		console.log('');
		console.log('### Message → Send: 500 messages to one channel and to ten channels (in process)');
		const sends = await h.runProcess(process.execPath, [path.join(ROOT, 'bench', 'sends.js')], { cwd: ROOT, timeoutMs: 10 * 60_000 });
		process.stdout.write(sends.stdout);
		if (sends.code !== 0) throw new Error(`bench/sends.js failed (exit ${sends.code})\n${sends.stderr}`);
	}

	const totalMs = Date.now() - started;
	const summary = summarize(planRows);
	if (args.json) fs.writeFileSync(args.json, JSON.stringify({ args, planRows, summary, cases, budget, totalMs }, null, 2));
	log(`total ${formatMs(totalMs)}`);
	if (cases.length) printFinal(cases[0], args);
	printPlanTable(summary, PLAN_LATENCY_MS);
	console.log(planLine(summary));
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
