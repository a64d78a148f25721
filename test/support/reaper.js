'use strict';
/**
 * Companion process of test/support/n8n.js. Its parent registers process groups and temp dirs
 * through stdin (one JSON object per line: {"add"|"remove": "group"|"dir", "value": …}); when
 * stdin ends (the parent exited, crashed, was killed or was interrupted with Ctrl-C) it kills the
 * groups still registered and removes the dirs still registered, then exits.
 *
 * Why: n8n children run in their own process groups (so that a whole group, task runner included,
 * can be killed), which also means a Ctrl-C of jest does not reach them; and 'exit' listeners of
 * code running inside jest test files never run.
 */
const fs = require('node:fs');

const groups = new Set();
const dirs = new Set();
let buffer = '';
let reaped = false;

function handle(line) {
	if (!line.trim()) return;
	let message;
	try {
		message = JSON.parse(line);
	} catch {
		return;
	}
	const target = message.add ?? message.remove;
	const set = target === 'group' ? groups : target === 'dir' ? dirs : undefined;
	if (!set) return;
	if (message.add) set.add(message.value);
	else set.delete(message.value);
}

function reap() {
	if (reaped) return;
	reaped = true;
	for (const pgid of groups) {
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
	for (const dir of dirs) {
		try {
			fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
		} catch {
			/* best effort */
		}
	}
	process.exit(0);
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
	buffer += chunk;
	let newline;
	while ((newline = buffer.indexOf('\n')) >= 0) {
		handle(buffer.slice(0, newline));
		buffer = buffer.slice(newline + 1);
	}
});
process.stdin.on('end', reap);
process.stdin.on('close', reap);
process.stdin.on('error', reap);
// A Ctrl-C meant for the parent is not for us: clean up when its end of the pipe closes.
process.on('SIGINT', () => {});
process.on('SIGTERM', reap);
process.on('SIGHUP', reap);
