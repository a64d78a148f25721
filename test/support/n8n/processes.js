'use strict';
/**
 * Child processes of the real-n8n harness: each runs in its own process group, is killed with its
 * group when this process exits, and is registered with the reaper (../reaper.js) with the temp
 * dirs, in case this process ends without running its 'exit' listeners.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const { MINUTE, REPO_ROOT } = require('./constants');

// ---------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------

/** pid -> ChildProcess of everything still running that this module started. */
const liveChildren = new Map();

/**
 * The reaper (./reaper.js): a detached companion that kills the process groups and removes the
 * temp dirs registered with it once this process is gone, however it ends (jest test files never
 * run 'exit' listeners, and a Ctrl-C does not reach children in their own process groups).
 */
let reaper;
function tellReaper(message) {
	if (process.env.ZOOM_IM_NO_REAPER === '1') return;
	if (!reaper || reaper.exitCode !== null || reaper.signalCode !== null || reaper.stdin.destroyed) {
		reaper = spawn(process.execPath, [path.join(__dirname, '..', 'reaper.js')], {
			detached: true,
			stdio: ['pipe', 'ignore', 'ignore'],
		});
		reaper.on('error', () => {});
		reaper.stdin.on('error', () => {});
		reaper.unref();
		reaper.stdin.unref();
	}
	reaper.stdin.write(`${JSON.stringify(message)}\n`);
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

process.on('exit', () => {
	for (const pid of liveChildren.keys()) killGroup(pid, 'SIGKILL');
	for (const dir of tempDirs) {
		try {
			fs.rmSync(dir, { recursive: true, force: true });
		} catch {
			/* best effort */
		}
	}
});

/**
 * Runs a command to completion. Never rejects because of the exit code: the caller decides.
 * Rejects only when the command cannot be started. On timeout the whole process group is killed
 * and `timedOut` is true.
 */
function runProcess(command, args, options = {}) {
	const {
		cwd = REPO_ROOT,
		env = process.env,
		timeoutMs = 10 * MINUTE,
		inheritStderr = false,
		echo = false,
		owner,
		stdoutFile,
	} = options;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		let child;
		// A file instead of a pipe when asked: n8n 2.x can exit before a pipe has taken a multi-MB
		// result (the end of `--rawOutput` went missing that way); a file gets all of it.
		const stdoutFd = stdoutFile ? fs.openSync(stdoutFile, 'w') : undefined;
		try {
			child = spawn(command, args, {
				cwd,
				env,
				detached: true,
				stdio: ['ignore', stdoutFd ?? 'pipe', inheritStderr ? 'inherit' : 'pipe'],
			});
		} catch (error) {
			if (stdoutFd !== undefined) fs.closeSync(stdoutFd);
			reject(error);
			return;
		}
		if (stdoutFd !== undefined) fs.closeSync(stdoutFd);
		const stdout = [];
		const stderr = [];
		child.stdout?.on('data', (chunk) => {
			stdout.push(chunk);
			if (echo) process.stderr.write(chunk);
		});
		if (child.stderr) {
			child.stderr.on('data', (chunk) => {
				stderr.push(chunk);
				if (echo) process.stderr.write(chunk);
			});
		}
		if (child.pid) {
			liveChildren.set(child.pid, child);
			tellReaper({ add: 'group', value: child.pid });
		}
		if (owner && child.pid) owner.add(child.pid);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			if (child.pid) liveChildren.delete(child.pid);
			reject(error);
		});
		// Leftovers of the group (e.g. a task runner holding our pipes) must not outlive the command.
		child.on('exit', () => killGroup(child.pid, 'SIGKILL'));
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (child.pid) {
				liveChildren.delete(child.pid);
				if (owner) owner.delete(child.pid);
				tellReaper({ remove: 'group', value: child.pid });
			}
			resolve({
				code: code === null ? -1 : code,
				signal,
				timedOut,
				stdout: stdoutFile ? fs.readFileSync(stdoutFile, 'utf8') : Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				durationMs: Date.now() - started,
			});
		});
	});
}

function describeFailure(what, result) {
	const tail = (text) => text.split('\n').slice(-40).join('\n');
	return new Error(
		`${what} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}` +
			`${result.signal ? `, signal ${result.signal}` : ''})\n` +
			`--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`,
	);
}

/** The environment of this process without anything that would leak into n8n or npm children. */
function cleanEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|NODE_FUNCTION_)/.test(key)) continue;
		if (/^npm_/i.test(key)) continue; // set by `npm run`/`npm test`; would steer nested npm commands
		if (key === 'NODE_OPTIONS' || key === 'NODE_ENV' || key === 'INIT_CWD') continue;
		env[key] = value;
	}
	return env;
}

// ---------------------------------------------------------------------------------------------
// Temp dirs
// ---------------------------------------------------------------------------------------------

const tempDirs = new Set();

async function makeTempDir(prefix) {
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
	tempDirs.add(dir);
	tellReaper({ add: 'dir', value: dir });
	return dir;
}

async function removeTempDir(dir) {
	tempDirs.delete(dir);
	await fsp.rm(dir, { recursive: true, force: true, maxRetries: 3 });
	tellReaper({ remove: 'dir', value: dir });
}

module.exports = { liveChildren, tellReaper, killGroup, runProcess, describeFailure, cleanEnv, makeTempDir, removeTempDir };
