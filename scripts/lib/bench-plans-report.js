'use strict';
/** The plan rows' table (medians) and the closing `bench:` line of `npm run bench`. */

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The rows, their labels and targets (issue 23 for the new ones; the earlier bench's for the
 * others, set when the floor counted pages of 50). `share`: the most 429s of a sample's requests.
 */
const ROWS = [
	['warm pro', { ratio: 1.2, share: 0.03 }],
	['cold pro', { ratio: 1.3, share: 0.05 }],
	['warm business', { ratio: 1.5, share: 0.03 }],
	['cold business', { ratio: 1.6, share: 0.05 }],
	['warm free', { ratio: 1.15, share: 0.03 }],
	['cold free', { ratio: 1.3, share: 0.15 }],
	['cold_month_business', { ratio: 2, share: 0.05 }],
	['month_business', { ratio: 1.5, share: 0.03 }],
	['three_at_once', { ratio: 1.2, share: 0.03 }],
	['teamchat_pro', { ratio: 1.2, share: 0.03 }],
	['queue cold', undefined],
	['queue_two_workers', { ratio: 1.3, share: 0.05 }],
];
const IM_YEAR_ROWS = ['warm pro', 'cold pro', 'warm business', 'cold business'];

/** Medians per row: time, requests, 429s, peak req/s, ratio to the floor, 429 share (the worst sample's). */
function summarize(rows) {
	const summary = {};
	for (const [name] of ROWS) {
		const samples = rows[name];
		if (!samples?.length) continue;
		const med = (key) => median(samples.map((s) => s[key]));
		summary[name] = {
			label: samples[0].label,
			samples: samples.length,
			timeMs: med('timeMs'),
			spanMs: med('spanMs'),
			beforeMs: med('beforeMs'),
			afterMs: med('afterMs'),
			requests: med('requests'),
			minimal: samples[0].minimal,
			chain: samples[0].chain,
			subRanges: med('subRanges'),
			rejected: med('rejected'),
			peakPerSecond: med('peakPerSecond'),
			rateFloorMs: samples[0].rateFloorMs,
			floorMs: samples[0].floorMs,
			ratio: med('ratio'),
			ratios: samples.map((s) => s.ratio),
			worstShare: Math.max(...samples.map((s) => s.rejected / s.requests)),
			// Requests answered beyond the fewest plus the parts split off (each part may cost one more).
			worstExtra: Math.max(...samples.map((s) => s.requests - s.rejected - s.minimal - s.subRanges)),
			worstAnswered: Math.max(...samples.map((s) => s.requests - s.rejected)),
			workerRuns: samples.map((s) => s.workerRuns).filter(Boolean),
		};
	}
	return summary;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

function printPlanTable(summary, latencyMs) {
	console.log('');
	console.log(
		`### plans: default options, executions by webhook in \`n8n start\` (queue: main + 2 workers), ${latencyMs} ms latency, the simulator enforcing the plan's per-second limit (429 + Retry-After: 1)`,
	);
	const header = ['row', 'time', 'requests (minimal + parts)', '429s (worst share)', 'peak req/s', 'floor', 'ratio (per sample)', 'target', 'met'];
	const lines = [header];
	for (const [name, target] of ROWS) {
		const s = summary[name];
		if (!s) continue;
		const bound = s.worstExtra <= 0;
		const met = target ? s.ratio <= target.ratio && s.worstShare <= target.share && bound : undefined;
		const floorBy = s.floorMs > s.rateFloorMs ? `chain ${s.chain} × ${latencyMs} ms` : `${s.minimal} requests / limit`;
		lines.push([
			s.label,
			seconds(s.timeMs),
			`${s.requests} (${s.minimal} + ${s.subRanges})`,
			`${s.rejected} (${(s.worstShare * 100).toFixed(1)} %)`,
			String(s.peakPerSecond),
			`${seconds(s.floorMs)} (${floorBy})`,
			`${s.ratio.toFixed(2)}× (${s.ratios.map((r) => r.toFixed(2)).join(', ')})`,
			target ? `≤ ${target.ratio}×, 429s ≤ ${target.share * 100} %` : '(none)',
			met === undefined ? '' : met ? 'yes' : bound ? 'NO' : 'NO (requests)',
		]);
	}
	const widths = header.map((_, col) => Math.max(...lines.map((r) => String(r[col]).length)));
	lines.forEach((row, index) => {
		console.log(`| ${row.map((cell, col) => String(cell).padEnd(widths[col])).join(' | ')} |`);
		if (index === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	});
	console.log(
		'(medians; 429 share: the worst sample; requests answered must stay ≤ minimal + parts; floor = max(minimal requests / the plan\'s limit, the longest chain of dependent pages × latency))',
	);
	for (const [name] of ROWS) {
		const s = summary[name];
		if (!s) continue;
		console.log(
			`  ${name}: before the first request ${s.beforeMs} ms, requests span ${seconds(s.spanMs)}, after the last answer ${s.afterMs} ms; ` +
				`rate floor ${seconds(s.rateFloorMs)}, chain ${s.chain} × ${latencyMs} ms` +
				(s.workerRuns.length ? `; executions per worker ${s.workerRuns.map((w) => w.join('+')).join(', ')}` : ''),
		);
	}
}

function planLine(summary) {
	const ratio = (name) => (summary[name] ? summary[name].ratio.toFixed(2) : 'n/a');
	const share = (names) => {
		const present = names.filter((n) => summary[n]);
		return present.length ? Math.max(...present.map((n) => summary[n].worstShare)).toFixed(3) : 'n/a';
	};
	const years = IM_YEAR_ROWS.filter((n) => summary[n]);
	const imYear = years.length
		? `${Math.max(...years.map((n) => summary[n].worstAnswered))}/${Math.max(...years.map((n) => summary[n].minimal + summary[n].subRanges))}`
		: 'n/a';
	return (
		`bench: pro=${ratio('warm pro')} business=${ratio('warm business')} free=${ratio('warm free')} ` +
		`month_business=${ratio('month_business')} cold_month_business=${ratio('cold_month_business')} ` +
		`three_at_once=${ratio('three_at_once')} teamchat_pro=${ratio('teamchat_pro')} queue_two_workers=${ratio('queue_two_workers')} ` +
		`max_429_share=${share(['warm pro', 'warm business', 'warm free', 'month_business', 'three_at_once', 'teamchat_pro', 'queue_two_workers'])} ` +
		`cold_pro=${ratio('cold pro')} cold_business=${ratio('cold business')} cold_free=${ratio('cold free')} ` +
		`cold_max_429_share=${share(['cold pro', 'cold business', 'cold free', 'cold_month_business', 'queue cold'])} ` +
		`im_year_requests=${imYear}`
	);
}

module.exports = { summarize, printPlanTable, planLine };
