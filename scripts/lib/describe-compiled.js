'use strict';
/**
 * What n8n reads from compiled node and credential classes: for each file, the class named after
 * the file (up to the first dot) is constructed and its name, icons and (for nodes) the
 * credentials it uses are reported, or why it could not be loaded.
 *
 * `describeCompiled(root, files, nodeModules)` does this in a child process (this file run as a
 * program, `node describe-compiled.js <root> <file>…`, printing JSON), with `nodeModules` on
 * NODE_PATH, so that the checker's own process loads nothing from the package under test.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function iconPaths(icon) {
	if (!icon) return [];
	if (typeof icon === 'string') return [icon];
	return [icon.light, icon.dark].filter(Boolean);
}

function describeOne(root, rel) {
	const className = path.basename(rel).split('.')[0];
	try {
		const mod = require(path.join(root, rel));
		const Cls = mod[className];
		if (typeof Cls !== 'function') return { error: `does not export a class named ${className}` };
		const instance = new Cls();
		if (!rel.endsWith('.node.js')) return { name: instance.name, icons: iconPaths(instance.icon) };
		const versions = instance.nodeVersions
			? Object.values(instance.nodeVersions).map((v) => v.description)
			: [instance.description];
		const base = instance.description || {};
		return {
			name: base.name,
			icons: [base, ...versions].flatMap((d) => iconPaths(d && d.icon)),
			credentials: versions.flatMap((d) => ((d && d.credentials) || []).map((c) => c.name)),
		};
	} catch (error) {
		return { error: `failed to load: ${error && error.message}` };
	}
}

/** `{ [file]: { name, icons, credentials? } | { error } }` for `files` (relative to `root`). */
function describeCompiled(root, files, nodeModules) {
	if (files.length === 0) return {};
	const res = spawnSync(process.execPath, [__filename, root, ...files], {
		cwd: path.resolve(__dirname, '..', '..'),
		encoding: 'utf8',
		maxBuffer: 64 << 20,
		env: { ...process.env, NODE_PATH: nodeModules },
	});
	if (res.error) throw res.error;
	try {
		return JSON.parse(res.stdout);
	} catch {
		return Object.fromEntries(files.map((p) => [p, { error: res.stderr.trim() || 'loader crashed' }]));
	}
}

if (require.main === module) {
	const [root, ...files] = process.argv.slice(2);
	process.stdout.write(JSON.stringify(Object.fromEntries(files.map((rel) => [rel, describeOne(root, rel)]))));
	process.exit(0);
}

module.exports = { describeCompiled };
