'use strict';
/**
 * One benchmark run: a fresh `n8n execute` of an imported workflow under GNU time, what the
 * simulator saw, and (for measured runs) the check of every item against the simulator's oracle.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { TIME_BIN, parseTimeReport } = require('./gnu-time');
const { n8nHarness } = require('./test-harness');

const h = n8nHarness();

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
	const { rssMb, wallMs } = parseTimeReport(result.timeReport);
	const apiRequests = sim.requests.filter((r) => r.kind === 'imMessages');
	const succeeded = Boolean(output) && output.status === 'success' && !h.executionError(output);
	return {
		result,
		output,
		succeeded,
		error: h.executionError(output),
		wallMs: wallMs ?? result.durationMs,
		rssMb,
		requests: apiRequests.length,
		rejected: apiRequests.filter((r) => r.status !== 200).length,
		peakPerSecond: peakPerSecond(apiRequests),
	};
}

/** One measured run: must succeed with exactly the oracle's messages and no rejected request. */
async function measure({ n8n, sim, workflow, lastNode, expected, session }) {
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
	checkItems(workflow.name, items, expected, session);
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
function checkItems(name, items, expected, session) {
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
			(got.session_id === undefined || got.session_id === session) &&
			Object.keys(got).length === Object.keys(want).length + (got.session_id === undefined ? 0 : 1);
		if (!same) {
			throw new Error(`${name}: item ${i} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
		}
	}
}

module.exports = { execute, measure, checkItems };
