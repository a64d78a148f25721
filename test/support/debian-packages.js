'use strict';
/**
 * The Debian packages the test run needs beside n8n (Chromium for the editor test, Redis for queue
 * mode), installed once, in the background, by jest's global setup: two apt-get runs at once would
 * fight over dpkg's lock, and each test installing its own would cost the run minutes. Only as root
 * (as in CI) and only what is missing; a test still checks for its package and says how to install it.
 */
const fs = require('node:fs');

const { MINUTE } = require('./n8n/constants');
const { runProcess } = require('./n8n/processes');

/** package -> the file it installs that the tests use */
const WANTED = { chromium: '/usr/bin/chromium', 'redis-server': '/usr/bin/redis-server' };

/** Installs the missing ones of WANTED; resolves with { installed, skipped } (skipped: why not). */
async function ensureTestPackages({ log = () => {} } = {}) {
	const missing = Object.entries(WANTED)
		.filter(([, file]) => !fs.existsSync(file))
		.map(([name]) => name);
	if (missing.length === 0) return { installed: [] };
	if (!fs.existsSync('/usr/bin/apt-get')) return { installed: [], skipped: 'no apt-get' };
	if (typeof process.getuid === 'function' && process.getuid() !== 0) return { installed: [], skipped: 'not root' };
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
	log(`installing Debian packages ${missing.join(' ')}`);
	for (const args of [['update', ...lockWait], ['install', '-y', ...lockWait, ...missing]]) {
		const result = await runProcess('apt-get', args, { env, timeoutMs: 15 * MINUTE });
		if (result.code !== 0) {
			throw new Error(`apt-get ${args[0]} failed (exit ${result.code})\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
		}
	}
	return { installed: missing };
}

/**
 * Inside `npm test`: resolves once the global setup's install is done (so that a test finds its
 * package and does not start an apt-get of its own beside it). Outside jest's global setup: at once.
 */
async function testPackagesSettled() {
	// Required here, not at the top: run-folder needs n8n/timings, which this module's users may not.
	const runFolder = require('./n8n/run-folder');
	if (runFolder.dir()) await runFolder.waitForPart('system.json');
}

module.exports = { ensureTestPackages, testPackagesSettled };
