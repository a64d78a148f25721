/**
 * No access token, refresh token or client secret in any output item, error message, error
 * description (or anything else reachable from the error n8n gets) or log line, including when
 * Zoom, a proxy or the token endpoint echoes the request back, and after tokens were refreshed
 * or fetched during the run.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Fault, RecordedRequest } from '../simulator';
import { imParams, messagesRunner, useSimulator } from './setup';
import type { NodeRunner } from '../support/execute-context';

const SESSION = 'alice@example.com';

const sim = useSimulator({}, { perTest: true });

/** Every string reachable from a value: own properties (enumerable or not), errors' message, stack and cause. */
function allStrings(value: unknown, out: string[] = [], seen = new WeakSet<object>()): string[] {
	if (typeof value === 'string') {
		out.push(value);
		return out;
	}
	if (typeof value !== 'object' || value === null) return out;
	if (seen.has(value)) return out;
	seen.add(value);
	for (const key of Object.getOwnPropertyNames(value)) {
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		allStrings(child, out, seen);
	}
	if (value instanceof Error) {
		allStrings(value.message, out, seen);
		allStrings(value.stack, out, seen);
		allStrings((value as { cause?: unknown }).cause, out, seen);
	}
	return out;
}

function bearerOf(req: RecordedRequest): string {
	return String(req.headers.authorization ?? '').replace(/^Bearer /i, '');
}

/** Every secret the run could have known: stored at the start, or issued by the simulator since. */
function secretsOf(runner: NodeRunner, initial: string[]): string[] {
	const values = new Set<string>(initial);
	values.add(sim.client.clientSecret);
	values.add(Buffer.from(`${sim.client.clientId}:${sim.client.clientSecret}`).toString('base64'));
	for (const token of sim.tokenStats().currentRefreshTokens) values.add(token);
	for (const req of sim.requests) {
		const bearer = bearerOf(req);
		if (bearer) values.add(bearer);
	}
	for (const data of Object.values(runner.credentialStore.current)) {
		const tokenData = (data.oauthTokenData ?? {}) as Record<string, unknown>;
		for (const value of [data.clientSecret, data.accessToken, tokenData.access_token, tokenData.refresh_token]) {
			if (typeof value === 'string' && value) values.add(value);
		}
	}
	return [...values].filter((v) => v.length >= 8);
}

interface Outcome {
	items: INodeExecutionData[];
	error: unknown;
	runner: NodeRunner;
	initial: string[];
}

async function run(parameters: INodeParameters, opts: { continueOnFail?: boolean } = {}): Promise<Outcome> {
	const runner = messagesRunner(sim);
	const stored = runner.credentialStore.get('zoomImOAuth2Api').oauthTokenData as Record<string, string>;
	const initial = [stored.access_token, stored.refresh_token];
	let items: INodeExecutionData[] = [];
	let error: unknown;
	try {
		[items] = await runner.execute(parameters, undefined, opts);
	} catch (e) {
		error = e;
	}
	return { items, error, runner, initial };
}

function expectNoSecrets({ items, error, runner, initial }: Outcome): void {
	const secrets = secretsOf(runner, initial);
	expect(secrets.length).toBeGreaterThanOrEqual(4);
	const texts = [...allStrings(items.map((i) => i.json)), ...allStrings(error), ...runner.logs];
	for (const secret of secrets) {
		const leaks = texts.filter((t) => t.includes(secret));
		expect({ secret, leaks }).toEqual({ secret, leaks: [] });
	}
}

/** Parallel Windows 1: the month is read page after page, so "the second request" is its second page. */
function params(extra: INodeParameters = {}, options: Record<string, unknown> = {}): INodeParameters {
	return imParams(SESSION, '2026-10-01', '2026-10-31', {
		pageSize: 10,
		options: { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, concurrency: 1, ...options },
		...extra,
	});
}

/** A fault on the second IM request that echoes what the request carried. */
function echoOnce(make: (req: RecordedRequest) => Fault, at = 1): void {
	let n = 0;
	sim.setFaultHook((req) => (req.kind === 'imMessages' && n++ === at ? make(req) : undefined));
}

