'use strict';
/**
 * Harness for running the packed package inside a real n8n (see shared/n8n-runtime-notes.md).
 *
 * CommonJS on purpose: plain node scripts (scripts/demo.js, scripts/dev.js) and the jest TypeScript
 * tests use the same code. Types are in ./n8n.d.ts.
 *
 * Everything here runs n8n as child processes, asynchronously (the Zoom simulator usually lives in
 * the same process and must keep answering while n8n runs). Every child is started in its own
 * process group and killed, with its group, when its instance is disposed or this process exits.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-zoom-im';
const PROVISION_SCRIPT = path.join(REPO_ROOT, 'scripts', 'provision-n8n.sh');
/** Fixed so that credentials imported by one command can be decrypted by the next. */
const ENCRYPTION_KEY = 'zoom-im-e2e-fixed-encryption-key-not-a-secret';

const MINUTE = 60_000;

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
		reaper = spawn(process.execPath, [path.join(__dirname, 'reaper.js')], {
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
// Temp dirs and ports
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

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Resolves when 127.0.0.1:port refuses connections (nothing listens any more). */
async function waitPortClosed(port, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const open = await new Promise((resolve) => {
			const socket = net.connect({ host: '127.0.0.1', port });
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (!open) return;
		await sleep(100);
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Provisioning and packing
// ---------------------------------------------------------------------------------------------

const provisioned = new Map();

/**
 * Installs (or reuses the cached install of) n8n `version` with scripts/provision-n8n.sh.
 * The script's progress goes to this process's stderr.
 */
function provisionN8n(version) {
	if (!provisioned.has(version)) {
		const promise = (async () => {
			const result = await runProcess('bash', [PROVISION_SCRIPT, version], {
				inheritStderr: true,
				timeoutMs: 30 * MINUTE,
			});
			if (result.code !== 0) throw describeFailure(`provision-n8n.sh ${version}`, result);
			const lines = result.stdout.trim().split('\n');
			const dir = lines[lines.length - 1].trim();
			const nodeBin = fs.readFileSync(path.join(dir, '.node'), 'utf8').trim();
			const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
			if (!fs.existsSync(nodeBin)) throw new Error(`node binary ${nodeBin} (from ${dir}/.node) is missing`);
			if (!fs.existsSync(n8nBin)) throw new Error(`n8n binary ${n8nBin} is missing`);
			return { version, dir, nodeBin, n8nBin };
		})();
		provisioned.set(version, promise);
		promise.catch(() => provisioned.delete(version));
	}
	return provisioned.get(version);
}

/**
 * The n8n versions the tests run against: comma-separated in the env var `name`; unset or empty
 * means `fallback`.
 */
function versionsFromEnv(name = 'ZOOM_IM_E2E_VERSIONS', fallback = '2.41.1,1.123.81') {
	return (process.env[name] || fallback)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

/** ZOOM_IM_E2E_BUILD=0: the tests pack dist/ as it is instead of running `npm run build` first. */
const E2E_BUILD = process.env.ZOOM_IM_E2E_BUILD !== '0';

const packs = new Map();

/**
 * `npm run build` (unless build is false; by default as ZOOM_IM_E2E_BUILD says) then `npm pack` of
 * the repository into a temp dir. Memoised per process and per `build` value; `cwd` packs another
 * package folder (used to test the harness with a stand-in package). For the repository, an
 * existing tarball named by the env var ZOOM_IM_E2E_TARBALL (set by jest.global-setup.js) is used
 * as is.
 */
function packPackage({ build = E2E_BUILD, cwd = REPO_ROOT } = {}) {
	// jest.global-setup.js packs once per jest run and hands the tarball to every test file.
	const shared = process.env.ZOOM_IM_E2E_TARBALL;
	if (shared && path.resolve(cwd) === REPO_ROOT && fs.existsSync(shared)) return Promise.resolve(shared);
	const key = `${cwd}|${build}`;
	if (!packs.has(key)) {
		const promise = (async () => {
			const env = cleanEnv();
			if (build) {
				const built = await runProcess('npm', ['run', 'build'], { cwd, env, timeoutMs: 10 * MINUTE });
				if (built.code !== 0) throw describeFailure('npm run build', built);
			}
			const destination = await makeTempDir('zoom-im-pack');
			const packed = await runProcess(
				'npm',
				['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
				{ cwd, env, timeoutMs: 5 * MINUTE },
			);
			if (packed.code !== 0) throw describeFailure('npm pack', packed);
			const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
			const tarball = path.join(destination, info[0].filename);
			if (!fs.existsSync(tarball)) throw new Error(`npm pack reported ${tarball}, which does not exist`);
			return tarball;
		})();
		packs.set(key, promise);
		promise.catch(() => packs.delete(key));
	}
	return packs.get(key);
}

// ---------------------------------------------------------------------------------------------
// Output parsing and run data
// ---------------------------------------------------------------------------------------------

/**
 * The run JSON in the stdout of `n8n execute --rawOutput` (or of a failed execution, which n8n
 * logs as indented JSON between other lines): from the first line that is exactly `{` to the
 * first later line that is exactly `}`. Inner lines of JSON.stringify(…, null, 2) are indented,
 * so the top-level braces are the only unindented ones. Returns null when there is none.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	const start = lines.findIndex((line) => line.trimEnd() === '{');
	if (start < 0) return null;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end].trimEnd() !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* keep looking for a later closing brace */
		}
	}
	return null;
}

function nodeRun(output, nodeName, runIndex = 0) {
	const runs = output?.data?.resultData?.runData?.[nodeName];
	return runs ? runs[runIndex] : undefined;
}

/** Items (full n8n items, with json and pairedItem) of one output of a node's run. */
function nodeItems(output, nodeName, { runIndex = 0, outputIndex = 0 } = {}) {
	const run = nodeRun(output, nodeName, runIndex);
	return run?.data?.main?.[outputIndex] ?? [];
}

/** json of each item a node produced, its executionTime in ms and its error (if any). */
function nodeResult(output, nodeName, options = {}) {
	const run = nodeRun(output, nodeName, options.runIndex ?? 0);
	const items = nodeItems(output, nodeName, options);
	return {
		ran: run !== undefined,
		items: items.map((item) => item.json),
		pairedItems: items.map((item) => item.pairedItem),
		executionTime: run?.executionTime,
		error: run?.error,
	};
}

function nodeJson(output, nodeName, options) {
	return nodeResult(output, nodeName, options).items;
}

function executionError(output) {
	return output?.data?.resultData?.error;
}

function nodeError(output, nodeName, runIndex = 0) {
	return nodeRun(output, nodeName, runIndex)?.error;
}

/** The input-item index a pairedItem points at (first one for arrays). */
function pairedIndex(pairedItem) {
	if (pairedItem === undefined || pairedItem === null) return undefined;
	if (typeof pairedItem === 'number') return pairedItem;
	if (Array.isArray(pairedItem)) return pairedIndex(pairedItem[0]);
	return pairedItem.item;
}

// ---------------------------------------------------------------------------------------------
// Workflow and credential JSON
// ---------------------------------------------------------------------------------------------

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 16-character workflow / credential id (n8n's nanoid shape). */
function makeId(prefix = '') {
	let id = prefix.replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
	const bytes = crypto.randomBytes(16);
	for (let i = 0; id.length < 16; i++) id += ID_ALPHABET[bytes[i] % ID_ALPHABET.length];
	return id;
}

const ZOOM_NODE_TYPE = `${PACKAGE_NAME}.zoomImMessages`;
const ZOOM_TRIGGER_TYPE = `${PACKAGE_NAME}.zoomImMessagesTrigger`;
const OAUTH2_CREDENTIAL_TYPE = 'zoomImOAuth2Api';
const S2S_CREDENTIAL_TYPE = 'zoomImServerToServerOAuthApi';

function manualTriggerNode(name = 'Manual Trigger') {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/**
 * A workflow that starts with a Manual Trigger. Without `connections`, the trigger and `nodes` are
 * chained in order (trigger → nodes[0] → nodes[1] …). Pass `trigger: false` when `nodes` already
 * contains the start node.
 */
function manualWorkflow({ id = makeId(), name, nodes = [], connections, trigger = true, settings } = {}) {
	if (typeof id !== 'string' || id.length !== 16) throw new Error(`workflow id must have 16 characters: ${id}`);
	const all = trigger ? [manualTriggerNode(), ...nodes] : [...nodes];
	all.forEach((node, index) => {
		if (!node.id) node.id = crypto.randomUUID();
		if (!node.position) node.position = [index * 220, 0];
	});
	let links = connections;
	if (!links) {
		links = {};
		for (let i = 0; i + 1 < all.length; i++) {
			links[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
		}
	}
	return {
		id,
		name: name ?? `e2e ${id}`,
		active: false,
		nodes: all,
		connections: links,
		settings: { executionOrder: 'v1', ...settings },
		pinData: {},
	};
}

/**
 * A Zoom IM Messages node (typeVersion 1). `continueOnFail: true` sets "On Error: Continue"
 * (onError continueRegularOutput), which is what the editor's "Continue On Fail" stores.
 */
function zoomNode({
	name = 'Zoom IM Messages',
	parameters = {},
	credentialId,
	credentialName = 'Zoom IM (simulator)',
	authentication = 'oAuth2',
	continueOnFail = false,
	type = ZOOM_NODE_TYPE,
} = {}) {
	const credentialType = authentication === 'serverToServer' ? S2S_CREDENTIAL_TYPE : OAUTH2_CREDENTIAL_TYPE;
	const node = {
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion: 1,
		parameters: { authentication, ...parameters },
		credentials: { [credentialType]: { id: credentialId, name: credentialName } },
	};
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return node;
}

/** A Set node (typeVersion 3.4, "JSON" mode) whose output is `json` (an expression string or object). */
function setJsonNode({ name = 'Set', json }) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'raw',
			jsonOutput: typeof json === 'string' ? json : JSON.stringify(json),
			options: {},
		},
	};
}

/** A Split Out node (typeVersion 1) that turns each element of the array `field` into an item. */
function splitOutNode({ name = 'Split Out', field }) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: field, options: {} },
	};
}

/**
 * Nodes that turn the single Manual Trigger item into one item per element of `items`
 * (Set → Split Out). Works on both n8n versions without the Code node's task runner.
 */
function itemsNodes(items, { name = 'Items' } = {}) {
	return [
		setJsonNode({ name: `${name} (set)`, json: { __items: items } }),
		splitOutNode({ name, field: '__items' }),
	];
}

/** The import JSON of a zoomImOAuth2Api credential pointing at the simulator (environment custom). */
function zoomOAuth2Credential({ id = makeId('cred'), name = 'Zoom IM (simulator)', sim, tokens, clientId, clientSecret } = {}) {
	if (!sim) throw new Error('zoomOAuth2Credential needs sim');
	return {
		id,
		name,
		type: OAUTH2_CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			oauthBaseUrl: sim.oauthBaseUrl,
			apiBaseUrl: sim.apiBaseUrl,
			clientId: clientId ?? sim.client.clientId,
			clientSecret: clientSecret ?? sim.client.clientSecret,
			grantType: 'authorizationCode',
			oauthTokenData: tokens ?? sim.issueTokens(),
		},
	};
}

