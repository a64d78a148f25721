'use strict';
/**
 * The plan rows of `npm run bench`: the Zoom IM Messages node with DEFAULT options in a real
 * `n8n start` (2.41.1), executions started by webhook (Webhook → Zoom IM Messages, published), the
 * simulator answering 200 ms late and enforcing one Zoom plan's per-second limit the way Zoom does
 * (429 with Zoom's body, X-RateLimit-* and Retry-After: 1 past it).
 *
 * Each sample is a fresh `n8n start`, so the first execution knows nothing ("cold"); the next one
 * with the same credential starts from what the first learned ("warm"). Per plan and sample:
 *   Pro (20/s)        cold 12 months, warm 12 months, then three 4-month executions at once (warm)
 *   Business+ (60/s)  cold 12 months, warm 12 months, then one busy month (~6,000 messages, warm)
 *   Free (2/s)        cold 3 months, warm 3 months
 * Executions follow each other after a 1.1 s gap, so that each starts with the account's last
 * second empty (as executions a few seconds apart would).
 *
 * floor = minimal requests / the plan's limit, minimal = Σ over the month windows of
 * max(1, ⌈messages / 300⌉): the node's default IM chat Page Size, Zoom's maximum (before 0.2 the
 * default was 50, and so was this divisor). Every answer is checked against the simulator's oracle.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { zoomSimulator, n8nHarness } = require('./test-harness');
const { distFunction } = require('./dist');

const h = n8nHarness();

const LATENCY_MS = 200;
/** The node's default IM chat Page Size (the workflow leaves it unset): Zoom's maximum. */
const PAGE_SIZE = 300;
const WEBHOOK_PATH = 'zoom-im-bench';
const YEAR = { session: 'grp-year', from: '2025-01-01', to: '2025-12-31' };
const BUSY = { session: 'grp-busy', from: '2025-03-01', to: '2025-03-31', messages: 6000 };
const PLANS = {
	pro: { label: 'Pro (20/s)', limit: 20, range: YEAR },
	business: { label: 'Business+ (60/s)', limit: 60, range: YEAR },
	free: { label: 'Free (2/s)', limit: 2, range: { session: 'grp-year', from: '2025-01-01', to: '2025-03-31' } },
};
const THREE = [
	{ session: 'grp-year', from: '2025-01-01', to: '2025-04-30' },
	{ session: 'grp-year', from: '2025-05-01', to: '2025-08-31' },
	{ session: 'grp-year', from: '2025-09-01', to: '2025-12-31' },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function httpGet(url, timeoutMs = 10 * 60_000) {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
		req.on('error', reject);
	});
}

/** A session of ~6,000 messages in one month, evenly spread (deterministic). */
function addBusyMonth(sim) {
	sim.addImSession({ session_id: BUSY.session, name: 'Bench busy month' });
	const start = Date.parse(`${BUSY.from}T00:00:00Z`);
	const span = Date.parse(`${BUSY.to}T23:59:59Z`) - start;
	for (let i = 0; i < BUSY.messages; i++) {
		sim.addImMessage(BUSY.session, {
			date_time: new Date(start + Math.floor((i * span) / BUSY.messages)).toISOString(),
			sender: 'alice@example.com',
			message: `Busy message ${i + 1}`,
		});
	}
}

