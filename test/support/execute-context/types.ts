/**
 * The in-process runner's API: its options, what `createNodeRunner` returns, and the options of
 * each call.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { CredentialUpdate } from '../execute-context-credentials-helper';

export interface RunnerCredential {
	id: string;
	name: string;
	data: ICredentialDataDecryptedObject;
}

export interface CreateNodeRunnerOptions {
	nodeType: INodeType | IVersionedNodeType;
	/** Every credential type involved, parents included (e.g. `new OAuth2Api()`). */
	credentialTypes: ICredentialType[];
	/** Stored credentials by credential type name; all are attached to the node. */
	credentials?: Record<string, RunnerCredential>;
	/** Workflow setting `timezone`; n8n's default (America/New_York) when omitted. */
	timezone?: string;
	/** Node type as it appears in workflows; default `n8n-nodes-zoom-im.<description.name>`. */
	nodeTypeName?: string;
	/** Default: the type's default/highest version. */
	typeVersion?: number;
	/** Default: the description's `defaults.name`. */
	nodeName?: string;
}

export interface ExecuteOptions {
	/** Sets the node's `onError: 'continueRegularOutput'`, so `this.continueOnFail()` is true. */
	continueOnFail?: boolean;
	/** Execution mode; default `manual` (a test run from the editor). */
	mode?: WorkflowExecuteMode;
	/** Aborting it aborts the execution, like cancelling it in n8n (`getExecutionCancelSignal`). */
	signal?: AbortSignal;
}

export interface ListSearchOptions {
	/** Parameter path the editor sends, e.g. `parameters.sessionId`. */
	path?: string;
}

export interface PollOptions {
	/** Activation mode for `trigger` polls (default `activate`); manual polls use `manual`. */
	activation?: WorkflowActivateMode;
}

export interface CredentialStoreView {
	/** Current stored (decrypted) data of the credential of this type: a copy. */
	get(type: string): ICredentialDataDecryptedObject;
	/** Current stored data of every credential, by type (copies). */
	readonly current: Record<string, ICredentialDataDecryptedObject>;
	/** Replace the stored data (as a user editing the credential would). */
	set(type: string, data: ICredentialDataDecryptedObject): void;
	/** Every save n8n made, oldest first: refreshed OAuth2 tokens and preAuthentication output. */
	readonly updates: CredentialUpdate[];
}

export interface NodeRunner {
	execute(
		parameters: INodeParameters,
		inputItems?: INodeExecutionData[],
		opts?: ExecuteOptions,
	): Promise<INodeExecutionData[][]>;
	listSearch(
		methodName: string,
		filter?: string,
		paginationToken?: string,
		parameters?: INodeParameters,
		opts?: ListSearchOptions,
	): Promise<INodeListSearchResult>;
	poll(
		parameters: INodeParameters,
		staticData: IDataObject,
		mode: 'trigger' | 'manual',
		opts?: PollOptions,
	): Promise<INodeExecutionData[][] | null>;
	credentialStore: CredentialStoreView;
	/** Everything n8n's Logger (and LoggerProxy) received while this runner existed. */
	logs: string[];
	/** The node as last built (after n8n filled parameter defaults). */
	readonly lastNode: INode | undefined;
}