/** The import JSON of a zoomImServerToServerOAuthApi credential pointing at the simulator. */
function zoomS2SCredential({ id = makeId('s2s'), name = 'Zoom IM S2S (simulator)', sim, accountId, clientId, clientSecret } = {}) {
	if (!sim) throw new Error('zoomS2SCredential needs sim');
	return {
		id,
		name,
		type: S2S_CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			oauthBaseUrl: sim.oauthBaseUrl,
			apiBaseUrl: sim.apiBaseUrl,
			accountId: accountId ?? sim.client.accountId,
			clientId: clientId ?? sim.client.clientId,
			clientSecret: clientSecret ?? sim.client.clientSecret,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------

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
	if (Number(runtime.version.split('.')[0]) < 2) env.N8N_EXPRESSION_ENGINE = 'legacy';
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

		/** Runs `n8n <args…>` to completion with this instance's environment. */
		cli(args, { timeoutMs = 5 * MINUTE, env: more, stdoutFile } = {}) {
			return runProcess(rt.nodeBin, [rt.n8nBin, ...args], {
				cwd: root,
				env: more ? { ...env, ...more } : env,
				timeoutMs,
				owner: owned,
				stdoutFile,
			});
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
			const result = await instance.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs, stdoutFile });
			const output = parseExecuteOutput(result.stdout);
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

		/**
		 * `n8n start` on 127.0.0.1:port; resolves once /healthz/readiness and /rest/settings answer 200. The returned handle's
		 * stop() ends it (SIGTERM, then SIGKILL). Output is kept in handle.output() and, with
		 * `echo: true`, copied to this process's stderr.
		 *
		 * `command: 'worker'` starts `n8n worker` instead (queue mode: pass EXECUTIONS_MODE,
		 * QUEUE_BULL_REDIS_* and a distinct N8N_RUNNERS_BROKER_PORT in `env`); its health server listens
		 * on `port`, and it counts as started once /healthz/readiness answers 200. `args` are appended.
		 */
		async start({ port, echo = false, timeoutMs = 3 * MINUTE, env: more = {}, command = 'start', args = [] } = {}) {
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
			const collect = (chunk) => {
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
			const deadline = started + timeoutMs;
			while (true) {
				if (exited) {
					throw new Error(`n8n ${command} exited early (${JSON.stringify(exited)})\n${log.slice(-5000)}`);
				}
				if (Date.now() > deadline) {
					await handle.stop();
					throw new Error(`n8n ${command} did not become healthy within ${timeoutMs} ms\n${log.slice(-5000)}`);
				}
				// A worker has no REST API: its readiness means database and Redis are connected.
				if (worker && (await httpStatus(`${url}/healthz/readiness`)) === 200) break;
				// /healthz answers long before the REST routes exist; readiness (2.x: fully started,
				// 1.x: database ready) plus the public /rest/settings means the editor API is up.
				if ((await httpStatus(`${url}/healthz/readiness`)) === 200 && (await httpStatus(`${url}/rest/settings`)) === 200) break;
				await sleep(250);
			}
			handle.startupMs = Date.now() - started;
			return handle;
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

/**
 * `npm install <tarball>` in <userFolder>/.n8n/nodes without peer, dev and optional dependencies
 * (as n8n's community-package installer does), using the n8n version's Node. Fails when a second
 * n8n-workflow lands under the nodes folder (it would break `instanceof` checks in n8n).
 */
async function installTarball({ nodesDir, tarball, runtime, env, owned }) {
	const started = Date.now();
	const result = await runProcess(
		'npm',
		[
			'install',
			tarball,
			'--omit=peer',
			'--omit=dev',
			'--omit=optional',
			'--no-audit',
			'--no-fund',
			'--ignore-scripts',
			// n8n deletes peerDependencies from the package before installing; npm's equivalent is
			// --legacy-peer-deps (with only --omit=peer npm still resolves n8n-workflow's whole tree
			// against the registry: ~15 s instead of ~1 s).
			'--legacy-peer-deps',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: nodesDir, env, timeoutMs: 10 * MINUTE, owner: owned },
	);
	if (result.code !== 0) throw describeFailure(`npm install ${tarball} (Node ${runtime.nodeBin})`, result);
	const strays = findPackageDirs(path.join(nodesDir, 'node_modules'), 'n8n-workflow');
	if (strays.length > 0) {
		throw new Error(`installing ${tarball} put n8n-workflow under the nodes folder: ${strays.join(', ')}`);
	}
	return Date.now() - started;
}

/** Every <…>/node_modules/<name> directory below `nodeModules` (recursively). */
function findPackageDirs(nodeModules, name) {
	const found = [];
	const visit = (dir) => {
		let entries;
		try {
			entries = fs.readdirSync(dir, { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			if (!entry.isDirectory()) continue;
			const full = path.join(dir, entry.name);
			if (entry.name.startsWith('@')) {
				for (const scoped of fs.readdirSync(full, { withFileTypes: true })) {
					if (scoped.isDirectory()) visitPackage(path.join(full, scoped.name), `${entry.name}/${scoped.name}`);
				}
			} else if (!entry.name.startsWith('.')) {
				visitPackage(full, entry.name);
			}
		}
	};
	const visitPackage = (dir, pkgName) => {
		if (pkgName === name) found.push(dir);
		visit(path.join(dir, 'node_modules'));
	};
	visit(nodeModules);
	return found;
}

function httpStatus(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: timeoutMs }, (res) => {
			res.resume();
			resolve(res.statusCode);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
	});
}

module.exports = {
	REPO_ROOT,
	PACKAGE_NAME,
	ENCRYPTION_KEY,
	ZOOM_NODE_TYPE,
	ZOOM_TRIGGER_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
	S2S_CREDENTIAL_TYPE,
	E2E_BUILD,
	versionsFromEnv,
	provisionN8n,
	packPackage,
	createInstance,
	installTarball,
	parseExecuteOutput,
	nodeRun,
	nodeItems,
	nodeResult,
	nodeJson,
	executionError,
	nodeError,
	pairedIndex,
	makeId,
	manualTriggerNode,
	manualWorkflow,
	zoomNode,
	setJsonNode,
	splitOutNode,
	itemsNodes,
	zoomOAuth2Credential,
	zoomS2SCredential,
	freePort,
	runProcess,
	makeTempDir,
	removeTempDir,
	sleep,
};
