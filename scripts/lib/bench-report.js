'use strict';
/** What `npm run bench` prints: one table per latency and the final ratio lines. */
const { RANGE, MAX_RPS, CONCURRENCY, PAGE_SIZE, CONTENDERS } = require('./bench-config');

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function formatMs(ms) {
	return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * One latency's results: the medians of every workflow's runs, the floor
 * max(requests × latency / concurrency, requests / maxRequestsPerSecond) and ours against it.
 */
function summarizeCase({ latencyMs, runs, messages, minRequests, runsData }) {
	const medians = {};
	for (const [who, list] of Object.entries(runsData)) {
		medians[who] = {};
		for (const key of ['fetchMs', 'wallMs', 'requests', 'peakPerSecond', 'items', 'rssMb']) {
			medians[who][key] = median(list.map((r) => r[key]));
		}
	}
	const floorMs = Math.max((medians.ours.requests * latencyMs) / CONCURRENCY, (medians.ours.requests / MAX_RPS) * 1000);
	return {
		latencyMs,
		runs,
		messages,
		minRequests,
		medians,
		runsData,
		floorMs,
		oursOverFloor: medians.ours.fetchMs / floorMs,
		// the worst run, not the median: one extra request is already a bug
		requestsExtra: Math.max(...runsData.ours.map((r) => r.requests)) - minRequests,
	};
}

function printTable(rows) {
	const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => String(r[col]).length)));
	rows.forEach((row, index) => {
		console.log(`| ${row.map((cell, col) => (col > 0 ? String(cell).padStart(widths[col]) : String(cell).padEnd(widths[col]))).join(' | ')} |`);
		if (index === 0) console.log(`|${widths.map((w, col) => (col > 0 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
	});
}

function printCase(c) {
	console.log('');
	console.log(
		`### latency ${c.latencyMs} ms per request; maxRequestsPerSecond ${MAX_RPS}, Parallel Windows ${CONCURRENCY}, page size ${PAGE_SIZE}; ` +
			`${c.messages} messages, ${RANGE.from} … ${RANGE.to}; medians of ${c.runs} run${c.runs === 1 ? '' : 's'} each`,
	);
	printTable([
		['workflow', 'fetch time', 'wall time', 'API requests', 'peak req/s', 'items out', 'peak RSS', 'fetch ours/this'],
		...Object.entries(c.medians).map(([who, m]) => [
			CONTENDERS[who].label,
			formatMs(m.fetchMs),
			formatMs(m.wallMs),
			m.requests,
			m.peakPerSecond,
			m.items,
			`${m.rssMb.toFixed(0)} MB`,
			who === 'ours' ? '' : (c.medians.ours.fetchMs / m.fetchMs).toFixed(2),
		]),
	]);
	const o = c.medians.ours;
	console.log(
		`floor = max(${o.requests} requests × ${c.latencyMs} ms / ${CONCURRENCY}, ${o.requests} requests / ${MAX_RPS} per s) = ${formatMs(c.floorMs)}; ` +
			`ours/floor = ${c.oursOverFloor.toFixed(2)}; minimum requests ${c.minRequests}, ours +${c.requestsExtra}`,
	);
	for (const [who, runs] of Object.entries(c.runsData)) {
		console.log(`  fetch per run, ${who}: ${runs.map((r) => formatMs(r.fetchMs)).join(', ')}`);
	}
}

/**
 * The DIY references' summary, for the first latency: `reference (vs …)` per other DIY, then
 * `reference: ours/diy=…` (the closing `bench:` line belongs to the plan rows).
 */
function printFinal(head, { workflows, finalDiy }) {
	const ours = head.medians.ours;
	console.log('');
	for (const who of workflows.filter((w) => w !== 'ours' && w !== finalDiy)) {
		const other = head.medians[who];
		console.log(
			`reference (vs ${who}): ours/${who}=${(ours.fetchMs / other.fetchMs).toFixed(2)} rss_ratio=${(ours.rssMb / other.rssMb).toFixed(2)}`,
		);
	}
	const diy = head.medians[finalDiy];
	console.log(
		`reference: ours/diy=${(ours.fetchMs / diy.fetchMs).toFixed(2)} ours/floor=${head.oursOverFloor.toFixed(2)} ` +
			`requests_extra=${head.requestsExtra} rss_ratio=${(ours.rssMb / diy.rssMb).toFixed(2)}`,
	);
}

module.exports = { formatMs, summarizeCase, printCase, printFinal };
