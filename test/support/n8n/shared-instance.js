'use strict';
/**
 * One long-lived `n8n start` per n8n version for the whole test run, shared by every e2e suite whose
 * subject is not the n8n process itself. Booting n8n and migrating a fresh database costs seconds
 * per process; the suites used to pay it for every import and every run.
 *
 * - jest's global setup calls startSharedInstances(): one user folder per version with the packed
 *   package installed the way n8n installs community packages, `n8n start`, the owner set up through
 *   the REST API. What test files need to reach them goes into the run folder (`shared.json`).
 * - A test file calls sharedInstance(version): an object with the same calls as a harness instance
 *   (importCredentials, importWorkflows, execute, exportCredentials), done through n8n's REST API the
 *   way the editor does them: credentials and workflows created, runs started as manual runs, results
 *   read from n8n's saved executions. n8n picks the ids of what is created: the requested ids are
 *   mapped, so tests keep using their own.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');

const { MINUTE } = require('./constants');
const { createInstance } = require('./instance');
const { describeFailure, makeTempDir, runProcess } = require('./processes');
const { signIn } = require('./rest');
const { waitForPart } = require('./run-folder');
const { recordTiming } = require('./timings');

/** What the shared instances run with on top of the harness defaults: every execution is kept, to be read back. */
const SHARED_ENV = {
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
	EXECUTIONS_DATA_PRUNE: 'false',
};

/**
 * Starts one shared n8n per version (side by side). Resolves with { state, stop() }: `state` is what
 * sharedInstance() needs to reach them.
 */
async function startSharedInstances({ versions, tarball }) {
	const stateDir = await makeTempDir('zoom-im-shared');
	const started = await Promise.all(versions.map((version) => startOne({ version, tarball, stateDir })));
	return {
		state: { versions: Object.fromEntries(started.map((s) => [s.version, s.state])) },
		async stop() {
			await Promise.all(started.map((s) => s.stop()));
		},
	};
}

async function startOne({ version, tarball, stateDir }) {
	const began = Date.now();
	const instance = await createInstance({ version, tarball, name: `shared-${version}`, env: SHARED_ENV });
	const logFile = path.join(stateDir, `n8n-${version}.log`);
	const server = await instance.start({ logFile });
	await signIn(server.url, { setUp: true });
	process.stderr.write(`[e2e setup] shared n8n ${version} at ${server.url} (${Date.now() - began} ms, of which start-up ${server.startupMs} ms)\n`);
	return {
		version,
		state: {
			url: server.url,
			dir: instance.dir,
			env: instance.env,
			runtime: instance.runtime,
			logFile,
		},
		async stop() {
			await server.stop();
			await instance.dispose();
		},
	};
}

/**
 * The shared n8n of `version`, signed in, with the calls of a harness instance. `suite` names the
 * caller in the timings. Everything it creates stays in the instance (ids are unique per call).
 */
