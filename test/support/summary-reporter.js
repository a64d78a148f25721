/**
 * Jest reporter that ends the run with one plain line, `jest: N passed, N failed` (plus skipped
 * when there are any), so that CI logs say at a glance how many tests ran.
 */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
		// Jest prints its own summary after the reporters run: print ours last, at exit.
		process.once('exit', () => process.stderr.write(`${line}\n`));
	}
}

module.exports = SummaryReporter;
