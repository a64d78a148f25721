/** Unit and integration tests only: no n8n runtimes, no packing (seconds, not minutes). */
const base = require('./jest.config');

const { globalSetup: _skipped, ...rest } = base;

module.exports = { ...rest, roots: ['<rootDir>/test/unit', '<rootDir>/test/integration'] };
