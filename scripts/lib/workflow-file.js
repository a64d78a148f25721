'use strict';
/** Workflow JSON files shipped with the scripts and benchmarks, their __PLACEHOLDERS__ filled in. */
const fs = require('node:fs');

/** `file` with every `__KEY__` of `values` replaced (values JSON-escaped); a placeholder left over throws. */
function loadWorkflow(file, values) {
	let text = fs.readFileSync(file, 'utf8');
	for (const [key, value] of Object.entries(values)) {
		text = text.split(`__${key}__`).join(JSON.stringify(String(value)).slice(1, -1));
	}
	const left = text.match(/__[A-Z_]+__/);
	if (left) throw new Error(`${file}: placeholder ${left[0]} was not replaced`);
	return JSON.parse(text);
}

module.exports = { loadWorkflow };
