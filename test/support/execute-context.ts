/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node, never inside n8n */
/**
 * Runs a node's real `execute()`, `methods.listSearch.*` and `poll()` in-process, through
 * n8n-core's own `ExecuteContext` / `LoadOptionsContext` / `PollContext` built on a real
 * n8n-workflow `Workflow`, so that parameters, expressions, credentials and the request helpers
 * (`httpRequestWithAuthentication` with OAuth2 refresh and preAuthentication) are n8n's code.
 *
 * What is not n8n's code: the credentials helper (see execute-context-credentials-helper.ts),
 * the `additionalData` object (URLs and callbacks a community node does not use), and the
 * Logger (a recorder, so tests can check that no secret is logged).
 *
 * Usage:
 *   const runner = createNodeRunner({ nodeType: new MyNode(), credentialTypes: [new OAuth2Api(), new MyCred()],
 *     credentials: { myCred: { id: '1', name: 'My cred', data: {...} } } });
 *   const [out] = await runner.execute({ param: 'x' }, [{ json: { a: 1 } }]);
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	ITaskDataConnections,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	LoggerProxy,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	deepCopy,
	isNodeClassInstance,
} from 'n8n-workflow';

import { InMemoryCredentialsHelper } from './execute-context-credentials-helper';
import type { CredentialUpdate } from './execute-context-credentials-helper';

export { OAuth2Api } from './execute-context-oauth2';
export type { CredentialUpdate } from './execute-context-credentials-helper';

// ---------------------------------------------------------------------------------------------
// Process set-up: environment and n8n's DI container (done once per module registry, i.e. once
// per jest test file). n8n-core reads its config from the environment when a service is first
// taken from the container, so the variables are set before anything is constructed.
// ---------------------------------------------------------------------------------------------

type LogLevel = 'error' | 'warn' | 'info' | 'debug';

interface RecordingLogger {
	error(message: string, metadata?: unknown): void;
	warn(message: string, metadata?: unknown): void;
	info(message: string, metadata?: unknown): void;
	debug(message: string, metadata?: unknown): void;
	scoped(): RecordingLogger;
}

const logSinks = new Set<string[]>();
let bootstrapped = false;

/** Resolves a package the way n8n-core does, so the harness and n8n-core share one DI container. */
function requireFromN8nCore<T>(id: string): T {
	const coreDir = path.dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(id, { paths: [coreDir] })) as T;
}

function serializeForLog(value: unknown): string {
	if (value === undefined) return '';
	const seen = new WeakSet<object>();
	const replacer = (depth: number, v: unknown): unknown => {
		if (typeof v === 'function' || typeof v === 'symbol') return undefined;
		if (typeof v === 'bigint') return v.toString();
		if (v === null || typeof v !== 'object') return v;
		if (seen.has(v)) return '[Circular]';
		seen.add(v);
		if (depth > 6) return '[Deep]';
		const out: Record<string, unknown> = {};
		if (v instanceof Error) {
			out.name = v.name;
			out.message = v.message;
			out.stack = v.stack;
			if ('cause' in v) out.cause = replacer(depth + 1, (v as { cause?: unknown }).cause);
		}
		if (Array.isArray(v)) return v.map((x) => replacer(depth + 1, x));
		for (const key of Object.keys(v)) {
			try {
				out[key] = replacer(depth + 1, (v as Record<string, unknown>)[key]);
			} catch {
				out[key] = '[Unreadable]';
			}
		}
		return out;
	};
	try {
		return JSON.stringify(replacer(0, value));
	} catch {
		return String(value);
	}
}

function createRecordingLogger(): RecordingLogger {
	const record = (level: LogLevel) => (message: string, metadata?: unknown) => {
		const meta = serializeForLog(metadata);
		const line = `${level}: ${String(message)}${meta && meta !== '{}' ? ` ${meta}` : ''}`;
		for (const sink of logSinks) sink.push(line);
	};
	const logger: RecordingLogger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => logger,
	};
	return logger;
}

function bootstrap(): void {
	if (bootstrapped) return;
	bootstrapped = true;

	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-zoom-im-it-'));
	process.once('exit', () => rmSync(userFolder, { recursive: true, force: true }));
	// InstanceSettings writes `<N8N_USER_FOLDER>/.n8n/config`; keep that out of the real home.
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_ENCRYPTION_KEY ??= 'zoom-im-integration-tests-key';
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	// The servers under test listen on 127.0.0.1; n8n's default is "SSRF protection off".
	delete process.env.N8N_SSRF_PROTECTION_ENABLED;

	const { Container } = requireFromN8nCore<typeof import('@n8n/di')>('@n8n/di');
	const { Logger } = requireFromN8nCore<typeof import('@n8n/backend-common')>('@n8n/backend-common');
	const logger = createRecordingLogger();
	Container.set(Logger, logger as unknown as InstanceType<typeof Logger>);
	LoggerProxy.init(logger);
}

