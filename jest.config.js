/**
 * `npm test` runs everything, on both cores: unit and integration tests on the TypeScript sources
 * (ts-jest), then the end-to-end tests once per n8n version (a jest project per version, so the two
 * versions' suites run side by side), then the editor test. The global setup provisions the n8n
 * runtimes, packs the package and starts one shared n8n per version in the background while the unit
 * and integration tests run (see jest.global-setup.js); test/support/test-order.js puts the projects
 * in that order. `npm run test:fast` (jest.fast.config.js) runs only unit and integration tests.
 */
const { versionsFromEnv } = require('./test/support/n8n/provision');

const common = {
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	moduleFileExtensions: ['ts', 'js', 'json'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
};

const queueVersions = versionsFromEnv('ZOOM_IM_QUEUE_VERSIONS', '2.41.1');

const project = (displayName, roots, extra = {}) => ({ ...common, displayName, roots: roots.map((r) => `<rootDir>/${r}`), ...extra });

module.exports = {
	testTimeout: 30000,
	globalSetup: '<rootDir>/jest.global-setup.js',
	globalTeardown: '<rootDir>/jest.global-teardown.js',
	testSequencer: '<rootDir>/test/support/test-order.js',
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
	projects: [
		project('unit', ['test/unit']),
		project('integration', ['test/integration']),
		// The older version first: it is installed and started sooner on a cold cache.
		...versionsFromEnv()
			.slice()
			.sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0]))
			.map((version) =>
				project(`e2e ${version}`, ['test/e2e'], {
					globals: { __ZOOM_IM_E2E_VERSION__: version },
					// Queue mode runs on the versions ZOOM_IM_QUEUE_VERSIONS names (default 2.41.1) only.
					testPathIgnorePatterns: queueVersions.includes(version) ? [] : ['/test/e2e/queue-mode\\.e2e\\.test\\.ts$'],
				}),
			),
		project('ui', ['test/ui']),
	],
};
