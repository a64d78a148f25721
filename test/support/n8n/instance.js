'use strict';
/** An n8n instance: one fresh user folder with the package installed, and the n8n commands run on it. */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');

const { ENCRYPTION_KEY, MINUTE } = require('./constants');
const { installTarball } = require('./install');
const { freePort } = require('./network');
const { cleanEnv, describeFailure, killGroup, liveChildren, makeTempDir, removeTempDir, runProcess } = require('./processes');
const { provisionN8n } = require('./provision');
const { parseExecuteOutput } = require('./run-output');
const { startN8n } = require('./server');
const { recordTiming } = require('./timings');

function n8nEnv({ runtime, userFolder, brokerPort, extra }) {
	const env = cleanEnv();
	env.PATH = `${path.dirname(runtime.nodeBin)}${path.delimiter}${env.PATH ?? ''}`;
	Object.assign(env, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
		// n8n's own telemetry/network extras we never want in tests
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PUBLIC_API_DISABLED: 'true',
	});
	if (Number(runtime.version.split('.')[0]) < 2) {
		env.N8N_EXPRESSION_ENGINE = 'legacy';
		// 1.x's default SQLite driver (pool size 0) saves an execution's status and its data in two
		// statements: a test reading the execution can see "error" beside the data of a run still
		// going. The pooled driver (2.x's default, pool size 3) saves both in one transaction.
		env.DB_SQLITE_POOL_SIZE = '3';
	}
	return Object.assign(env, extra);
}

/**
 * One fresh n8n user folder in a temp dir, with the package tarball (if given) installed the way
 * n8n installs community packages. Call dispose() when done.
 */
