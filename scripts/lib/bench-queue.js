'use strict';
/**
 * n8n in queue mode for the bench's `queue_two_workers` row: a redis-server of Debian's package on
 * 127.0.0.1 (no persistence), then one main (`n8n start`, webhooks, enqueues) and two workers
 * (`n8n worker`) on the bench's instance, as test/e2e/queue-mode.e2e.test.ts starts them. Each
 * worker is its own process with its own memory: its own pace per credential.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { n8nHarness } = require('./test-harness');
const { redisPing } = require('../../test/support/redis-ping');

const h = n8nHarness();
const REDIS = '/usr/bin/redis-server';
const WORKERS = 2;

/** redis-server on a free port (installed with apt-get when missing and root, as the tests do). */
async function startRedis(log) {
	if (!fs.existsSync(REDIS)) {
		const { ensureTestPackages } = require('../../test/support/debian-packages');
		await ensureTestPackages({ log });
		if (!fs.existsSync(REDIS)) throw new Error('redis-server is missing: install it with `apt-get install -y redis-server`');
	}
	const port = await h.freePort();
	const child = spawn(REDIS, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
		detached: true,
		stdio: 'ignore',
	});
	const stop = () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	};
	process.once('exit', stop);
	const deadline = Date.now() + 60_000;
	while (!(await redisPing(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			stop();
			throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}`);
		}
		await h.sleep(100);
	}
	return { port, stop };
}

/** The queue-mode environment of main and workers. */
const queueEnv = (redisPort) => ({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort) });

/**
 * Main and two workers, fresh processes; `waitForWebhook(server)` then waits until the main's
 * webhook runs executions (on a worker). Returns { server (the main), workerRuns() (executions
 * each worker started so far), stop() }.
 */
async function startQueue({ n8n, redisPort, waitForWebhook }) {
	const env = queueEnv(redisPort);
	const server = await n8n.start({ env });
	const workers = [];
	try {
		for (let i = 0; i < WORKERS; i++) {
			workers.push(await n8n.start({ command: 'worker', env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await h.freePort()) } }));
		}
		await waitForWebhook(server);
	} catch (error) {
		await Promise.allSettled([server, ...workers].map((p) => p.stop()));
		throw error;
	}
	return {
		server,
		workerRuns: () => workers.map((w) => (w.output().match(/Worker started execution/g) ?? []).length),
		stop: async () => {
			await Promise.allSettled(workers.map((w) => w.stop()));
			await server.stop();
		},
	};
}

module.exports = { startRedis, startQueue };
