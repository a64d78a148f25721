'use strict';
/**
 * The parts of n8n's IExecuteFunctions that the Zoom IM Messages node uses, for running its
 * compiled `execute` in-process in the benchmarks (no n8n needed): one input item, UTC, the given
 * parameters and credentials, and `httpRequestWithAuthentication` as the caller answers it.
 */
function nodeExecuteContext({ parameters, credentials, httpRequestWithAuthentication }) {
	const node = { id: 'bench', name: 'Zoom IM Messages', type: 'n8n-nodes-zoom-im.zoomImMessages', typeVersion: 1, position: [0, 0], parameters };
	return {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name, _i, fallback) => (name in parameters ? parameters[name] : fallback),
		getTimezone: () => 'UTC',
		getNode: () => node,
		continueOnFail: () => false,
		getCredentials: async () => credentials,
		helpers: { httpRequestWithAuthentication },
	};
}

/** The middle value; for an even count the upper of the two middle ones. */
const upperMedian = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

module.exports = { nodeExecuteContext, upperMedian };
