import { NodeApiError } from 'n8n-workflow';

import { imParams, jsonOf, messagesRunner, useSimulator } from './setup';

describe('Server-to-Server OAuth credential', () => {
	const sim = useSimulator({}, { perTest: true });

	it('fetches an account_credentials token with Basic auth, then reads messages', async () => {
		const runner = messagesRunner(sim);
		const [items] = await runner.execute(imParams('alice@example.com', '2026-10-01', '2026-10-31', { authentication: 'serverToServer' }));
		expect(jsonOf(items)).toEqual(sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31').map((m) => ({ ...m, session_id: 'alice@example.com' })));
		const tokenRequests = sim.requests.filter((r) => r.kind === 'token');
		expect(tokenRequests).toHaveLength(1);
		expect(tokenRequests[0].query).toMatchObject({ grant_type: 'account_credentials', account_id: sim.client.accountId });
		expect(tokenRequests[0].headers.authorization).toBe(
			`Basic ${Buffer.from(`${sim.client.clientId}:${sim.client.clientSecret}`).toString('base64')}`,
		);
		expect(sim.tokenStats().accountCredentialsGrants).toBe(1);
		expect(runner.credentialStore.get('zoomImServerToServerOAuthApi').accessToken).toEqual(expect.any(String));
	});

	it('keeps the token across executions and fetches a new one once when Zoom answers 401 mid-pull', async () => {
		const runner = messagesRunner(sim);
		await runner.execute(imParams('alice@example.com', '2026-10-01', '2026-10-31', { authentication: 'serverToServer' }));
		expect(sim.tokenStats().accountCredentialsGrants).toBe(1);

		sim.clearRequests();
		// The third messages request of the next run finds its token expired.
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 2 });
		const [items] = await runner.execute(
			imParams('grp-eng', '2026-01-01', '2026-03-31', { authentication: 'serverToServer', options: { timezone: 'UTC', concurrency: 1 } }),
		);
		expect(jsonOf(items)).toEqual(sim.imMessages('grp-eng', '2026-01-01', '2026-03-31').map((m) => ({ ...m, session_id: 'grp-eng' })));
		expect(sim.tokenStats().accountCredentialsGrants).toBe(2);
		expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(2); // our probe, and n8n's own try before refetching
	});

	it('sends the first request alone while there is no token yet, so that windows share one token fetch', async () => {
		sim.setLatency(50);
		await messagesRunner(sim).execute(
			imParams('grp-eng', '2026-01-01', '2026-04-30', { authentication: 'serverToServer', options: { timezone: 'UTC', maxRequestsPerSecond: 0 } }),
		);
		const requests = sim.requests.filter((r) => r.kind === 'imMessages');
		const firstAnswered = Math.min(...requests.map((r) => r.endedAt ?? Infinity));
		expect(requests.filter((r) => r.startedAt < firstAnswered)).toHaveLength(1);
		expect(sim.tokenStats().accountCredentialsGrants).toBe(1);
	});

	it('fails clearly when the account id is wrong, without leaking the secret', async () => {
		const runner = messagesRunner(sim);
		runner.credentialStore.set('zoomImServerToServerOAuthApi', {
			...runner.credentialStore.get('zoomImServerToServerOAuthApi'),
			accountId: 'wrong-account',
		});
		const error = await runner
			.execute(imParams('alice@example.com', '2026-10-01', '2026-10-31', { authentication: 'serverToServer' }))
			.catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		expect(`${error.message} ${error.description ?? ''}`).not.toContain(sim.client.clientSecret);
		expect(sim.requests.filter((r) => r.kind === 'imMessages')).toHaveLength(0);
	});

	it('follows a regional api_url from the token answer', async () => {
		await sim.restartWith({ apiUrlInTokenResponse: true });
		const runner = messagesRunner(sim);
		const [items] = await runner.execute(
			imParams('grp-eng', '2026-01-01', '2026-03-31', { authentication: 'serverToServer', options: { timezone: 'UTC', concurrency: 1 } }),
		);
		expect(jsonOf(items)).toEqual(sim.imMessages('grp-eng', '2026-01-01', '2026-03-31').map((m) => ({ ...m, session_id: 'grp-eng' })));
		const regions = sim.requests.filter((r) => r.kind === 'imMessages').map((r) => r.region);
		// The token (and its api_url) arrives with the first request; every later one goes to the region.
		expect(regions.slice(1).every((r) => r === 'eu')).toBe(true);
		expect(regions.length).toBeGreaterThan(3);
	});
});

