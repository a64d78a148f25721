'use strict';
/**
 * Zoom simulator for n8n-nodes-zoom-im tests, demos and benchmarks.
 *
 *   const { ZoomSimulator } = require('./test/simulator');
 *   const sim = new ZoomSimulator({ seed: 42 });
 *   await sim.start();
 *
 * See README.md in this folder and index.d.ts for the API.
 */
const { ZoomSimulator } = require('./simulator');
const { SPECIAL_TEXTS, PEOPLE } = require('./dataset');

module.exports = { ZoomSimulator, SPECIAL_TEXTS, PEOPLE };
