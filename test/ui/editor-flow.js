'use strict';
/**
 * The n8n editor, driven in a real browser: Playwright (playwright-core) with Debian's Chromium
 * against a real n8n (2.41.1 by default) that has the packed package installed the way n8n installs
 * community packages, and the Zoom simulator as "Zoom".
 *
 * Used by test/ui/editor.ui.test.ts (asserts on the returned report) and by
 * scripts/docs-screenshots.js (refreshes the README screenshots in docs/screenshots/).
 *
 * Every step waits for an observable UI state with a timeout; nothing sleeps for a fixed time. The
 * browser may only talk to 127.0.0.1: every other request is aborted (and counted in the report).
 *
 * CommonJS so that plain node scripts and jest share it. Types: ./editor-flow.d.ts.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { DateTime } = require('luxon');

const h = require('../support/n8n');
const { ZoomSimulator } = require('../simulator');

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** Flags that work on these machines (see the runtime notes): no sandbox (root), no network extras. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];
const VIEWPORT = { width: 1280, height: 800 };

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Ada',
	lastName: 'Owner',
	password: 'Zoom-IM-e2e-Passw0rd',
};

/** What the test types and picks; the sessions list and messages come from the simulator. */
const SCENARIO = {
	search: 'zoom chat',
	sessionSearch: 'ali',
	sessionId: 'alice@example.com',
	sessionName: 'Alice (1:1)',
	// Alice's 40 messages are all in October 2026 (UTC); a few days of margin on both sides keep the
	// expected result the same in any workflow timezone.
	from: '2026-09-28',
	to: '2026-11-03',
};

// ---------------------------------------------------------------------------------------------
// Browser and Playwright
// ---------------------------------------------------------------------------------------------

/** Debian packages of `names` that are not installed (dpkg-query). */
function missingDebianPackages(names) {
	return names.filter((name) => {
		try {
			const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { stdio: ['ignore', 'pipe', 'ignore'] });
			return !String(status).includes('install ok installed');
		} catch {
			return true;
		}
	});
}

/** `apt-get update && apt-get install -y <names>` (through `sudo -n` when not root). */
function aptInstall(names, log) {
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const run = (args) => {
		const [command, ...rest] = asRoot ? args : ['sudo', '-n', ...args];
		execFileSync(command, rest, {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			timeout: 15 * 60_000,
		});
	};
	log(`installing Debian packages: ${names.join(' ')}`);
	try {
		run(['apt-get', 'update']);
		run(['apt-get', 'install', '-y', ...names]);
	} catch (error) {
		throw new Error(`apt-get install ${names.join(' ')} failed (${error.message}); install them by hand`);
	}
}

/**
 * The Chromium binary: $CHROMIUM_PATH, else /usr/bin/chromium, which is installed from Debian's
 * packages (`apt-get update && apt-get install -y chromium`) when it is missing. Never downloads a
 * browser of its own. `emojiFont: true` also installs fonts-noto-color-emoji (screenshots of
 * messages with emoji); the test does not need it.
 */
function ensureChromium({ log = () => {}, emojiFont = false } = {}) {
	const wanted = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
	if (process.env.CHROMIUM_PATH && !fs.existsSync(wanted)) throw new Error(`CHROMIUM_PATH=${wanted} does not exist`);
	const packages = [];
	if (!fs.existsSync(wanted)) packages.push('chromium');
	if (emojiFont && fs.existsSync('/usr/bin/dpkg-query')) packages.push(...missingDebianPackages(['fonts-noto-color-emoji']));
	if (packages.length > 0) {
		if (!fs.existsSync('/usr/bin/apt-get')) throw new Error(`${wanted} is missing and there is no apt-get: set CHROMIUM_PATH`);
		aptInstall(packages, log);
	}
	if (!fs.existsSync(wanted)) throw new Error(`apt-get installed chromium but ${wanted} is missing`);
	return wanted;
}

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch (error) {
		throw new Error(
			`playwright-core is not installed (${error.message}). It is a devDependency: run npm install ` +
				'(it never downloads a browser; Debian\'s chromium is used).',
		);
	}
}

/**
 * Launches Chromium with a fresh profile (Playwright's default for launch()) and a context whose
 * requests may only go to 127.0.0.1. Returns { browser, context, page, blocked }.
 */
