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

const { startRedis, startQueue } = require('./bench-queue');

const h = n8nHarness();

const LATENCY_MS = 200;
/** The node's default Page Sizes (the workflows leave them unset): Zoom's maximum for each API. */
const PAGE_SIZE = { im: 300, tc: 50 };
const WEBHOOK_PATH = { im: 'zoom-im-bench', tc: 'zoom-im-bench-tc' };
const YEAR = { kind: 'im', session: 'grp-year', from: '2025-01-01', to: '2025-12-31' };
const BUSY = { kind: 'im', session: 'grp-busy', from: '2025-03-01', to: '2025-03-31', messages: 6000 };
/** The busy Team Chat channel: an empty channel of the simulator's data, 1,000 messages a month. */
const TC_CHANNEL = 'ch-filler-01';
const TC_PER_MONTH = 1000;
const LIMITS = { pro: 20, business: 60, free: 2 };
const quarters = ['01-01|03-31', '04-01|06-30', '07-01|09-30', '10-01|12-31'].map((q) => {
	const [from, to] = q.split('|');
	return { kind: 'im', session: 'grp-year', from: `2025-${from}`, to: `2025-${to}` };
});
const THREE = [
	{ kind: 'im', session: 'grp-year', from: '2025-01-01', to: '2025-04-30' },
	{ kind: 'im', session: 'grp-year', from: '2025-05-01', to: '2025-08-31' },
	{ kind: 'im', session: 'grp-year', from: '2025-09-01', to: '2025-12-31' },
];

/**
 * The fresh processes of one round, in order, and the executions each runs one after another
 * (each row: its name, its label, and the calls started at once). `--plans` picks processes.
 */
function processes(tc) {
	return [
		{
			plan: 'pro',
			limit: LIMITS.pro,
			steps: [
				['cold pro', 'Pro (20/s), 12 months, cold', [YEAR]],
				['warm pro', 'Pro (20/s), 12 months, warm', [YEAR]],
				['three_at_once', 'Pro (20/s), three executions at once (3 × 4 months), warm', THREE],
				['teamchat_pro', `Pro (20/s), busy Team Chat channel, 5 months (${5 * TC_PER_MONTH} messages), warm`, [tc]],
			],
		},
		{
			plan: 'business',
			limit: LIMITS.business,
			steps: [
				['cold business', 'Business+ (60/s), 12 months, cold', [YEAR]],
				['warm business', 'Business+ (60/s), 12 months, warm', [YEAR]],
			],
		},
		{
			plan: 'month',
			limit: LIMITS.business,
			steps: [
				['cold_month_business', 'Business+ (60/s), one busy month (6,000 messages), first in a fresh n8n', [BUSY]],
				['month_business', 'Business+ (60/s), one busy month, the next execution', [BUSY]],
			],
		},
		{
			plan: 'free',
			limit: LIMITS.free,
			steps: [
				['cold free', 'Free (2/s), 3 months, cold', [{ ...YEAR, to: '2025-03-31' }]],
				['warm free', 'Free (2/s), 3 months, warm', [{ ...YEAR, to: '2025-03-31' }]],
			],
		},
		{
			plan: 'queue',
			limit: LIMITS.pro,
			queue: true,
			steps: [
				['queue cold', 'Pro (20/s), queue mode, 2 workers, 4 × 3 months at once, cold', quarters],
				['queue_two_workers', 'Pro (20/s), queue mode, 2 workers, 4 × 3 months at once, warm', quarters],
			],
		},
	];
}

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

/**
 * The busy Team Chat channel: the five whole months before this one (Zoom serves the last six
 * months only), TC_PER_MONTH messages in each, evenly spread. Returns the call that reads them.
 */
function addBusyChannel(sim) {
	const now = new Date();
	const monthStart = (back) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
	const ymd = (d) => d.toISOString().slice(0, 10);
	for (let back = 5; back >= 1; back--) {
		const start = monthStart(back).getTime();
		const span = monthStart(back - 1).getTime() - 1000 - start;
		for (let i = 0; i < TC_PER_MONTH; i++) {
			sim.addTeamChatMessage({
				toChannel: TC_CHANNEL,
				timestamp: start + Math.floor((i * span) / TC_PER_MONTH),
				sender: 'alice@example.com',
				message: `Busy channel message ${back}-${i + 1}`,
			});
		}
	}
	return { kind: 'tc', channel: TC_CHANNEL, from: ymd(monthStart(5)), to: ymd(new Date(monthStart(0).getTime() - 86_400_000)) };
}

/** The messages of a call's month window (UTC days, as the workflows' timezone). */
function windowMessages(sim, call, w) {
	if (call.kind === 'im') return sim.imMessages(call.session, w.from, w.to);
	return sim.teamChatMessages({ toChannel: call.channel, from: `${w.from}T00:00:00Z`, to: `${w.to}T23:59:59Z` });
}

