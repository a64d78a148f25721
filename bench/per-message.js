#!/usr/bin/env node
'use strict';
/**
 * In-process micro-benchmark of the Zoom IM Messages node's per-message cost: the compiled node
 * (dist/, so run `npm run build` first) executes with a stand-in n8n context whose request helper
 * answers instantly from memory, for 100,000 IM chat messages (2,000 pages of 50 over the 12 month
 * windows of 2025, read with 4 parallel windows and the pace letting every request go at once). What is measured is
 * everything the node does per message: JSON.parse of each page's text, the page checks, window
 * reading and the output items ({ json: message + session_id, pairedItem }).
 *
 *   node bench/per-message.js [--messages 100000] [--repeat 7] [--dist dist]
 *
 * Prints the median over the repeats in microseconds per message, JSON.parse of the same pages
 * alone for comparison, and the heap the output keeps per message.
 */
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { performance } = require('node:perf_hooks');
const { distDir, nodeClass } = require('../scripts/lib/dist');
const { parseArgs } = require('../scripts/lib/cli-args');
const { nodeExecuteContext, upperMedian: median } = require('../scripts/lib/execute-context');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const FLAGS = {
	'--messages': { key: 'messages', parse: Number },
	'--repeat': { key: 'repeat', parse: Number },
	'--dist': { key: 'dist', parse: (v) => path.resolve(v) },
};

const SESSION = 'bench-session';
const PAGE_SIZE = 50;
const SENDERS = ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dmitri@example.com', 'yuki@example.jp'];
const WORDS = ['deploy', 'review', 'queue', 'latency', 'invoice', 'docs', 'retro', 'login', 'cache', 'please', '👍', 'tomorrow'];

/** The month windows of 2025 and, per window, its pages as JSON text (what Zoom sends). */
function makePages(total) {
	const windows = [];
	for (let month = 1; month <= 12; month++) {
		const from = `2025-${String(month).padStart(2, '0')}-01`;
		const last = new Date(Date.UTC(2025, month, 0)).getUTCDate();
		windows.push({ from, to: `2025-${String(month).padStart(2, '0')}-${last}`, pages: [] });
	}
	const totalPages = Math.ceil(total / PAGE_SIZE);
	let n = 0;
	for (let w = 0; w < windows.length; w++) {
		const pagesHere = Math.floor(totalPages / windows.length) + (w < totalPages % windows.length ? 1 : 0);
		for (let p = 0; p < pagesHere; p++) {
			const messages = [];
			for (let k = 0; k < PAGE_SIZE && n < total; k++, n++) {
				const seconds = Math.floor((n * 86400 * 28) / total);
				const at = new Date(Date.UTC(2025, w, 1) + seconds * 1000).toISOString().replace('.000Z', 'Z');
				const text = Array.from({ length: 3 + (n % 7) }, (_, i) => WORDS[(n * 7 + i * 3) % WORDS.length]).join(' ');
				messages.push({ date_time: at, sender: SENDERS[n % SENDERS.length], message: `Message ${n}: ${text}` });
			}
			const token = p + 1 < pagesHere ? `w${w}p${p + 1}-${'x'.repeat(28)}` : '';
			windows[w].pages.push(
				JSON.stringify({ from: windows[w].from, to: windows[w].to, page_size: PAGE_SIZE, next_page_token: token, session_id: SESSION, messages }),
			);
		}
	}
	return windows;
}

/** The parts of IExecuteFunctions the node uses, answering requests from `windows`. */
function makeContext(windows) {
	const byFrom = new Map(windows.map((w) => [w.from, w]));
	const parameters = {
		authentication: 'oAuth2',
		api: 'imChat',
		sessionId: SESSION,
		from: '2025-01-01',
		to: '2025-12-31',
		returnAll: true,
		pageSize: PAGE_SIZE,
		options: { timezone: 'UTC', maxRequestsPerSecond: 0, concurrency: 4 },
	};
	const credentials = {
		environment: 'custom',
		apiBaseUrl: 'http://zoom.invalid/v2',
		oauthBaseUrl: 'http://zoom.invalid',
		clientId: 'id',
		clientSecret: 'secret',
		oauthTokenData: { access_token: 'access', refresh_token: 'refresh' },
	};
	let requests = 0;
	const ctx = nodeExecuteContext({
		parameters,
		credentials,
		httpRequestWithAuthentication: async (_type, options) => {
			requests++;
			const window = byFrom.get(options.qs.from);
			const token = options.qs.next_page_token;
			const index = token ? Number(/^w\d+p(\d+)-/.exec(token)[1]) : 0;
			// Text, as it comes off the wire: the node's JSON parsing is part of what is measured.
			return { statusCode: 200, headers: {}, body: window.pages[index] };
		},
	});
	return { ctx, requests: () => requests };
}

