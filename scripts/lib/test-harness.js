'use strict';
/**
 * The Zoom simulator, the n8n harness and the editor walk-through, for the scripts.
 *
 * They live under test/ because jest's tests are their main users and the test-support code owns
 * them; scripts reuse them rather than keep copies. This module is the only place under scripts/
 * that names a test/ path: each accessor loads its module on first use.
 */

/** test/simulator: `{ ZoomSimulator, SPECIAL_TEXTS, PEOPLE }`. */
const zoomSimulator = () => require('../../test/simulator');

/** test/support/n8n.js: provisioning, packing, n8n instances, run-data readers, credentials. */
const n8nHarness = () => require('../../test/support/n8n');

/** test/ui/editor-flow.js: the browser walk-through of the n8n editor (docs screenshots). */
const editorFlow = () => require('../../test/ui/editor-flow');

module.exports = { zoomSimulator, n8nHarness, editorFlow };
