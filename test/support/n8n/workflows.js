'use strict';
/** Ids, nodes, workflows and credentials as n8n's import commands take them. */
const crypto = require('node:crypto');

const { PACKAGE_NAME } = require('./constants');

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 16-character workflow / credential id (n8n's nanoid shape). */
function makeId(prefix = '') {
	let id = prefix.replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
	const bytes = crypto.randomBytes(16);
	for (let i = 0; id.length < 16; i++) id += ID_ALPHABET[bytes[i] % ID_ALPHABET.length];
	return id;
}

const ZOOM_NODE_TYPE = `${PACKAGE_NAME}.zoomImMessages`;
const ZOOM_TRIGGER_TYPE = `${PACKAGE_NAME}.zoomImMessagesTrigger`;
const OAUTH2_CREDENTIAL_TYPE = 'zoomImOAuth2Api';
const S2S_CREDENTIAL_TYPE = 'zoomImServerToServerOAuthApi';

function manualTriggerNode(name = 'Manual Trigger') {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/**
 * A workflow that starts with a Manual Trigger. Without `connections`, the trigger and `nodes` are
 * chained in order (trigger → nodes[0] → nodes[1] …). Pass `trigger: false` when `nodes` already
 * contains the start node.
 */
function manualWorkflow({ id = makeId(), name, nodes = [], connections, trigger = true, settings } = {}) {
	if (typeof id !== 'string' || id.length !== 16) throw new Error(`workflow id must have 16 characters: ${id}`);
	const all = trigger ? [manualTriggerNode(), ...nodes] : [...nodes];
	all.forEach((node, index) => {
		if (!node.id) node.id = crypto.randomUUID();
		if (!node.position) node.position = [index * 220, 0];
	});
	let links = connections;
	if (!links) {
		links = {};
		for (let i = 0; i + 1 < all.length; i++) {
			links[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
		}
	}
	return {
		id,
		name: name ?? `e2e ${id}`,
		active: false,
		nodes: all,
		connections: links,
		settings: { executionOrder: 'v1', ...settings },
		pinData: {},
	};
}

/**
 * A Zoom IM Messages node (typeVersion 1). `continueOnFail: true` sets "On Error: Continue"
 * (onError continueRegularOutput), which is what the editor's "Continue On Fail" stores.
 */
function zoomNode({
	name = 'Zoom IM Messages',
	parameters = {},
	credentialId,
	credentialName = 'Zoom IM (simulator)',
	authentication = 'oAuth2',
	continueOnFail = false,
	type = ZOOM_NODE_TYPE,
} = {}) {
	const credentialType = authentication === 'serverToServer' ? S2S_CREDENTIAL_TYPE : OAUTH2_CREDENTIAL_TYPE;
	const node = {
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion: 1,
		parameters: { authentication, ...parameters },
		credentials: { [credentialType]: { id: credentialId, name: credentialName } },
	};
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return node;
}

/** A Set node (typeVersion 3.4, "JSON" mode) whose output is `json` (an expression string or object). */
function setJsonNode({ name = 'Set', json }) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'raw',
			jsonOutput: typeof json === 'string' ? json : JSON.stringify(json),
			options: {},
		},
	};
}

/** A Split Out node (typeVersion 1) that turns each element of the array `field` into an item. */
function splitOutNode({ name = 'Split Out', field }) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: field, options: {} },
	};
}

/**
 * Nodes that turn the single Manual Trigger item into one item per element of `items`
 * (Set → Split Out). Works on both n8n versions without the Code node's task runner.
 */
function itemsNodes(items, { name = 'Items' } = {}) {
	return [
		setJsonNode({ name: `${name} (set)`, json: { __items: items } }),
		splitOutNode({ name, field: '__items' }),
	];
}

/** The import JSON of a zoomImOAuth2Api credential pointing at the simulator (environment custom). */
function zoomOAuth2Credential({ id = makeId('cred'), name = 'Zoom IM (simulator)', sim, tokens, clientId, clientSecret } = {}) {
	if (!sim) throw new Error('zoomOAuth2Credential needs sim');
	return {
		id,
		name,
		type: OAUTH2_CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			oauthBaseUrl: sim.oauthBaseUrl,
			apiBaseUrl: sim.apiBaseUrl,
			clientId: clientId ?? sim.client.clientId,
			clientSecret: clientSecret ?? sim.client.clientSecret,
			grantType: 'authorizationCode',
			oauthTokenData: tokens ?? sim.issueTokens(),
		},
	};
}

/** The import JSON of a zoomImServerToServerOAuthApi credential pointing at the simulator. */
function zoomS2SCredential({ id = makeId('s2s'), name = 'Zoom IM S2S (simulator)', sim, accountId, clientId, clientSecret } = {}) {
	if (!sim) throw new Error('zoomS2SCredential needs sim');
	return {
		id,
		name,
		type: S2S_CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			oauthBaseUrl: sim.oauthBaseUrl,
			apiBaseUrl: sim.apiBaseUrl,
			accountId: accountId ?? sim.client.accountId,
			clientId: clientId ?? sim.client.clientId,
			clientSecret: clientSecret ?? sim.client.clientSecret,
		},
	};
}

module.exports = {
	ZOOM_NODE_TYPE,
	ZOOM_TRIGGER_TYPE,
	OAUTH2_CREDENTIAL_TYPE,
	S2S_CREDENTIAL_TYPE,
	makeId,
	manualTriggerNode,
	manualWorkflow,
	zoomNode,
	setJsonNode,
	splitOutNode,
	itemsNodes,
	zoomOAuth2Credential,
	zoomS2SCredential,
};
