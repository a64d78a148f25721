'use strict';
/**
 * The compiled package (dist/) for scripts and benchmarks, found through package.json's n8n block
 * (the paths n8n itself loads), so that no script spells out where a source file lives.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function n8nBlock() {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).n8n;
}

/** dist/ as package.json names it: the first folder of every n8n.nodes / n8n.credentials path. */
function distDir() {
	const { nodes = [], credentials = [] } = n8nBlock();
	const tops = new Set([...nodes, ...credentials].map((p) => p.split('/')[0]));
	if (tops.size !== 1) throw new Error(`package.json n8n block: expected one build folder, found ${[...tops].join(', ')}`);
	return path.join(ROOT, [...tops][0]);
}

/** Throws a hint to build first when dist/ is missing. */
function assertBuilt(hint = 'run `npm run build` first') {
	if (!fs.existsSync(distDir())) throw new Error(`dist/ is missing: ${hint}`);
}

/**
 * The compiled node class `className` (e.g. ZoomImMessages), from the n8n.nodes entry whose file
 * is `<className>.node.js`; `dist` reads it from another build folder of the same layout.
 */
function nodeClass(className, { dist = distDir() } = {}) {
	const entry = n8nBlock().nodes.find((p) => path.posix.basename(p) === `${className}.node.js`);
	if (!entry) throw new Error(`package.json n8n.nodes has no ${className}.node.js`);
	const file = path.join(dist, path.relative(distDir(), path.join(ROOT, entry)));
	return require(file)[className];
}

/** The compiled modules the registered nodes load: their n8n.nodes files and every relative require(). */
function nodeModuleGraph() {
	const seen = new Set();
	const queue = n8nBlock().nodes.map((entry) => path.join(ROOT, entry));
	while (queue.length > 0) {
		const file = queue.shift();
		if (seen.has(file) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
		seen.add(file);
		for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/\brequire\("(\.\.?\/[^"]+)"\)/g)) {
			const target = path.resolve(path.dirname(file), spec);
			queue.push(...[target, `${target}.js`, path.join(target, 'index.js')].filter((f) => f.endsWith('.js')));
		}
	}
	return [...seen];
}

/**
 * The compiled function `name` (e.g. splitIntoMonthWindows) that the registered nodes use: found by
 * its export (tsc's `exports.<name> = <name>;`) among the modules they load, not by a file name.
 */
function distFunction(name) {
	assertBuilt();
	const definition = `exports.${name} = ${name};`;
	const found = new Set(
		nodeModuleGraph()
			.filter((file) => fs.readFileSync(file, 'utf8').includes(definition))
			.map((file) => require(file)[name])
			.filter((value) => typeof value === 'function'),
	);
	if (found.size !== 1) throw new Error(`expected one compiled function ${name} used by the nodes in dist/, found ${found.size}`);
	return [...found][0];
}

module.exports = { ROOT, distDir, assertBuilt, nodeClass, distFunction };