/**
 * The pace waits by design (it learns Zoom's per-second limit, and "Max Requests per Second" 0 means
 * automatic, not unpaced): with answers from memory it would measure only its own waiting. Here every
 * request gets its turn at once, so what is left is the node's own work per message.
 */
function letEveryRequestGoAtOnce(dist) {
	const { AdaptivePace } = require(path.join(dist, 'nodes', 'ZoomIm', 'transport', 'adaptivePace.js'));
	AdaptivePace.prototype.acquire = async function acquireAtOnce() {
		return { sentAt: 0, settle() {} };
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2), { messages: 100_000, repeat: 7, dist: distDir() }, FLAGS);
	const ZoomImMessages = nodeClass('ZoomImMessages', { dist: args.dist });
	letEveryRequestGoAtOnce(args.dist);
	const windows = makePages(args.messages);
	const allPages = windows.flatMap((w) => w.pages);
	const nodeType = new ZoomImMessages();

	const runNode = async () => {
		const { ctx, requests } = makeContext(windows);
		const started = performance.now();
		const [items] = await nodeType.execute.call(ctx);
		const ms = performance.now() - started;
		if (items.length !== args.messages) throw new Error(`${items.length} items, expected ${args.messages}`);
		if (requests() !== allPages.length) throw new Error(`${requests()} requests, expected ${allPages.length}`);
		return { ms, items };
	};

	// Warm-up (JIT), and a check that the output is in order and shaped as the contract says.
	const { items: warm } = await runNode();
	for (let i = 0; i < warm.length; i++) {
		const json = warm[i].json;
		if (!json.message.startsWith(`Message ${i}:`) || json.session_id !== SESSION || warm[i].pairedItem.item !== 0) {
			throw new Error(`item ${i} is out of order or malformed: ${JSON.stringify(warm[i])}`);
		}
	}

	// Heap the output keeps: growth over one run, measured after full collections (the warm-up
	// output stays alive throughout, so nothing is freed in between).
	const tick = () => new Promise((resolve) => setImmediate(resolve));
	await tick();
	gc();
	const before = process.memoryUsage().heapUsed;
	const kept = await runNode();
	await tick();
	gc();
	const retainedBytes = process.memoryUsage().heapUsed - before;
	if (kept.items.length !== args.messages) throw new Error('unreachable');

	const nodeTimes = [];
	for (let r = 0; r < args.repeat; r++) {
		gc();
		nodeTimes.push((await runNode()).ms);
	}

	const parseTimes = [];
	for (let r = 0; r < args.repeat; r++) {
		gc();
		const started = performance.now();
		let count = 0;
		for (const page of allPages) count += JSON.parse(page).messages.length;
		parseTimes.push(performance.now() - started);
		if (count !== args.messages) throw new Error('unreachable');
	}

	const perMessage = (ms) => ((ms * 1000) / args.messages).toFixed(2);
	const nodeMedian = median(nodeTimes);
	const parseMedian = median(parseTimes);
	console.log(
		`per-message: ${perMessage(nodeMedian)} µs/message for ${args.messages} messages ` +
			`(${allPages.length} pages of ${PAGE_SIZE}, 12 windows, Node ${process.version}; median of ${args.repeat}, ` +
			`${nodeMedian.toFixed(0)} ms in all); JSON.parse of the same pages alone: ${perMessage(parseMedian)} µs/message; ` +
			`output kept on the heap: ${Math.round(retainedBytes / args.messages)} bytes/message`,
	);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
