/**
 * In-memory `ICredentialsHelper` for in-process integration tests.
 * Why a copy: n8n-core exports no credentials helper; n8n's own is in the `n8n` CLI package, not installed here.
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
 * The longer steps are in ./execute-context/credentials-{storage,defaults,authentication}.ts.
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
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UnexpectedError, UserError } from 'n8n-workflow';

import { authenticateRequest, preAuthentication, runPreAuthentication } from './execute-context/credentials-authentication';
import { applyDefaultsAndOverwrites } from './execute-context/credentials-defaults';
import {
	StoredCredentials,
	type CredentialUpdate,
	type CredentialUpdateKind,
	type StoredCredential,
} from './execute-context/credentials-storage';

export { StoredCredentials } from './execute-context/credentials-storage';
export type { CredentialUpdate, CredentialUpdateKind, StoredCredential } from './execute-context/credentials-storage';

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
		return await applyDefaultsAndOverwrites(
			this.getCredentialsProperties(type),
			additionalData,
			decryptedDataOriginal,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	// ----- using ----------------------------------------------------------------------------

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		return await authenticateRequest(this.getType(typeName), credentials, incomingRequestOptions, workflow, node);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return await preAuthentication(this, this.getType(typeName), helpers, credentials, node, credentialsExpired);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return await runPreAuthentication(this.getType(typeName), helpers, credentials);
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
