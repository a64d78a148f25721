'use strict';
/** Reading the run that `n8n execute --rawOutput` prints. */
/**
 * The run JSON in the stdout of `n8n execute --rawOutput` (or of a failed execution, which n8n
 * logs as indented JSON between other lines): from the first line that is exactly `{` to the
 * first later line that is exactly `}`. Inner lines of JSON.stringify(…, null, 2) are indented,
 * so the top-level braces are the only unindented ones. Returns null when there is none.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	const start = lines.findIndex((line) => line.trimEnd() === '{');
	if (start < 0) return null;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end].trimEnd() !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* keep looking for a later closing brace */
		}
	}
	return null;
}

function nodeRun(output, nodeName, runIndex = 0) {
	const runs = output?.data?.resultData?.runData?.[nodeName];
	return runs ? runs[runIndex] : undefined;
}

/** Items (full n8n items, with json and pairedItem) of one output of a node's run. */
function nodeItems(output, nodeName, { runIndex = 0, outputIndex = 0 } = {}) {
	const run = nodeRun(output, nodeName, runIndex);
	return run?.data?.main?.[outputIndex] ?? [];
}

/** json of each item a node produced, its executionTime in ms and its error (if any). */
function nodeResult(output, nodeName, options = {}) {
	const run = nodeRun(output, nodeName, options.runIndex ?? 0);
	const items = nodeItems(output, nodeName, options);
	return {
		ran: run !== undefined,
		items: items.map((item) => item.json),
		pairedItems: items.map((item) => item.pairedItem),
		executionTime: run?.executionTime,
		error: run?.error,
	};
}

function nodeJson(output, nodeName, options) {
	return nodeResult(output, nodeName, options).items;
}

function executionError(output) {
	return output?.data?.resultData?.error;
}

function nodeError(output, nodeName, runIndex = 0) {
	return nodeRun(output, nodeName, runIndex)?.error;
}

/** The input-item index a pairedItem points at (first one for arrays). */
function pairedIndex(pairedItem) {
	if (pairedItem === undefined || pairedItem === null) return undefined;
	if (typeof pairedItem === 'number') return pairedItem;
	if (Array.isArray(pairedItem)) return pairedIndex(pairedItem[0]);
	return pairedItem.item;
}

module.exports = { parseExecuteOutput, nodeRun, nodeItems, nodeResult, nodeJson, executionError, nodeError, pairedIndex };