// ---------------------------------------------------------------------------------------------
// Runner
// ---------------------------------------------------------------------------------------------

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

const INPUT_NODE_NAME = 'Input';
const INPUT_NODE_TYPE = 'n8n-nodes-base.manualTrigger';

const inputNodeType: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: INPUT_NODE_NAME },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
};

function defaultVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) {
		return nodeType.description.defaultVersion ?? nodeType.currentVersion;
	}
	const { version, defaultVersion: dv } = nodeType.description;
	if (dv !== undefined) return dv;
	return Array.isArray(version) ? Math.max(...version) : version;
}

export function createNodeRunner(options: CreateNodeRunnerOptions): NodeRunner {
	bootstrap();
	// Required here, after bootstrap() set the environment n8n-core's config reads.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const core = require('n8n-core') as typeof import('n8n-core');

	const typeVersion = options.typeVersion ?? defaultVersion(options.nodeType);
	const nodeType = NodeHelpers.getVersionedNodeType(options.nodeType, typeVersion);
	const description = nodeType.description;
	const nodeTypeName = options.nodeTypeName ?? `n8n-nodes-zoom-im.${description.name}`;
	const nodeName = options.nodeName ?? description.defaults.name ?? description.displayName;

	const nodeTypes: INodeTypes = {
		getByName: (name) => (name === INPUT_NODE_TYPE ? inputNodeType : options.nodeType),
		getByNameAndVersion: (name, version) =>
			name === INPUT_NODE_TYPE
				? inputNodeType
				: NodeHelpers.getVersionedNodeType(options.nodeType, version ?? typeVersion),
		getKnownTypes: () => ({}),
	};

	const credentialsHelper = new InMemoryCredentialsHelper(options.credentialTypes);
	const nodeCredentials: INode['credentials'] = {};
	for (const [type, cred] of Object.entries(options.credentials ?? {})) {
		credentialsHelper.addCredential(type, cred.id, cred.name, deepCopy(cred.data));
		nodeCredentials[type] = { id: cred.id, name: cred.name };
	}

	const logs: string[] = [];
	logSinks.add(logs);

	const workflowId = randomUUID().replace(/-/g, '').slice(0, 16);
	let executionCounter = 0;
	let lastNode: INode | undefined;

	const settings = options.timezone ? { timezone: options.timezone } : {};

	const makeNode = (parameters: INodeParameters, extra: Partial<INode> = {}): INode => ({
		id: randomUUID(),
		name: nodeName,
		type: nodeTypeName,
		typeVersion,
		position: [200, 0],
		parameters: deepCopy(parameters),
		...(Object.keys(nodeCredentials).length ? { credentials: deepCopy(nodeCredentials) } : {}),
		...extra,
	});

	const makeAdditionalData = (
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData => {
		const notInHarness = (what: string) => async () => {
			throw new Error(`${what} is not available in the in-process test harness`);
		};
		const base = 'http://localhost:5678';
		return {
			credentialsHelper,
			executeWorkflow: notInHarness('executeWorkflow'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			currentNodeExecutionIndex: 0,
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
			variables: {},
			workflowId,
			logAiEvent: () => {},
			startRunnerTask: notInHarness('startRunnerTask'),
			...extra,
		} as IWorkflowExecuteAdditionalData;
	};

	const execute: NodeRunner['execute'] = async (parameters, inputItems, opts = {}) => {
		const given: INodeExecutionData[] = inputItems ?? [{ json: {} }];
		const items: INodeExecutionData[] = given.map((item, index) => ({
			...item,
			pairedItem: item.pairedItem ?? { item: index },
		}));
		const node = makeNode(
			parameters,
			opts.continueOnFail ? { onError: 'continueRegularOutput' } : {},
		);
		const inputNode: INode = {
			id: randomUUID(),
			name: INPUT_NODE_NAME,
			type: INPUT_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			id: workflowId,
			name: 'In-process test workflow',
			nodes: [inputNode, node],
			connections: {
				[INPUT_NODE_NAME]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
			},
			active: false,
			nodeTypes,
			settings: { executionOrder: 'v1', ...settings },
		});
		const wfNode = workflow.getNode(node.name) as INode;
		lastNode = wfNode;

		const runExecutionData: IRunExecutionData = createRunExecutionData({
			resultData: {
				runData: {
					[INPUT_NODE_NAME]: [
						{
							startTime: Date.now(),
							executionIndex: 0,
							executionTime: 0,
							executionStatus: 'success',
							source: [],
							data: { main: [items] },
						},
					],
				},
				lastNodeExecuted: INPUT_NODE_NAME,
			},
		});
		const inputData: ITaskDataConnections = { main: [items] };
		const executeData: IExecuteData = {
			node: wfNode,
			data: inputData,
			source: { main: [{ previousNode: INPUT_NODE_NAME, previousNodeOutput: 0, previousNodeRun: 0 }] },
		};
		const additionalData = makeAdditionalData({ executionId: String(++executionCounter) });
		const abortController = new AbortController();
		if (opts.signal) {
			if (opts.signal.aborted) abortController.abort();
			else opts.signal.addEventListener('abort', () => abortController.abort(), { once: true });
		}
		const closeFunctions: Array<() => Promise<void>> = [];
		const context = new core.ExecuteContext(
			workflow,
			wfNode,
			additionalData,
			opts.mode ?? 'manual',
			runExecutionData,
			0,
			items,
			inputData,
			executeData,
			closeFunctions,
			abortController.signal,
		);
		// as WorkflowExecute.executeNode does
		if (!nodeType.execute) throw new Error(`Node type "${description.name}" has no execute()`);
		try {
			const data = isNodeClassInstance(nodeType)
				? await nodeType.execute(context)
				: await nodeType.execute.call(context);
			return data as INodeExecutionData[][];
		} finally {
			await Promise.allSettled(closeFunctions.map(async (fn) => await fn()));
		}
	};

	const listSearch: NodeRunner['listSearch'] = async (
		methodName,
		filter,
		paginationToken,
		parameters = {},
		opts = {},
	) => {
		const method = nodeType.methods?.listSearch?.[methodName];
		if (typeof method !== 'function') {
			throw new Error(`Node type "${description.name}" has no listSearch method "${methodName}"`);
		}
		// as DynamicNodeParametersService.getResourceLocatorResults does: a one-node workflow
		// named Temp-Node, no workflow settings, the editor's current parameters in additionalData
		const currentNodeParameters =
			NodeHelpers.getNodeParameters(
				description.properties,
				deepCopy(parameters),
				true,
				false,
				{ typeVersion },
				description,
			) ?? {};
		const node = makeNode(parameters, { id: 'uuid-1234', name: 'Temp-Node', position: [0, 0] });
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const wfNode = workflow.nodes['Temp-Node'];
		lastNode = wfNode;
		const additionalData = makeAdditionalData({ currentNodeParameters });
		const context = new core.LoadOptionsContext(workflow, wfNode, additionalData, opts.path ?? 'parameters');
		return await method.call(context, filter, paginationToken);
	};

	const poll: NodeRunner['poll'] = async (parameters, staticData, mode, opts = {}) => {
		if (!nodeType.poll) throw new Error(`Node type "${description.name}" has no poll()`);
		const node = makeNode(parameters);
		const key = `node:${node.name}`;
		// trigger: the active workflow's own static data, which n8n keeps in memory between polls
		// (and saves when a poll emits); manual: a copy, n8n does not save it after a test run.
		const workflow = new Workflow({
			id: workflowId,
			name: 'In-process test workflow',
			nodes: [node],
			connections: {},
			active: mode === 'trigger',
			nodeTypes,
			staticData: { [key]: mode === 'trigger' ? staticData : deepCopy(staticData) },
			settings: { executionOrder: 'v1', ...settings },
		});
		const wfNode = workflow.getNode(node.name) as INode;
		lastNode = wfNode;
		const additionalData = makeAdditionalData();
		let emitted: INodeExecutionData[][] | undefined;
		const context = new core.PollContext(
			workflow,
			wfNode,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : (opts.activation ?? 'activate'),
			(data) => {
				emitted = data;
			},
			(error) => {
				throw error;
			},
		);
		const result = (await nodeType.poll.call(context)) as INodeExecutionData[][] | null;
		// as PollTriggerExecutor does: a non-null result is emitted (and the static data saved)
		if (mode === 'trigger' && result !== null) context.__emit(result);
		return emitted ?? result;
	};

	const credentialStore: CredentialStoreView = {
		get: (type) => credentialsHelper.currentData(type),
		get current() {
			const out: Record<string, ICredentialDataDecryptedObject> = {};
			for (const type of credentialsHelper.storedTypes()) out[type] = credentialsHelper.currentData(type);
			return out;
		},
		set: (type, data) => credentialsHelper.replaceData(type, deepCopy(data)),
		updates: credentialsHelper.updates,
	};

	return {
		execute,
		listSearch,
		poll,
		credentialStore,
		logs,
		get lastNode() {
			return lastNode;
		},
	};
}
