/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code, never inside n8n: rethrows as n8n-core's CredentialsHelper does */
/**
 * The credentials helper's `applyDefaultsAndOverwrites` (n8n's steps, see
 * ../execute-context-credentials-helper.ts): type defaults, then expressions resolved with
 * `$self` = the credential data.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

/** Hidden OAuth fields whose stored values n8n 2.x discards in favour of the type's defaults. */
const OAUTH_PINNED_FIELDS = [
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'requestTokenUrl',
	'signatureMethod',
];

/** Fields copied back from the stored data when dynamic client registration is on. */
const DCR_MANAGED_CREDENTIAL_FIELDS = [
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'clientId',
	'clientSecret',
];

const mockNode: INode = {
	id: 'mock-node',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Mock' },
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

/** `properties`: the credential type's, parents merged (`getCredentialsProperties`). */
export async function applyDefaultsAndOverwrites(
	properties: INodeProperties[],
	additionalData: IWorkflowExecuteAdditionalData,
	decryptedDataOriginal: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode,
	executeData?: IExecuteData,
	expressionResolveValues?: ICredentialsExpressionResolveValues,
): Promise<ICredentialDataDecryptedObject> {
	const storedData = { ...decryptedDataOriginal };
	for (const field of OAUTH_PINNED_FIELDS) {
		if (properties.some((p) => p.name === field && p.type === 'hidden')) delete storedData[field];
	}

	// (no credential overwrites are configured in tests)
	let decryptedData = NodeHelpers.getNodeParameters(
		properties,
		storedData as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;

	if (decryptedDataOriginal.oauthTokenData !== undefined) {
		decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
	}
	for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
		if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
			decryptedData[key] = decryptedDataOriginal[key];
		}
	}
	if (decryptedData.useDynamicClientRegistration) {
		for (const field of DCR_MANAGED_CREDENTIAL_FIELDS) {
			decryptedData[field] = decryptedDataOriginal[field];
		}
	}

	const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

	if (expressionResolveValues) {
		try {
			decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
				decryptedData as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} catch (e) {
			(e as Error).message += ' [Error resolving credentials]';
			throw e;
		}
	} else {
		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: mockNodeTypes,
		});
		await workflow.expression.acquireIsolate();
		try {
			decryptedData = resolveCredentialExpressions(
				workflow,
				properties,
				decryptedData,
				mode,
				additionalKeys,
			);
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}
	return decryptedData;
}

function resolveCredentialExpressions(
	workflow: Workflow,
	properties: INodeProperties[],
	data: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
): ICredentialDataDecryptedObject {
	try {
		return workflow.expression.getComplexParameterValue(
			mockNode,
			data as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	} catch (originalError) {
		// per-field fallback: fields marked ignoreCredentialExpressionResolveError may be dropped
		const byName = new Map(properties.map((p) => [p.name, p]));
		const resolved: ICredentialDataDecryptedObject = {};
		for (const [name, value] of Object.entries(data)) {
			try {
				const one = workflow.expression.getComplexParameterValue(
					mockNode,
					{ [name]: value } as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					data,
				) as ICredentialDataDecryptedObject;
				if (Object.prototype.hasOwnProperty.call(one, name)) resolved[name] = one[name];
			} catch {
				if (byName.get(name)?.typeOptions?.ignoreCredentialExpressionResolveError === true) continue;
				throw originalError;
			}
		}
		return resolved;
	}
}
