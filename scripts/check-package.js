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
 *     (loaded in a child process with this repository's node_modules on NODE_PATH).
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// ---------------------------------------------------------------------------------------------
// Internal mode: load compiled classes and print what n8n would read from them.
// ---------------------------------------------------------------------------------------------
if (process.argv[2] === '--internal-describe') {
	const [root, ...files] = process.argv.slice(3);
	const out = {};
	for (const rel of files) {
		const className = path.basename(rel).split('.')[0];
		try {
			const mod = require(path.join(root, rel));
			const Cls = mod[className];
			if (typeof Cls !== 'function') {
				out[rel] = { error: `does not export a class named ${className}` };
				continue;
			}
			const instance = new Cls();
			if (rel.endsWith('.node.js')) {
				const versions = instance.nodeVersions
					? Object.values(instance.nodeVersions).map((v) => v.description)
					: [instance.description];
				const base = instance.description || {};
				out[rel] = {
					name: base.name,
					icons: [base, ...versions].flatMap((d) => iconPaths(d && d.icon)),
					credentials: versions.flatMap((d) => ((d && d.credentials) || []).map((c) => c.name)),
				};
			} else {
				out[rel] = { name: instance.name, icons: iconPaths(instance.icon) };
			}
		} catch (error) {
			out[rel] = { error: `failed to load: ${error && error.message}` };
		}
	}
	process.stdout.write(JSON.stringify(out));
	process.exit(0);
}

function iconPaths(icon) {
	if (!icon) return [];
	if (typeof icon === 'string') return [icon];
	return [icon.light, icon.dark].filter(Boolean);
}

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
let described = {};
if (loadable.length > 0) {
	const res = run(process.execPath, [__filename, '--internal-describe', pkgRoot, ...loadable], {
		env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') },
	});
	try {
		described = JSON.parse(res.stdout);
	} catch {
		described = Object.fromEntries(loadable.map((p) => [p, { error: res.stderr.trim() || 'loader crashed' }]));
	}
}
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
const ALLOWED_MODULES = ['n8n-workflow', 'luxon', 'crypto', 'node:crypto'];
const isAllowedModule = (spec) => ALLOWED_MODULES.includes(spec) || /^\.\.?(\/|$)/.test(spec);
const RESTRICTED_GLOBALS = [
	'clearImmediate',
	'clearInterval',
	'clearTimeout',
	'console',
	'global',
	'globalThis',
	'process',
	'setImmediate',
	'setInterval',
	'setTimeout',
	'__dirname',
	'__filename',
];

const strictPlugin = {
	rules: {
		// Scope-based, like @n8n/community-nodes/no-restricted-globals, with console added.
		'no-restricted-globals': {
			create(context) {
				return {
					'Program:exit'() {
						const globalScope = context.sourceCode.scopeManager.globalScope;
						const refs = [
							...globalScope.variables
								.filter((v) => RESTRICTED_GLOBALS.includes(v.name) && v.defs.length === 0)
								.flatMap((v) => v.references),
							...globalScope.through.filter((r) => RESTRICTED_GLOBALS.includes(r.identifier.name)),
						];
						for (const ref of refs) {
							context.report({ node: ref.identifier, message: `global '${ref.identifier.name}'` });
						}
					},
				};
			},
		},
		// Every import / require names n8n-workflow, luxon or a relative path, as a literal.
		'no-restricted-imports': {
			create(context) {
				const checkSpec = (node, source, kind) => {
					if (!source || source.type !== 'Literal' || typeof source.value !== 'string') {
						context.report({ node, message: `${kind} with a non-literal module name` });
					} else if (!isAllowedModule(source.value)) {
						context.report({ node, message: `${kind} of '${source.value}'` });
					}
				};
				return {
					ImportDeclaration: (node) => checkSpec(node, node.source, 'import'),
					ImportExpression: (node) => checkSpec(node, node.source, 'dynamic import'),
					CallExpression(node) {
						const callee = node.callee;
						const isRequire =
							(callee.type === 'Identifier' && callee.name === 'require') ||
							(callee.type === 'MemberExpression' &&
								callee.object.type === 'Identifier' &&
								callee.object.name === 'require');
						if (isRequire) checkSpec(node, node.arguments[0], 'require');
					},
				};
			},
		},
	},
};

const { Linter } = require('eslint');
const linter = new Linter({ configType: 'flat', cwd: pkgRoot });
const jsFiles = files.filter((f) => f.endsWith('.js'));
const astProblems = [];
for (const file of jsFiles) {
	const messages = linter.verify(
		fs.readFileSync(path.join(pkgRoot, file), 'utf8'),
		[
			{
				plugins: { strict: strictPlugin },
				rules: { 'strict/no-restricted-globals': 'error', 'strict/no-restricted-imports': 'error' },
				languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
			},
		],
		{ filename: path.join(pkgRoot, file) },
	);
	for (const m of messages) astProblems.push(`${file}:${m.line}:${m.column} ${m.message}`);
}
check(
	`js: ${jsFiles.length} shipped .js files use no timers/process/console/__dirname/__filename/global(This) and require only ${ALLOWED_MODULES.join(', ')} or relative paths`,
	astProblems,
);

// Plain-text patterns in dist/nodes and dist/credentials (also catches them in odd syntax or strings).
const textPatterns = [
	['setTimeout(', /\bsetTimeout\s*\(/],
	['setInterval(', /\bsetInterval\s*\(/],
	['setImmediate(', /\bsetImmediate\s*\(/],
	['process.', /(?<![\w$.])process\s*\??\.[A-Za-z_$[]/],
	['console.', /(?<![\w$.])console\s*\??\.[A-Za-z_$[]/],
	['__dirname', /\b__dirname\b/],
	['__filename', /\b__filename\b/],
	['require("fs")', /\brequire\s*\(\s*(['"`])(node:)?fs(\/promises)?\1\s*\)/],
	['node:fs', /node:fs\b/],
	['child_process', /child_process/],
];
const textProblems = [];
for (const file of jsFiles.filter((f) => /^dist\/(nodes|credentials)\//.test(f))) {
	const lines = fs.readFileSync(path.join(pkgRoot, file), 'utf8').split('\n');
	lines.forEach((line, i) => {
		for (const [label, re] of textPatterns) {
			if (re.test(line)) textProblems.push(`${file}:${i + 1} contains ${label}: ${line.trim().slice(0, 120)}`);
		}
		for (const m of line.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)) {
			if (!isAllowedModule(m[2])) textProblems.push(`${file}:${i + 1} requires '${m[2]}'`);
		}
	});
}
check('text: dist/nodes and dist/credentials contain no forbidden text', textProblems);

console.log(failures === 0 ? '\nAll package checks passed.' : `\n${failures} package check(s) failed.`);
process.exit(failures === 0 ? 0 : 1);
