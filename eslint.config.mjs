// ESLint 9 flat config for n8n-nodes-zoom-im.
//
// Composition (see the comments on each block):
//   1. @n8n/eslint-plugin-community-nodes `recommended` — the strict ("n8n Cloud") variant, matching
//      `"n8n": { "strict": true }` in package.json. It is a superset of
//      `recommendedWithoutN8nCloudSupport`: it adds `no-restricted-globals` and
//      `no-restricted-imports`, the two rules n8n's community package scanner runs on published code.
//   2. eslint-plugin-n8n-nodes-base rule sets, as n8n-nodes-starter's .eslintrc.js overrides did:
//      `community` for package.json, `credentials` for credentials/**, `nodes` for nodes/**.
//      The plugin (1.x) ships eslintrc-style configs, so only their `rules` are reused here.
//   3. typescript-eslint `recommended` for the shipped TypeScript (as n8n's own `n8n-node lint` does).
//   4. Extra runtime restrictions for shipped code, stricter than the community plugin (which allows
//      lodash, moment, zod, crypto and any devDependency to be imported).
//
// package.json is parsed with the typescript-eslint parser (TypeScript parses *.json as a single
// object-literal expression). Both n8n plugins' package.json rules expect that ESTree shape
// (ObjectExpression/Property/Literal); jsonc-eslint-parser produces JSON* node types they ignore.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const SHIPPED_TS = ['nodes/**/*.ts', 'credentials/**/*.ts'];

// Only these bare module specifiers may be imported by shipped code; relative paths are always fine.
const ALLOWED_MODULES = ['n8n-workflow', 'luxon'];
const restrictedImportsOptions = {
	patterns: [
		{
			regex: `^(?!(?:${ALLOWED_MODULES.join('|')})$)(?!\\.{1,2}(?:/|$))`,
			message: `Shipped code may import only ${ALLOWED_MODULES.join(', ')} and relative paths (no runtime dependencies, no Node.js built-ins).`,
		},
	],
};

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'**/node_modules/**',
			'test/**',
			'scripts/**',
			'coverage/**',
			'tmp/**',
			'.n8n-test/**',
			'**/*.tgz',
		],
	},

	// TypeScript sources that end up in the package.
	{
		files: SHIPPED_TS,
		languageOptions: {
			parser: tseslint.parser,
			ecmaVersion: 2022,
			sourceType: 'module',
		},
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: SHIPPED_TS })),

	// package.json, parsed as a JSON expression by the TypeScript parser.
	{
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},

	// 1. n8n community nodes plugin, strict `recommended` config (rules decide by file name which
	//    ones apply to *.node.ts, *.credentials.ts and package.json).
	{
		files: [...SHIPPED_TS, 'package.json'],
		plugins: communityNodes.configs.recommended.plugins,
		rules: {
			...communityNodes.configs.recommended.rules,
		},
	},

	// 2. eslint-plugin-n8n-nodes-base rule sets.
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: ['package.json'],
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Superseded by @n8n/community-nodes/credential-documentation-url, which accepts what n8n
			// now expects (as in n8n's own `n8n-node lint` config).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These three want `inputs: ['main']` string literals and no maxValue, which contradicts
			// @n8n/community-nodes/node-connection-type-literal (NodeConnectionTypes.Main) and
			// bounded page sizes; n8n's own `n8n-node lint` config turns them off as well.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},

	// 4. Runtime restrictions for shipped code. Timers, process, __dirname, __filename, global and
	//    globalThis are already reported by @n8n/community-nodes/no-restricted-globals.
	{
		files: SHIPPED_TS,
		rules: {
			'no-console': 'error',
			'no-restricted-globals': [
				'error',
				{ name: 'require', message: 'Use ES imports of n8n-workflow, luxon or relative paths.' },
				{ name: 'module', message: 'Use ES exports.' },
				{ name: 'exports', message: 'Use ES exports.' },
			],
			'no-restricted-syntax': [
				'error',
				{
					selector: 'ImportExpression',
					message: 'Dynamic import() is not allowed in shipped code.',
				},
			],
			// The typescript-eslint variant also covers `import x = require('...')` and type imports.
			'@typescript-eslint/no-restricted-imports': ['error', restrictedImportsOptions],
		},
	},

	// index.js is shipped (package `main`) and scanned by n8n like everything else in the tarball.
	{
		files: ['index.js'],
		languageOptions: { sourceType: 'commonjs' },
		plugins: communityNodes.configs.recommended.plugins,
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'error',
			'@n8n/community-nodes/no-restricted-imports': 'error',
			'no-console': 'error',
		},
	},
);
