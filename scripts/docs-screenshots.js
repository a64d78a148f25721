#!/usr/bin/env node
'use strict';
/**
 * Refreshes the README screenshots in docs/screenshots/ (`npm run docs:screenshots`).
 *
 * Runs the same walk-through as the browser test (test/ui/editor-flow.js): the packed package in a
 * fresh n8n 2.41.1, the Zoom simulator as Zoom, Playwright driving Debian's Chromium at 1280x800,
 * every non-127.0.0.1 request aborted. Each picture is cropped to the part of the editor it shows:
 *
 *   node-search.png     the node panel after typing "zoom chat"
 *   credential.png      the Zoom IM OAuth2 API credential form (Environment: Custom URLs)
 *   session-picker.png  the Session field's list of chat sessions
 *   node-panel.png      the node's parameters after a run
 *   output-table.png    the output panel's table of messages
 *   events-trigger.png  the Zoom IM Events Trigger's parameters (a new workflow after the walk-through)
 *
 * Installs Debian's chromium and fonts-noto-color-emoji with apt-get when they are missing (emoji
 * in messages would otherwise render as boxes). The simulator and n8n listen on fixed ports when
 * those are free (5680 and 5678, so that the pictures show the same URLs each time).
 *
 * Environment: DOCS_N8N_VERSION (default 2.41.1), DOCS_BUILD=0 (pack dist/ as it is instead of
 * building first), CHROMIUM_PATH (browser binary).
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { ROOT: REPO_ROOT } = require('./lib/dist');
const { editorFlow } = require('./lib/test-harness');

const flow = editorFlow();
const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const VERSION = process.env.DOCS_N8N_VERSION || '2.41.1';

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function preferredPort(port) {
	return (await portIsFree(port)) ? port : 0;
}

async function main() {
	const started = Date.now();
	const log = (message) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
	const executablePath = flow.ensureChromium({ log, emojiFont: true });
	const simPort = await preferredPort(5680);
	const n8nPort = (await preferredPort(5678)) || undefined;
	const stack = await flow.startStack({
		version: VERSION,
		build: process.env.DOCS_BUILD !== '0',
		simPort,
		n8nPort,
		log,
	});
	let browser;
	try {
		browser = await flow.launchBrowser({ executablePath, log });
		const report = await flow.runEditorFlow({
			url: stack.url,
			sim: stack.sim,
			page: browser.page,
			screenshotsDir: OUT_DIR,
			failureScreenshot: path.join(REPO_ROOT, 'tmp', 'ui-screenshots', 'docs-failure.png'),
			log,
		});
		const events = await flow.openEventsTriggerPanel({
			page: browser.page,
			screenshotsDir: OUT_DIR,
			failureScreenshot: path.join(REPO_ROOT, 'tmp', 'ui-screenshots', 'docs-events-failure.png'),
			log,
		});
		for (const file of [...report.screenshots, ...events.screenshots]) {
			const { size } = fs.statSync(file);
			console.log(`${path.relative(REPO_ROOT, file).padEnd(36)} ${(size / 1024).toFixed(0).padStart(4)} KiB`);
		}
		console.log(`n8n ${VERSION}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} finally {
		await browser?.browser.close().catch(() => {});
		await stack.dispose();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(`docs:screenshots failed: ${error && error.stack ? error.stack : error}`);
		process.exit(1);
	},
);
