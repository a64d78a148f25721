#!/usr/bin/env node
/*
 * Checks the npm tarball of this package against the community-node guidelines and this project's
 * own stricter rules (n8n's own scanner is run by scripts/scan-tarball.js). Prints one line per check
 * ("ok" / "FAIL") and exits 1 if any check fails.
 *
 *   node scripts/check-package.js           # uses the existing dist/ (runs `npm run build` if dist/ is missing)
 *   node scripts/check-package.js --build   # always runs `npm run build` first
 *
 * What it does: `npm pack` into a temporary directory, extracts the tarball, then checks
 *   - package.json metadata (name, keyword, license, repository, homepage, dependencies,
 *     peerDependencies, files, main, lifecycle scripts, the n8n block);
 *   - the tarball contents (every n8n.nodes / n8n.credentials path exists, every compiled node and
 *     credential is registered, codex next to each node, icons referenced by nodes/credentials exist);
 *   - the shipped JavaScript: every *.js in the tarball on the AST (restricted globals, console
 *     included; requires of anything but n8n-workflow, luxon, crypto or relative paths), and
 *     dist/nodes + dist/credentials for forbidden text (timers, process., console., __dirname, fs,
 *     child_process, foreign require()s);
 *   - that each registered node / credential module loads and exports the class n8n expects
 *     (loaded in a child process with this repository's node_modules on NODE_PATH: lib/describe-compiled.js);
 *   the rules for the shipped JavaScript are in lib/shipped-js-rules.js.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describeCompiled } = require('./lib/describe-compiled');
const { ALLOWED_MODULES, lintShippedJs, forbiddenText } = require('./lib/shipped-js-rules');

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------
const repoRoot = path.resolve(__dirname, '..');
let failures = 0;

function check(label, problems) {
	const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
	if (list.length === 0) {
		console.log(`ok    ${label}`);
		return;
	}
	failures++;
	console.log(`FAIL  ${label}`);
	for (const p of list.slice(0, 50)) console.log(`        - ${p}`);
	if (list.length > 50) console.log(`        … and ${list.length - 50} more`);
}

function run(cmd, args, opts = {}) {
	const res = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
	if (res.error) throw res.error;
	return res;
}

const json = (value) => JSON.stringify(value);

// ---------------------------------------------------------------------------------------------
// Build and pack
// ---------------------------------------------------------------------------------------------
const forceBuild = process.argv.includes('--build');
if (forceBuild || !fs.existsSync(path.join(repoRoot, 'dist'))) {
	console.log(forceBuild ? '> npm run build' : '> dist/ is missing: npm run build');
	const res = run('npm', ['run', 'build'], { stdio: 'inherit' });
	if (res.status !== 0) {
		console.log('FAIL  npm run build');
		process.exit(1);
	}
} else {
	console.log('> using the existing dist/ (pass --build to rebuild first)');
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'check-package-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

console.log('> npm pack');
const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work]);
if (pack.status !== 0) {
	console.log('FAIL  npm pack');
	console.log(pack.stderr);
	process.exit(1);
}
let packInfo;
try {
	packInfo = JSON.parse(pack.stdout)[0];
} catch {
	console.log('FAIL  npm pack --json output could not be parsed');
	console.log(pack.stdout);
	process.exit(1);
}
const tarball = path.join(work, packInfo.filename);
const extracted = path.join(work, 'extracted');
fs.mkdirSync(extracted);
const untar = run('tar', ['-xzf', tarball, '-C', extracted]);
if (untar.status !== 0) {
	console.log(`FAIL  tar -xzf ${packInfo.filename}: ${untar.stderr}`);
	process.exit(1);
}
const pkgRoot = path.join(extracted, 'package');
console.log(`> ${packInfo.filename}: ${packInfo.entryCount} files, ${packInfo.size} bytes packed`);

function listFiles(dir, prefix = '') {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
		return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
	});
}
const files = listFiles(pkgRoot).sort();
const fileSet = new Set(files);
const pkg = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'package.json'), 'utf8'));

// ---------------------------------------------------------------------------------------------
// package.json (as shipped)
// ---------------------------------------------------------------------------------------------
check(
	'package.json: name starts with n8n-nodes- (or @scope/n8n-nodes-)',
	/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/.test(pkg.name || '') ? null : `name is ${json(pkg.name)}`,
);
check(
	'package.json: keywords include n8n-community-node-package',
	Array.isArray(pkg.keywords) && pkg.keywords.includes('n8n-community-node-package')
		? null
		: `keywords are ${json(pkg.keywords)}`,
);
check('package.json: license is MIT', pkg.license === 'MIT' ? null : `license is ${json(pkg.license)}`);
const repoUrl = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository && pkg.repository.url;
check('package.json: repository is set', repoUrl ? null : `repository is ${json(pkg.repository)}`);
check(
	'package.json: homepage is set',
	/^https?:\/\//.test(pkg.homepage || '') ? null : `homepage is ${json(pkg.homepage)}`,
);
check(
	'package.json: no runtime dependencies',
	!pkg.dependencies || Object.keys(pkg.dependencies).length === 0
		? null
		: `dependencies: ${Object.keys(pkg.dependencies).join(', ')}`,
);
check(
	'package.json: peerDependencies is exactly {"n8n-workflow":"*"}',
	json(pkg.peerDependencies) === json({ 'n8n-workflow': '*' })
		? null
		: `peerDependencies is ${json(pkg.peerDependencies)}`,
);
check(
	'package.json: files is ["dist","index.js"]',
	json(pkg.files) === json(['dist', 'index.js']) ? null : `files is ${json(pkg.files)}`,
);
check(
	'package.json: main is index.js and shipped',
	pkg.main === 'index.js' && fileSet.has('index.js') ? null : `main is ${json(pkg.main)}`,
);
const forbiddenScripts = [
	'preinstall',
	'install',
	'postinstall',
	'prepare',
	'preprepare',
	'postprepare',
	'prepublish',
];
check(
	'package.json: no install-time lifecycle scripts',
	forbiddenScripts.filter((s) => pkg.scripts && pkg.scripts[s]).map((s) => `scripts.${s} is set`),
);
for (const key of ['bundleDependencies', 'bundledDependencies', 'overrides']) {
	if (pkg[key]) check(`package.json: no ${key}`, `${key} is set`);
}

const n8n = pkg.n8n || {};
const nodePaths = Array.isArray(n8n.nodes) ? n8n.nodes : [];
const credentialPaths = Array.isArray(n8n.credentials) ? n8n.credentials : [];
check('package.json: n8n block present', pkg.n8n ? null : 'no "n8n" block');
check(
	'package.json: n8n.n8nNodesApiVersion is 1',
	n8n.n8nNodesApiVersion === 1 ? null : `n8nNodesApiVersion is ${json(n8n.n8nNodesApiVersion)}`,
);
check(
	'package.json: n8n.nodes lists at least one dist/**/*.node.js',
	nodePaths.length > 0 && nodePaths.every((p) => /^dist\/.+\.node\.js$/.test(p))
		? null
		: `n8n.nodes is ${json(n8n.nodes)}`,
);
check(
	'package.json: n8n.credentials entries are dist/**/*.credentials.js',
	credentialPaths.every((p) => /^dist\/.+\.credentials\.js$/.test(p))
		? null
		: `n8n.credentials is ${json(n8n.credentials)}`,
);

