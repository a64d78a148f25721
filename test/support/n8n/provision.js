'use strict';
/** Installing n8n versions (scripts/provision-n8n.sh) and packing this package for them. */
const fs = require('node:fs');
const path = require('node:path');

const { MINUTE, PROVISION_SCRIPT, REPO_ROOT } = require('./constants');
const { cleanEnv, describeFailure, makeTempDir, runProcess } = require('./processes');
const runFolder = require('./run-folder');

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
	// Inside `npm test`, each n8n version is a jest project of its own (jest.config.js), which names
	// the version its e2e files run against.
	if (name === 'ZOOM_IM_E2E_VERSIONS' && typeof globalThis.__ZOOM_IM_E2E_VERSION__ === 'string') return [globalThis.__ZOOM_IM_E2E_VERSION__];
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
 * package folder (used to test the harness with a stand-in package). For the repository: an
 * existing tarball named by the env var ZOOM_IM_E2E_TARBALL is used as is; inside a jest run, the one
 * jest.global-setup.js packed (it waits for it); `ignoreRunFolder` (the global setup itself) packs.
 */
function packPackage({ build = E2E_BUILD, cwd = REPO_ROOT, ignoreRunFolder = false } = {}) {
	const thisRepo = path.resolve(cwd) === REPO_ROOT;
	const shared = process.env.ZOOM_IM_E2E_TARBALL;
	if (shared && thisRepo && fs.existsSync(shared)) return Promise.resolve(shared);
	// jest.global-setup.js packs once per jest run (in the background) and hands the tarball to every test file.
	if (thisRepo && !ignoreRunFolder && runFolder.dir()) return runFolder.waitForPart('tarball.json').then((part) => part.tarball);
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

module.exports = { provisionN8n, versionsFromEnv, E2E_BUILD, packPackage };
