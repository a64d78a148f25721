/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code, never inside n8n: rethrows as n8n-core's CredentialsHelper does */
/**
 * In-memory `ICredentialsHelper` for in-process integration tests.
 *
 * n8n's real implementation is `CredentialsHelper` in the `n8n` CLI package
 * (packages/cli/src/credentials-helper.ts), which is not installed here: it needs a database.
 * This class re-implements the parts that decide what a node sees and sends, following that
 * file's logic step by step (the method names are the same):
 *
 * - storage: one record per credential id holding the data serialized (like the DB column,
 *   but as plain JSON: n8n-core's `Credentials` class needs the CLI's encryption-key provider).
 *   Every read returns a fresh copy, so a node never shares objects with the store;
 * - `getDecrypted` / `applyDefaultsAndOverwrites`: drop stored values of hidden OAuth "pinned"
 *   fields, fill type defaults with `NodeHelpers.getNodeParameters`, put `oauthTokenData` back,
 *   then resolve expressions with the real expression engine, `$self` being the credential data
 *   (the executing workflow when the caller passes `expressionResolveValues`, otherwise a
 *   one-node mock workflow) — this is how expression defaults such as
 *   `={{ $self.environment === 'custom' ? ... }}` become URLs;
 * - `getCredentialsProperties` / `getParentTypes`: `extends` chains merged with
 *   `NodeHelpers.mergeNodeProperties` (so `doNotInherit` properties are not inherited);
 * - `authenticate`: function authenticators are called, generic ones (`type: 'generic'`) have
 *   each key and value resolved with `workflow.expression.getSimpleParameterValue` and
 *   `$credentials` = the decrypted data;
 * - `preAuthentication`: only for types with a hidden `typeOptions.expirable` property; runs the
 *   type's hook when that property is empty or the caller says the credential expired, keeps
 *   the output only if it contains the expirable property, persists it (without overwriting
 *   stored expressions) and merges it into the in-memory credential object;
 * - `runPreAuthentication`: the hook without guard or persistence (used by requestOAuth2);
 * - `updateCredentials` / `updateCredentialsOauthTokenData`: re-encrypt and store.
 *
 * Left out (not reachable from a community node in these tests): credential overwrites
 * (none are configured), external secrets, dynamic / end-user credentials, AI gateway
 * credentials, project policy checks, JSON-leaf expression fields.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
} from 'n8n-workflow';
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

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** Serialized data, as n8n keeps it (encrypted) in the `credentials_entity.data` column. */
	serialized: string;
}

export type CredentialUpdateKind = 'oauthTokenData' | 'credentials';

export interface CredentialUpdate {
	type: string;
	id: string;
	/** `oauthTokenData`: n8n saved refreshed OAuth2 tokens; `credentials`: a full data save
	 * (what preAuthentication output is persisted with). */
	kind: CredentialUpdateKind;
	/** Decrypted data after the update (deep copy). */
	data: ICredentialDataDecryptedObject;
	at: number;
}

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

/** `ICredentials` over serialized JSON: the same contract as n8n-core's `Credentials`, minus encryption. */
export class StoredCredentials extends ICredentials {
	async getData(): Promise<ICredentialDataDecryptedObject> {
		if (this.data === undefined) throw new UserError('No data is set so nothing can be returned.');
		return JSON.parse(this.data) as ICredentialDataDecryptedObject;
	}

	getDataToSave() {
		if (this.data === undefined) throw new UnexpectedError('No credentials were set to save.');
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const updated = { ...(await this.getData()), ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete updated[key];
		await this.setData(updated);
	}
}

export class InMemoryCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly records = new Map<string, StoredCredential>();

	readonly updates: CredentialUpdate[] = [];

