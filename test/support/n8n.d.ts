/** Types for test/support/n8n.js (plain CommonJS, shared by jest tests and scripts/). */

export declare const REPO_ROOT: string;
export declare const PACKAGE_NAME: 'n8n-nodes-zoom-im';
export declare const ENCRYPTION_KEY: string;
export declare const ZOOM_NODE_TYPE: 'n8n-nodes-zoom-im.zoomImMessages';
export declare const ZOOM_TRIGGER_TYPE: 'n8n-nodes-zoom-im.zoomImMessagesTrigger';
export declare const OAUTH2_CREDENTIAL_TYPE: 'zoomImOAuth2Api';
export declare const S2S_CREDENTIAL_TYPE: 'zoomImServerToServerOAuthApi';

export interface N8nRuntime {
	version: string;
	/** Install folder in the cache (~/.cache/n8n-nodes-zoom-im/n8n-<version>). */
	dir: string;
	/** Node binary this version runs with (Node 24 for 2.x, the system Node 20 for 1.x). */
	nodeBin: string;
	/** <dir>/node_modules/n8n/bin/n8n (run it with nodeBin). */
	n8nBin: string;
}

export interface ProcessResult {
	/** Exit code; -1 when killed by a signal. */
	code: number;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface ExecuteResult {
	/**
	 * 0 = success, 1 = failed run. When n8n 2.x crashed with SIGSEGV while exiting after it printed a
	 * complete result (isolated-vm teardown), this is the code the run's status implies.
	 */
	code: number;
	/** The real exit code (-1 when killed by a signal). */
	exitCode: number;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	/** The run (IRun JSON) n8n printed, for successful and failed runs; null if none was printed. */
	output: RunOutput | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

/** The parts of n8n's IRun JSON the tests read. */
export interface RunOutput {
	status?: string;
	finished?: boolean;
	mode?: string;
	startedAt?: string;
	stoppedAt?: string;
	data: {
		resultData: {
			runData: Record<string, TaskData[]>;
			error?: SerializedError;
			lastNodeExecuted?: string;
		};
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

export interface TaskData {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	data?: { main?: Array<N8nItem[] | null> };
	error?: SerializedError;
	[key: string]: unknown;
}

export type PairedItem = number | { item: number; input?: number } | Array<{ item: number; input?: number }>;

export interface N8nItem {
	json: Record<string, unknown>;
	pairedItem?: PairedItem;
	[key: string]: unknown;
}

export interface SerializedError {
	name?: string;
	message?: string;
	description?: string | null;
	httpCode?: string | null;
	node?: { name: string; type: string; [key: string]: unknown };
	context?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface NodeResult {
	/** Whether the node has run data at all. */
	ran: boolean;
	items: Array<Record<string, unknown>>;
	pairedItems: Array<PairedItem | undefined>;
	executionTime: number | undefined;
	error: SerializedError | undefined;
}

export interface StartedN8n {
	url: string;
	port: number;
	pid: number;
	process: import('node:child_process').ChildProcess;
	startupMs: number;
	/** Everything n8n printed so far (stdout and stderr). */
	output(): string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(options?: { graceMs?: number }): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface N8nInstance {
	name: string;
	version: string;
	runtime: N8nRuntime;
	/** The temp folder (= N8N_USER_FOLDER; n8n keeps its data in <dir>/.n8n). */
	dir: string;
	userFolder: string;
	/** <userFolder>/.n8n/nodes, where community packages live. */
	nodesDir: string;
	env: Record<string, string>;
	brokerPort: number;
	timings: { installMs?: number };
	/** Its whole life counts as start-up in the run's timings, but for `workMs(result)`. */
	cli(
		args: string[],
		options?: { timeoutMs?: number; env?: Record<string, string>; stdoutFile?: string; workMs?: (result: ProcessResult) => number },
	): Promise<ProcessResult>;
	importCredentials(credentials: CredentialImport | CredentialImport[]): Promise<ProcessResult>;
	importWorkflows(workflows: Workflow | Workflow[]): Promise<ProcessResult>;
	execute(workflowId: string, options?: { timeoutMs?: number }): Promise<ExecuteResult>;
	/** All credentials with decrypted data. */
	exportCredentials(): Promise<Array<CredentialImport & { data: Record<string, unknown> }>>;
	/**
	 * `n8n start` (default), or with `command: 'worker'` an `n8n worker` whose health server listens
	 * on `port` (started once /healthz/readiness answers 200). `args` are appended to the command line.
	 */
	start(options?: {
		port?: number;
		echo?: boolean;
		timeoutMs?: number;
		env?: Record<string, string>;
		command?: 'start' | 'worker';
		args?: string[];
		/** Also append n8n's output to this file. */
		logFile?: string;
	}): Promise<StartedN8n>;
	dispose(): Promise<void>;
}

/**
 * A test file's handle on the run's long-lived n8n of one version (test/support/n8n/shared-instance.js):
 * the calls of an N8nInstance that do not need a process of their own, done through n8n's REST API.
 * Ids given at import stay the test's: the handle maps them to the ones n8n chose.
 */
export interface SharedN8nInstance {
	version: string;
	shared: true;
	/** http://127.0.0.1:<port> of the running n8n. */
	url: string;
	dir: string;
	env: Record<string, string>;
	runtime: N8nRuntime;
	rest: RestClient;
	importCredentials(credentials: CredentialImport | CredentialImport[]): Promise<void>;
	importWorkflows(workflows: Workflow | Workflow[]): Promise<void>;
	/** n8n's id of the workflow imported under `id`. */
	workflowId(id: string): string;
	/** n8n's id of the credential imported under `id`. */
	credentialId(id: string): string | undefined;
	/** Activates (2.x: publishes) an imported workflow. */
	activate(id: string): Promise<unknown>;
	/**
	 * A manual run from the workflow's trigger, read back from n8n's saved execution. `stdout` is what
	 * n8n logged meanwhile followed by the run as JSON, as `n8n execute --rawOutput` printed both.
	 */
	execute(workflowId: string, options?: { timeoutMs?: number }): Promise<ExecuteResult & { executionId: string }>;
	exportCredentials(): Promise<Array<CredentialImport & { data: Record<string, unknown> }>>;
	dispose(): Promise<void>;
}

/** n8n's REST API (`/rest/…`), signed in as the owner (test/support/n8n/rest.js). */
export interface RestClient {
	baseUrl: string;
	/** The answer's `data` for a 2xx; throws otherwise. */
	call<T = unknown>(method: string, path: string, body?: unknown, options?: { timeoutMs?: number }): Promise<T>;
	/** { status, headers, body } whatever the status. */
	raw(method: string, path: string, body?: unknown, options?: { timeoutMs?: number }): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>;
	getWorkflow(id: string): Promise<Workflow & { versionId?: string }>;
	createCredential(credential: { name: string; type: string; data: Record<string, unknown> }): Promise<{ id: string; name: string; type: string }>;
	/** Saves a workflow as new (n8n picks its id; `id` is ignored). */
	createWorkflow(workflow: Omit<Workflow, 'id'> & { id?: string }): Promise<Workflow & { versionId: string }>;
	/** Activates (2.x: publishes) a saved workflow, so that its triggers and webhooks run. */
	activateWorkflow(id: string, major: number): Promise<unknown>;
	/** "Execute workflow" from `trigger` (default: the first trigger node); resolves with the execution id. */
	runManually(workflow: Workflow, options?: { trigger?: string }): Promise<string>;
	/** The execution, once it has ended, as `n8n execute --rawOutput` printed a run. */
	finishedRun(executionId: string, options?: { timeoutMs?: number }): Promise<RunOutput>;
	executionRun(executionId: string): Promise<RunOutput>;
	/** The workflow's executions with one of `statuses`, newest first. */
	executions(workflowId: string, statuses: string | string[], options?: { limit?: number }): Promise<Array<{ id: string; status: string; mode?: string }>>;
}

/** Signs in to n8n at `baseUrl` as the test owner; `setUp: true` creates the owner first (a new instance). */
export declare function signIn(baseUrl: string, options?: { setUp?: boolean }): Promise<RestClient>;

export declare function sharedInstance(version: string, options?: { suite?: string }): Promise<SharedN8nInstance>;

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	[key: string]: unknown;
}

export interface Workflow {
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface SimulatorLike {
	oauthBaseUrl: string;
	apiBaseUrl: string;
	client: { clientId: string; clientSecret: string; accountId: string };
	issueTokens(): object;
}

export declare function provisionN8n(version: string): Promise<N8nRuntime>;
/** The n8n versions the tests run against: comma-separated in env var `name` (default ZOOM_IM_E2E_VERSIONS); unset or empty means `fallback`. */
export declare function versionsFromEnv(name?: string, fallback?: string): string[];
/** False when ZOOM_IM_E2E_BUILD=0: pack dist/ as it is. packPackage's default. */
export declare const E2E_BUILD: boolean;
export declare function packPackage(options?: { build?: boolean; cwd?: string; ignoreRunFolder?: boolean }): Promise<string>;
export declare function createInstance(options: {
	version?: string;
	runtime?: N8nRuntime;
	tarball?: string;
	name?: string;
	env?: Record<string, string>;
}): Promise<N8nInstance>;
export declare function installTarball(options: {
	nodesDir: string;
	tarball: string;
	runtime: N8nRuntime;
	env: Record<string, string>;
	owned?: Set<number>;
}): Promise<number>;

export declare function parseExecuteOutput(stdout: string): RunOutput | null;
export declare function nodeRun(output: RunOutput | null, nodeName: string, runIndex?: number): TaskData | undefined;
export declare function nodeItems(
	output: RunOutput | null,
	nodeName: string,
	options?: { runIndex?: number; outputIndex?: number },
): N8nItem[];
export declare function nodeResult(
	output: RunOutput | null,
	nodeName: string,
	options?: { runIndex?: number; outputIndex?: number },
): NodeResult;
export declare function nodeJson(
	output: RunOutput | null,
	nodeName: string,
	options?: { runIndex?: number; outputIndex?: number },
): Array<Record<string, unknown>>;
export declare function executionError(output: RunOutput | null): SerializedError | undefined;
export declare function nodeError(output: RunOutput | null, nodeName: string, runIndex?: number): SerializedError | undefined;
/** The input-item index a pairedItem points at (first one for arrays). */
export declare function pairedIndex(pairedItem: PairedItem | undefined): number | undefined;

export declare function makeId(prefix?: string): string;
export declare function manualTriggerNode(name?: string): WorkflowNode;
export declare function manualWorkflow(options: {
	id?: string;
	name?: string;
	nodes?: WorkflowNode[];
	connections?: Record<string, unknown>;
	trigger?: boolean;
	settings?: Record<string, unknown>;
}): Workflow;
export declare function zoomNode(options?: {
	name?: string;
	parameters?: Record<string, unknown>;
	credentialId?: string;
	credentialName?: string;
	authentication?: 'oAuth2' | 'serverToServer';
	continueOnFail?: boolean;
	type?: string;
}): WorkflowNode;
export declare function setJsonNode(options: { name?: string; json: unknown }): WorkflowNode;
export declare function splitOutNode(options: { name?: string; field: string }): WorkflowNode;
/** Set → Split Out: one item per element of `items`; the last node is called `name` (default "Items"). */
export declare function itemsNodes(items: Array<Record<string, unknown>>, options?: { name?: string }): WorkflowNode[];
export declare function zoomOAuth2Credential(options: {
	id?: string;
	name?: string;
	sim: SimulatorLike;
	tokens?: object;
	clientId?: string;
	clientSecret?: string;
}): CredentialImport;
export declare function zoomS2SCredential(options: {
	id?: string;
	name?: string;
	sim: SimulatorLike;
	accountId?: string;
	clientId?: string;
	clientSecret?: string;
}): CredentialImport;

export declare function freePort(): Promise<number>;
export declare function runProcess(
	command: string,
	args: string[],
	options?: {
		cwd?: string;
		env?: NodeJS.ProcessEnv;
		timeoutMs?: number;
		inheritStderr?: boolean;
		echo?: boolean;
		owner?: Set<number>;
		/** Send the child's stdout to this file instead of a pipe; `stdout` is read from it. */
		stdoutFile?: string;
	},
): Promise<ProcessResult>;
export declare function makeTempDir(prefix: string): Promise<string>;
export declare function removeTempDir(dir: string): Promise<void>;
export declare function sleep(ms: number): Promise<void>;