async function launchBrowser({ executablePath, log = () => {} }) {
	const { chromium, selectors } = loadPlaywright();
	// n8n's own test ids are data-test-id, not Playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const args = [...CHROMIUM_ARGS];
	// For debugging a failing step: connect another Playwright with connectOverCDP to this port.
	if (process.env.ZOOM_IM_UI_DEBUG_PORT) args.push(`--remote-debugging-port=${process.env.ZOOM_IM_UI_DEBUG_PORT}`);
	const browser = await chromium.launch({ executablePath, args, timeout: 60_000 });
	const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
	const blocked = [];
	await context.route('**/*', (route) => {
		const url = route.request().url();
		let host = '';
		try {
			host = new URL(url).hostname;
		} catch {
			/* data:, blob: … are not routed anyway */
		}
		if (host === '127.0.0.1') return route.continue();
		blocked.push(url);
		log(`blocked non-local request: ${url}`);
		return route.abort('blockedbyclient');
	});
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	await dismissOnboardingAutomatically(page);
	return { browser, context, page, blocked };
}

/**
 * n8n shows onboarding surveys and "what's new" dialogs to new users now and then. Playwright
 * closes them whenever one appears while the test acts (addLocatorHandler); the test never depends
 * on them. Error dialogs are not handled here: they must fail the test.
 */