async function sharedInstance(version, { suite = 'unnamed' } = {}) {
	const entry = (await waitForPart('shared.json')).versions[version];
	if (!entry) throw new Error(`no shared n8n ${version} was started (ZOOM_IM_E2E_VERSIONS)`);
	const client = await signIn(entry.url);
	const credentialIds = new Map(); // requested id -> n8n's id
	const workflows = new Map(); // requested id -> the workflow as n8n saved it
	const major = Number(version.split('.')[0]);

	const withCredentialIds = (workflow) => ({
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.credentials) return node;
			const credentials = {};
			for (const [type, ref] of Object.entries(node.credentials)) {
				credentials[type] = { ...ref, id: credentialIds.get(ref.id) ?? ref.id };
			}
			return { ...node, credentials };
		}),
	});

	const savedWorkflow = (id) => {
		const saved = workflows.get(id);
		if (!saved) throw new Error(`workflow ${id} was not imported into the shared n8n ${version}`);
		return saved;
	};

	const logSize = () => {
		try {
			return fs.statSync(entry.logFile).size;
		} catch {
			return 0;
		}
	};
	const logFrom = async (offset) => {
		const handle = await fsp.open(entry.logFile, 'r');
		try {
			const { size } = await handle.stat();
			const buffer = Buffer.alloc(Math.max(0, size - offset));
			await handle.read(buffer, 0, buffer.length, offset);
			return buffer.toString('utf8');
		} finally {
			await handle.close();
		}
	};

	const instance = {
		version,
		shared: true,
		url: entry.url,
		dir: entry.dir,
		env: entry.env,
		runtime: entry.runtime,
		rest: client,

		async importCredentials(credentials) {
			for (const credential of [].concat(credentials)) {
				if (typeof credential.id !== 'string' || !credential.id) throw new Error('each credential needs an id');
				const created = await client.createCredential(credential);
				credentialIds.set(credential.id, created.id);
			}
		},

		async importWorkflows(list) {
			for (const workflow of [].concat(list)) {
				if (workflows.has(workflow.id)) throw new Error(`duplicate workflow id ${workflow.id}`);
				const created = await client.createWorkflow(withCredentialIds(workflow));
				workflows.set(workflow.id, created);
			}
		},

		/** n8n's id of a workflow imported under `id`. */
		workflowId: (id) => savedWorkflow(id).id,
		/** n8n's id of a credential imported under `id`. */
		credentialId: (id) => credentialIds.get(id),

		/** Activates (2.x: publishes) an imported workflow. */
		activate: (id) => client.activateWorkflow(savedWorkflow(id).id, major),

		/**
		 * Runs an imported workflow as the editor's "Execute workflow" does and waits for it to finish.
		 * Resolves like a harness instance's execute(): { code, output, stdout, stderr, durationMs, executionId }.
		 * stdout holds what the shared n8n logged while the run went on.
		 */
		async execute(id, { timeoutMs = 5 * MINUTE } = {}) {
			const began = Date.now();
			const logOffset = logSize();
			const executionId = await client.runManually(savedWorkflow(id));
			const output = await client.finishedRun(executionId, { timeoutMs });
			const durationMs = Date.now() - began;
			const workMs = output.startedAt && output.stoppedAt ? Date.parse(output.stoppedAt) - Date.parse(output.startedAt) : undefined;
			recordTiming({ kind: 'run', version, suite, startupMs: 0, workMs: workMs ?? durationMs });
			return {
				code: output.status === 'success' ? 0 : 1,
				exitCode: output.status === 'success' ? 0 : 1,
				signal: null,
				timedOut: false,
				output,
				// What `n8n execute --rawOutput` printed: the log, then the run.
				stdout: `${await logFrom(logOffset)}\n${JSON.stringify(output, null, 2)}\n`,
				stderr: '',
				durationMs,
				executionId,
			};
		},

		/** Every credential, decrypted, under the ids the test imported them with (`n8n export:credentials`). */
		async exportCredentials() {
			const file = path.join(entry.dir, 'export', `credentials-${process.pid}-${Date.now()}.json`);
			await fsp.mkdir(path.dirname(file), { recursive: true });
			const result = await runProcess(
				entry.runtime.nodeBin,
				[entry.runtime.n8nBin, 'export:credentials', '--all', '--decrypted', `--output=${file}`],
				{ cwd: entry.dir, env: entry.env, timeoutMs: 5 * MINUTE },
			);
			recordTiming({ kind: 'cli', version, suite, startupMs: result.durationMs, workMs: 0 });
			if (result.code !== 0 || !fs.existsSync(file)) throw describeFailure('n8n export:credentials', result);
			const exported = JSON.parse(await fsp.readFile(file, 'utf8'));
			await fsp.rm(file, { force: true });
			const requested = new Map([...credentialIds].map(([mine, theirs]) => [theirs, mine]));
			return exported.map((credential) => ({ ...credential, id: requested.get(credential.id) ?? credential.id }));
		},

		/** Nothing to end: the instance belongs to the run. */
		async dispose() {},
	};
	return instance;
}

module.exports = { SHARED_ENV, startSharedInstances, sharedInstance };
