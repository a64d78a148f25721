/**
 * What the calls of one node runner share: n8n-core (required after bootstrap()), the node type at
 * its version, the node types a workflow looks up, the credentials helper holding the runner's
 * credentials, the log sink, and the builders of the node and of `additionalData`.
 */
import { randomUUID } from 'node:crypto';
import type {
	INode,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, deepCopy } from 'n8n-workflow';

import { InMemoryCredentialsHelper } from '../execute-context-credentials-helper';
import { bootstrap, logSinks } from './bootstrap';
import type { CreateNodeRunnerOptions } from './types';

export const INPUT_NODE_NAME = 'Input';
export const INPUT_NODE_TYPE = 'n8n-nodes-base.manualTrigger';

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

export interface RunnerBase {
	core: typeof import('n8n-core');
	/** The node type at `typeVersion`. */
	nodeType: INodeType;
	description: INodeTypeDescription;
	typeVersion: number;
	nodeTypes: INodeTypes;
	credentialsHelper: InMemoryCredentialsHelper;
	/** Everything n8n's Logger (and LoggerProxy) received while this runner existed. */
	logs: string[];
	workflowId: string;
	/** Workflow settings from the options (`timezone`). */
	settings: { timezone?: string };
	makeNode(parameters: INodeParameters, extra?: Partial<INode>): INode;
	makeAdditionalData(extra?: Partial<IWorkflowExecuteAdditionalData>): IWorkflowExecuteAdditionalData;
	/** The id of the next execution: '1', '2', … */
	nextExecutionId(): string;
	/** The node as last built (after n8n filled parameter defaults). */
	lastNode: INode | undefined;
}

export function createRunnerBase(options: CreateNodeRunnerOptions): RunnerBase {
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

	return {
		core,
		nodeType,
		description,
		typeVersion,
		nodeTypes,
		credentialsHelper,
		logs,
		workflowId,
		settings,
		makeNode,
		makeAdditionalData,
		nextExecutionId: () => String(++executionCounter),
		lastNode: undefined,
	};
}
