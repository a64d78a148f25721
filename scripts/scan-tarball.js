#!/usr/bin/env node
/*
 * Runs n8n's community package scanner (@n8n/scan-community-package) on this package before it is
 * published. The scanner's CLI only scans packages it downloads from the npm registry, so this
 * calls the function the CLI uses after downloading, `analyzePackage()` (the scanner's own ESLint
 * config and rule versions), on the same two sets of files:
 *   - the tarball: `npm pack` into a temporary directory, extracted; its **\/*.js and package.json;
 *   - the source: SOURCE_FILE_PATTERNS (package.json, {nodes,credentials}/**) of this checkout, as
 *     the scanner lints the checkout named by the package's npm provenance.
 * Not covered (they need a published package): the registry download and the provenance check.
 * Exits 1 on any error the scanner reports.
 *
 *   node scripts/scan-tarball.js    # uses the existing dist/ (runs `npm run build` if it is missing)
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-tarball-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

function run(cmd, args, options = {}) {
	const res = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', ...options });
	if (res.status !== 0) {
		console.log(`FAIL  ${cmd} ${args.join(' ')}\n${res.stderr || res.error || ''}`);
		process.exit(1);
	}
	return res.stdout;
}

async function main() {
	if (!fs.existsSync(path.join(repoRoot, 'dist'))) run('npm', ['run', 'build'], { stdio: 'inherit' });
	const packed = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work]));
	const tarball = packed[0].filename;
	run('tar', ['-xzf', path.join(work, tarball), '-C', work]);

	// The scanner creates a download folder in os.tmpdir() when it is loaded: keep it inside ours.
	process.env.TMPDIR = work;
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const version = require('@n8n/scan-community-package/package.json').version;

	const legs = [
		[`source: ${scanner.SOURCE_FILE_PATTERNS.join(', ')}`, repoRoot, scanner.SOURCE_FILE_PATTERNS],
		[`tarball ${tarball}: **/*.js, package.json`, path.join(work, 'package'), ['**/*.js', 'package.json']],
	];
	let failed = 0;
	for (const [label, dir, patterns] of legs) {
		const result = await scanner.analyzePackage(dir, patterns);
		// "No files found" passes in the scanner; here it would mean the scan checked nothing.
		const ok = result.passed && !result.message;
		if (!ok) failed++;
		console.log(`${ok ? 'ok  ' : 'FAIL'}  n8n scanner ${version} (${label})${result.message ? `: ${result.message}` : ''}`);
		if (result.details) console.log(result.details);
	}
	process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
	console.log(`FAIL  scan-tarball crashed: ${(error && error.stack) || error}`);
	process.exit(1);
});