async function createInstance({ version, runtime, tarball, name = 'n8n', env: extraEnv = {} } = {}) {
	const rt = runtime ?? (await provisionN8n(version));
	const root = await makeTempDir(`zoom-im-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
	const userFolder = root;
	const n8nFolder = path.join(userFolder, '.n8n');
	const nodesDir = path.join(n8nFolder, 'nodes');
	const brokerPort = await freePort();
	const env = n8nEnv({ runtime: rt, userFolder, brokerPort, extra: extraEnv });
	const owned = new Set();
	const timings = {};
	let counter = 0;

	const instance = {
		name,
		version: rt.version,
		runtime: rt,
		dir: root,
		userFolder,
		nodesDir,
		env,
		brokerPort,
		timings,

		/**
		 * Runs `n8n <args…>` to completion with this instance's environment. Its whole life counts as
		 * start-up in the timings unless `workMs(result)` tells the part that was work.
		 */
		async cli(args, { timeoutMs = 5 * MINUTE, env: more, stdoutFile, workMs } = {}) {
			const result = await runProcess(rt.nodeBin, [rt.n8nBin, ...args], {
				cwd: root,
				env: more ? { ...env, ...more } : env,
				timeoutMs,
				owner: owned,
				stdoutFile,
			});
			const work = Math.min(result.durationMs, workMs?.(result) ?? 0);
			recordTiming({ kind: `cli ${args[0]}`, version: rt.version, suite: name, startupMs: result.durationMs - work, workMs: work });
			return result;
		},

		async importCredentials(credentials) {
			const list = Array.isArray(credentials) ? credentials : [credentials];
			for (const credential of list) {
				if (typeof credential.id !== 'string' || !credential.id) throw new Error('each credential needs an id');
			}
			const file = path.join(root, 'import', `credentials-${++counter}.json`);
			await fsp.mkdir(path.dirname(file), { recursive: true });
			await fsp.writeFile(file, JSON.stringify(list, null, 2));
			const result = await instance.cli(['import:credentials', `--input=${file}`]);
			await fsp.rm(file, { force: true }); // holds plain secrets
			if (result.code !== 0 || !/Successfully imported/.test(result.stdout + result.stderr)) {
				throw describeFailure('n8n import:credentials', result);
			}
			return result;
		},

		async importWorkflows(workflows) {
			const list = Array.isArray(workflows) ? workflows : [workflows];
			const dir = path.join(root, 'import', `workflows-${++counter}`);
			await fsp.mkdir(dir, { recursive: true });
			const ids = new Set();
			for (const workflow of list) {
				if (typeof workflow.id !== 'string' || workflow.id.length !== 16) {
					throw new Error(`workflow "${workflow.name}" needs a 16-character id, has ${workflow.id}`);
				}
				if (ids.has(workflow.id)) throw new Error(`duplicate workflow id ${workflow.id}`);
				ids.add(workflow.id);
				await fsp.writeFile(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
			}
			const result = await instance.cli(['import:workflow', '--separate', `--input=${dir}`]);
			const expected = new RegExp(`Successfully imported ${list.length} workflows?\\.`);
			if (result.code !== 0 || !expected.test(result.stdout + result.stderr)) {
				throw describeFailure(`n8n import:workflow (${list.length} workflows)`, result);
			}
			return result;
		},

		/** `n8n execute --id=<id> --rawOutput`; output is the parsed run (also for failed runs), or null. */
		async execute(workflowId, { timeoutMs = 5 * MINUTE } = {}) {
			const outDir = path.join(root, 'out');
			await fsp.mkdir(outDir, { recursive: true });
			const stdoutFile = path.join(outDir, `execute-${++counter}.txt`);
			let output;
			const result = await instance.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
				timeoutMs,
				stdoutFile,
				workMs: (done) => {
					output = parseExecuteOutput(done.stdout);
					return output?.startedAt && output?.stoppedAt ? Date.parse(output.stoppedAt) - Date.parse(output.startedAt) : 0;
				},
			});
			let code = result.code;
			// n8n 2.x with its default "vm" expression engine (isolated-vm on Node 24) sometimes dies
			// with SIGSEGV while exiting, after it printed the complete result. Report the exit code the
			// run would have had; `signal` keeps what really happened.
			// (Seen on about half of the failed runs and a third of the successful ones here.)
			if (result.signal === 'SIGSEGV' && output && typeof output.status === 'string') {
				code = output.status === 'success' ? 0 : 1;
			}
			return {
				code,
				exitCode: result.code,
				signal: result.signal,
				timedOut: result.timedOut,
				output,
				stdout: result.stdout,
				stderr: result.stderr,
				durationMs: result.durationMs,
			};
		},

		/** All credentials, decrypted (`n8n export:credentials --all --decrypted`). */
		async exportCredentials() {
			const file = path.join(root, 'export', `credentials-${++counter}.json`);
			await fsp.mkdir(path.dirname(file), { recursive: true });
			const result = await instance.cli(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
			if (result.code !== 0 || !fs.existsSync(file)) throw describeFailure('n8n export:credentials', result);
			const data = JSON.parse(await fsp.readFile(file, 'utf8'));
			await fsp.rm(file, { force: true });
			return data;
		},

		/** `n8n start` (or `n8n worker`) of this instance: see ./server.js. */
		async start(options) {
			const server = await startN8n({ rt, root, env, owned }, options);
			recordTiming({ kind: `start ${options?.command ?? 'start'}`, version: rt.version, suite: name, startupMs: server.startupMs });
			return server;
		},
		/** Kills every process of this instance and removes its folder. */
		async dispose() {
			const waits = [];
			for (const pid of owned) {
				const child = liveChildren.get(pid);
				killGroup(pid, 'SIGKILL');
				if (child && child.exitCode === null && child.signalCode === null) {
					waits.push(new Promise((resolve) => child.once('close', resolve)));
				}
			}
			let timer;
			await Promise.race([Promise.all(waits), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
			clearTimeout(timer);
			owned.clear();
			await removeTempDir(root);
		},
	};

	await fsp.mkdir(nodesDir, { recursive: true });
	await fsp.writeFile(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	if (tarball) {
		try {
			timings.installMs = await installTarball({ nodesDir, tarball, runtime: rt, env, owned });
		} catch (error) {
			await instance.dispose();
			throw error;
		}
	}
	return instance;
}

module.exports = { n8nEnv, createInstance };
