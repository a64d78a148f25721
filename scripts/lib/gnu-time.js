'use strict';
/**
 * GNU time (`/usr/bin/time -v`) measures a process's peak RSS ("Maximum resident set size") and
 * wall time; the benchmark runs every `n8n execute` under it.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const TIME_BIN = '/usr/bin/time';

/** Installs Debian's "time" package with apt-get when /usr/bin/time is missing. */
function ensureGnuTimeInstalledWithApt() {
	if (fs.existsSync(TIME_BIN)) return;
	console.error(`${TIME_BIN} is missing: installing Debian's "time" package (apt-get)`);
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (!fs.existsSync(TIME_BIN)) throw new Error(`${TIME_BIN} is still missing after apt-get install time`);
}

/** Peak RSS in MB (NaN if absent) and wall time in ms (undefined if absent) from a `-v` report. */
function parseTimeReport(report) {
	const rssKb = Number((report.match(/Maximum resident set size \(kbytes\): (\d+)/) ?? [])[1]);
	const wall = report.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
	const wallMs = wall ? ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000 : undefined;
	return { rssMb: rssKb / 1024, wallMs };
}

module.exports = { TIME_BIN, ensureGnuTimeInstalledWithApt, parseTimeReport };
