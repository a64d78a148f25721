'use strict';
/** Installing the package tarball into an n8n user folder the way n8n installs community packages. */
const fs = require('node:fs');
const path = require('node:path');

const { MINUTE } = require('./constants');
const { describeFailure, runProcess } = require('./processes');

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

module.exports = { installTarball, findPackageDirs };
