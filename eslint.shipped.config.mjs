// Extra ESLint rules for the code this package ships (nodes/, credentials/, index.js).
//
// eslint.config.mjs must stay exactly n8n's default: with `"n8n": { "strict": true }` in package.json,
// `n8n-node lint` refuses any other text. That default already applies typescript-eslint
// `recommended`, the community-nodes plugin's strict `recommended` set, no-console and the
// eslint-plugin-n8n-nodes-base rule sets to every .ts file and package.json. This file adds what
// it lacks; `npm run lint` runs both (`n8n-node lint`, then `eslint -c eslint.shipped.config.mjs`):
//   - an import allow-list: the community plugin lets shipped code import any devDependency and
//     lodash, moment, p-limit, zod …, but this package has no runtime dependencies, so only
//     n8n-workflow (provided by n8n), luxon (bundled with n8n), crypto and relative paths work at runtime;
//   - no CommonJS `require` / `module` / `exports` and no dynamic import() in the TypeScript sources;
//   - index.js (package `main`, shipped in the tarball; the default config only lints .ts files).
// Inline `eslint-disable` comments are ignored here, so none of these can be switched off in a file.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const SHIPPED_TS = ['nodes/**/*.ts', 'credentials/**/*.ts'];

// The only bare module specifiers shipped code may import; relative paths are always fine.
const ALLOWED_MODULES = ['n8n-workflow', 'luxon', 'crypto', 'node:crypto'];
const allowListMessage = `Shipped code may import only ${ALLOWED_MODULES.join(', ')} and relative paths (the package has no runtime dependencies).`;
const restrictedImportsOptions = {
	patterns: [
		{
			regex: `^(?!(?:${ALLOWED_MODULES.join('|')})$)(?!\\.{1,2}(?:/|$))`,
			message: allowListMessage,
		},
	],
};

export default tseslint.config(
	{
		linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
	},

	{
		files: SHIPPED_TS,
		languageOptions: {
			parser: tseslint.parser,
			ecmaVersion: 2022,
			sourceType: 'module',
		},
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'no-restricted-globals': [
				'error',
				{ name: 'require', message: 'Use ES imports of the allowed modules or relative paths.' },
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

	{
		files: ['index.js'],
		languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs' },
		plugins: communityNodes.configs.recommended.plugins,
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'error',
			'no-console': 'error',
			'no-restricted-syntax': [
				'error',
				{
					// `\x2F` is `/`: esquery's regex literals cannot contain a slash.
					selector: `CallExpression[callee.name='require']:not([arguments.0.value=/^(?:${ALLOWED_MODULES.join('|')}|\\.\\.?(?:\\x2F.*)?)$/])`,
					message: allowListMessage,
				},
				{ selector: 'ImportExpression', message: 'Dynamic import() is not allowed in shipped code.' },
			],
		},
	},
);