	constructor(credentialTypes: ICredentialType[]) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const type of credentialTypes) {
			for (const parent of type.extends ?? []) {
				if (!this.types.has(parent)) {
					throw new Error(
						`Credential type "${type.name}" extends "${parent}", which was not passed in credentialTypes`,
					);
				}
			}
		}
	}

	// ----- storage (the "database") -------------------------------------------------------

	addCredential(type: string, id: string, name: string, data: ICredentialDataDecryptedObject): void {
		this.getType(type);
		this.records.set(id, { id, name, type, serialized: JSON.stringify(data) });
	}

	/** Replaces a stored credential's data, as a user editing it in the UI would. */
	replaceData(type: string, data: ICredentialDataDecryptedObject): void {
		this.findByType(type).serialized = JSON.stringify(data);
	}

	/** Current stored data of the credential of this type (a copy). */
	currentData(type: string): ICredentialDataDecryptedObject {
		return JSON.parse(this.findByType(type).serialized) as ICredentialDataDecryptedObject;
	}

	findByType(type: string): StoredCredential {
		for (const record of this.records.values()) if (record.type === type) return record;
		throw new Error(`No credential of type "${type}" was given to the runner`);
	}

	storedTypes(): string[] {
		return [...this.records.values()].map((r) => r.type);
	}

	private getRecord(nodeCredential: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredential?.id) {
			throw new UserError(
				`Credential "${nodeCredential?.name}" of type "${type}" has no id`,
			);
		}
		const record = this.records.get(nodeCredential.id);
		if (!record || record.type !== type) {
			// same text as n8n's CredentialNotFoundError
			throw new UserError(
				`Credential with ID "${nodeCredential.id}" does not exist for type "${type}".`,
			);
		}
		return record;
	}

	private async save(
		record: StoredCredential,
		credentials: StoredCredentials,
		kind: CredentialUpdateKind,
	): Promise<void> {
		record.serialized = credentials.getDataToSave().data;
		this.updates.push({
			type: record.type,
			id: record.id,
			kind,
			data: await credentials.getData(),
			at: Date.now(),
		});
	}

	// ----- types ----------------------------------------------------------------------------

	getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) {
			throw new UnexpectedError('Unknown credential type', { tags: { credentialType: typeName } });
		}
		return type;
	}

	getParentTypes(typeName: string): string[] {
		const parents: string[] = [];
		for (const parent of this.types.get(typeName)?.extends ?? []) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		const shortName = nodeType.split('.').pop() ?? nodeType;
		return (type.supportedNodes ?? []).some((n) => n === nodeType || n === shortName);
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.getType(typeName);
		if (type.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(typeName)) {
				return [
					...type.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return type.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	// ----- reading --------------------------------------------------------------------------

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<StoredCredentials> {
		const record = this.getRecord(nodeCredentials, type);
		return new StoredCredentials({ id: record.id, name: record.name }, record.type, record.serialized);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		const decryptedDataOriginal = await credentials.getData();
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);

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
				decryptedData = this.resolveCredentialExpressions(
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

	private resolveCredentialExpressions(
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

	// ----- using ----------------------------------------------------------------------------

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions;
		const type = this.getType(typeName);
		const { authenticate } = type;
		if (authenticate) {
			if (typeof authenticate === 'function') {
				return await authenticate(credentials, requestOptions as IHttpRequestOptions);
			}
			if (typeof authenticate === 'object') {
				if (!workflow || !node) {
					throw new UnexpectedError(
						'Workflow and node are required for declarative credential authentication',
					);
				}
				if (requestOptions.headers === undefined) requestOptions.headers = {};
				if (authenticate.type === 'generic') {
					const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
							const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
							const valueResolved = this.resolveValue(
								value,
								{ $credentials: credentials },
								workflow,
								node,
							);
							if (!target[outerKey]) target[outerKey] = {};
							target[outerKey][keyResolved] = valueResolved;
						}
					}
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!returnValue) return '';
		return returnValue.toString();
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirableProperty = type.properties.find(
			(p) => p.type === 'hidden' && p?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

		if (typeof type.preAuthentication !== 'function') return undefined;
		if (
			!(credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials)
		) {
			return undefined;
		}

		const output = await type.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		if (output[expirableProperty.name] === undefined) return undefined;

		if (node.credentials) {
			const nodeCredentials = node.credentials[type.name];
			const storedData = await (await this.getCredentials(nodeCredentials, type.name)).getData();
			const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirableProperty.name || !isExpression(storedData[key])) {
					dataToPersist[key] = value as ICredentialDataDecryptedObject[string];
				}
			}
			await this.updateCredentials(nodeCredentials, type.name, dataToPersist);
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const output = await type.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	// ----- writing --------------------------------------------------------------------------

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const record = this.getRecord(nodeCredentials, type);
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
		await this.save(record, credentials, 'credentials');
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const record = this.getRecord(nodeCredentials, type);
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
		await this.save(record, credentials, 'oauthTokenData');
	}
}

/** n8n wraps the helpers a preAuthentication hook gets so the credential's own domain allowlist applies. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}
