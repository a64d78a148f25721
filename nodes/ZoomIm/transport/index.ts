import { sleep, type IExecuteFunctions, type ILoadOptionsFunctions, type IPollFunctions } from 'n8n-workflow';

import { credentialSecrets, resolveApiBaseUrl } from './apiBase';
import { PaceRegistry, RequestPacer } from './requestPacer';
import { TokenGate } from './tokenGate';
import { TransportError, ZoomClient, type HttpAnswer, type ZoomClientSettings, type ZoomRequest } from './zoomClient';

/** The n8n glue: Zoom's client on top of n8n's authenticated requests (see connectToZoom). */

export type ZoomAuthentication = 'oAuth2' | 'serverToServer';

type ZoomContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export function credentialTypeFor(authentication: ZoomAuthentication): string {
	return authentication === 'serverToServer' ? 'zoomImServerToServerOAuthApi' : 'zoomImOAuth2Api';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/**
 * Turns what n8n's request helper threw into a TransportError. n8n 2.x keeps the axios response
 * (status, headers, body); 1.x wraps it in a NodeApiError with the status in `httpCode` and the
 * body in `context.data` only. A dropped connection arrives with `httpCode` "ECONNRESET".
 */
export function toTransportError(error: unknown): TransportError {
	const err = asRecord(error) ?? {};
	const cause = asRecord(err.cause);
	const response = asRecord(err.response) ?? asRecord(cause?.response);
	const context = asRecord(err.context);
	const httpCode = typeof err.httpCode === 'string' ? err.httpCode : undefined;
	const statusFromCode = httpCode && /^\d{3}$/.test(httpCode) ? Number(httpCode) : undefined;
	const status =
		(typeof response?.status === 'number' ? response.status : undefined) ??
		statusFromCode ??
		(typeof err.statusCode === 'number' ? err.statusCode : undefined);
	const networkCode =
		status === undefined
			? [httpCode, err.code, cause?.code].find((c): c is string => typeof c === 'string' && c !== '')
			: undefined;
	// For a failure below HTTP, n8n's message is a generic sentence ("The connection was aborted…");
	// the underlying one ("timeout of 30000ms exceeded", "socket hang up") says what happened.
	const underlying = [cause?.message, ...(Array.isArray(err.messages) ? err.messages : [])].find(
		(m): m is string => typeof m === 'string' && m !== '',
	);
	const message =
		status === undefined && networkCode !== undefined && underlying !== undefined
			? underlying
			: error instanceof Error
				? error.message
				: String(error);
	return new TransportError(message, {
		status,
		networkCode,
		headers: (asRecord(response?.headers) as HttpAnswer['headers']) ?? {},
		body: response?.data ?? context?.data ?? (status !== undefined ? err.description : undefined),
	});
}

export interface ZoomConnection {
	client: ZoomClient;
	/** Secrets of the credential: its values when the connection was made, plus tokens from refreshes. */
	secrets: string[];
}

export interface ConnectionOptions extends Omit<ZoomClientSettings, 'secrets'> {
	requestTimeoutMs: number;
	/** Where the connection's requests find their pace (createPacer(): the process-wide budgets). */
	pacer: RequestPacer;
}

/**
 * The budgets of this n8n process, one per credential and rate category: every execution, poll
 * and list of the editor shares them (see requestPacer.ts). Paced on the monotonic clock: the
 * wall clock may jump.
 */
const PROCESS_BUDGETS = new PaceRegistry({ now: () => performance.now(), sleep });

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
	const paceFor = options.pacer.forCredential(credentialIdentity(ctx, credentialType));

	const sendWith = async (request: ZoomRequest, letAllStatusesThrough: boolean): Promise<HttpAnswer> => {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, {
				method: 'GET',
				url: `${baseUrl}${request.path}`,
				qs: request.qs,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: letAllStatusesThrough,
				timeout: options.requestTimeoutMs,
			})) as { statusCode: number; headers: HttpAnswer['headers']; body: unknown };
			return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			throw toTransportError(error);
		}
	};

	const tokenData = initial.oauthTokenData as Record<string, unknown> | undefined;
	const transport = new TokenGate<ZoomRequest, HttpAnswer>(Boolean(tokenData?.access_token || initial.accessToken), {
		send: async (request) => await sendWith(request, true),
		sendRefreshing: async (request) => await sendWith(request, false),
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
	return { client, secrets };
}
