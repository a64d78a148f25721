import { sleep } from 'n8n-workflow';

import { credentialSecrets, resolveApiBaseUrl } from './apiBase';
import { ConversationWindows } from './conversationWindows';
import { apiOriginOf } from './downloadTrust';
import { followUploadRedirects } from './uploadRedirects';
import { PaceRegistry, RequestPacer } from './requestPacer';
import { TokenGate } from './tokenGate';
import type { HttpAnswer } from './http';
import { n8nSender, type ZoomContext } from './n8nHttp';
import { ZoomClient, type ZoomClientSettings, type ZoomRequest } from './zoomClient';
import { zoomCloud } from './zoomClouds';

export { toTransportError } from './n8nHttp';

/** The n8n glue: Zoom's client on top of n8n's authenticated requests (see connectToZoom). */

export type ZoomAuthentication = 'oAuth2' | 'serverToServer';

export function credentialTypeFor(authentication: ZoomAuthentication): string {
	return authentication === 'serverToServer' ? 'zoomImServerToServerOAuthApi' : 'zoomImOAuth2Api';
}

export interface ZoomConnection {
	client: ZoomClient;
	/** Secrets of the credential: its values when the connection was made, plus tokens from refreshes. */
	secrets: string[];
	/** The API base URL requests go to now (a regional api_url from a token answer included). */
	apiBaseUrl: () => string;
	/** Where file uploads go (fileUploadBase). */
	fileBaseUrl: () => string;
	/** The credential as n8n names it (the key of its shared budgets and conversation windows). */
	credential: { type: string; id: string | undefined };
}

/**
 * Zoom's file endpoints live on their own host (ZOOM_CLOUDS' fileBase); with Custom URLs (a proxy,
 * the simulator) they are under the API base URL.
 */
export function fileUploadBase(credentials: Record<string, unknown>, apiBaseUrl: string): string {
	return credentials.environment === 'custom' ? apiBaseUrl : zoomCloud(credentials.environment).fileBase;
}

export interface ConnectionOptions extends Omit<ZoomClientSettings, 'secrets'> {
	requestTimeoutMs: number;
	/** Where the connection's requests find their pace (createPacer(): the process-wide budgets). */
	pacer: RequestPacer;
}

/**
 * The clock that the process-wide budgets and conversation windows read, at every call: the
 * monotonic clock (the wall clock may jump) and n8n's sleep. A seam, not a setting: a benchmark
 * that runs the node in-process against the simulator with a `channelLimitScale` may replace both
 * (e.g. a clock that runs 100 times faster) so that Zoom's 1,000-second windows take 10 s. Nothing
 * in the package changes it.
 */
export const processClock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
	now: () => performance.now(),
	sleep: async (ms) => await sleep(ms),
};

const readProcessClock = { now: () => processClock.now(), sleep: async (ms: number) => await processClock.sleep(ms) };

/**
 * The budgets of this n8n process, one per credential and rate category: every execution, poll
 * and list of the editor shares them (see requestPacer.ts).
 */
const PROCESS_BUDGETS = new PaceRegistry(readProcessClock);

/**
 * The per-conversation send windows of this n8n process (conversationWindows.ts): several
 * executions sending to one channel share its windows. In memory only, like the budgets; in queue
 * mode each worker keeps its own, so workers sending to one channel at once are not kept apart.
 */
export const PROCESS_CONVERSATION_WINDOWS = new ConversationWindows(readProcessClock);

/** The pacer for a node execution, a poll or a list: the credential's shared budgets. */
export function createPacer(): RequestPacer {
	return new RequestPacer(PROCESS_BUDGETS);
}

/** The credential a node uses, as n8n names it (type and id; never a secret). */
export function credentialIdentity(ctx: ZoomContext, credentialType: string): { type: string; id: string | undefined } {
	const id = ctx.getNode().credentials?.[credentialType]?.id;
	return { type: credentialType, id: typeof id === 'string' && id !== '' ? id : undefined };
}

/**
 * The one place that talks HTTP: every Zoom request goes through n8n's
 * httpRequestWithAuthentication, so n8n adds the token, refreshes it on 401 and stores the
 * rotated refresh token. The first try lets every status through (to read Retry-After and
 * X-RateLimit-Type, which n8n 1.x drops from thrown errors); only after a 401 is the request
 * sent through the throwing path that triggers n8n's refresh.
 */
export async function connectToZoom(
	ctx: ZoomContext,
	authentication: ZoomAuthentication,
	options: ConnectionOptions,
): Promise<ZoomConnection> {
	const credentialType = credentialTypeFor(authentication);
	const initial = (await ctx.getCredentials(credentialType)) as Record<string, unknown>;
	const secrets = credentialSecrets(initial);
	let baseUrl = resolveApiBaseUrl(initial);
	const credential = credentialIdentity(ctx, credentialType);
	const paceFor = options.pacer.forCredential(credential);

	const sendHttp = n8nSender(ctx, credentialType, options.requestTimeoutMs);
	const sendOne = async (request: ZoomRequest, url: string, refreshing: boolean): Promise<HttpAnswer> =>
		await sendHttp({ method: request.method, url, qs: request.qs, body: request.body, raw: request.raw }, { withToken: true, refreshing });
	const sendWith = async (request: ZoomRequest, refreshing: boolean): Promise<HttpAnswer> => {
		const url = `${request.baseUrl ?? baseUrl}${request.path}`;
		return request.raw
			? await followUploadRedirects(url, apiOriginOf(baseUrl), async (to) => await sendOne(request, to, refreshing))
			: await sendOne(request, url, refreshing);
	};

	const tokenData = initial.oauthTokenData as Record<string, unknown> | undefined;
	const transport = new TokenGate<ZoomRequest, HttpAnswer>(Boolean(tokenData?.access_token || initial.accessToken), {
		send: async (request) => await sendWith(request, false),
		sendRefreshing: async (request) => await sendWith(request, true),
		// After n8n may have fetched or refreshed a token: follow a regional api_url from now on, and
		// keep the new tokens out of messages too.
		afterToken: async () => {
			const stored = (await ctx.getCredentials(credentialType)) as Record<string, unknown>;
			baseUrl = resolveApiBaseUrl(stored);
			for (const secret of credentialSecrets(stored)) if (!secrets.includes(secret)) secrets.push(secret);
		},
		// A turn taken while a refresh is settled tells the pace nothing about Zoom's limit.
		takeTurn: async (request) =>
			(await paceFor(request.path).acquire(options.maxRequestsPerSecond)).settle({ kind: 'noAnswer' }),
		isUnauthorized: (answer) => answer.status === 401,
	});

	const client = new ZoomClient(
		{ transport, paceFor, sleep },
		{
			maxRetries: options.maxRetries,
			maxRequestsPerSecond: options.maxRequestsPerSecond,
			backoff: options.backoff,
			secrets,
		},
	);
	return {
		client,
		secrets,
		apiBaseUrl: () => baseUrl,
		fileBaseUrl: () => fileUploadBase(initial, baseUrl),
		credential,
	};
}