/** Pages per month window of the reading with the fewest requests: max(1, ⌈messages / page size⌉) each. */
function pagesPerWindow(sim, call) {
	const splitIntoMonthWindows = distFunction('splitIntoMonthWindows');
	return splitIntoMonthWindows(call.from, call.to).map((w) => Math.max(1, Math.ceil(windowMessages(sim, call, w).length / PAGE_SIZE[call.kind])));
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
	if (call.kind === 'tc') {
		// Every message of the range once (the order inside a window is Zoom's; tests check it).
		const expected = sim.teamChatMessages({ toChannel: call.channel, from: `${call.from}T00:00:00Z`, to: `${call.to}T23:59:59Z` });
		const got = items.map((m) => m.id).sort();
		const want = expected.map((m) => m.id).sort();
		if (got.length !== want.length || got.some((id, i) => id !== want[i])) {
			throw new Error(`${JSON.stringify(call)}: ${items.length} items, expected the ${expected.length} messages of the range`);
		}
		return;
	}
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

/** The message requests of a call: its session's or channel's, within its days. */
const belongsTo = (call) => (r) => {
	const days = r.query.from?.slice(0, 10) >= call.from && r.query.to?.slice(0, 10) <= call.to;
	return days && (call.kind === 'im' ? r.kind === 'imMessages' && r.path.endsWith(`/${call.session}`) : r.kind === 'teamMessages' && r.query.to_channel === call.channel);
};

/**
 * The parts windows were split into: every window is asked whole first (its first page), so each
 * distinct (from, to) asked beyond the windows is a part (each costs at most one request more).
 */
function subRanges(requests, call) {
	const windows = distFunction('splitIntoMonthWindows')(call.from, call.to).length;
	return Math.max(0, new Set(requests.map((r) => `${r.query.from}|${r.query.to}`)).size - windows);
}

/** Runs webhook executions at once and measures them as one row sample. */
async function run({ server, sim, calls, limit }) {
	sim.clearRequests();
	const url = (call) => {
		const query = call.kind === 'im' ? { session: call.session, from: call.from, to: call.to } : { channel: call.channel, from: call.from, to: call.to };
		return `${server.url}/webhook/${WEBHOOK_PATH[call.kind]}?${new URLSearchParams(query)}`;
	};
	const started = Date.now();
	const answers = await Promise.all(calls.map((call) => httpGet(url(call))));
	const timeMs = Date.now() - started;
	calls.forEach((call, i) => checkAnswer(sim, call, answers[i]));
	const requests = sim.requests.filter((r) => r.kind === 'imMessages' || r.kind === 'teamMessages');
	const pages = calls.map((call) => pagesPerWindow(sim, call));
	const minimal = pages.flat().reduce((a, b) => a + b, 0);
	// The floor: the fewest requests at Zoom's largest pages / the plan's limit, or the longest chain
	// of dependent pages (a window's pages, each needing the previous page's token) × latency.
	const rateFloorMs = (minimal / limit) * 1000;
	const chain = Math.max(...pages.flat());
	const floorMs = Math.max(rateFloorMs, chain * LATENCY_MS);
	const firstStart = Math.min(...requests.map((r) => r.startedAt));
	const lastEnd = Math.max(...requests.map((r) => r.endedAt ?? r.startedAt));
	return {
		timeMs,
		// From the first request's arrival to the last answer: the time reading Zoom took.
		spanMs: lastEnd - firstStart,
		// From the webhook call to the first request, and from the last answer to the webhook's answer.
		beforeMs: firstStart - started,
		afterMs: started + timeMs - lastEnd,
		requests: requests.length,
		rejected: requests.filter((r) => r.status === 429).length,
		peakPerSecond: peakPerSecond(requests),
		minimal,
		chain,
		subRanges: calls.reduce((sum, call) => sum + subRanges(requests.filter(belongsTo(call)), call), 0),
		rateFloorMs,
		floorMs,
		ratio: timeMs / floorMs,
		// Per-request timeline (ms from the webhook call), for --json: where the time above the floor goes.
		timeline: requests.map((r) => ({
			from: r.query.from,
			to: r.query.to,
			token: Boolean(r.query.next_page_token),
			status: r.status,
			sent: r.startedAt - started,
			answered: (r.endedAt ?? r.startedAt) - started,
		})),
	};
}

/** A published webhook workflow: Webhook (GET, answers with every item) → the Zoom node with `parameters`. */
function webhookWorkflow(credential, kind, parameters) {
	return h.manualWorkflow({
		id: h.makeId(`benchplan${kind}`),
		name: `bench plans (${kind}): webhook → Zoom IM Messages (default options)`,
		trigger: false,
		settings: { timezone: 'UTC' },
		nodes: [
			{
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: crypto.randomUUID(),
				parameters: { httpMethod: 'GET', path: WEBHOOK_PATH[kind], responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			h.zoomNode({ name: 'Zoom IM Messages', credentialId: credential.id, credentialName: credential.name, parameters }),
		],
	});
}

/** Installs the package, imports the credential and the published webhook workflows (IM chat, Team Chat). */
async function setUpPlans({ version, build, log }) {
	const sim = new (zoomSimulator().ZoomSimulator)({ seed: 42, latencyMs: LATENCY_MS });
	await sim.start();
	addBusyMonth(sim);
	const tc = addBusyChannel(sim);
	log(`provisioning n8n ${version} and packing the package for the plan rows`);
	const [runtime, tarball] = await Promise.all([h.provisionN8n(version), h.packPackage({ build })]);
	const n8n = await h.createInstance({ runtime, tarball, name: 'bench-plans' });
	const credential = h.zoomOAuth2Credential({ id: h.makeId('benchplan'), name: 'Zoom IM (bench plans)', sim });
	const workflows = [
		webhookWorkflow(credential, 'im', {
			api: 'imChat',
			sessionId: { __rl: true, mode: 'id', value: '={{ $json.query.session }}' },
			from: '={{ $json.query.from }}',
			to: '={{ $json.query.to }}',
			returnAll: true,
			options: {},
		}),
		webhookWorkflow(credential, 'tc', {
			api: 'teamChat',
			userId: 'me',
			teamChatTarget: 'channel',
			channelId: { __rl: true, mode: 'id', value: '={{ $json.query.channel }}' },
			from: '={{ $json.query.from }}',
			to: '={{ $json.query.to }}',
			returnAll: true,
			options: {},
		}),
	];
	await n8n.importCredentials(credential);
	await n8n.importWorkflows(workflows);
	for (const workflow of workflows) {
		const activate = Number(version.split('.')[0]) >= 2 ? ['publish:workflow', `--id=${workflow.id}`] : ['update:workflow', `--id=${workflow.id}`, '--active=true'];
		const activated = await n8n.cli(activate);
		if (activated.code !== 0) throw new Error(`n8n ${activate.join(' ')} failed\n${activated.stdout}\n${activated.stderr}`);
	}
	return { sim, n8n, tc };
}

/**
 * Waits until the IM webhook is registered. It is probed with a date the node refuses before it
 * sends anything (n8n answers with the node's error, not 404), so that the first measured
 * execution is the first one that talks to Zoom.
 */
async function waitForWebhook(server) {
	const probe = { session: 'grp-year', from: 'not-a-date', to: 'not-a-date' };
	const deadline = Date.now() + 2 * 60_000;
	for (;;) {
		const answer = await httpGet(`${server.url}/webhook/${WEBHOOK_PATH.im}?${new URLSearchParams(probe)}`).catch((e) => ({ status: 0, body: String(e) }));
		if (answer.status !== 0 && answer.status !== 404) return;
		if (Date.now() > deadline) throw new Error(`the webhook was not registered: ${answer.status} ${answer.body.slice(0, 300)}`);
		await sleep(500);
	}
}

/** A fresh `n8n start` (or, in queue mode, main + two workers) whose webhook is registered. */
async function startFresh(n8n, { queue, redisPort }) {
	if (queue) return await startQueue({ n8n, redisPort, waitForWebhook });
	const server = await n8n.start();
	try {
		await waitForWebhook(server);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return { server, stop: async () => await server.stop() };
}

/** Every chosen process `runs` times; returns { row name: [samples] }. */
async function measurePlans({ sim, n8n, tc, runs, plans, log }) {
	const rows = {};
	const chosen = processes(tc).filter((p) => plans.includes(p.plan));
	const redis = chosen.some((p) => p.queue) ? await startRedis(log) : undefined;
	try {
		for (let round = 0; round < runs; round++) {
			for (const { limit, steps, queue } of chosen) {
				const fresh = await startFresh(n8n, { queue, redisPort: redis?.port });
				try {
					sim.options.rateLimitPerSecond = limit;
					for (const [name, label, calls] of steps) {
						const before = fresh.workerRuns?.();
						const sample = { ...(await run({ server: fresh.server, sim, calls, limit })), label };
						if (before) sample.workerRuns = fresh.workerRuns().map((n, i) => n - before[i]);
						(rows[name] ??= []).push(sample);
						log(
							`round ${round + 1}/${runs}, ${name}: ${(sample.timeMs / 1000).toFixed(2)} s (before the first request ${sample.beforeMs} ms, ` +
								`requests span ${(sample.spanMs / 1000).toFixed(2)} s, after the last answer ${sample.afterMs} ms), ${sample.requests} requests ` +
								`(minimal ${sample.minimal}, sub-ranges ${sample.subRanges}), ${sample.rejected} × 429, peak ${sample.peakPerSecond}/s, ` +
								`${sample.ratio.toFixed(2)}× floor ${(sample.floorMs / 1000).toFixed(2)} s` +
								(sample.workerRuns ? `, executions per worker ${sample.workerRuns.join(' + ')}` : ''),
						);
						await sleep(1100);
					}
				} finally {
					sim.options.rateLimitPerSecond = undefined;
					await fresh.stop();
				}
			}
		}
	} finally {
		redis?.stop();
	}
	return rows;
}

module.exports = { PLAN_NAMES: ['pro', 'business', 'month', 'free', 'queue'], LATENCY_MS, setUpPlans, measurePlans };
