#!/usr/bin/env node
'use strict';
/**
 * Benchmark of Message → Send (`npm run bench` runs it; alone: `node bench/sends.js`): the compiled
 * node (dist/, so `npm run build` first) sends input items to Team Chat channels of the Zoom
 * simulator over real HTTP on 127.0.0.1, in-process, with a stand-in for n8n's request helper
 * (the same options n8n's helper takes; n8n itself is not what is measured here).
 *
 * Rows (Pro: the simulator refuses more than 20 requests per second, as Zoom's Medium limit):
 *   one channel   500 messages to one channel. Zoom's per-channel windows (10 per 1 s, 30 per 10 s,
 *                 60 per 100 s, 450 per 1,000 s) set its floor at about 1,000 s, so by default this
 *                 row runs on a scaled clock: the simulator's windows and blocks and the node's pace
 *                 clock (`processClock`, transport/index.ts) both run `--scale` times as long
 *                 (default 0.05: about 55 s of real time). Times are shown in Zoom's seconds.
 *                 `--scale 1` runs it in real time.
 *   ten channels  500 messages, 50 to each of ten channels, in real time: the account's 20 per second
 *                 binds (25 s), each channel's windows allow its 50 in about 11 s.
 * Floor = max(the last send the windows allow, greedily, + one request's latency; messages / 20 per s).
 * Every row checks that each input text reached its channel exactly once and in input order, and
 * counts the channel blocks the simulator started (Zoom blocks a channel for 10 s to 5 min past a
 * window) and the 429s it answered.
 *
 * Closing line: `sends: one_channel=<time/floor> ten_channels=<time/floor> blocks=<n> sends_429=<n>`.
 *
 *   node bench/sends.js [--scale 0.05] [--rows one,ten] [--messages 500]
 */
const http = require('node:http');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout: delay } = require('node:timers/promises');

const { ZoomSimulator } = require('../test/simulator');
const { parseArgs } = require('../scripts/lib/cli-args');
const { distDir, nodeClass } = require('../scripts/lib/dist');

const FLAGS = {
	'--scale': { key: 'scale', parse: Number },
	'--rows': { key: 'rows', parse: (v) => v.split(',') },
	'--messages': { key: 'messages', parse: Number },
};

/** Zoom's per-channel send windows (ZOOM-API-FACTS.md): at most `limit` sends in any `spanMs`. */
const CHANNEL_WINDOWS = [
	{ limit: 10, spanMs: 1_000 },
	{ limit: 30, spanMs: 10_000 },
	{ limit: 60, spanMs: 100_000 },
	{ limit: 450, spanMs: 1_000_000 },
];
const PRO_PER_SECOND = 20;

/** When the last of `count` sends to one channel can go at the earliest, each as early as every window allows (ms after the first). */
function lastSendAllowedMs(count) {
	const times = [];
	for (let k = 0; k < count; k++) {
		let at = k === 0 ? 0 : times[k - 1];
		for (const { limit, spanMs } of CHANNEL_WINDOWS) if (k >= limit) at = Math.max(at, times[k - limit] + spanMs);
		times.push(at);
	}
	return count === 0 ? 0 : times[count - 1];
}

/** The request helper n8n gives a node, for what the node asks of it: real HTTP, the Bearer token added. */
function requestHelper(accessToken) {
	return async (_credentialType, options) => {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
		const headers = { ...(options.headers ?? {}), authorization: `Bearer ${accessToken}` };
		let body;
		if (Buffer.isBuffer(options.body)) body = options.body;
		else if (options.body !== undefined) {
			body = Buffer.from(JSON.stringify(options.body));
			headers['content-type'] = 'application/json';
		}
		if (body) headers['content-length'] = String(body.length);
		const answer = await new Promise((resolve, reject) => {
			const req = http.request(url, { method: options.method ?? 'GET', headers, timeout: options.timeout ?? 30_000 }, (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ statusCode: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			});
			req.on('timeout', () => req.destroy(Object.assign(new Error(`timeout of ${options.timeout}ms exceeded`), { code: 'ECONNABORTED' })));
			req.on('error', reject);
			req.end(body);
		});
		let parsed = answer.text;
		if (options.json && answer.text !== '') {
			try {
				parsed = JSON.parse(answer.text);
			} catch {
				// n8n hands a body that is not JSON over as text
			}
		}
		if (!options.ignoreHttpStatusErrors && answer.statusCode >= 400) {
			throw Object.assign(new Error(`Request failed with status code ${answer.statusCode}`), {
				response: { status: answer.statusCode, headers: answer.headers, data: parsed },
			});
		}
		return { statusCode: answer.statusCode, headers: answer.headers, body: parsed };
	};
}

