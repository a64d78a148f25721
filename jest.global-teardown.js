'use strict';
/** Jest global teardown: waits for the background preparation, then stops the shared n8n instances. */
module.exports = async function globalTeardown() {
	await globalThis.__zoomImPreparing;
	await globalThis.__zoomImShared?.stop();
};