// ---------------------------------------------------------------------------------------------
// Tarball contents
// ---------------------------------------------------------------------------------------------
const allowedTopLevel = /^(package\.json|index\.js|README(\.[^/]*)?|LICEN[CS]E(\.[^/]*)?|CHANGELOG(\.[^/]*)?)$/i;
check(
	'tarball: only package.json, index.js, README/LICENSE/CHANGELOG and dist/{nodes,credentials,icons}/',
	files.filter((f) => !allowedTopLevel.test(f) && !/^dist\/(nodes|credentials|icons)\//.test(f)),
);
check(
	'tarball: every n8n.nodes / n8n.credentials path exists',
	[...nodePaths, ...credentialPaths].filter((p) => !fileSet.has(p)).map((p) => `${p} is not in the tarball`),
);
const registered = new Set([...nodePaths, ...credentialPaths]);
check(
	'tarball: every compiled *.node.js / *.credentials.js is registered in package.json n8n block',
	files
		.filter((f) => /\.(node|credentials)\.js$/.test(f) && !registered.has(f))
		.map((f) => `${f} is not listed`),
);

// Load the registered classes the way n8n does (class name = file name up to the first dot).
const loadable = [...nodePaths, ...credentialPaths].filter((p) => fileSet.has(p));
const described = describeCompiled(pkgRoot, loadable, path.join(repoRoot, 'node_modules'));
check(
	'modules: each registered node / credential loads and exports its class (named after the file)',
	Object.entries(described)
		.filter(([, d]) => d.error)
		.map(([p, d]) => `${p}: ${d.error}`),
);

const codexProblems = [];
for (const nodePath of nodePaths.filter((p) => fileSet.has(p))) {
	const codexPath = `${nodePath}on`; // n8n reads <file>.node.js + "on"
	if (!fileSet.has(codexPath)) {
		codexProblems.push(`${codexPath} is missing`);
		continue;
	}
	let codex;
	try {
		codex = JSON.parse(fs.readFileSync(path.join(pkgRoot, codexPath), 'utf8'));
	} catch (error) {
		codexProblems.push(`${codexPath} is not valid JSON: ${error.message}`);
		continue;
	}
	const d = described[nodePath];
	if (d && !d.error && codex.node !== `${pkg.name}.${d.name}`) {
		codexProblems.push(`${codexPath}: "node" is ${json(codex.node)}, expected "${pkg.name}.${d.name}"`);
	}
}
check('codex: each node has a valid .node.json next to it naming the node', codexProblems);

const iconProblems = [];
for (const [file, d] of Object.entries(described)) {
	if (d.error) continue;
	if (d.icons.length === 0) iconProblems.push(`${file}: no icon`);
	for (const icon of d.icons) {
		if (!icon.startsWith('file:')) {
			iconProblems.push(`${file}: icon ${json(icon)} does not use file:`);
			continue;
		}
		const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), icon.slice(5)));
		if (!fileSet.has(target)) iconProblems.push(`${file}: icon ${icon} -> ${target} is not in the tarball`);
	}
}
check('icons: every icon of every node and credential exists in the tarball', iconProblems);

