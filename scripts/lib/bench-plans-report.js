'use strict';
/** The plan rows' table (medians) and the closing `bench:` line of `npm run bench`. */

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const ROWS = [
	['warm pro', 'Pro (20/s), 12 months, warm', { ratio: 1.15, share: 0.03 }],
	['cold pro', 'Pro (20/s), 12 months, cold', { ratio: 1.3, share: 0.05 }],
	['warm business', 'Business+ (60/s), 12 months, warm', { ratio: 1.2, share: 0.03 }],
	['cold business', 'Business+ (60/s), 12 months, cold', { ratio: 1.6, share: 0.05 }],
	['warm free', 'Free (2/s), 3 months, warm', { ratio: 1.15, share: 0.03 }],
	['cold free', 'Free (2/s), 3 months, cold', { ratio: 1.3, share: 0.15 }],
	['month_business', 'Business+ (60/s), one busy month, warm', { ratio: 1.5, share: 0.03 }],
	['three_at_once', 'Pro (20/s), three executions at once, warm', { ratio: 1.2, share: 0.03 }],
];

/** Medians per row: time, requests, 429s, peak req/s, ratio to the floor, 429 share (the worst sample's). */
function summarize(rows) {
	const summary = {};
	for (const [name] of ROWS) {
		const samples = rows[name];
		if (!samples?.length) continue;
		summary[name] = {
			samples: samples.length,
			timeMs: median(samples.map((s) => s.timeMs)),
			requests: median(samples.map((s) => s.requests)),
			minimal: samples[0].minimal,
			subRanges: median(samples.map((s) => s.subRanges)),
			rejected: median(samples.map((s) => s.rejected)),
			peakPerSecond: median(samples.map((s) => s.peakPerSecond)),
			floorMs: samples[0].floorMs,
			ratio: median(samples.map((s) => s.ratio)),
			worstShare: Math.max(...samples.map((s) => s.rejected / s.requests)),
			worstExtra: Math.max(...samples.map((s) => s.requests - s.minimal - s.subRanges)),
		};
	}
	return summary;
}

function printPlanTable(summary, latencyMs) {
	console.log('');
	console.log(
		`### plans: default options, executions by webhook in \`n8n start\`, ${latencyMs} ms latency, the simulator enforcing the plan's per-second limit (429 + Retry-After: 1)`,
	);
	const header = ['row', 'time', 'requests (minimal + sub-ranges)', '429s', 'peak req/s', 'floor', 'ratio', 'target', 'met'];
	const lines = [header];
	for (const [name, label, target] of ROWS) {
		const s = summary[name];
		if (!s) continue;
		const share = s.worstShare;
		const extraOk = name !== 'month_business' || s.worstExtra <= 0;
		const met = s.ratio <= target.ratio && share <= target.share && extraOk;
		lines.push([
			label,
			`${(s.timeMs / 1000).toFixed(2)} s`,
			`${s.requests} (${s.minimal} + ${s.subRanges})`,
			`${s.rejected} (${(share * 100).toFixed(1)} %)`,
			String(s.peakPerSecond),
			`${(s.floorMs / 1000).toFixed(2)} s`,
			`${s.ratio.toFixed(2)}×`,
			`≤ ${target.ratio}×, 429s ≤ ${target.share * 100} %`,
			met ? 'yes' : 'NO',
		]);
	}
	const widths = header.map((_, col) => Math.max(...lines.map((r) => String(r[col]).length)));
	lines.forEach((row, index) => {
		console.log(`| ${row.map((cell, col) => String(cell).padEnd(widths[col])).join(' | ')} |`);
		if (index === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	});
	console.log('(medians; 429 share: the worst sample; "requests" ≤ minimal + sub-ranges is the split\'s bound)');
}

function planLine(summary) {
	const ratio = (name) => (summary[name] ? summary[name].ratio.toFixed(2) : 'n/a');
	const share = (names) => {
		const present = names.filter((n) => summary[n]);
		return present.length ? Math.max(...present.map((n) => summary[n].worstShare)).toFixed(3) : 'n/a';
	};
	return (
		`bench: pro=${ratio('warm pro')} business=${ratio('warm business')} free=${ratio('warm free')} ` +
		`month_business=${ratio('month_business')} three_at_once=${ratio('three_at_once')} ` +
		`max_429_share=${share(['warm pro', 'warm business', 'warm free', 'month_business', 'three_at_once'])} ` +
		`cold_pro=${ratio('cold pro')} cold_business=${ratio('cold business')} cold_free=${ratio('cold free')} ` +
		`cold_max_429_share=${share(['cold pro', 'cold business', 'cold free'])}`
	);
}

module.exports = { summarize, printPlanTable, planLine };
