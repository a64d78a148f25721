'use strict';
/**
 * The order in which `npm test` hands test files to its two workers:
 *   1. unit, then integration tests, while the global setup still provisions and starts n8n;
 *   2. the files that start n8n processes of their own (their subject is the process: triggers
 *      under `n8n start`, restarts, queue mode, the harness, the editor), the longest, older n8n
 *      version first (it is installed sooner on a cold cache);
 *   3. the files that run on the shared n8n of their version, which take seconds each, so that they
 *      fill the gaps at the end instead of a long file starting last.
 * Inside each group: jest's own order (the files that took longest last time first, or the largest).
 */
const Sequencer = require('@jest/test-sequencer').default;

/** Files that start n8n processes of their own (see their headers). */
const OWN_N8N = /(trigger|eventsTrigger|queue-mode|harness)\.e2e\.test\.ts$|\.ui\.test\.ts$/;

function group(test) {
	const project = test.context.config.displayName?.name ?? '';
	if (project === 'unit') return 0;
	if (project === 'integration') return 1;
	return OWN_N8N.test(test.path) ? 2 : 3;
}

/** Older n8n first; the editor test (2.x) with the 2.x files. */
function versionRank(test) {
	const project = test.context.config.displayName?.name ?? '';
	const version = project.startsWith('e2e ') ? project.slice(4) : '2';
	return Number(version.split('.')[0]);
}

class TestOrder extends Sequencer {
	sort(tests) {
		const byCost = super.sort(tests);
		const position = new Map(byCost.map((test, index) => [test, index]));
		return [...tests].sort(
			(a, b) => group(a) - group(b) || (group(a) === 2 ? versionRank(a) - versionRank(b) : 0) || position.get(a) - position.get(b),
		);
	}
}

module.exports = TestOrder;
