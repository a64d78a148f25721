'use strict';
/**
 * What each n8n process of a test run cost: one JSON line per process (or per run on a shared
 * instance) in the file named by ZOOM_IM_E2E_TIMINGS (set by jest's global setup), read back by the
 * summary reporter. `startupMs` is the time before n8n could work (a CLI command's whole life when
 * its work is not known apart), `workMs` the time the work itself took.
 */
const fs = require('node:fs');

const TIMINGS_ENV = 'ZOOM_IM_E2E_TIMINGS';

function recordTiming({ kind, version, suite, startupMs = 0, workMs = 0 }) {
	const file = process.env[TIMINGS_ENV];
	if (!file) return;
	const line = JSON.stringify({ kind, version, suite, startupMs: Math.round(startupMs), workMs: Math.round(workMs) });
	try {
		fs.appendFileSync(file, `${line}\n`);
	} catch {
		/* timings are a report, never a reason to fail a test */
	}
}

function readTimings(file = process.env[TIMINGS_ENV]) {
	if (!file || !fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
}

module.exports = { TIMINGS_ENV, recordTiming, readTimings };