const credentialNames = new Set(
	credentialPaths.map((p) => described[p]).filter((d) => d && !d.error).map((d) => d.name),
);
const nameProblems = [];
for (const p of nodePaths) {
	const d = described[p];
	if (!d || d.error) continue;
	for (const c of d.credentials) {
		if (!credentialNames.has(c)) nameProblems.push(`${p} uses credential ${json(c)} not shipped in this package`);
	}
}
check('credentials: nodes only use credentials shipped in this package', nameProblems);

// ---------------------------------------------------------------------------------------------
// Shipped JavaScript: our own stricter rules
// ---------------------------------------------------------------------------------------------
const jsFiles = files.filter((f) => f.endsWith('.js'));
const astProblems = lintShippedJs(pkgRoot, jsFiles);
check(
	`js: ${jsFiles.length} shipped .js files use no timers/process/console/__dirname/__filename/global(This) and require only ${ALLOWED_MODULES.join(', ')} or relative paths`,
	astProblems,
);

// Plain-text patterns in dist/nodes and dist/credentials (also catches them in odd syntax or strings).
check('text: dist/nodes and dist/credentials contain no forbidden text', forbiddenText(pkgRoot, jsFiles));

console.log(failures === 0 ? '\nAll package checks passed.' : `\n${failures} package check(s) failed.`);
process.exit(failures === 0 ? 0 : 1);
