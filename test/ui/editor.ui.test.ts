/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node, never inside n8n */
/**
 * The n8n editor in a real browser (Playwright + Debian's Chromium) against real n8n 2.41.1 with
 * the packed package installed the way n8n installs community packages, and the Zoom simulator as
 * Zoom. What a new user does, step by step (test/ui/editor-flow.js):
 *
 *   owner account → new workflow → "zoom chat" in the node panel → Zoom IM Messages added →
 *   its parameters → Return All hides Limit → new Zoom IM OAuth2 credential (authentication and
 *   environment choices, custom URLs) → n8n's OAuth2 "Connect" popup against the simulator →
 *   session picker (listed, searchable) → From / To → Execute step → messages in the output table.
 *
 * The browser may only reach 127.0.0.1 (everything else is aborted). Screenshots of each stage go to
 * tmp/ui-screenshots/ (a failing step also leaves failure.png there); `npm run docs:screenshots`
 * writes the README's copies to docs/screenshots/.
 *
 * Environment:
 *   ZOOM_IM_E2E_BUILD=0   pack dist/ as it is instead of running `npm run build` first
 *   ZOOM_IM_UI_VERSION    n8n version (default 2.41.1)
 *   CHROMIUM_PATH         browser binary (default /usr/bin/chromium, installed with apt-get if missing)
 */
import path from 'node:path';

import type { ZoomSimulator } from '../simulator';
import { testPackagesSettled } from '../support/debian-packages';
import { E2E_BUILD, REPO_ROOT } from '../support/n8n';
import * as flow from './editor-flow';
import type { FlowReport, LaunchedBrowser, Stack } from './editor-flow';

const MINUTE = 60_000;
const VERSION = process.env.ZOOM_IM_UI_VERSION ?? '2.41.1';
const ARTIFACTS = path.join(REPO_ROOT, 'tmp', 'ui-screenshots');