/** The parts of IExecuteFunctions Send uses: one input item per message, each with its own text and channel. */
function sendContext({ items, credentials, accessToken }) {
	const node = { id: 'bench-send', name: 'Zoom IM Messages', type: 'n8n-nodes-zoom-im.zoomImMessages', typeVersion: 1, position: [0, 0], parameters: {} };
	const parameters = (i) => ({
		authentication: 'oAuth2',
		resource: 'message',
		operation: 'send',
		teamChatTarget: 'channel',
		channelId: { __rl: true, mode: 'id', value: items[i].channel },
		userId: 'me',
		text: items[i].text,
		options: {},
	});
	return {
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name, i, fallback, options) => {
			const value = name.split('.').reduce((v, key) => (v === undefined ? undefined : v[key]), parameters(i));
			if (value === undefined) return fallback;
			if (options?.extractValue && value && typeof value === 'object' && '__rl' in value) return value.value;
			return value;
		},
		getTimezone: () => 'UTC',
		getNode: () => node,
		continueOnFail: () => false,
		getCredentials: async () => credentials,
		getExecutionCancelSignal: () => undefined,
		helpers: { httpRequestWithAuthentication: requestHelper(accessToken) },
	};
}

/** Runs one row: `perChannel` messages to each of `channels`, input items interleaved round-robin. */
async function runRow(ZoomImMessages, processClock, { name, channels, perChannel, scale }) {
	const sim = new ZoomSimulator({ seed: 42, rateLimitPerSecond: Math.round(PRO_PER_SECOND / scale), channelLimitScale: scale });
	await sim.start();
	const real = { now: processClock.now, sleep: processClock.sleep };
	processClock.now = () => performance.now() / scale;
	processClock.sleep = async (ms) => await delay(ms * scale);
	try {
		const tokens = sim.issueTokens();
		const credentials = {
			environment: 'custom',
			apiBaseUrl: sim.apiBaseUrl,
			oauthBaseUrl: sim.oauthBaseUrl,
			clientId: sim.client.clientId,
			clientSecret: sim.client.clientSecret,
			oauthTokenData: tokens,
		};
		const items = [];
		for (let k = 0; k < perChannel; k++) for (const channel of channels) items.push({ channel, text: `bench ${name} ${channel} #${k}` });
		sim.clearRequests();
		const started = performance.now();
		const [out] = await new ZoomImMessages().execute.call(sendContext({ items, credentials, accessToken: tokens.access_token }));
		const seconds = (performance.now() - started) / scale / 1000;
		if (out.length !== items.length) throw new Error(`${name}: ${out.length} output items for ${items.length} input items`);
		for (const channel of channels) {
			const sent = sim.sentMessages({ channel }).map((m) => m.text);
			const expected = items.filter((item) => item.channel === channel).map((item) => item.text);
			if (JSON.stringify(sent) !== JSON.stringify(expected)) throw new Error(`${name}: channel ${channel} holds ${sent.length} messages, not each of the ${expected.length} sent once in order`);
		}
		const requests = sim.requests.filter((r) => r.kind === 'sendMessage');
		const latencyS = median(requests.filter((r) => r.status === 201 || r.status === 200).map((r) => (r.endedAt - r.startedAt) / 1000)) / scale;
		const floor = Math.max(lastSendAllowedMs(perChannel) / 1000 + latencyS, items.length / PRO_PER_SECOND);
		const stats = sim.channelSendStats();
		return { name, messages: items.length, channels: channels.length, seconds, floor, ratio: seconds / floor, blocks: stats.blocks, refused: requests.filter((r) => r.status === 429).length, requests: requests.length };
	} finally {
		processClock.now = real.now;
		processClock.sleep = real.sleep;
		await sim.stop();
	}
}

function median(values) {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[sorted.length >> 1];
}

async function main() {
	const args = parseArgs(process.argv.slice(2), { scale: 0.05, rows: ['one', 'ten'], messages: 500 }, FLAGS);
	const dist = distDir();
	const ZoomImMessages = nodeClass('ZoomImMessages');
	const { processClock } = require(path.join(dist, 'nodes', 'ZoomIm', 'transport', 'index.js'));
	const rows = [];
	if (args.rows.includes('one')) rows.push(await runRow(ZoomImMessages, processClock, { name: 'one channel', channels: ['ch-general'], perChannel: args.messages, scale: args.scale }));
	if (args.rows.includes('ten')) {
		const channels = Array.from({ length: 10 }, (_, i) => `ch-filler-${String(i + 1).padStart(2, '0')}`);
		rows.push(await runRow(ZoomImMessages, processClock, { name: 'ten channels', channels, perChannel: Math.round(args.messages / 10), scale: 1 }));
	}
	console.log('| row | messages | channels | time (s) | floor (s) | time/floor | requests | 429s | channel blocks |');
	console.log('|---|---|---|---|---|---|---|---|---|');
	for (const r of rows) {
		console.log(`| ${r.name} | ${r.messages} | ${r.channels} | ${r.seconds.toFixed(1)} | ${r.floor.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.requests} | ${r.refused} | ${r.blocks} |`);
	}
	const by = (name) => rows.find((r) => r.name === name);
	const fmt = (r) => (r ? r.ratio.toFixed(2) : 'n/a');
	console.log(
		`sends: one_channel=${fmt(by('one channel'))} ten_channels=${fmt(by('ten channels'))} blocks=${rows.reduce((s, r) => s + r.blocks, 0)} sends_429=${rows.reduce((s, r) => s + r.refused, 0)}` +
			(args.scale !== 1 ? ` (one channel on a clock scaled ${args.scale})` : ''),
	);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { lastSendAllowedMs };
