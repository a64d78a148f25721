'use strict';
/**
 * Harness for running the packed package inside a real n8n (see shared/n8n-runtime-notes.md).
 *
 * CommonJS on purpose: plain node scripts (scripts/demo.js, scripts/dev.js) and the jest TypeScript
 * tests use the same code. Types are in ./n8n.d.ts.
 *
 * Everything here runs n8n as child processes, asynchronously (the Zoom simulator usually lives in
 * the same process and must keep answering while n8n runs). Every child is started in its own
 * process group and killed, with its group, when its instance is disposed or this process exits.
 *
 * The parts live in ./n8n/: constants, processes (children, temp dirs, the reaper), network (ports,
 * HTTP probes), provision (n8n installs, packing), instance (user folders and the CLI commands),
 * server (`n8n start` / `n8n worker`), install (the tarball), run-output (reading a run),
 * workflows (ids, nodes, workflows, credentials), rest (n8n's REST API), shared-instance (the run's
 * long-lived n8n per version), run-folder (what jest's global setup has ready) and timings.
 */
const { REPO_ROOT, PACKAGE_NAME, ENCRYPTION_KEY } = require('./n8n/constants');
const { createInstance } = require('./n8n/instance');
const { installTarball } = require('./n8n/install');
const { freePort, sleep } = require('./n8n/network');
const { runProcess, makeTempDir, removeTempDir } = require('./n8n/processes');
const { E2E_BUILD, versionsFromEnv, provisionN8n, packPackage } = require('./n8n/provision');
const { signIn } = require('./n8n/rest');
const { sharedInstance } = require('./n8n/shared-instance');
const run = require('./n8n/run-output');
const wf = require('./n8n/workflows');

module.exports = {
	REPO_ROOT,
	PACKAGE_NAME,
	ENCRYPTION_KEY,
	ZOOM_NODE_TYPE: wf.ZOOM_NODE_TYPE,
	ZOOM_TRIGGER_TYPE: wf.ZOOM_TRIGGER_TYPE,
	OAUTH2_CREDENTIAL_TYPE: wf.OAUTH2_CREDENTIAL_TYPE,
	S2S_CREDENTIAL_TYPE: wf.S2S_CREDENTIAL_TYPE,
	E2E_BUILD,
	versionsFromEnv,
	provisionN8n,
	packPackage,
	createInstance,
	sharedInstance,
	signIn,
	installTarball,
	parseExecuteOutput: run.parseExecuteOutput,
	nodeRun: run.nodeRun,
	nodeItems: run.nodeItems,
	nodeResult: run.nodeResult,
	nodeJson: run.nodeJson,
	executionError: run.executionError,
	nodeError: run.nodeError,
	pairedIndex: run.pairedIndex,
	makeId: wf.makeId,
	manualTriggerNode: wf.manualTriggerNode,
	manualWorkflow: wf.manualWorkflow,
	zoomNode: wf.zoomNode,
	setJsonNode: wf.setJsonNode,
	splitOutNode: wf.splitOutNode,
	itemsNodes: wf.itemsNodes,
	zoomOAuth2Credential: wf.zoomOAuth2Credential,
	zoomS2SCredential: wf.zoomS2SCredential,
	freePort,
	runProcess,
	makeTempDir,
	removeTempDir,
	sleep,
};
