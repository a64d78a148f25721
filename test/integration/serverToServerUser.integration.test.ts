/**
 * Server-to-Server OAuth and the user it reads: Zoom does not accept `me` for server-to-server
 * apps ("you must provide a userId or email"), so the node, the trigger and the channel picker
 * refuse it before sending anything; and the credential's Test, run the way n8n's credential
 * tester runs it (n8n-core's RoutingNode with the credential's `test.request`), proves the
 * credential with a token fetch alone.
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

import { ZoomImServerToServerOAuthApi } from '../../credentials/ZoomImServerToServerOAuthApi.credentials';
import { createNodeRunner } from '../support/execute-context';
import { CREDENTIAL_TYPES, messagesRunner, s2sCredentialData, triggerRunner, useFakeDate, useSimulator } from './setup';

// Only Date is faked (timers stay real): Team Chat serves the last 6 months, so the October
// 2026 range read below stays readable whatever the real date.
useFakeDate('2026-11-15T12:00:00Z');
const sim = useSimulator({}, { perTest: true });

/** Team Chat parameters as a saved workflow has them; `userId` left out means the default, "me". */
function teamChatParams(extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'serverToServer',
		api: 'teamChat',
		teamChatTarget: 'channel',
		channelId: { __rl: true, mode: 'id', value: 'ch-general' },
		from: '2026-10-01',
		to: '2026-10-31',
		returnAll: true,
		options: { timezone: 'UTC' },
		...extra,
	};
}

function expectUserIdRefused(error: unknown, value: string) {
	expect(error).toBeInstanceOf(NodeOperationError);
	const { message } = error as NodeOperationError;
	expect(message).toContain(`The value "${value}" of "User ID"`);
	expect(message).toMatch(/Server-to-Server/);
	expect(message).toMatch(/Set User ID to the ID or email of the user/);
}