async function dismissOnboardingAutomatically(page) {
	const dialogs = page
		.locator('.el-dialog, [role="dialog"]')
		.filter({ hasText: /what'?s new|how likely are you|customize n8n|tell us about|personali[sz]e|welcome to n8n/i });
	await page.addLocatorHandler(
		dialogs,
		async (dialog) => {
			const close = dialog
				.locator('.el-dialog__headerbtn, [aria-label="Close"], [aria-label="close"]')
				.or(dialog.getByRole('button', { name: /^(close|skip|dismiss|get started|not now)$/i }))
				.first();
			if (await close.isVisible().catch(() => false)) await close.click();
		},
		{ times: 5 },
	);
}

// ---------------------------------------------------------------------------------------------
// Small helpers: waits with a readable failure
// ---------------------------------------------------------------------------------------------

async function visible(locator, what, timeout = 30_000) {
	try {
		await locator.first().waitFor({ state: 'visible', timeout });
	} catch (error) {
		throw new Error(`${what}: not visible within ${timeout} ms (${error.message.split('\n')[0]})`);
	}
	return locator.first();
}

async function gone(locator, what, timeout = 10_000) {
	try {
		await locator.first().waitFor({ state: 'hidden', timeout });
	} catch (error) {
		throw new Error(`${what}: still visible after ${timeout} ms (${error.message.split('\n')[0]})`);
	}
}

/** Polls `fn` until it returns a truthy value (returned) or throws the last reason after `timeout`. */
async function until(fn, what, timeout = 30_000, interval = 200) {
	const deadline = Date.now() + timeout;
	let last;
	while (true) {
		try {
			const value = await fn();
			if (value) return value;
			last = 'condition false';
		} catch (error) {
			last = error.message;
		}
		if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeout} ms (${last})`);
		await new Promise((resolve) => setTimeout(resolve, interval));
	}
}

const texts = async (locator) => (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

// ---------------------------------------------------------------------------------------------
// The stack: simulator + real n8n with the packed package
// ---------------------------------------------------------------------------------------------

/**
 * Starts the Zoom simulator and a fresh n8n `version` with the packed package installed, on
 * 127.0.0.1 (ports: `simPort`, `n8nPort`, default free ones). `build: false` packs dist/ as it is.
 * Call dispose() when done.
 */
async function startStack({ version = '2.41.1', build = true, seed = 42, simPort = 0, n8nPort, log = () => {} } = {}) {
	const timings = {};
	const time = async (name, fn) => {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings[name] = Date.now() - started;
		}
	};
	const sim = new ZoomSimulator({ seed, port: simPort });
	let instance;
	let n8n;
	const dispose = async () => {
		await n8n?.stop().catch(() => {});
		await instance?.dispose().catch(() => {});
		await sim.stop().catch(() => {});
	};
	try {
		await time('simulator', () => sim.start());
		const runtime = await time('provision', () => h.provisionN8n(version));
		const tarball = await time('pack', () => h.packPackage({ build }));
		log(`n8n ${version}, package ${path.basename(tarball)}`);
		instance = await time('install', () => h.createInstance({ runtime, tarball, name: `ui-${version}` }));
		n8n = await time('n8n start', () => instance.start({ port: n8nPort, timeoutMs: 180_000 }));
		// /healthz answers before the database is migrated; until then every page is the plain text
		// "n8n is starting up. Please wait" (status 200). /healthz/readiness waits for all of it.
		await time('n8n ready', () => waitReady(n8n.url, 180_000));
		log(`n8n listens on ${n8n.url} (healthy after ${n8n.startupMs} ms); simulator on ${sim.url}`);
	} catch (error) {
		await dispose();
		throw error;
	}
	return { sim, instance, n8n, url: n8n.url, version, timings, dispose };
}

async function waitReady(url, timeoutMs) {
	await until(
		async () => {
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(5_000) });
			return res.status === 200;
		},
		'n8n /healthz/readiness',
		timeoutMs,
		500,
	);
}

// ---------------------------------------------------------------------------------------------
// The flow
// ---------------------------------------------------------------------------------------------

/** The contract's parameters of Zoom IM Messages that the editor shows for the IM chat API. */
const IM_CHAT_PARAMETERS = ['resource', 'operation', 'api', 'sessionId', 'from', 'to', 'returnAll', 'limit', 'pageSize', 'options'];

/** Visible parameters of the open node panel: [{ name, label }] from the labels' `for` attributes. */
async function visibleParameters(ndv) {
	return await ndv
		.getByTestId('node-parameters')
		.locator('label[for]')
		.evaluateAll((labels) =>
			labels
				.filter((label) => label.offsetParent !== null)
				.map((label) => ({
					name: label.getAttribute('for'),
					label: (label.querySelector('span')?.textContent ?? label.textContent ?? '').replace(/\s+/g, ' ').trim(),
				})),
		);
}

/**
 * The steps, in order. Each is [name, async (ctx) => void]; ctx = { page, url, sim, report, shot }.
 * A step leaves the UI in the state the next one starts from.
 */
const STEPS = [
	[
		'create the owner account (setup form)',
		async ({ page, url, report }) => {
			await page.goto(`${url}/setup`);
			const form = await visible(page.getByTestId('setup-form'), 'the owner setup form', 120_000);
			await form.locator('input[name="email"]').fill(OWNER.email);
			await form.locator('input[name="firstName"]').fill(OWNER.firstName);
			await form.locator('input[name="lastName"]').fill(OWNER.lastName);
			await form.locator('input[name="password"]').fill(OWNER.password);
			await form.getByRole('button', { name: 'Next' }).click();
			await until(() => !new URL(page.url()).pathname.startsWith('/setup'), 'leaving /setup after the owner was created');
			report.owner = (await restGet(page, url, '/rest/login')).email;
		},
	],
	[
		'open a new workflow',
		async ({ page }) => {
			// Inside the app, without a page load (each load of the editor costs seconds): after the
			// setup n8n 2.x lands on its Assistant's welcome page; the sidebar leads to the overview,
			// which offers "Build a workflow" (no workflows yet) or "Create workflow".
			await (await visible(page.getByRole('menuitem', { name: 'Overview' }), 'the "Overview" sidebar entry', 120_000)).click();
			const create = page.getByTestId('add-resource-workflow').or(page.getByText('Build a workflow', { exact: true }));
			await (await visible(create, '"Build a workflow" or "Create workflow" on the overview', 60_000)).click();
			await visible(page.getByTestId('canvas-plus-button'), 'the empty canvas with "Add first step"', 60_000);
		},
	],
	[
		'type "zoom chat" in the node panel',
		async ({ page, report, shot }) => {
			await page.getByTestId('canvas-plus-button').click();
			const nodeCreator = await visible(page.getByTestId('node-creator'), 'the node panel');
			await page.getByTestId('node-creator-search-bar').fill(SCENARIO.search);
			const names = nodeCreator.getByTestId('node-creator-item-name');
			await visible(names.filter({ hasText: /^Zoom IM Messages$/ }), `"Zoom IM Messages" among the results for "${SCENARIO.search}"`);
			report.searchResults = await texts(names);
			// n8n shows a node with operations and its trigger as one entry, which leads to their actions.
			const results = nodeCreator.getByTestId('item-iterator-item');
			await shot('node-search', null, { clip: await clipDown(nodeCreator, results.last(), 16) });
		},
	],
	[
		'add "Zoom IM Messages" to the workflow',
		async ({ page, report }) => {
			const nodeCreator = page.getByTestId('node-creator');
			await nodeCreator
				.getByTestId('item-iterator-item')
				.filter({ has: page.getByTestId('node-creator-item-name').filter({ hasText: /^Zoom IM Messages$/ }) })
				.click();
			// n8n shows the details of a community node (name, "Installed", "Via npm") with its trigger
			// and its actions (one per resource and operation); in a new workflow the actions are folded.
			const actions = nodeCreator.getByTestId('node-creator-category-item').filter({ hasText: /^Actions/ });
			await visible(actions, 'the community node details with its actions');
			// The search results slide out: the details are read once none of them is listed any more.
			const listed = nodeCreator.getByTestId('node-creator-item-name');
			report.triggers = await until(async () => {
				const names = await texts(listed);
				return names.length > 0 && !names.some((name) => report.searchResults.includes(name)) ? names : undefined;
			}, 'the node details without the search results');
			report.nodeDetails = (await nodeCreator.innerText()).replace(/\s+/g, ' ').trim();
			await actions.click();
			const getMany = nodeCreator.getByTestId('node-creator-item-name').filter({ hasText: /^Get many messages$/ });
			await visible(getMany, 'the "Get many messages" action');
			report.actions = (await texts(nodeCreator.getByTestId('node-creator-item-name'))).filter((name) => !report.triggers.includes(name));
			await getMany.click();
			await visible(page.getByTestId('ndv'), 'the node panel (NDV) of the new node');
			report.workflowNodes = await page
				.getByTestId('canvas-node')
				.evaluateAll((nodes) => nodes.map((n) => ({ name: n.getAttribute('data-node-name'), type: n.getAttribute('data-node-type') })));
		},
	],
	[
		'the node panel shows the parameters',
		async ({ page, report }) => {
			const ndv = page.getByTestId('ndv');
			await visible(ndv.getByTestId('parameter-input-pageSize'), 'the Page Size parameter');
			report.nodeTitle = (await ndv.getByTestId('node-title-container').innerText()).trim();
			report.credentialSlot = (await ndv.getByTestId('node-credentials-slot').innerText()).replace(/\s+/g, ' ').trim();
			report.parameters = await visibleParameters(ndv);
			report.limitDefault = await ndv.getByTestId('parameter-input-limit').locator('input').inputValue();
			report.pageSizeDefault = await ndv.getByTestId('parameter-input-pageSize').locator('input').inputValue();
			// The Options collection: open "Add option", read the choices, close it again.
			const add = ndv.getByTestId('collection-parameter-add');
			await add.locator('input').click();
			const options = page.getByTestId('collection-parameter-option').filter({ visible: true });
			await visible(options.filter({ hasText: 'Timezone' }), 'the Options choices');
			report.optionChoices = await texts(options);
			await add.locator('input').click();
			await gone(options, 'the Options choices after closing them');
		},
	],
	[
		'Return All hides Limit',
		async ({ page, report }) => {
			const ndv = page.getByTestId('ndv');
			const limit = ndv.getByTestId('parameter-input-limit');
			await visible(limit, 'Limit while Return All is off');
			const toggle = ndv.getByTestId('parameter-input-returnAll').locator('.el-switch');
			await toggle.click();
			await gone(limit, 'Limit after Return All was switched on');
			report.parametersWithReturnAll = (await visibleParameters(ndv)).map((p) => p.name);
			await toggle.click();
			await visible(limit, 'Limit after Return All was switched off again');
			report.parametersWithoutReturnAll = (await visibleParameters(ndv)).map((p) => p.name);
			await toggle.click(); // on again: the run below reads the whole range
			await gone(limit, 'Limit after Return All was switched on again');
		},
	],
	[
		'fill in a new Zoom IM OAuth2 credential',
		async ({ page, sim, report, shot }) => {
			const ndv = page.getByTestId('ndv');
			await ndv.getByTestId('node-credentials-empty-state').getByRole('button').click();
			const modal = await visible(page.getByTestId('editCredential-modal'), 'the credential form');
			report.credentialHeader = (await modal.locator('.el-dialog__header').first().innerText()).replace(/\s+/g, ' ').trim();

			// The node's Authentication parameter is offered here, as the credential's type.
			await modal.getByTestId('credential-mode-dropdown-trigger').click();
			const menu = await visible(page.locator('[role="menu"][data-state="open"]'), 'the authentication choices');
			report.authenticationChoices = await texts(menu.getByRole('menuitem'));
			await menu.getByRole('menuitem').filter({ hasText: /^OAuth2$/ }).click();
			await gone(page.locator('[role="menu"][data-state="open"]'), 'the authentication choices after picking OAuth2');

			report.redirectUrl = (await modal.getByTestId('copy-input').innerText()).trim();
			await modal.getByTestId('parameter-input-clientId').locator('input').fill(sim.client.clientId);
			await modal.getByTestId('parameter-input-clientSecret').locator('input').fill(sim.client.clientSecret);

			report.customFieldsBeforeCustom = await modal.getByTestId('parameter-input-oauthBaseUrl').isVisible();
			await modal.getByTestId('parameter-input-environment').click();
			const options = page.getByRole('option').filter({ visible: true });
			await visible(options.filter({ hasText: 'Custom URLs' }), 'the environment choices');
			report.environmentChoices = await options.evaluateAll((items) =>
				items.map((item) => (item.querySelector('div > div')?.textContent ?? item.textContent).trim()),
			);
			await options.filter({ hasText: 'Custom URLs' }).click();
			await visible(modal.getByTestId('parameter-input-oauthBaseUrl'), 'OAuth Base URL after choosing Custom URLs');
			await modal.getByTestId('parameter-input-oauthBaseUrl').locator('input').fill(sim.oauthBaseUrl);
			await modal.getByTestId('parameter-input-apiBaseUrl').locator('input').fill(sim.apiBaseUrl);
			report.credentialFields = await modal.locator('label').evaluateAll((labels) =>
				labels
					.filter((l) => l.offsetParent !== null)
					.map((l) => (l.querySelector('span')?.textContent ?? l.textContent).replace(/[\s*]+/g, ' ').trim()),
			);
			// The part of the form this package adds: Environment and the custom URLs.
			await modal.getByTestId('parameter-input-apiBaseUrl').locator('input').blur();
			await modal.getByTestId('parameter-input-environment').evaluate((el) => el.scrollIntoView({ block: 'center' }));
			await shot('credential', modal);
		},
	],
	[
		'connect the credential (OAuth2 authorization code against the simulator)',
		async ({ page, url, sim, report }) => {
			const modal = page.getByTestId('editCredential-modal');
			const ndv = page.getByTestId('ndv');
			const grantsBefore = sim.tokenStats().authorizationCodeGrants;
			const popupPromise = page.context().waitForEvent('page', { timeout: 30_000 });
			popupPromise.catch(() => {}); // awaited below; must not become an unhandled rejection if the click fails
			await modal.getByTestId('oauth-not-connected-banner').getByRole('button', { name: 'Connect' }).click();
			// n8n opens Zoom's authorize page in a popup; the simulator approves at once and
			// redirects to n8n's callback, which exchanges the code and closes the popup.
			const popup = await popupPromise;
			await popup.waitForEvent('close', { timeout: 60_000 });
			await until(() => sim.tokenStats().authorizationCodeGrants > grantsBefore, 'the code exchange at the token URL');
			report.authorizeRequests = sim.requests
				.filter((r) => r.kind === 'authorize')
				.map((r) => ({ clientId: r.query.client_id, redirectUri: r.query.redirect_uri, status: r.status }));
			await gone(modal, 'the credential form after connecting', 30_000);
			const selectedCredential = ndv.getByTestId('node-credentials-select').locator('input');
			await until(
				async () => (await selectedCredential.inputValue()) === 'Zoom IM account',
				'the new credential "Zoom IM account" selected in the node',
			);
			report.credentialSelected = await selectedCredential.inputValue();
			report.savedCredentials = (await restGet(page, url, '/rest/credentials')).map((c) => ({ name: c.name, type: c.type }));
			report.authorizationCodeGrants = sim.tokenStats().authorizationCodeGrants - grantsBefore;
		},
	],
	[
		'the session picker lists and searches the sessions',
		async ({ page, sim, report, shot }) => {
			const ndv = page.getByTestId('ndv');
			const locatorField = ndv.getByTestId('resource-locator-sessionId');
			await locatorField.getByTestId('rlc-input').click();
			const items = page.getByTestId('rlc-item');
			// The picker lists the sessions with a message in the last 12 months (UTC days), newest first.
			const today = DateTime.utc();
			const [firstDay, lastDay] = [today.minus({ months: 12 }).plus({ days: 1 }).toISODate(), today.toISODate()];
			const expected = sim
				.sessions()
				.filter((s) => sim.imMessages(s.session_id, firstDay, lastDay).length > 0)
				.map((s) => `${s.name} (${s.type})`);
			await until(async () => (await items.count()) >= expected.length, `${expected.length} sessions in the picker`, 30_000);
			report.sessionsExpected = expected;
			report.sessionsListed = await texts(items);
			const search = page.getByTestId('rlc-search');
			const popover = page.locator('[role="dialog"][data-state="open"]').filter({ has: search });
			const sessionItem = ndv.getByTestId('parameter-item').filter({ has: page.locator('label[for="sessionId"]') });
			await shot('session-picker', null, { clip: await clipAround(sessionItem, popover, 12) });
			await search.fill(SCENARIO.sessionSearch);
			await until(async () => {
				const now = await texts(items);
				return now.length === 1 && now[0] === SCENARIO.sessionName;
			}, `only "${SCENARIO.sessionName}" after typing "${SCENARIO.sessionSearch}"`);
			report.sessionsAfterSearch = await texts(items);
			await items.filter({ hasText: SCENARIO.sessionName }).click();
			// The field shows the session's name (n8n caches it with the value); picking the already
			// chosen session again makes n8n drop that cache and show the id.
			await until(
				async () => [SCENARIO.sessionName, SCENARIO.sessionId].includes(await locatorField.getByTestId('rlc-input').inputValue()),
				'the chosen session in the Session field',
			);
			report.sessionChosen = await locatorField.getByTestId('rlc-input').inputValue();
		},
	],
	[
		'set From and To with the date picker',
		async ({ page, report }) => {
			const ndv = page.getByTestId('ndv');
			const openPicker = page.locator('.el-picker-panel').filter({ visible: true });
			for (const [name, day] of [
				['from', SCENARIO.from],
				['to', SCENARIO.to],
			]) {
				const field = ndv.getByTestId(`parameter-input-${name}`).locator('input');
				await field.click();
				const picker = await visible(openPicker, `the ${name} date picker`);
				const date = picker.getByPlaceholder('Select date');
				await date.fill(day);
				await date.press('Enter');
				// Focusing the time box opens Element Plus's time spinner, which on its first opening
				// scrolls to the current time and writes that time back into the box; when this lands
				// after our typing (measured: now and then on the first field of a fresh page) the
				// typed time is lost. So type and commit with Enter (which also closes the spinner),
				// typing again while the box shows another time, until it holds ours with the spinner
				// closed (closed, it can no longer write).
				const time = picker.getByPlaceholder('Select time');
				const spinner = page.locator('.el-time-panel').filter({ visible: true });
				await until(
					async () => {
						if ((await time.inputValue()) !== '00:00:00') {
							await time.fill('00:00:00');
							await time.press('Enter');
							return false;
						}
						return (await spinner.count()) === 0;
					},
					`the ${name} time set to 00:00:00 with the time spinner closed`,
					10_000,
				);
				await picker.locator('.el-picker-panel__footer').getByRole('button', { name: 'OK' }).click();
				await gone(openPicker, `the ${name} date picker after OK`);
				await until(async () => (await field.inputValue()) === `${day} 00:00:00`, `${name} showing ${day} 00:00:00`, 5_000);
				report[name] = await field.inputValue();
			}
		},
	],
	[
		'execute the node and read the output table',
		async ({ page, sim, report, shot, screenshotsDir }) => {
			const ndv = page.getByTestId('ndv');
			sim.clearRequests();
			await ndv.getByTestId('node-execute-button').click();
			const output = ndv.getByTestId('output-panel');
			await visible(output.getByTestId('node-run-status-success'), 'a successful run in the output panel', 90_000);
			await output.getByTestId('radio-button-table').click();
			const table = await visible(output.locator('table'), 'the output table');
			report.itemCount = (await output.getByTestId('ndv-items-count').innerText()).trim();
			report.tableHeaders = await texts(table.locator('thead th'));
			report.tableRows = await table.locator('tbody tr').evaluateAll((rows) =>
				rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())),
			);
			report.imRequests = sim.requests
				.filter((r) => r.kind === 'imMessages')
				.map((r) => ({ path: r.path, from: r.query.from, to: r.query.to, status: r.status }));
			if (screenshotsDir) {
				// The "Node executed successfully" toast would cover the table.
				const toastClose = page.locator('.el-notification .el-notification__closeBtn').filter({ visible: true });
				for (const close of await toastClose.all()) await close.click().catch(() => {});
				await gone(page.locator('.el-notification').filter({ visible: true }), 'the notification toasts', 10_000);
				// Give the output more room, as a user would: drag the parameters panel to the left.
				await dragPanelLeft(page, ndv, 300);
				const settings = ndv.locator('.node-settings');
				await shot('node-panel', null, { clip: await clipDown(settings, settings.getByTestId('collection-parameter-add'), 16) });
				await shot('output-table', output);
			}
		},
	],
	[
		'switch Resource and Operation to the other operations',
		async ({ page, report }) => {
			const ndv = page.getByTestId('ndv');
			/** Picks `choice` in the options parameter `name` and returns the choices it offered. */
			const choose = async (name, choice) => {
				await ndv.getByTestId(`parameter-input-${name}`).click();
				const options = page.getByRole('option').filter({ visible: true });
				await visible(options.filter({ hasText: choice }).first(), `"${choice}" among the ${name} choices`);
				// Each choice's text is its name, then its description, if any.
				const offered = await texts(options);
				await options.filter({ hasText: new RegExp(`^\\s*${choice}`) }).first().click();
				await gone(page.getByRole('option').filter({ visible: true }), `the ${name} choices after picking "${choice}"`);
				return offered;
			};
			const seenParameters = async () => (await visibleParameters(ndv)).map((p) => p.name);
			report.operations = {};
			report.operationChoices = await choose('operation', 'Search');
			await visible(ndv.getByTestId('parameter-input-searchKey'), 'the Search Key parameter');
			report.operations['message/search'] = await seenParameters();
			report.resourceChoices = await choose('resource', 'Conversation');
			await visible(ndv.getByTestId('parameter-input-conversationType'), 'the Conversations parameter');
			report.operations['conversation/getAll'] = await seenParameters();
			report.conversationChoices = await choose('conversationType', 'Team Chat Sessions');
			await visible(ndv.getByTestId('parameter-input-sessionType'), 'the Session Type parameter');
			report.operations['conversation/getAll teamChatSessions'] = await seenParameters();
			await choose('resource', 'Account');
			await visible(ndv.getByTestId('parameter-input-operation'), 'the Account operation');
			report.operations['account/getAllMessages'] = await seenParameters();
			report.accountNotice = (await ndv.getByTestId('node-parameters').innerText()).includes('report_chat:read:admin');
			// Message → Send: the conversation, the text and the options of a new message. Last, because
			// n8n drops the parameters an operation does not show (Return All) when switching to it.
			await choose('resource', 'Message');
			await choose('operation', 'Send');
			await visible(ndv.getByTestId('parameter-input-text'), 'the Text parameter of Send');
			report.sendParameters = await visibleParameters(ndv);
			report.operations['message/send'] = report.sendParameters.map((p) => p.name);
		},
	],
];

/**
 * Drives the editor through what a new user does with this package and returns what was seen.
 * Throws (naming the step) as soon as an expected state does not appear.
 *
 * screenshotsDir: where to write node-search, credential, session-picker, node-panel and
 * output-table PNGs (none when omitted). failureScreenshot: a PNG of the page when a step fails.
 * steps: run only these steps (names or indexes), for debugging against a page that is already there.
 */
async function runEditorFlow({ url, sim, page, screenshotsDir, failureScreenshot, steps, log = () => {} }) {
	const report = { steps: [], screenshots: [] };
	const shot = async (name, target, options = {}) => {
		if (!screenshotsDir) return;
		await fsp.mkdir(screenshotsDir, { recursive: true });
		const file = path.join(screenshotsDir, `${name}.png`);
		// No caret, no animations: the same UI gives the same picture.
		const common = { path: file, animations: 'disabled', caret: 'hide', scale: 'css' };
		if (options.clip) await page.screenshot({ ...common, clip: options.clip });
		else await target.screenshot(common);
		report.screenshots.push(file);
	};
	const ctx = { page, url, sim, report, shot, screenshotsDir };
	const selected = STEPS.filter(([name], index) => !steps || steps.includes(name) || steps.includes(index));
	let current = '';
	try {
		for (const [name, fn] of selected) {
			current = name;
			log(`… ${name}`);
			const started = Date.now();
			await fn(ctx);
			report.steps.push({ name, ms: Date.now() - started });
		}
		return report;
	} catch (error) {
		if (failureScreenshot) {
			await fsp.mkdir(path.dirname(failureScreenshot), { recursive: true }).catch(() => {});
			await page.screenshot({ path: failureScreenshot }).catch(() => {});
		}
		error.message = `step "${current}": ${error.message}`;
		error.report = report;
		throw error;
	}
}

/**
 * GET on n8n's REST API as the signed-in browser user. n8n binds its auth cookie to the browser id
 * the editor keeps in localStorage and sends as a `browser-id` header.
 */
async function restGet(page, url, apiPath) {
	const browserId = await page.evaluate(() => window.localStorage.getItem('n8n-browserId') ?? '');
	const res = await page.request.get(`${url}${apiPath}`, { headers: { 'browser-id': browserId }, failOnStatusCode: false });
	if (!res.ok()) throw new Error(`GET ${apiPath} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`);
	return (await res.json()).data;
}

async function boxOf(locator) {
	const box = await locator.boundingBox();
	if (!box) throw new Error('no bounding box for a screenshot region');
	return clampClip(box);
}

/** Drags the node panel's middle column `dx` pixels to the left (wider output); best effort. */
async function dragPanelLeft(page, ndv, dx) {
	const handle = ndv.getByTestId('panel-drag-button');
	const box = await handle.boundingBox();
	if (!box) return;
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width / 2, y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 - dx / 2, y, { steps: 8 });
	await page.mouse.move(box.x + box.width / 2 - dx, y, { steps: 8 });
	await page.mouse.up();
}

/** `outer`'s rectangle from its top down to `pad` pixels below the bottom of `last`. */
async function clipDown(outer, last, pad = 0) {
	const box = await outer.boundingBox();
	const end = await last.boundingBox();
	if (!box || !end) throw new Error('no bounding box for a screenshot region');
	return clampClip({ x: box.x, y: box.y, width: box.width, height: Math.min(box.height, end.y + end.height + pad - box.y) });
}

/** The smallest rectangle around both locators, with `pad` pixels around it, inside the viewport. */
async function clipAround(a, b, pad = 0) {
	const boxes = [await a.boundingBox(), await b.boundingBox()].filter(Boolean);
	if (boxes.length === 0) throw new Error('no bounding box for a screenshot region');
	const x = Math.min(...boxes.map((r) => r.x)) - pad;
	const y = Math.min(...boxes.map((r) => r.y)) - pad;
	const right = Math.max(...boxes.map((r) => r.x + r.width)) + pad;
	const bottom = Math.max(...boxes.map((r) => r.y + r.height)) + pad;
	return clampClip({ x, y, width: right - x, height: bottom - y });
}

function clampClip({ x, y, width, height }) {
	const left = Math.max(0, Math.floor(x));
	const top = Math.max(0, Math.floor(y));
	const right = Math.min(VIEWPORT.width, Math.ceil(x + width));
	const bottom = Math.min(VIEWPORT.height, Math.ceil(y + height));
	return { x: left, y: top, width: right - left, height: bottom - top };
}

module.exports = {
	OWNER,
	SCENARIO,
	VIEWPORT,
	CHROMIUM_ARGS,
	IM_CHAT_PARAMETERS,
	STEPS,
	ensureChromium,
	loadPlaywright,
	launchBrowser,
	startStack,
	runEditorFlow,
};

// ---------------------------------------------------------------------------------------------
// The Zoom IM Events Trigger's node panel (one step after the walk-through above)
// ---------------------------------------------------------------------------------------------

/**
 * From the state the walk-through leaves (a workflow with the Zoom IM Messages node open): closes
 * the node panel, opens a new workflow, adds "Zoom IM Events Trigger" as its first step (search
 * "zoom events", then its "On channel message posted" event) and reads its parameters. With `screenshotsDir`, writes events-trigger.png there
 * (the README's picture); a failure leaves `failureScreenshot`.
 */
async function openEventsTriggerPanel({ page, screenshotsDir, failureScreenshot, log = () => {} }) {
	const report = { screenshots: [] };
	log('… open the Zoom IM Events Trigger node panel');
	try {
		const ndv = page.getByTestId('ndv');
		if (await ndv.isVisible()) {
			// Its close button: Escape does not close it while a select of the panel has the focus
			// (as after picking Message → Send at the end of the walk-through).
			await ndv.getByTestId('ndv-close-button').click();
			await gone(ndv, 'the open node panel after its close button');
		}
		// A new workflow, as in the walk-through: its empty canvas offers triggers ("Add first step").
		await page.getByRole('menuitem', { name: 'Overview' }).click();
		const create = page.getByTestId('add-resource-workflow');
		const leave = page.getByRole('button', { name: /Leave without saving/i });
		await visible(create.or(leave), 'the overview (or n8n asking about unsaved changes)', 60_000);
		if (await leave.isVisible()) await leave.click();
		await (await visible(create, '"Create workflow" on the overview', 60_000)).click();
		await (await visible(page.getByTestId('canvas-plus-button'), 'the empty canvas with "Add first step"', 60_000)).click();
		const nodeCreator = await visible(page.getByTestId('node-creator'), 'the node panel');
		await page.getByTestId('node-creator-search-bar').fill('zoom events');
		// n8n lists triggers without the word "Trigger" in "What triggers this workflow?".
		const item = nodeCreator.getByTestId('node-creator-item-name').filter({ hasText: /^\s*Zoom IM Events( Trigger)?\s*$/ });
		await (await visible(item, '"Zoom IM Events" among the triggers found for "zoom events"')).click();
		// n8n shows the node's details with one trigger per Events option ("On channel message
		// posted", …); picking one adds the node with that event chosen.
		const actionNames = nodeCreator.locator('[data-keyboard-nav-type="action"]').getByTestId('node-creator-item-name');
		const posted = actionNames.filter({ hasText: /^On channel message posted$/ });
		await visible(posted, 'the trigger\'s events in the node details');
		report.triggerActions = await texts(actionNames);
		await posted.first().click();
		const opened = await visible(page.getByTestId('ndv'), 'the node panel (NDV) of the events trigger');
		await visible(opened.getByTestId('parameter-input-events'), 'the Events parameter');
		report.nodeTitle = (await opened.getByTestId('node-title-container').innerText()).trim();
		report.credentialSlot = (await opened.getByTestId('node-credentials-slot').innerText()).replace(/\s+/g, ' ').trim();
		report.parameters = await visibleParameters(opened);
		report.events = (await opened.getByTestId('parameter-input-events').innerText()).replace(/\s+/g, ' ').trim();
		report.workflowNodeTypes = await page
			.getByTestId('canvas-node')
			.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-type')));
		if (screenshotsDir) {
			await fsp.mkdir(screenshotsDir, { recursive: true });
			const file = path.join(screenshotsDir, 'events-trigger.png');
			const settings = opened.locator('.node-settings');
			const clip = await clipDown(settings, settings.getByTestId('collection-parameter-add'), 16);
			await page.screenshot({ path: file, animations: 'disabled', caret: 'hide', scale: 'css', clip });
			report.screenshots.push(file);
		}
		return report;
	} catch (error) {
		if (failureScreenshot) {
			await fsp.mkdir(path.dirname(failureScreenshot), { recursive: true }).catch(() => {});
			await page.screenshot({ path: failureScreenshot }).catch(() => {});
			const html = await page.content().catch(() => '');
			await fsp.writeFile(failureScreenshot.replace(/\.png$/, '.html'), html).catch(() => {});
		}
		throw error;
	}
}

module.exports.openEventsTriggerPanel = openEventsTriggerPanel;
