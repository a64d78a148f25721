/**
 * Shared set-up for integration tests: the project's Zoom simulator on 127.0.0.1 and the real
 * node / credential classes run through n8n-core (test/support/execute-context.ts).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ZoomImOAuth2Api } from '../../credentials/ZoomImOAuth2Api.credentials';
import { ZoomImServerToServerOAuthApi } from '../../credentials/ZoomImServerToServerOAuthApi.credentials';
import { ZoomImMessages } from '../../nodes/ZoomIm/ZoomImMessages.node';
import { ZoomImMessagesTrigger } from '../../nodes/ZoomIm/ZoomImMessagesTrigger.node';
import { ZoomSimulator } from '../simulator';
import { createNodeRunner, OAuth2Api, type NodeRunner } from '../support/execute-context';

export { ZoomSimulator };
export { startSimulator, useSimulator, type SimulatorHandle } from '../support/simulator-fixture';

export const CREDENTIAL_TYPES = [new OAuth2Api(), new ZoomImOAuth2Api(), new ZoomImServerToServerOAuthApi()];

export function oauth2CredentialData(sim: ZoomSimulator) {
	return {
		environment: 'custom',
		oauthBaseUrl: sim.oauthBaseUrl,
		apiBaseUrl: sim.apiBaseUrl,
		clientId: sim.client.clientId,
		clientSecret: sim.client.clientSecret,
		oauthTokenData: sim.issueTokens(),
	};
}

export function s2sCredentialData(sim: ZoomSimulator) {
	return {
		environment: 'custom',
		oauthBaseUrl: sim.oauthBaseUrl,
		apiBaseUrl: sim.apiBaseUrl,
		accountId: sim.client.accountId,
		clientId: sim.client.clientId,
		clientSecret: sim.client.clientSecret,
		accessToken: '',
		apiUrl: '',
	};
}

let runners = 0;

/**
 * A credential's n8n id for a new runner: each runner stores credentials of its own, and the node
 * keeps one learned rate-limit budget per credential id, so what one test's faults taught the pace
 * stays with that test's runner (executions and polls of one runner share it, as in n8n).
 */
export function credentialId(prefix: string, sim: ZoomSimulator): string {
	return `${prefix}-${sim.port}-${++runners}`;
}

/** A runner for the action node with both credentials stored. */
export function messagesRunner(sim: ZoomSimulator, timezone = 'UTC'): NodeRunner {
	const oauth2Id = credentialId('cred-oauth2', sim);
	const s2sId = credentialId('cred-s2s', sim);
	return createNodeRunner({
		nodeType: new ZoomImMessages(),
		credentialTypes: CREDENTIAL_TYPES,
		timezone,
		credentials: {
			zoomImOAuth2Api: { id: oauth2Id, name: 'Zoom OAuth2', data: oauth2CredentialData(sim) },
			zoomImServerToServerOAuthApi: { id: s2sId, name: 'Zoom S2S', data: s2sCredentialData(sim) },
		},
	});
}

export function triggerRunner(sim: ZoomSimulator): NodeRunner {
	const oauth2Id = credentialId('cred-oauth2', sim);
	const s2sId = credentialId('cred-s2s', sim);
	return createNodeRunner({
		nodeType: new ZoomImMessagesTrigger(),
		credentialTypes: CREDENTIAL_TYPES,
		timezone: 'UTC',
		credentials: {
			zoomImOAuth2Api: { id: oauth2Id, name: 'Zoom OAuth2', data: oauth2CredentialData(sim) },
			zoomImServerToServerOAuthApi: { id: s2sId, name: 'Zoom S2S', data: s2sCredentialData(sim) },
		},
	});
}

/** IM chat parameters as a saved workflow has them. */
export function imParams(sessionId: string, from: string, to: string, extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		api: 'imChat',
		sessionId: { __rl: true, mode: 'id', value: sessionId },
		from,
		to,
		returnAll: true,
		pageSize: 50,
		options: { timezone: 'UTC', retryDelay: 1 },
		...extra,
	};
}

/** `parameters` as a workflow saved without Page Size has them (n8n then uses the shown declaration's default). */
export function withoutPageSize(parameters: INodeParameters): INodeParameters {
	const saved = { ...parameters };
	delete saved.pageSize;
	return saved;
}

export function jsonOf(items: INodeExecutionData[]) {
	return items.map((item) => item.json);
}

/** The IM chat message requests the simulator saw, as from/to/page_size/token tuples. */
export function imRequests(sim: ZoomSimulator) {
	return sim.requests
		.filter((r) => r.kind === 'imMessages')
		.map((r) => ({ from: r.query.from, to: r.query.to, page_size: r.query.page_size, token: r.query.next_page_token, status: r.status }));
}

/** The parts of a window (`from..to` ranges other than the whole window) are whole days, one after another, covering it once. */
export function expectWholeDayParts(parts: string[], from: string, to: string) {
	const sorted = parts.map((range) => range.split('..')).sort((a, b) => a[0].localeCompare(b[0]));
	expect(sorted[0][0]).toBe(from);
	expect(sorted[sorted.length - 1][1]).toBe(to);
	for (let i = 1; i < sorted.length; i++) {
		const dayAfter = new Date(Date.parse(`${sorted[i - 1][1]}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		expect(sorted[i][0]).toBe(dayAfter);
	}
}

/** Every timer API jest can fake: they all stay real when only `Date` is pinned. */
const TIMER_APIS = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

/**
 * Puts "now" at `iso` for the node code and the simulator (which runs in the test's process and
 * reads the same clock): only `Date` is faked, and it keeps running from there. Team Chat serves
 * only the last 6 months, so tests that read the simulator's fixed history need a fixed "now".
 * Undo with jest.useRealTimers().
 */
export function fakeDateFrom(iso: string): void {
	jest.useFakeTimers({ doNotFake: [...TIMER_APIS], advanceTimers: true, now: new Date(iso) });
}

/** fakeDateFrom(iso) before the tests of the file (or describe block) that calls it, real timers after them. */
export function useFakeDate(iso: string): void {
	beforeAll(() => fakeDateFrom(iso));
	afterAll(() => jest.useRealTimers());
}
