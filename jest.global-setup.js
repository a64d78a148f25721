'use strict';
/**
 * Jest global setup: once per jest run, before any test file, it starts in the background what the
 * end-to-end tests need, so that unit and integration tests run meanwhile:
 *   - provisions the n8n versions of ZOOM_IM_E2E_VERSIONS (default 2.41.1,1.123.81) side by side;
 *   - builds and packs the package (ZOOM_IM_E2E_BUILD=0: pack dist/ as it is);
 *   - starts one long-lived n8n per version with the package installed (test/support/n8n/shared-instance.js);
 *   - installs the Debian packages the editor and queue-mode tests need, when missing (debian-packages.js).
 * Test files find what is ready in the run folder named by ZOOM_IM_E2E_RUN (see run-folder.js):
 * `tarball.json` once the package is packed and n8n provisioned, `shared.json` once the shared
 * instances answer, `error` if preparing failed. Each n8n process's start-up and work time goes to
 * `timings.jsonl` there, which the summary reporter prints. jest.global-teardown.js stops the instances.
 */
const { ensureTestPackages } = require('./test/support/debian-packages');
const n8n = require('./test/support/n8n');
const runFolder = require('./test/support/n8n/run-folder');
const { startSharedInstances } = require('./test/support/n8n/shared-instance');

module.exports = async function globalSetup() {
	const started = Date.now();
	const versions = n8n.versionsFromEnv();
	runFolder.create();
	const log = (text) => process.stderr.write(`[e2e setup] ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
	const preparing = (async () => {
		// Each version has its own lock and folder; installing them side by side saves minutes on a cold cache.
		const [tarball] = await Promise.all([
			process.env.ZOOM_IM_E2E_TARBALL || n8n.packPackage({ ignoreRunFolder: true }),
			...versions.map((version) => n8n.provisionN8n(version)),
		]);
		runFolder.write('tarball.json', { tarball, versions });
		log(`n8n ${versions.join(', ')} provisioned; package ${tarball}`);
		const shared = await startSharedInstances({ versions, tarball });
		globalThis.__zoomImShared = shared;
		runFolder.write('shared.json', shared.state);
		log('shared n8n instances ready');
	})();
	// A failed install is the tests' to report (each names the package it lacks), not every e2e file's.
	const packages = ensureTestPackages({ log })
		.catch((error) => ({ installed: [], skipped: String(error?.message ?? error) }))
		.then((result) => {
			runFolder.write('system.json', result);
			log(result.skipped ? `Debian packages not installed: ${result.skipped}` : `Debian packages ready${result.installed.length ? ` (installed ${result.installed.join(' ')})` : ''}`);
		});
	globalThis.__zoomImPreparing = Promise.all([
		packages,
		preparing.catch((error) => {
			runFolder.fail(error);
			log(`preparing n8n failed: ${error?.stack ?? error}`);
		}),
	]);
};