describe('Server-to-Server OAuth: User ID "me" is refused before any request', () => {
	it.each([
		['"me"', { userId: 'me' }, 'me'],
		['the default', {}, 'me'],
		['" ME "', { userId: ' ME ' }, ' ME '],
	])('the node, with User ID %s', async (_label, extra, shown) => {
		const error = await messagesRunner(sim)
			.execute(teamChatParams(extra))
			.catch((e: unknown) => e);
		expectUserIdRefused(error, shown);
		expect(sim.requests).toHaveLength(0); // not even a token request
	});

	it('the node reads a user named by email, and OAuth2 may still say "me"', async () => {
		const [byEmail] = await messagesRunner(sim).execute(teamChatParams({ userId: 'owner@example.com' }));
		const [oauthMe] = await messagesRunner(sim).execute(teamChatParams({ authentication: 'oAuth2', userId: 'me' }));
		expect(byEmail.length).toBeGreaterThan(0);
		expect(oauthMe.map((i) => i.json.id)).toEqual(byEmail.map((i) => i.json.id));
		const paths = sim.requests.filter((r) => r.kind === 'teamMessages').map((r) => r.path);
		expect(new Set(paths)).toEqual(new Set(['/v2/chat/users/owner@example.com/messages', '/v2/chat/users/me/messages']));
	});

	it('the trigger', async () => {
		const error = await triggerRunner(sim)
			.poll(teamChatParams({ userId: 'me' }), {}, 'trigger')
			.catch((e: unknown) => e);
		expectUserIdRefused(error, 'me');
		expect(sim.requests).toHaveLength(0);
	});

	it('the channel picker, whose User ID also defaults to "me"', async () => {
		const runner = messagesRunner(sim);
		for (const userId of ['me', '']) {
			const error = await runner
				.listSearch('searchChannels', undefined, undefined, { authentication: 'serverToServer', api: 'teamChat', userId })
				.catch((e: unknown) => e);
			expectUserIdRefused(error, 'me');
		}
		expect(sim.requests).toHaveLength(0);
		const listed = await runner.listSearch('searchChannels', 'gene', undefined, {
			authentication: 'serverToServer',
			api: 'teamChat',
			userId: 'sim-user-1',
		});
		expect(listed.results.map((r) => r.value)).toEqual(['ch-general']);
	});

	it('the simulator refuses "me" for a server-to-server token the way this test suite assumes Zoom does', async () => {
		// What the node would get if it sent "me": the reason it must not.
		const token = await fetch(`${sim.oauthBaseUrl}/oauth/token?grant_type=account_credentials&account_id=${sim.client.accountId}`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`${sim.client.clientId}:${sim.client.clientSecret}`).toString('base64')}` },
		}).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
		const answer = await fetch(`${sim.apiBaseUrl}/chat/users/me/channels`, { headers: { authorization: `Bearer ${token}` } });
		expect([answer.status, await answer.json()]).toEqual([404, { code: 1001, message: 'User does not exist: me.' }]);
	});
});

/**
 * The credential's Test as n8n's CredentialsTester.runRequestTest runs it: a node whose one
 * property routes `test.request`, executed by n8n-core's RoutingNode with the credential data,
 * through httpRequestWithAuthentication (so preAuthentication and the Bearer header apply).
 */
async function runCredentialTest(data: ICredentialDataDecryptedObject): Promise<INodeExecutionData[][]> {
	const credentialType = new ZoomImServerToServerOAuthApi();
	const probe: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTestProbe',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credentialType.test.request } }],
		},
		async execute(this: IExecuteFunctions) {
			// Required here: n8n-core reads its configuration when first loaded, after the runner set it up.
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { RoutingNode } = require('n8n-core') as typeof import('n8n-core');
			const credentialsDecrypted = { id: 'cred-s2s', name: 'Zoom S2S', type: credentialType.name, data };
			// `this` is n8n-core's ExecuteContext (the runner's), as in n8n's credential tester.
			const context = this as unknown as ConstructorParameters<typeof RoutingNode>[0];
			return (await new RoutingNode(context, probe, credentialsDecrypted).runNode()) as INodeExecutionData[][];
		},
	};
	const runner = createNodeRunner({
		nodeType: probe,
		credentialTypes: CREDENTIAL_TYPES,
		credentials: { [credentialType.name]: { id: 'cred-s2s', name: 'Zoom S2S', data } },
	});
	return await runner.execute({});
}

describe("the Server-to-Server credential's Test", () => {
	const basicAuth = () => `Basic ${Buffer.from(`${sim.client.clientId}:${sim.client.clientSecret}`).toString('base64')}`;

	it('is a token fetch with the client id, secret and account id: no API request, no "me"', async () => {
		await runCredentialTest(s2sCredentialData(sim));
		// n8n first fetches the token the credential has not stored yet (preAuthentication), then
		// sends the test request, itself a token fetch.
		expect(sim.requests.map((r) => [r.kind, r.method, r.status])).toEqual([
			['token', 'POST', 200],
			['token', 'POST', 200],
		]);
		for (const request of sim.requests) {
			expect(request.query).toMatchObject({ grant_type: 'account_credentials', account_id: sim.client.accountId });
			// HTTP Basic client authentication, not the Bearer header n8n adds to the credential's requests
			expect(request.headers.authorization).toBe(basicAuth());
		}
	});

	it('with a token already stored, still checks the secrets with one token fetch', async () => {
		const stored = sim.issueTokens().access_token;
		await runCredentialTest({ ...s2sCredentialData(sim), accessToken: stored });
		expect(sim.requests.map((r) => [r.kind, r.status, r.headers.authorization])).toEqual([['token', 200, basicAuth()]]);
	});

	it.each([
		['client secret', { clientSecret: 'not-the-secret' }, 401],
		['account id', { accountId: 'not-the-account' }, 400],
	])('fails for a wrong %s, even with a token stored', async (_what, wrong, status) => {
		const stored = sim.issueTokens().access_token;
		const error = await runCredentialTest({ ...s2sCredentialData(sim), accessToken: stored, ...wrong }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(sim.requests.length).toBeGreaterThan(0);
		expect(sim.requests.every((r) => r.kind === 'token' && r.status === status)).toBe(true);
	});
});
