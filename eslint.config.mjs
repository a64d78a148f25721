// ESLint 9 flat config for n8n-nodes-zoom-im.
//
// It reproduces what n8n's community package scanner (@n8n/scan-community-package 0.32) lints in the
// source repository, and adds a few stricter rules:
//   1. @n8n/eslint-plugin-community-nodes `recommended`: the strict (n8n Cloud) variant, matching
//      `"n8n": { "strict": true }` in package.json and the config the scanner uses. It is
//      `recommendedWithoutN8nCloudSupport` plus `no-restricted-globals` and `no-restricted-imports`.
//   2. eslint-plugin-n8n-nodes-base rule sets, as n8n-nodes-starter's .eslintrc.js overrides did:
//      `community` for package.json, `credentials` for credentials/**, `nodes` for nodes/**, with the
//      same rules turned off as in the scanner and `n8n-node lint` (they contradict rules of 1.).
//      The plugin (1.x) ships eslintrc-style configs, so only their `rules` are reused here.
//   3. typescript-eslint `recommended` for the shipped TypeScript (as `n8n-node lint` does).
//   4. Runtime restrictions for shipped code that are stricter than the community plugin, which lets
//      lodash, moment, p-limit, zod, crypto and any devDependency be imported.
//
// JSON (package.json, codex files) is parsed with the typescript-eslint parser: TypeScript parses a
// .json file as one object-literal expression, the ESTree shape (ObjectExpression / Property /
// Literal) both n8n plugins' package.json rules walk. jsonc-eslint-parser produces JSON* node types
// those rules do not see, so it is deliberately not used.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const SHIPPED_TS = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const SHIPPED_JSON = ['package.json', 'nodes/**/*.json', 'credentials/**/*.json'];

// The only bare module specifiers shipped code may import; relative paths are always fine.
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

	// Parsers.
	{
		files: SHIPPED_TS,
		languageOptions: {
			parser: tseslint.parser,
			ecmaVersion: 2022,
			sourceType: 'module',
		},
	},
	{
		files: SHIPPED_JSON,
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},

	// 3. typescript-eslint recommended, for shipped TypeScript only.
	...tseslint.configs.recommended.map((config) => ({ ...config, files: SHIPPED_TS })),

	// 1. n8n community nodes plugin, strict `recommended` config. Its rules decide by file name which
	//    of them apply to *.node.ts, *.credentials.ts, other .ts helpers and package.json.
	{
		files: [...SHIPPED_TS, ...SHIPPED_JSON],
		plugins: communityNodes.configs.recommended.plugins,
		rules: {
			...communityNodes.configs.recommended.rules,
			'no-console': 'error',
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
			// Off in the scanner and in `n8n-node lint`: not valid for community nodes.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// Off in the scanner: @n8n/community-nodes/credential-password-field is the accurate one.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Off in the scanner and in `n8n-node lint`: they want `inputs: ['main']` string literals
			// (contradicting @n8n/community-nodes/node-connection-type-literal) and forbid maxValue.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},

	// 4. Runtime restrictions for shipped code. setTimeout/setInterval/setImmediate (and their clear*),
	//    process, __dirname, __filename, global and globalThis are already reported by
	//    @n8n/community-nodes/no-restricted-globals; console by no-console above.
	{
		files: SHIPPED_TS,
		rules: {
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
			// The typescript-eslint variant also covers `import x = require('…')` and type-only imports.
			'@typescript-eslint/no-restricted-imports': ['error', restrictedImportsOptions],
		},
	},

	// index.js is shipped (package `main`); the scanner lints every .js file in the tarball.
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
