/** Types for test/ui/editor-flow.js (plain CommonJS, shared by the jest UI test and scripts/docs-screenshots.js). */
import type { ZoomSimulator } from '../simulator';
import type { N8nInstance, StartedN8n } from '../support/n8n';

export declare const OWNER: { email: string; firstName: string; lastName: string; password: string };
export declare const SCENARIO: {
	search: string;
	sessionSearch: string;
	sessionId: string;
	sessionName: string;
	from: string;
	to: string;
};
export declare const VIEWPORT: { width: number; height: number };
export declare const CHROMIUM_ARGS: string[];
/** The contract's parameter names the editor shows for the IM chat API, in order. */
export declare const IM_CHAT_PARAMETERS: string[];
export declare const STEPS: Array<[string, (ctx: unknown) => Promise<void>]>;

export declare function ensureChromium(options?: { log?: (message: string) => void; emojiFont?: boolean }): string;
export declare function loadPlaywright(): typeof import('playwright-core');

export interface LaunchedBrowser {
	browser: import('playwright-core').Browser;
	context: import('playwright-core').BrowserContext;
	page: import('playwright-core').Page;
	/** URLs of requests the browser tried to send to hosts other than 127.0.0.1 (all aborted). */
	blocked: string[];
}
export declare function launchBrowser(options: { executablePath: string; log?: (message: string) => void }): Promise<LaunchedBrowser>;

export interface Stack {
	sim: ZoomSimulator;
	instance: N8nInstance;
	n8n: StartedN8n;
	url: string;
	version: string;
	timings: Record<string, number>;
	dispose(): Promise<void>;
}
export declare function startStack(options?: {
	version?: string;
	build?: boolean;
	seed?: number;
	simPort?: number;
	n8nPort?: number;
	log?: (message: string) => void;
}): Promise<Stack>;

export interface FlowReport {
	steps: Array<{ name: string; ms: number }>;
	screenshots: string[];
	owner?: string;
	searchResults?: string[];
	nodeDetails?: string;
	workflowNodes?: Array<{ name: string; type: string }>;
	nodeTitle?: string;
	credentialSlot?: string;
	parameters?: Array<{ name: string; label: string }>;
	limitDefault?: string;
	pageSizeDefault?: string;
	optionChoices?: string[];
	parametersWithReturnAll?: string[];
	parametersWithoutReturnAll?: string[];
	credentialHeader?: string;
	authenticationChoices?: string[];
	redirectUrl?: string;
	customFieldsBeforeCustom?: boolean;
	environmentChoices?: string[];
	credentialFields?: string[];
	authorizeRequests?: Array<{ clientId: string; redirectUri: string; status: number | undefined }>;
	credentialSelected?: string;
	savedCredentials?: Array<{ name: string; type: string }>;
	authorizationCodeGrants?: number;
	sessionsExpected?: string[];
	sessionsListed?: string[];
	sessionsAfterSearch?: string[];
	sessionChosen?: string;
	from?: string;
	to?: string;
	itemCount?: string;
	tableHeaders?: string[];
	tableRows?: string[][];
	imRequests?: Array<{ path: string; from: string; to: string; status: number | undefined }>;
	/** The visible parameters after choosing each resource / operation. */
	operations?: Record<string, string[]>;
	operationChoices?: string[];
	/** The parameters Message → Send shows (name = the label's `for`). */
	sendParameters?: Array<{ name: string; label: string }>;
	resourceChoices?: string[];
	conversationChoices?: string[];
	accountNotice?: boolean;
	/** The node creator's trigger and actions of the package's entry. */
	triggers?: string[];
	actions?: string[];
}

export declare function runEditorFlow(options: {
	url: string;
	sim: ZoomSimulator;
	page: import('playwright-core').Page;
	screenshotsDir?: string;
	failureScreenshot?: string;
	/** Only these steps (names or indexes into STEPS). */
	steps?: Array<string | number>;
	log?: (message: string) => void;
}): Promise<FlowReport>;

/** What the Zoom IM Events Trigger's node panel showed (openEventsTriggerPanel). */
export interface EventsTriggerReport {
	screenshots: string[];
	nodeTitle?: string;
	credentialSlot?: string;
	parameters?: Array<{ name: string; label: string }>;
	events?: string;
	/** The node details' list of events ("On channel message posted", …). */
	triggerActions?: string[];
	workflowNodeTypes?: string[];
}
export declare function openEventsTriggerPanel(options: {
	page: import('playwright-core').Page;
	screenshotsDir?: string;
	failureScreenshot?: string;
	log?: (message: string) => void;
}): Promise<EventsTriggerReport>;
