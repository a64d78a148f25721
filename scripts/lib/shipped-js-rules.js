'use strict';
/**
 * This project's rules for the shipped JavaScript, stricter than n8n's scanner: on the AST (no
 * timers, process, console, __dirname/__filename or global(This); require/import only
 * ALLOWED_MODULES or relative paths, as literals) and as plain text in dist/nodes and
 * dist/credentials (also catches them in odd syntax or strings). Each check returns its problems
 * as `file:line…` strings.
 */
const fs = require('node:fs');
const path = require('node:path');

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

/** The AST rules over `jsFiles` (paths relative to `pkgRoot`). */
function lintShippedJs(pkgRoot, jsFiles) {
	const { Linter } = require('eslint');
	const linter = new Linter({ configType: 'flat', cwd: pkgRoot });
	const problems = [];
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
		for (const m of messages) problems.push(`${file}:${m.line}:${m.column} ${m.message}`);
	}
	return problems;
}

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
/** The plain-text patterns and foreign require()s in the `jsFiles` under dist/nodes and dist/credentials. */
function forbiddenText(pkgRoot, jsFiles) {
	const problems = [];
	for (const file of jsFiles.filter((f) => /^dist\/(nodes|credentials)\//.test(f))) {
		const lines = fs.readFileSync(path.join(pkgRoot, file), 'utf8').split('\n');
		lines.forEach((line, i) => {
			for (const [label, re] of textPatterns) {
				if (re.test(line)) problems.push(`${file}:${i + 1} contains ${label}: ${line.trim().slice(0, 120)}`);
			}
			for (const m of line.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)) {
				if (!isAllowedModule(m[2])) problems.push(`${file}:${i + 1} requires '${m[2]}'`);
			}
		});
	}
	return problems;
}

module.exports = { ALLOWED_MODULES, lintShippedJs, forbiddenText };