const log = (message: string) => process.stderr.write(`[ui] ${message}\n`);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe(`the n8n ${VERSION} editor with Zoom IM Messages, in Chromium`, () => {
	let stack: Stack | undefined;
	let browser: LaunchedBrowser | undefined;
	let report: FlowReport | undefined;
	let sim: ZoomSimulator;
	const started = Date.now();

	beforeAll(async () => {
		await testPackagesSettled();
		const executablePath = flow.ensureChromium({ log });
		stack = await flow.startStack({ version: VERSION, build: E2E_BUILD, log });
		sim = stack.sim;
		log(`stack ready: ${JSON.stringify(stack.timings)}`);
		browser = await flow.launchBrowser({ executablePath, log });
	}, 15 * MINUTE);

	afterAll(async () => {
		await browser?.browser.close().catch(() => {});
		await stack?.dispose();
		log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}, 2 * MINUTE);

	/** The report of the walk-through; fails the calling test when the walk-through did not finish. */
	const seen = (): FlowReport => {
		if (!report) throw new Error('the walk-through through the editor did not finish (see the first test)');
		return report;
	};

	it('walks through the editor as a new user', async () => {
		report = await flow.runEditorFlow({
			url: stack!.url,
			sim,
			page: browser!.page,
			screenshotsDir: ARTIFACTS,
			failureScreenshot: path.join(ARTIFACTS, 'failure.png'),
			log,
		});
		for (const { name, ms } of report.steps) log(`${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
		if (browser!.blocked.length > 0) log(`aborted non-local requests: ${[...new Set(browser!.blocked)].join(', ')}`);
		expect(report.owner).toBe(flow.OWNER.email);
		expect(report.screenshots.map((file) => path.basename(file))).toEqual([
			'node-search.png',
			'credential.png',
			'session-picker.png',
			'node-panel.png',
			'output-table.png',
		]);
	}, 5 * MINUTE);

	it('finds "Zoom IM Messages" by typing "zoom chat", lists its trigger and actions, and adds "Get many messages" after a manual trigger', () => {
		const r = seen();
		// One entry for the node and its polling trigger (n8n groups a node with operations and its
		// trigger), and one for the events trigger, a node of its own.
		expect([...(r.searchResults ?? [])].sort()).toEqual(['Zoom IM Events', 'Zoom IM Messages']);
		expect(r.nodeDetails).toMatch(/Zoom IM Messages.*Installed.*Via npm/);
		expect(r.triggers).toEqual(['On new Zoom IM Messages event']);
		// One action per resource and operation, grouped by resource, in the node's order of operations.
		expect(r.actions).toEqual([
			'Get many messages of the account',
			'Get many conversations',
			'Delete a message',
			'Get a message',
			'Get many messages',
			'React to a message',
			'Search messages',
			'Send a message',
			'Update a message',
		]);
		// n8n names a node added through an action after the action.
		expect(r.workflowNodes).toEqual([
			{ name: expect.stringMatching(/Execute workflow/), type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Get many messages', type: 'n8n-nodes-zoom-im.zoomImMessages' },
		]);
		expect(r.nodeTitle).toBe('Get many messages');
	});

	it('shows the contract parameters with their defaults, and Return All hides Limit', () => {
		const r = seen();
		expect(r.credentialSlot).toBe('Credential Connect to Zoom IM');
		expect(r.parameters).toEqual([
			{ name: 'resource', label: 'Resource' },
			{ name: 'operation', label: 'Operation' },
			{ name: 'api', label: 'API' },
			{ name: 'sessionId', label: 'Session' },
			{ name: 'from', label: 'From' },
			{ name: 'to', label: 'To' },
			{ name: 'returnAll', label: 'Return All' },
			{ name: 'limit', label: 'Limit' },
			{ name: 'pageSize', label: 'Page Size' },
			{ name: 'options', label: 'Options' },
		]);
		expect(r.parameters!.map((p) => p.name)).toEqual(flow.IM_CHAT_PARAMETERS);
		expect(r.limitDefault).toBe('50');
		expect(r.pageSizeDefault).toBe('300'); // IM Chat's maximum, its default since 0.2
		expect(r.optionChoices).toEqual(expect.arrayContaining(['Timezone', 'Max Requests per Second', 'Max Retries']));
		expect(r.parametersWithReturnAll).toEqual(flow.IM_CHAT_PARAMETERS.filter((name) => name !== 'limit'));
		expect(r.parametersWithoutReturnAll).toEqual(flow.IM_CHAT_PARAMETERS);
	});

	it('offers both authentications and the three environments in the credential form', () => {
		const r = seen();
		expect(r.credentialHeader).toMatch(/Zoom IM OAuth2 API/);
		// The node's Authentication parameter (oAuth2 / serverToServer) is chosen here in n8n 2.x.
		expect(r.authenticationChoices).toEqual(['OAuth2', 'Server-to-Server OAuth']);
		expect(r.environmentChoices).toEqual(['Global (Zoom.us)', 'Government (ZoomGov.com)', 'Custom URLs']);
		expect(r.customFieldsBeforeCustom).toBe(false);
		expect(r.credentialFields).toEqual(
			expect.arrayContaining(['OAuth Redirect URL', 'Client ID', 'Client Secret', 'Environment', 'OAuth Base URL', 'API Base URL']),
		);
		expect(r.redirectUrl).toBe(`${stack!.url}/rest/oauth2-credential/callback`);
	});

	it("connects the credential through n8n's OAuth2 flow (authorize, code exchange) and selects it", () => {
		const r = seen();
		expect(r.authorizeRequests).toEqual([
			{ clientId: sim.client.clientId, redirectUri: `${stack!.url}/rest/oauth2-credential/callback`, status: 302 },
		]);
		expect(r.authorizationCodeGrants).toBe(1);
		expect(r.savedCredentials).toEqual([{ name: 'Zoom IM account', type: 'zoomImOAuth2Api' }]);
		expect(r.credentialSelected).toBe('Zoom IM account');
	});

	it("lists the simulator's sessions in the picker and filters them by the search text", () => {
		const r = seen();
		// Same sessions (the picker's order is newest first, the oracle's the dataset's).
		expect([...r.sessionsListed!].sort()).toEqual([...r.sessionsExpected!].sort());
		expect(r.sessionsListed!.length).toBeGreaterThan(0);
		expect(r.sessionsAfterSearch).toEqual([flow.SCENARIO.sessionName]);
		expect(r.sessionChosen).toBe(flow.SCENARIO.sessionName);
		expect(r.from).toBe(`${flow.SCENARIO.from} 00:00:00`);
		expect(r.to).toBe(`${flow.SCENARIO.to} 00:00:00`);
	});

	it('executes the node and shows every message of the range in the output table', () => {
		const r = seen();
		// A day of margin on each side: Alice's messages, whatever the workflow's timezone.
		const expected = sim.imMessages(flow.SCENARIO.sessionId, '2026-09-27', '2026-11-04');
		expect(expected).toHaveLength(40);
		expect(r.itemCount).toBe(`${expected.length} items`);
		expect(r.tableHeaders!.filter(Boolean)).toEqual(['date_time', 'sender', 'message', 'session_id']);
		// The table's first page (25 rows) is the first 25 messages, in order, as Zoom served them.
		const rows = r.tableRows!.map((cells) => cells.slice(0, 4));
		expect(rows.length).toBeGreaterThan(0);
		expect(rows).toEqual(
			expected
				.slice(0, rows.length)
				.map((m) => [m.date_time, m.sender, collapse(m.message), flow.SCENARIO.sessionId]),
		);
		// Two one-month windows, consecutive, covering From … To (the contract's split).
		expect(r.imRequests).toEqual([
			{ path: `/v2/im/chat/sessions/${flow.SCENARIO.sessionId}`, from: '2026-09-28', to: '2026-10-27', status: 200 },
			{ path: `/v2/im/chat/sessions/${flow.SCENARIO.sessionId}`, from: '2026-10-28', to: '2026-11-03', status: 200 },
		]);
	});

	it('offers the other resources and operations, each with its own fields', () => {
		const r = seen();
		const names = (choices: string[] | undefined) => (choices ?? []).map((text) => text.split(/\s/)[0]);
		// Each choice reads "<name> <description>": the name is one word but for these two.
		const operationNames = (choices: string[] | undefined) => (choices ?? []).map((text) => text.match(/^(Get Many|Custom API Call|\S+)/)?.[1]);
		expect({
			// n8n adds its own "Custom API Call" to the resources and operations of a node with a credential.
			operations: operationNames(r.operationChoices),
			resources: names(r.resourceChoices),
			conversations: r.conversationChoices?.map((text) => text.match(/^(IM Chat Sessions|Team Chat Channels|Team Chat Sessions)/)?.[1]),
			fields: r.operations,
			accountNotice: r.accountNotice,
		}).toEqual({
			operations: ['Delete', 'Get', 'Get Many', 'React', 'Search', 'Send', 'Update', 'Custom API Call'],
			resources: ['Account', 'Conversation', 'Message', 'Custom'],
			conversations: ['IM Chat Sessions', 'Team Chat Channels', 'Team Chat Sessions'],
			fields: {
				'message/search': ['resource', 'operation', 'userId', 'searchIn', 'searchType', 'searchKey', 'from', 'to', 'returnAll', 'pageSize', 'options'],
				'conversation/getAll': ['resource', 'operation', 'conversationType', 'from', 'to', 'returnAll', 'options'],
				'conversation/getAll teamChatSessions': ['resource', 'operation', 'conversationType', 'userId', 'sessionType', 'from', 'to', 'returnAll', 'options'],
				'account/getAllMessages': ['resource', 'operation', 'from', 'to', 'returnAll', 'pageSize', 'options'],
				'message/send': ['resource', 'operation', 'userId', 'teamChatTarget', 'channelId', 'text', 'options'],
			},
			accountNotice: true,
		});
		// Send, as the node panel labels its fields.
		expect(r.sendParameters!.map((p) => p.label)).toEqual(['Resource', 'Operation', 'User ID', 'Conversation', 'Channel', 'Text', 'Options']);
	});
	// The Zoom IM Events Trigger (webhook): its node panel after the walk-through above.
	it('adds the Zoom IM Events Trigger to a new workflow from its "On channel message posted" event', async () => {
		seen();
		const r = await flow.openEventsTriggerPanel({ page: browser!.page, screenshotsDir: ARTIFACTS, failureScreenshot: path.join(ARTIFACTS, 'events-failure.png'), log });
		// n8n offers one entry per Events option, in the node's order.
		expect(r.triggerActions).toEqual(expect.arrayContaining(['On channel message posted', 'On direct message posted', 'On file shared']));
		expect(r.triggerActions).toHaveLength(16);
		expect(r.nodeTitle).toBe('Zoom IM Events Trigger');
		expect(r.workflowNodeTypes).toEqual(['n8n-nodes-zoom-im.zoomImEventsTrigger']);
		expect(r.credentialSlot).toMatch(/Zoom IM Webhook/);
		expect(r.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['events', 'options']));
		expect(r.events).toMatch(/Channel Message Posted/);
		expect(r.screenshots.map((file) => path.basename(file))).toEqual(['events-trigger.png']);
	}, 3 * MINUTE);
});
