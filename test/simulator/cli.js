#!/usr/bin/env node
'use strict';
/**
 * Starts a Zoom simulator and prints one JSON line {url, apiBaseUrl, oauthBaseUrl, regionalApiBaseUrl, client, tokens}.
 * Runs until SIGINT/SIGTERM.
 *
 *   node test/simulator/cli.js [--port N] [--seed N] [--latency MS] [--api-url] [--rate-limit N]
 *                              [--im-order asc|desc] [--team-chat-order asc|desc]
 *                              [--no-channel-limits] [--channel-limit-scale X] [--channel-retry-after]
 */
const { ZoomSimulator } = require('./index');

function parseArgs(argv) {
	const opts = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const val = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		const num = () => {
			const n = Number(val());
			if (!Number.isFinite(n)) throw new Error(`${a} needs a number`);
			return n;
		};
		switch (a) {
			case '--port':
				opts.port = num();
				break;
			case '--seed':
				opts.seed = num();
				break;
			case '--latency':
				opts.latencyMs = num();
				break;
			case '--api-url':
				opts.apiUrlInTokenResponse = true;
				break;
			case '--rate-limit':
				opts.rateLimitPerSecond = num();
				break;
			case '--im-order':
				opts.imOrder = val();
				break;
			case '--team-chat-order':
				opts.teamChatOrder = val();
				break;
			case '--no-channel-limits':
				opts.channelSendLimits = false;
				break;
			case '--channel-limit-scale':
				opts.channelLimitScale = num();
				break;
			case '--channel-retry-after':
				opts.channelRetryAfter = true;
				break;
			case '-h':
			case '--help':
				process.stdout.write(
					'usage: node test/simulator/cli.js [--port N] [--seed N] [--latency MS] [--api-url] [--rate-limit N] [--im-order asc|desc] [--team-chat-order asc|desc] [--no-channel-limits] [--channel-limit-scale X] [--channel-retry-after]\n',
				);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown argument: ${a}`);
		}
	}
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${e.message}\n`);
		process.exit(2);
	}
	const sim = new ZoomSimulator(opts);
	await sim.start();
	process.stdout.write(
		JSON.stringify({
			url: sim.url,
			apiBaseUrl: sim.apiBaseUrl,
			oauthBaseUrl: sim.oauthBaseUrl,
			regionalApiBaseUrl: sim.regionalApiBaseUrl,
			client: sim.client,
			tokens: sim.issueTokens(),
		}) + '\n',
	);
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

main().catch((e) => {
	process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
	process.exit(1);
});
