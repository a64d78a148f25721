'use strict';
/** A long-running n8n process (`n8n start`, `n8n worker`) of a harness instance. */
const { spawn } = require('node:child_process');
const fs = require('node:fs');

const { waitFor } = require('../wait-for');
const { MINUTE } = require('./constants');
const { freePort, httpStatus, waitPortClosed } = require('./network');
const { killGroup, liveChildren, tellReaper } = require('./processes');

/**
 * `n8n start` on 127.0.0.1:port for an instance (./instance.js); resolves once /healthz/readiness and
 * /rest/settings answer 200. The returned handle's stop() ends it (SIGTERM, then SIGKILL). Output is
 * kept in handle.output() and, with `echo: true`, copied to this process's stderr.
 *
 * `command: 'worker'` starts `n8n worker` instead (queue mode: pass EXECUTIONS_MODE,
 * QUEUE_BULL_REDIS_* and a distinct N8N_RUNNERS_BROKER_PORT in `env`); its health server listens
 * on `port`, and it counts as started once /healthz/readiness answers 200. `args` are appended.
 * `logFile`: n8n's output is also appended to that file (for readers in other processes).
 */
async function startN8n({ rt, root, env, owned }, { port, echo = false, timeoutMs = 3 * MINUTE, env: more = {}, command = 'start', args = [], logFile } = {}) {
	const listenPort = port ?? (await freePort());
	// `command: 'worker'` (queue mode): its health server listens on listenPort instead.
	const worker = command === 'worker';
	const startEnv = worker
		? {
				...env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(listenPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				...more,
			}
		: { ...env, N8N_PORT: String(listenPort), N8N_HOST: '127.0.0.1', ...more };
	const started = Date.now();
	const child = spawn(rt.nodeBin, [rt.n8nBin, command, ...args], {
		cwd: root,
		env: startEnv,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	liveChildren.set(child.pid, child);
	tellReaper({ add: 'group', value: child.pid });
	owned.add(child.pid);
	let log = '';
	const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	const collect = (chunk) => {
		logStream?.write(chunk);
		log += chunk.toString('utf8');
		if (log.length > 2_000_000) log = log.slice(-1_000_000);
		if (echo) process.stderr.write(chunk);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			exited = { code, signal };
			logStream?.end();
			liveChildren.delete(child.pid);
			owned.delete(child.pid);
			killGroup(child.pid, 'SIGKILL');
			tellReaper({ remove: 'group', value: child.pid });
			resolve(exited);
		});
	});
	const url = `http://127.0.0.1:${listenPort}`;
	const handle = {
		url,
		port: listenPort,
		pid: child.pid,
		process: child,
		output: () => log,
		exited: exitPromise,
		async stop({ graceMs = 10_000 } = {}) {
			if (exited) return exited;
			killGroup(child.pid, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
			const result = await exitPromise;
			clearTimeout(timer);
			await waitPortClosed(listenPort);
			return result;
		},
	};
	const ready = async (path) => (await httpStatus(`${url}${path}`)) === 200;
	const exitedEarly = () => new Error(`n8n ${command} exited early (${JSON.stringify(exited)})\n${log.slice(-5000)}`);
	try {
		await waitFor(
			async () => {
				if (exited) throw exitedEarly();
				// A worker has no REST API: its readiness means database and Redis are connected.
				if (worker && (await ready('/healthz/readiness'))) return true;
				// /healthz answers long before the REST routes exist; readiness (2.x: fully started,
				// 1.x: database ready) plus the public /rest/settings means the editor API is up.
				return (await ready('/healthz/readiness')) && (await ready('/rest/settings'));
			},
			{ timeoutMs: started + timeoutMs - Date.now(), intervalMs: 250, what: `n8n ${command} to become healthy` },
		);
	} catch {
		if (exited) throw exitedEarly();
		await handle.stop();
		throw new Error(`n8n ${command} did not become healthy within ${timeoutMs} ms\n${log.slice(-5000)}`);
	}
	handle.startupMs = Date.now() - started;
	return handle;
}

module.exports = { startN8n };
