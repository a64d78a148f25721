'use strict';
/**
 * Jest global setup for the end-to-end tests (test/e2e): once per jest run, before any test file,
 *   - builds and packs the package (ZOOM_IM_E2E_BUILD=0: pack dist/ as it is) and hands the tarball
 *     to every test file through ZOOM_IM_E2E_TARBALL (jest gives each test file a fresh module
 *     registry, so test/support/n8n.js's own memo would otherwise build and pack once per file);
 *   - provisions the n8n versions of ZOOM_IM_E2E_VERSIONS (default 2.41.1,1.123.81), so that a first
 *     install (minutes) shows up here and not as a beforeAll timeout.
 * The tarball's temp dir is removed when the jest process exits. ZOOM_IM_E2E_TARBALL set by the
 * caller is used as is.
 */
const n8n = require('./test/support/n8n');

module.exports = async function globalSetup() {
	const started = Date.now();
	const versions = n8n.versionsFromEnv();
	// Each version has its own lock and folder; installing them side by side saves minutes on a cold cache.
	await Promise.all(versions.map((version) => n8n.provisionN8n(version)));
	if (!process.env.ZOOM_IM_E2E_TARBALL) {
		process.env.ZOOM_IM_E2E_TARBALL = await n8n.packPackage();
	}
	process.stderr.write(
		`\n[e2e setup] n8n ${versions.join(', ')} ready; package ${process.env.ZOOM_IM_E2E_TARBALL} (${Date.now() - started} ms)\n`,
	);
};
