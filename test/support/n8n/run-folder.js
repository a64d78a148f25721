'use strict';
/**
 * The folder of one jest run (ZOOM_IM_E2E_RUN), through which jest's global setup, working in the
 * background, tells test files what is ready: a JSON file appears once its part is done, and `error`
 * once anything failed. Test files wait for the file they need; `timings.jsonl` collects timings.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { waitFor } = require('../wait-for');
const { TIMINGS_ENV } = require('./timings');

const RUN_ENV = 'ZOOM_IM_E2E_RUN';

function create() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoom-im-run-'));
	process.env[RUN_ENV] = dir;
	process.env[TIMINGS_ENV] ??= path.join(dir, 'timings.jsonl');
	return dir;
}

function dir() {
	return process.env[RUN_ENV];
}

/** Writes `name` atomically (a reader never sees half a file). */
function write(name, value) {
	const file = path.join(dir(), name);
	fs.writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
	fs.renameSync(`${file}.tmp`, file);
}

function fail(error) {
	fs.writeFileSync(path.join(dir(), 'error'), String(error?.stack ?? error));
}

/** The JSON of `name` once the global setup wrote it; throws the setup's error if it failed first. */
async function waitForPart(name, { timeoutMs = 40 * 60_000 } = {}) {
	if (!dir()) throw new Error(`${RUN_ENV} is not set: run the e2e tests through jest's global setup`);
	const file = path.join(dir(), name);
	const errorFile = path.join(dir(), 'error');
	const found = await waitFor(
		() => {
			if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
			if (fs.existsSync(errorFile)) throw new Error(`preparing n8n for the e2e tests failed:\n${fs.readFileSync(errorFile, 'utf8')}`);
			return undefined;
		},
		{ timeoutMs, intervalMs: 250, what: `${file} (jest's global setup preparing n8n)` },
	);
	return found;
}

module.exports = { RUN_ENV, create, dir, write, fail, waitForPart };
