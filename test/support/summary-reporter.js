/**
 * Jest reporter that ends the run with what it cost and one plain line, `jest: N passed, N failed`
 * (plus skipped when there are any), so that CI logs say at a glance how many tests ran:
 *   - each project's wall time and test count, and each test file's time (slowest first);
 *   - what the n8n processes cost (test/support/n8n/timings.js): per kind of process, how many,
 *     their start-up time and their work time, and the same per suite.
 */
const path = require('node:path');

const { readTimings } = require('./n8n/timings');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function table(rows, header) {
	const all = [header, ...rows].map((row) => row.map(String));
	const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
	return all.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

function fileRows(results, rootDir) {
	return results.testResults
		.map((file) => ({
			project: file.displayName?.name ?? '',
			file: path.relative(rootDir, file.testFilePath),
			ms: file.perfStats.end - file.perfStats.start,
			tests: file.numPassingTests + file.numFailingTests + file.numPendingTests,
			start: file.perfStats.start,
			end: file.perfStats.end,
		}))
		.sort((a, b) => b.ms - a.ms);
}

function projectRows(files) {
	const projects = new Map();
	for (const file of files) {
		const p = projects.get(file.project) ?? { files: 0, tests: 0, start: Infinity, end: 0, busy: 0 };
		p.files += 1;
		p.tests += file.tests;
		p.start = Math.min(p.start, file.start);
		p.end = Math.max(p.end, file.end);
		p.busy += file.ms;
		projects.set(file.project, p);
	}
	return [...projects].map(([name, p]) => [name || '(none)', p.files, p.tests, seconds(p.busy), seconds(p.end - p.start)]);
}

function timingRows(timings, key) {
	const groups = new Map();
	for (const t of timings) {
		const name = key(t);
		const g = groups.get(name) ?? { count: 0, startup: 0, work: 0 };
		g.count += 1;
		g.startup += t.startupMs;
		g.work += t.workMs;
		groups.set(name, g);
	}
	return [...groups]
		.sort((a, b) => b[1].startup + b[1].work - (a[1].startup + a[1].work))
		.map(([name, g]) => [name, g.count, seconds(g.startup), seconds(g.work)]);
}

class SummaryReporter {
	constructor(globalConfig) {
		this.rootDir = globalConfig.rootDir;
	}

	onRunComplete(_contexts, results) {
		const lines = [];
		const files = fileRows(results, this.rootDir);
		if (files.length > 1) {
			lines.push('', `test run: ${seconds(Date.now() - results.startTime)} wall`);
			lines.push(table(projectRows(files), ['project', 'files', 'tests', 'file time', 'wall']));
			lines.push('', table(files.map((f) => [`${f.project ? `[${f.project}] ` : ''}${f.file}`, f.tests, seconds(f.ms)]), ['test file', 'tests', 'time']));
		}
		const timings = readTimings();
		if (timings.length > 0) {
			lines.push('', 'n8n processes and runs (start-up = booting n8n; work = what it was asked to do):');
			lines.push(table(timingRows(timings, (t) => `${t.kind} (${t.version})`), ['kind', 'count', 'start-up', 'work']));
			lines.push('', table(timingRows(timings, (t) => t.suite), ['suite', 'count', 'start-up', 'work']));
		}
		const skipped = results.numPendingTests + results.numTodoTests;
		lines.push(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
		// Jest prints its own summary after the reporters run: print ours last, at exit.
		process.once('exit', () => process.stderr.write(`${lines.join('\n')}\n`));
	}
}

module.exports = SummaryReporter;
