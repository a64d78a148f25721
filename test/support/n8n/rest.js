'use strict';
/**
 * n8n's own REST API (`/rest/…`, what the editor uses), signed in as the instance owner. The same
 * calls serve n8n 1.123.x and 2.41.x; where they differ (activating a workflow), both are here.
 *
 * n8n ties its session cookie to a `browser-id` header: every request sends the one used at login.
 */
const http = require('node:http');

const { waitFor } = require('../wait-for');

const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-password-1',
});
const BROWSER_ID = 'zoom-im-e2e-browser';
// A fresh connection per request: with Node's keep-alive default, a request can go out on a socket
// n8n is just closing after its idle timeout, and fail with "socket hang up".
const NO_KEEP_ALIVE = new http.Agent({ keepAlive: false });

class RestError extends Error {
	constructor(method, path, status, body) {
		super(`n8n ${method} ${path} answered ${status}: ${typeof body === 'string' ? body.slice(0, 2000) : JSON.stringify(body).slice(0, 2000)}`);
		this.status = status;
		this.body = body;
	}
}

/** One HTTP request to n8n; resolves with { status, headers, body } (body parsed when JSON). */
function request(baseUrl, method, path, { body, cookie, timeoutMs = 120_000 } = {}) {
	const url = new URL(path, baseUrl);
	const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
	const headers = { accept: 'application/json', 'browser-id': BROWSER_ID };
	if (payload) {
		headers['content-type'] = 'application/json';
		headers['content-length'] = String(payload.length);
	}
	if (cookie) headers.cookie = cookie;
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, timeout: timeoutMs, agent: NO_KEEP_ALIVE }, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let parsed = text;
				if (/json/.test(res.headers['content-type'] ?? '')) {
					try {
						parsed = JSON.parse(text);
					} catch {
						/* keep the text */
					}
				}
				resolve({ status: res.statusCode, headers: res.headers, body: parsed });
			});
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`n8n ${method} ${path}: no answer within ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(payload);
	});
}

function authCookie(headers) {
	const cookies = [].concat(headers['set-cookie'] ?? []);
	const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	return auth;
}

/**
 * A signed-in client. `setUp: true` creates the owner first (a new instance); otherwise it logs in.
 * 1.x logs in with `email`, 2.x with `emailOrLdapLoginId`: both are sent.
 */
async function signIn(baseUrl, { setUp = false } = {}) {
	const attempt = setUp
		? await request(baseUrl, 'POST', '/rest/owner/setup', { body: OWNER })
		: await request(baseUrl, 'POST', '/rest/login', {
				body: { email: OWNER.email, emailOrLdapLoginId: OWNER.email, password: OWNER.password },
			});
	const cookie = authCookie(attempt.headers);
	if (attempt.status !== 200 || !cookie) {
		throw new RestError('POST', setUp ? '/rest/owner/setup' : '/rest/login', attempt.status, attempt.body);
	}
	return new RestClient(baseUrl, cookie);
}

class RestClient {
	constructor(baseUrl, cookie) {
		this.baseUrl = baseUrl;
		this.cookie = cookie;
	}

	/** The answer's `data` for a 2xx, a RestError otherwise. */
	async call(method, path, body, options = {}) {
		const answer = await request(this.baseUrl, method, path, { body, cookie: this.cookie, ...options });
		if (answer.status < 200 || answer.status >= 300) throw new RestError(method, path, answer.status, answer.body);
		return answer.body && typeof answer.body === 'object' && 'data' in answer.body ? answer.body.data : answer.body;
	}

	/** Like call(), but resolves with { status, body } whatever the status. */
	raw(method, path, body, options = {}) {
		return request(this.baseUrl, method, path, { body, cookie: this.cookie, ...options });
	}

	createCredential({ name, type, data }) {
		return this.call('POST', '/rest/credentials', { name, type, data });
	}

	createWorkflow(workflow) {
		const { id: _ignored, ...rest } = workflow;
		return this.call('POST', '/rest/workflows', { ...rest, active: false });
	}

	getWorkflow(id) {
		return this.call('GET', `/rest/workflows/${id}`);
	}

	/** Activates (2.x: publishes) a saved workflow, so that its triggers and webhooks run. */
	async activateWorkflow(id, major) {
		const { versionId } = await this.getWorkflow(id);
		if (major >= 2) return this.call('POST', `/rest/workflows/${id}/activate`, { versionId });
		return this.call('PATCH', `/rest/workflows/${id}`, { active: true, versionId });
	}

	/**
	 * Starts a manual run of a saved workflow from its trigger, as the editor's "Execute workflow"
	 * does; resolves with the execution id. `trigger` names the start node (default: the first node
	 * whose type is a trigger).
	 */
	async runManually(workflow, { trigger } = {}) {
		const start = trigger ?? workflow.nodes.find((node) => /trigger$/i.test(node.type))?.name;
		if (!start) throw new Error(`workflow ${workflow.id} has no trigger node to start from`);
		const started = await this.call('POST', `/rest/workflows/${workflow.id}/run`, {
			workflowData: workflow,
			triggerToStartFrom: { name: start },
		});
		if (!started || started.executionId === undefined) throw new Error(`n8n started no execution: ${JSON.stringify(started)}`);
		return String(started.executionId);
	}

	getExecution(id) {
		return this.call('GET', `/rest/executions/${id}`);
	}

	/**
	 * A finished execution as `n8n execute --rawOutput` printed it: { data: IRunExecutionData (n8n
	 * saves it with `flatted`), status, mode, finished, startedAt, stoppedAt }.
	 */
	async executionRun(id) {
		return runOf(await this.getExecution(id));
	}

	/** Waits until execution `id` has ended and resolves with executionRun(id). */
	async finishedRun(id, { timeoutMs = 5 * 60_000 } = {}) {
		const execution = await waitFor(
			async () => {
				const current = await this.getExecution(id);
				return current && FINISHED.has(current.status) && current.data ? current : undefined;
			},
			{ timeoutMs, intervalMs: 100, what: `execution ${id} to finish` },
		);
		return runOf(execution);
	}

	/** The workflow's executions with one of `statuses`, newest first (at most `limit`). */
	async executions(workflowId, statuses, { limit = 20 } = {}) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: [].concat(statuses) }));
		const found = await this.call('GET', `/rest/executions?filter=${filter}&limit=${limit}`);
		return found.results;
	}
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

let flatted;
function runOf(execution) {
	flatted ??= require('flatted');
	return {
		data: typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data,
		status: execution.status,
		mode: execution.mode,
		finished: execution.finished,
		startedAt: execution.startedAt,
		stoppedAt: execution.stoppedAt,
	};
}

module.exports = { OWNER, RestClient, RestError, request, signIn };
