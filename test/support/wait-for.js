'use strict';

/**
 * The tests' one poll. Calls `probe` until it returns something other than `undefined`, `null` or
 * `false` and resolves with that value; waits `intervalMs` between calls and throws once
 * `timeoutMs` has passed ("timed out after … waiting for <what>", then `detail()` if given). A probe
 * that throws ends the wait with its error.
 *
 * @template T
 * @param {() => T | undefined | null | false | Promise<T | undefined | null | false>} probe
 * @param {{ timeoutMs?: number, intervalMs?: number, what?: string, detail?: () => string }} [options]
 * @returns {Promise<T>}
 */
async function waitFor(probe, { timeoutMs = 10_000, intervalMs = 100, what = 'the condition', detail } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== null && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `\n${detail()}` : ''}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

module.exports = { waitFor };
