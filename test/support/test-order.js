'use strict';
/**
 * The order in which `npm test` hands test files to its workers: the projects as jest.config.js lists
 * them (unit and integration first, while the global setup still prepares n8n; then each n8n version's
 * end-to-end files; the editor last), and inside a project the files that took longest last time first
 * (jest's own timing cache), or the largest first when there is none, so no long file starts last.
 */
const Sequencer = require('@jest/test-sequencer').default;

class TestOrder extends Sequencer {
	sort(tests) {
		const projectRank = new Map();
		const rank = (test) => {
			const name = test.context.config.displayName?.name ?? '';
			if (!projectRank.has(name)) projectRank.set(name, projectOrder(name));
			return projectRank.get(name);
		};
		const byCost = super.sort(tests);
		const position = new Map(byCost.map((test, index) => [test, index]));
		return [...tests].sort((a, b) => rank(a) - rank(b) || position.get(a) - position.get(b));
	}
}

/** unit 0, integration 1, e2e by version (older first, as listed), ui last. */
function projectOrder(name) {
	if (name === 'unit') return 0;
	if (name === 'integration') return 1;
	if (name.startsWith('e2e ')) return 2 + Number(name.slice(4).split('.')[0]) / 1000;
	return 3;
}

module.exports = TestOrder;