describe('OAuth2 credential', () => {
	const sim = useSimulator({}, { perTest: true });

	it('refreshes an expired access token through the custom token URL and keeps the rotated refresh token', async () => {
		const runner = messagesRunner(sim);
		const before = runner.credentialStore.get('zoomImOAuth2Api').oauthTokenData as { refresh_token: string };
		sim.expireAccessTokens();
		const [items] = await runner.execute(imParams('alice@example.com', '2026-10-01', '2026-10-31'));
		expect(jsonOf(items)).toEqual(sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31').map((m) => ({ ...m, session_id: 'alice@example.com' })));
		expect(sim.tokenStats().refreshGrants).toBe(1);
		const after = runner.credentialStore.get('zoomImOAuth2Api').oauthTokenData as { refresh_token: string };
		expect(after.refresh_token).not.toBe(before.refresh_token);
		expect(sim.tokenStats().currentRefreshTokens).toContain(after.refresh_token);
	});

	it('refreshes once, not once per parallel window, when the token expires mid-pull', async () => {
		const runner = messagesRunner(sim);
		// Requests of four windows are in flight when the token expires.
		sim.addFault({ type: 'expireAccessToken', match: { kind: 'imMessages' }, after: 6 });
		sim.setLatency(20);
		const [items] = await runner.execute(imParams('grp-eng', '2025-10-01', '2026-09-30', { options: { timezone: 'UTC', concurrency: 4 } }));
		expect(jsonOf(items)).toEqual(sim.imMessages('grp-eng', '2025-10-01', '2026-09-30').map((m) => ({ ...m, session_id: 'grp-eng' })));
		expect(sim.tokenStats().refreshGrants).toBe(1);
		expect(sim.tokenStats().rejectedRefreshes).toBe(0);
		expect(sim.requests.filter((r) => r.status === 401).length).toBeGreaterThan(1);
	});

	it('with a stored token, starts the parallel windows at once', async () => {
		sim.setLatency(200);
		await messagesRunner(sim).execute(imParams('grp-eng', '2026-01-01', '2026-04-30', { options: { timezone: 'UTC', maxRequestsPerSecond: 0 } }));
		const requests = sim.requests.filter((r) => r.kind === 'imMessages');
		const firstAnswered = Math.min(...requests.map((r) => r.endedAt ?? Infinity));
		expect(requests.filter((r) => r.startedAt < firstAnswered).length).toBeGreaterThan(1);
	});

	it('asks the user to reconnect when the refresh token is no longer valid', async () => {
		const runner = messagesRunner(sim);
		const data = runner.credentialStore.get('zoomImOAuth2Api');
		runner.credentialStore.set('zoomImOAuth2Api', {
			...data,
			oauthTokenData: { ...(data.oauthTokenData as object), refresh_token: 'revoked' },
		});
		sim.expireAccessTokens();
		const error = await runner.execute(imParams('alice@example.com', '2026-10-01', '2026-10-31')).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(`${error.message} ${error.description}`).toMatch(/reconnect/i);
		expect(sim.tokenStats().refreshGrants).toBe(0);
		expect(sim.requests.filter((r) => r.kind === 'imMessages').length).toBeLessThanOrEqual(2);
	});

	it('uses api_url from the stored token data', async () => {
		await sim.restartWith({ apiUrlInTokenResponse: true });
		const [items] = await messagesRunner(sim).execute(imParams('alice@example.com', '2026-10-01', '2026-10-31'));
		expect(jsonOf(items)).toEqual(sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31').map((m) => ({ ...m, session_id: 'alice@example.com' })));
		expect(sim.requests.filter((r) => r.kind === 'imMessages').every((r) => r.region === 'eu')).toBe(true);
	});
});