describe('secrets never reach output, errors or logs', () => {
	it('Zoom echoes the Authorization header in an error (echoAuth)', async () => {
		sim.addFault({ type: 'echoAuth', match: { kind: 'imMessages' }, after: 1 });
		const outcome = await run(params());
		expect((outcome.error as Error).message).toBe('Zoom error 400 (code 300): Bad request: Authorization: Bearer [redacted]');
		expect(sim.requests.find((r) => r.faulted === 'echoAuth')?.headers.authorization).toBe(`Bearer ${outcome.initial[0]}`);
		expectNoSecrets(outcome);
	});

	it('the echo ends up in an output item with Continue On Fail', async () => {
		sim.addFault({ type: 'echoAuth', match: { kind: 'imMessages' }, after: 1 });
		const outcome = await run(params(), { continueOnFail: true });
		expect(outcome.items).toEqual([{ json: { error: 'Zoom error 400 (code 300): Bad request: Authorization: Bearer [redacted]' }, pairedItem: { item: 0 } }]);
		expectNoSecrets(outcome);
	});

	it('raw tokens, refresh tokens and the client secret echoed without a "Bearer" prefix', async () => {
		echoOnce((req) => ({
			type: 'http',
			status: 404,
			body: {
				code: 1001,
				message: `User does not exist: token=${bearerOf(req)} refresh ${sim.tokenStats().currentRefreshTokens.join(',')} secret ${sim.client.clientSecret}`,
			},
		}));
		const outcome = await run(params());
		expect((outcome.error as Error).message).toMatch(/^Zoom error 404 \(code 1001\): User does not exist: token=\[redacted\] refresh \[redacted\]/);
		expectNoSecrets(outcome);
	});

	it('tokens obtained by a refresh during the run are kept out too', async () => {
		// Page 2 finds the token expired; n8n refreshes; page 3 echoes the new token and the new
		// refresh token in JSON-ish and raw forms.
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 1 });
		let n = 0;
		sim.setFaultHook((req) => {
			if (req.kind !== 'imMessages' || req.status === 401) return undefined;
			const bearer = bearerOf(req);
			if (n++ !== 3) return undefined;
			const refresh = sim.tokenStats().currentRefreshTokens.join(' ');
			return { type: 'http', status: 400, body: { code: 300, message: `Invalid request ${bearer} {"access_token":"${bearer}"} ${refresh}` } };
		});
		const outcome = await run(params());
		expect(sim.tokenStats().refreshGrants).toBe(1);
		expect((outcome.error as Error).message).toMatch(/^Zoom error 400 \(code 300\): Invalid request \[redacted\]/);
		const echoed = sim.requests.find((r) => r.faulted === 'http') as RecordedRequest;
		expect(bearerOf(echoed)).not.toBe(outcome.initial[0]); // it really is a new token
		expectNoSecrets(outcome);
	});

	it('echoes in retried server errors, until retries run out', async () => {
		sim.setFaultHook((req) =>
			req.kind === 'imMessages'
				? { type: 'serverError', status: 500, body: { code: 500, message: `upstream said ${req.headers.authorization}; ${bearerOf(req)}` } }
				: undefined,
		);
		const outcome = await run(params({}, { maxRetries: 2 }));
		expect((outcome.error as Error).message).toBe('Zoom request failed after 3 attempts: HTTP 500, code 500, upstream said Bearer [redacted]; [redacted]');
		expectNoSecrets(outcome);
	});

	it('a 200 that is not JSON and quotes the request', async () => {
		echoOnce((req) => ({ type: 'http', status: 200, body: `<html>your token: ${bearerOf(req)}</html>`, headers: { 'content-type': 'text/html' } }));
		const outcome = await run(params());
		expect((outcome.error as { description?: string }).description).toBe('The answer began with: "<html>your token: [redacted]</html>"');
		expectNoSecrets(outcome);
	});

	it('a daily-limit answer that quotes the token', async () => {
		echoOnce((req) => ({
			type: 'http',
			status: 429,
			headers: { 'X-RateLimit-Type': 'Daily-limit' },
			body: { code: 429, message: `daily limit for ${bearerOf(req)}` },
		}));
		const outcome = await run(params());
		expect((outcome.error as Error).message).toBe("Zoom's daily rate limit for this API was reached");
		expectNoSecrets(outcome);
	});

	it('the token endpoint echoes the client authentication while refreshing', async () => {
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 1 });
		sim.addFault({ type: 'echoAuth', match: { kind: 'token' } });
		const outcome = await run(params());
		expect(outcome.error).toBeInstanceOf(Error);
		expect(sim.requests.find((r) => r.kind === 'token')?.faulted).toBe('echoAuth');
		expectNoSecrets(outcome);
	});

	it('the refresh token is refused', async () => {
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 1 });
		const runner = messagesRunner(sim);
		const stored = runner.credentialStore.get('zoomImOAuth2Api');
		const tokenData = stored.oauthTokenData as Record<string, string>;
		const initial = [tokenData.access_token, tokenData.refresh_token, 'dead-refresh-token-0123456789'];
		runner.credentialStore.set('zoomImOAuth2Api', { ...stored, oauthTokenData: { ...tokenData, refresh_token: initial[2] } });
		const error = await runner.execute(params()).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect((error as Error).message).toMatch(/reconnect|refresh/i);
		expect(sim.tokenStats().rejectedRefreshes).toBe(1);
		expectNoSecrets({ items: [], error, runner, initial });
	});

	it('server-to-server: the fetched token and the client secret echoed back', async () => {
		let n = 0;
		sim.setFaultHook((req) =>
			req.kind === 'imMessages' && n++ === 1
				? { type: 'http', status: 400, body: { code: 300, message: `bad ${bearerOf(req)} ${sim.client.clientSecret} ${req.headers.authorization}` } }
				: undefined,
		);
		const runner = messagesRunner(sim);
		const error = await runner.execute(params({ authentication: 'serverToServer' })).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect((error as Error).message).toBe('Zoom error 400 (code 300): bad [redacted] [redacted] Bearer [redacted]');
		expect(runner.credentialStore.get('zoomImServerToServerOAuthApi').accessToken).toEqual(expect.any(String));
		expectNoSecrets({ items: [], error, runner, initial: [] });
	});

	it('a successful run with a refresh: output items and logs are clean', async () => {
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 2 });
		const outcome = await run(params());
		expect(outcome.error).toBeUndefined();
		expect(outcome.items).toHaveLength(sim.imMessages(SESSION, '2026-10-01', '2026-10-31').length);
		expect(sim.tokenStats().refreshGrants).toBe(1);
		expectNoSecrets(outcome);
	});
});
