/**
 * `npm test` runs everything: unit and integration tests on the TypeScript sources (ts-jest), and
 * the end-to-end tests, which install the built, packed package into real n8n. The global setup
 * provisions the n8n runtimes and packs the package once per run (see jest.global-setup.js).
 * `npm run test:fast` (jest.fast.config.js) runs only unit and integration tests, without it.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 30000,
	globalSetup: '<rootDir>/jest.global-setup.js',
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
