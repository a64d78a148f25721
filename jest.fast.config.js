/** Unit and integration tests only: no n8n runtimes, no packing (seconds, not minutes). */
const base = require('./jest.config');

const { globalSetup: _setup, globalTeardown: _teardown, projects, ...rest } = base;

module.exports = { ...rest, projects: projects.filter((p) => p.displayName === 'unit' || p.displayName === 'integration') };
