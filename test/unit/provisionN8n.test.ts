/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test code: runs under jest in Node and runs the provisioning script, never inside n8n */
/**
 * scripts/provision-n8n.sh against a stand-in `npm` (first on PATH) that behaves like npm where it
 * matters here: `npm_config_ignore_scripts=true` in the environment (what `npm test` hands its
 * children when .npmrc says ignore-scripts=true) makes `rebuild` build nothing, unless the command
 * line says `--ignore-scripts=false`. The stand-in "builds" sqlite3 by writing a module that loads,
 * and installs an `n8n` whose `--version` prints the requested version; `npm config get nodedir` answers
 * FAKE_NPM_NODEDIR or "undefined"; `ci` installs like `install`. No network is used.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../scripts/provision-n8n.sh');
const VERSION = '1.99.0'; // a 1.x version: the machine's Node, no Node 24 download

const FAKE_NPM = `#!/usr/bin/env bash
echo "npm $* ignore_scripts_env=\${npm_config_ignore_scripts:-unset} nodedir_env=\${npm_config_nodedir:-unset}" >> "$FAKE_NPM_LOG"
case "$1" in
  config)
    # npm config get nodedir: what the user's npmrc says, or "undefined".
    echo "\${FAKE_NPM_NODEDIR:-undefined}" ;;
  install|ci)
    version=$(node -p "require('./package.json').dependencies.n8n")
    mkdir -p node_modules/n8n/bin node_modules/sqlite3
    printf '#!/usr/bin/env node\\nconsole.log(%s)\\n' "'$version'" > node_modules/n8n/bin/n8n
    # sqlite3 as installed with --ignore-scripts: no native binding yet.
    echo "throw new Error('Could not locate the bindings file')" > node_modules/sqlite3/index.js ;;
  rebuild)
    scripts_off="\${npm_config_ignore_scripts:-false}"
    for arg in "$@"; do case "$arg" in --ignore-scripts=false) scripts_off=false ;; --ignore-scripts|--ignore-scripts=true) scripts_off=true ;; esac; done
    if [ "$scripts_off" != "true" ] && [ -z "\${FAKE_NPM_BROKEN_BUILD:-}" ]; then
      echo "module.exports = {}" > node_modules/sqlite3/index.js
    fi ;;
esac
`;

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
	npmCalls: string[];
}

describe('provision-n8n.sh', () => {
	let root: string;
	let cache: string;
	let bin: string;
	let npmLog: string;

	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'provision-test-'));
		cache = path.join(root, 'cache');
		bin = path.join(root, 'bin');
		npmLog = path.join(root, 'npm.log');
		fs.mkdirSync(bin);
		fs.writeFileSync(path.join(bin, 'npm'), FAKE_NPM, { mode: 0o755 });
	});
	afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

	function provision(extraEnv: Record<string, string> = {}): Run {
		fs.writeFileSync(npmLog, '');
		const result = spawnSync('bash', [SCRIPT, VERSION], {
			encoding: 'utf8',
			env: {
				...process.env,
				PATH: `${bin}:${process.env.PATH}`,
				ZOOM_IM_RUNTIME_CACHE: cache,
				// No lockfile for VERSION unless a test writes one.
				ZOOM_IM_RUNTIME_LOCKS: path.join(root, 'locks'),
				FAKE_NPM_LOG: npmLog,
				// As `npm test` / `npm run demo` hand it to every script they start.
				npm_config_ignore_scripts: 'true',
				...extraEnv,
			},
		});
		const npmCalls = fs.readFileSync(npmLog, 'utf8').split('\n').filter(Boolean);
		return { status: result.status, stdout: result.stdout, stderr: result.stderr, npmCalls };
	}

	const install = () => path.join(cache, `n8n-${VERSION}`);
	const stamped = () => fs.existsSync(path.join(install(), '.complete'));

	it('builds the native modules even when npm hands it ignore-scripts=true, and stamps an install that starts', () => {
		const run = provision();
		expect(run.status).toBe(0);
		expect(run.stdout.trim().split('\n').pop()).toBe(install());
		const rebuild = run.npmCalls.find((call) => call.startsWith('npm rebuild'));
		expect(rebuild).toContain('--ignore-scripts=false');
		expect(rebuild).toContain('sqlite3');
		// npm's own config from the parent npm does not reach the runtime's npm at all.
		expect(rebuild).toContain('ignore_scripts_env=unset');
		expect(stamped()).toBe(true);
	});

	it('never stamps an install whose sqlite3 does not load', () => {
		const run = provision({ FAKE_NPM_BROKEN_BUILD: '1' });
		expect(run.status).not.toBe(0);
		expect(run.stderr).toContain('sqlite3 does not load');
		expect(stamped()).toBe(false);
	});

	it('reuses a stamped install that starts, without calling npm', () => {
		expect(provision().status).toBe(0);
		const again = provision();
		expect(again.status).toBe(0);
		expect(again.npmCalls).toEqual([]);
	});

	it('installs again when a stamped install no longer starts n8n', () => {
		expect(provision().status).toBe(0);
		// What a cache provisioned by the old script looks like: stamped, but no native binding.
		fs.writeFileSync(path.join(install(), 'node_modules/sqlite3/index.js'), "throw new Error('no binding')");
		const again = provision();
		expect(again.status).toBe(0);
		expect(again.stderr).toContain('installing it again');
		expect(again.npmCalls.map((call) => call.split(' ')[1])).toEqual(['install', 'config', 'rebuild']);
		expect(stamped()).toBe(true);
	});

	it('points node-gyp at the running Node’s own headers when npm’s config names none (node-gyp would download them)', () => {
		const node = spawnSync('bash', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout.trim();
		const prefix = path.dirname(path.dirname(node));
		const hasHeaders = fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h'));
		const run = provision();
		expect(run.status).toBe(0);
		const rebuild = run.npmCalls.find((call) => call.startsWith('npm rebuild'));
		expect(rebuild).toContain(`nodedir_env=${hasHeaders ? prefix : 'unset'}`);
	});

	it('leaves node-gyp to npm’s config when it names a nodedir', () => {
		const run = provision({ FAKE_NPM_NODEDIR: '/opt/node-headers' });
		expect(run.status).toBe(0);
		const rebuild = run.npmCalls.find((call) => call.startsWith('npm rebuild'));
		expect(rebuild).toContain('nodedir_env=unset');
	});

	it('resolves the dependency tree (npm install) for a version without a committed lockfile', () => {
		const run = provision();
		expect(run.status).toBe(0);
		expect(run.npmCalls.map((call) => call.split(' ')[1])).toEqual(['install', 'config', 'rebuild']);
		expect(JSON.parse(fs.readFileSync(path.join(install(), 'package.json'), 'utf8')).dependencies).toEqual({ n8n: VERSION });
	});

	it('installs a version with a committed lockfile with npm ci, from that lockfile and its package.json', () => {
		const locked = path.join(root, 'locks', `n8n-${VERSION}`);
		fs.mkdirSync(locked, { recursive: true });
		const manifest = { name: `n8n-runtime-${VERSION}`, private: true, dependencies: { n8n: VERSION }, overrides: { marker: '1.0.0' } };
		fs.writeFileSync(path.join(locked, 'package.json'), JSON.stringify(manifest));
		fs.writeFileSync(path.join(locked, 'package-lock.json'), JSON.stringify({ name: manifest.name, lockfileVersion: 3, packages: {} }));
		const run = provision();
		expect(run.status).toBe(0);
		expect(run.npmCalls.map((call) => call.split(' ')[1])).toEqual(['ci', 'config', 'rebuild']);
		expect(run.npmCalls[0]).toContain('--ignore-scripts');
		expect(JSON.parse(fs.readFileSync(path.join(install(), 'package.json'), 'utf8'))).toEqual(manifest);
		expect(fs.readFileSync(path.join(install(), 'package-lock.json'), 'utf8')).toBe(fs.readFileSync(path.join(locked, 'package-lock.json'), 'utf8'));
		expect(stamped()).toBe(true);
	});

	it('has a lockfile for each n8n version the tests run against, naming that n8n version', () => {
		for (const version of ['2.41.1', '1.123.81']) {
			const folder = path.resolve(__dirname, '../../scripts/runtimes', `n8n-${version}`);
			const lock = JSON.parse(fs.readFileSync(path.join(folder, 'package-lock.json'), 'utf8'));
			expect(JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')).dependencies).toEqual({ n8n: version });
			expect(lock.packages['node_modules/n8n'].version).toBe(version);
		}
	});
});
