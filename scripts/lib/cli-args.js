'use strict';
/**
 * Command-line flags for scripts: `parseArgs(argv, defaults, flags)` where `flags` maps each flag to
 * `{ key, parse }` (takes a value; `parse` turns the text into the option's value, default: as is)
 * or `{ key, set }` (takes no value; sets `set`). Unknown flags and missing values throw.
 */
function parseArgs(argv, defaults, flags) {
	const args = { ...defaults };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const flag = Object.hasOwn(flags, arg) ? flags[arg] : undefined;
		if (!flag) throw new Error(`unknown argument ${arg}`);
		if ('set' in flag) {
			args[flag.key] = flag.set;
			continue;
		}
		const value = argv[++i];
		if (value === undefined) throw new Error(`${arg} needs a value`);
		args[flag.key] = flag.parse ? flag.parse(value) : value;
	}
	return args;
}

/** A comma-separated list, each element trimmed and then parsed. */
const list =
	(parse = (value) => value) =>
	(text) =>
		text.split(',').map((value) => parse(value.trim()));

module.exports = { parseArgs, list };