/** Σ over the package's own month windows of max(1, ⌈messages / PAGE_SIZE⌉). */
function minimalRequests(sim, { session, from, to }) {
	const splitIntoMonthWindows = distFunction('splitIntoMonthWindows');
	return splitIntoMonthWindows(from, to).reduce(
		(sum, w) => sum + Math.max(1, Math.ceil(sim.imMessages(session, w.from, w.to).length / PAGE_SIZE)),
		0,
	);
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

function checkAnswer(sim, call, answer) {
	if (answer.status !== 200) throw new Error(`${JSON.stringify(call)}: HTTP ${answer.status} ${answer.body.slice(0, 500)}`);
	const items = JSON.parse(answer.body);
	const expected = sim.imMessages(call.session, call.from, call.to);
	if (items.length !== expected.length) throw new Error(`${JSON.stringify(call)}: ${items.length} items, expected ${expected.length}`);
	for (let i = 0; i < expected.length; i++) {
		const got = items[i];
		const want = expected[i];
		if (got.date_time !== want.date_time || got.sender !== want.sender || got.message !== want.message || got.session_id !== call.session) {
			throw new Error(`${JSON.stringify(call)}: item ${i} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
		}
	}
}

/** The IM message requests of the range of a call: the distinct (from, to) asked, beyond the month windows. */
function subRanges(requests, call) {
	const windows = new Set(distFunction('splitIntoMonthWindows')(call.from, call.to).map((w) => `${w.from}|${w.to}`));
	return new Set(requests.map((r) => `${r.query.from}|${r.query.to}`).filter((key) => !windows.has(key))).size;
}

/** Runs webhook executions at once and measures them as one row sample. */
async function run({ server, sim, calls, limit }) {
	sim.clearRequests();
	const url = (call) => `${server.url}/webhook/${WEBHOOK_PATH}?${new URLSearchParams(call)}`;
	const started = Date.now();
	const answers = await Promise.all(calls.map((call) => httpGet(url(call))));
	const timeMs = Date.now() - started;
	calls.forEach((call, i) => checkAnswer(sim, call, answers[i]));
	const requests = sim.requests.filter((r) => r.kind === 'imMessages');
	const minimal = calls.reduce((sum, call) => sum + minimalRequests(sim, call), 0);
	const floorMs = (minimal / limit) * 1000;
	const firstStart = Math.min(...requests.map((r) => r.startedAt));
	const lastEnd = Math.max(...requests.map((r) => r.endedAt ?? r.startedAt));
	return {
		timeMs,
		// From the first request's arrival to the last answer: the time reading Zoom took.
		spanMs: lastEnd - firstStart,
		requests: requests.length,
		rejected: requests.filter((r) => r.status === 429).length,
		peakPerSecond: peakPerSecond(requests),
		minimal,
		subRanges: calls.reduce((sum, call) => sum + subRanges(requests, call), 0),
		floorMs,
		ratio: timeMs / floorMs,
	};
}

/** Installs the package, imports the credential and the published webhook workflow. */
async function setUpPlans({ version, build, log }) {
	const sim = new (zoomSimulator().ZoomSimulator)({ seed: 42, latencyMs: LATENCY_MS });
	await sim.start();
	addBusyMonth(sim);
	log(`provisioning n8n ${version} and packing the package for the plan rows`);
	const [runtime, tarball] = await Promise.all([h.provisionN8n(version), h.packPackage({ build })]);
	const n8n = await h.createInstance({ runtime, tarball, name: 'bench-plans' });
	const credential = h.zoomOAuth2Credential({ id: h.makeId('benchplan'), name: 'Zoom IM (bench plans)', sim });
	const workflow = h.manualWorkflow({
		id: h.makeId('benchplanwf'),
		name: 'bench plans: webhook → Zoom IM Messages (default options)',
		trigger: false,
		settings: { timezone: 'UTC' },
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: crypto.randomUUID(),
				parameters: { httpMethod: 'GET', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			h.zoomNode({
				name: 'Zoom IM Messages',
				credentialId: credential.id,
				credentialName: credential.name,
				parameters: {
					api: 'imChat',
					sessionId: { __rl: true, mode: 'id', value: '={{ $json.query.session }}' },
					from: '={{ $json.query.from }}',
					to: '={{ $json.query.to }}',
					returnAll: true,
					options: {},
				},
			}),
		],
	});
	await n8n.importCredentials(credential);
	await n8n.importWorkflows(workflow);
	const activate = Number(version.split('.')[0]) >= 2 ? ['publish:workflow', `--id=${workflow.id}`] : ['update:workflow', `--id=${workflow.id}`, '--active=true'];
	const activated = await n8n.cli(activate);
	if (activated.code !== 0) throw new Error(`n8n ${activate.join(' ')} failed\n${activated.stdout}\n${activated.stderr}`);
	return { sim, n8n };
}

/**
 * A fresh `n8n start` whose webhook is registered. It is probed with a date the node refuses
 * before it sends anything (n8n answers with the node's error, not 404), so that the first
 * measured execution is the first one that talks to Zoom.
 */
async function startFresh(n8n) {
	const server = await n8n.start();
	const probe = { session: 'grp-year', from: 'not-a-date', to: 'not-a-date' };
	const deadline = Date.now() + 2 * 60_000;
	for (;;) {
		const answer = await httpGet(`${server.url}/webhook/${WEBHOOK_PATH}?${new URLSearchParams(probe)}`).catch((e) => ({ status: 0, body: String(e) }));
		if (answer.status !== 0 && answer.status !== 404) break;
		if (Date.now() > deadline) throw new Error(`the webhook was not registered: ${answer.status} ${answer.body.slice(0, 300)}`);
		await sleep(500);
	}
	return server;
}

/** Every plan `runs` times; returns { name: [samples] } for the rows. */
async function measurePlans({ sim, n8n, runs, plans, log }) {
	const rows = {};
	const add = (name, sample) => (rows[name] ??= []).push(sample);
	for (let round = 0; round < runs; round++) {
		for (const plan of plans) {
			const { label, limit, range } = PLANS[plan];
			const server = await startFresh(n8n);
			try {
				sim.options.rateLimitPerSecond = limit;
				const steps = [
					[`cold ${plan}`, [range]],
					[`warm ${plan}`, [range]],
				];
				if (plan === 'pro') steps.push(['three_at_once', THREE]);
				if (plan === 'business') steps.push(['month_business', [BUSY]]);
				for (const [name, calls] of steps) {
					const sample = await run({ server, sim, calls: calls.map(({ session, from, to }) => ({ session, from, to })), limit });
					add(name, { ...sample, label });
					log(
						`round ${round + 1}/${runs}, ${name}: ${(sample.timeMs / 1000).toFixed(2)} s (requests span ${(sample.spanMs / 1000).toFixed(2)} s), ${sample.requests} requests ` +
							`(minimal ${sample.minimal}, sub-ranges ${sample.subRanges}), ${sample.rejected} × 429, peak ${sample.peakPerSecond}/s, ` +
							`${sample.ratio.toFixed(2)}× floor`,
					);
					await sleep(1100);
				}
			} finally {
				sim.options.rateLimitPerSecond = undefined;
				await server.stop();
			}
		}
	}
	return rows;
}

module.exports = { PLANS, LATENCY_MS, setUpPlans, measurePlans };
