/** Jest runs the TypeScript sources directly (ts-jest); the e2e tests run the built, packed package. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 30000,
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
