'use strict';
/** What `npm run bench` (scripts/bench.js) compares, on what data, and its command-line options. */
const path = require('node:path');
const { ROOT } = require('./dist');
const { parseArgs, list } = require('./cli-args');

const SESSION = 'grp-year';
const RANGE = { from: '2025-01-01', to: '2025-12-31' };
const EXPECTED_MESSAGES = 12_000;
const MAX_RPS = 20;
const CONCURRENCY = 4;
const PAGE_SIZE = 50;
const WORKFLOW_DIR = path.join(ROOT, 'bench');

const CONTENDERS = {
	ours: {
		file: 'ours-workflow.json',
		lastNode: 'Zoom IM Messages',
		label: 'ours: Zoom IM Messages',
	},
	diy: {
		file: 'diy-workflow.json',
		lastNode: 'Split Out',
		label: 'DIY: Code + HTTP Request + Split Out',
	},
	'diy-seq': {
		file: 'diy-sequential-workflow.json',
		lastNode: 'Split Out',
		label: 'DIY one window at a time (+ Loop Over Items)',
	},
};

const DEFAULTS = {
	runs: 3,
	latencies: [200, 20],
	workflows: ['ours', 'diy', 'diy-seq'],
	finalDiy: 'diy',
	version: '2.41.1',
	build: true,
	budgetCheck: true,
	warmup: true,
	micro: true,
	sends: true,
	json: undefined,
	quick: false,
	diy: true,
	planRuns: 3,
	plans: ['pro', 'business', 'month', 'free', 'queue'],
};

const FLAGS = {
	'--runs': { key: 'runs', parse: (v) => Math.max(1, Number.parseInt(v, 10) || 1) },
	'--latencies': { key: 'latencies', parse: list(Number) },
	'--workflows': { key: 'workflows', parse: list() },
	'--final-diy': { key: 'finalDiy' },
	'--version': { key: 'version' },
	'--no-build': { key: 'build', set: false },
	'--no-budget-check': { key: 'budgetCheck', set: false },
	'--no-warmup': { key: 'warmup', set: false },
	'--no-micro': { key: 'micro', set: false },
	'--no-sends': { key: 'sends', set: false },
	'--json': { key: 'json' },
	'--quick': { key: 'quick', set: true },
	'--no-diy': { key: 'diy', set: false },
	'--plan-runs': { key: 'planRuns', parse: (v) => Math.max(1, Number.parseInt(v, 10) || 1) },
	'--plans': { key: 'plans', parse: list() },
};

function parseBenchArgs(argv) {
	const args = parseArgs(argv, DEFAULTS, FLAGS);
	// --quick: the plan rows once each, no DIY references, no micro-benchmark, no send rows.
	if (args.quick) Object.assign(args, { diy: false, micro: false, sends: false, planRuns: 1 });
	for (const plan of args.plans) if (!['pro', 'business', 'month', 'free', 'queue'].includes(plan)) throw new Error(`unknown plan ${plan}`);
	if (args.latencies.length === 0 || args.latencies.some((l) => !Number.isFinite(l) || l < 0)) {
		throw new Error('--latencies must be numbers >= 0');
	}
	for (const w of args.workflows) if (!CONTENDERS[w]) throw new Error(`unknown workflow ${w}`);
	if (!args.workflows.includes('ours')) throw new Error('--workflows must include ours');
	if (!args.workflows.includes(args.finalDiy)) throw new Error(`--final-diy ${args.finalDiy} is not among --workflows`);
	return args;
}

module.exports = {
	SESSION,
	RANGE,
	EXPECTED_MESSAGES,
	MAX_RPS,
	CONCURRENCY,
	PAGE_SIZE,
	WORKFLOW_DIR,
	CONTENDERS,
	parseBenchArgs,
};
