import {
	sleep,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { credentialSecrets, resolveApiBaseUrl } from '../../shared/apiBase';
import { RequestPacer } from '../../shared/requestPacer';
import {
	TransportError,
	ZoomClient,
	type HttpAnswer,
	type ZoomClientSettings,
	type ZoomRequest,
	type ZoomTransport,
} from '../../shared/zoomClient';

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
	const message = error instanceof Error ? error.message : String(error);
	return new TransportError(message, {
		status,
		networkCode,
		headers: (asRecord(response?.headers) as HttpAnswer['headers']) ?? {},
		body: response?.data ?? context?.data ?? (status !== undefined ? err.description : undefined),
	});
}

export interface ZoomConnection {
	client: ZoomClient;
	/** Secrets of the credential as it was when the connection was made. */
	secrets: string[];
}

export interface ConnectionOptions extends Omit<ZoomClientSettings, 'secrets'> {
	requestTimeoutMs: number;
	pacer: RequestPacer;
}

/** A shared pacer for everything one node execution sends. */
export function createPacer(): RequestPacer {
	return new RequestPacer(() => Date.now(), sleep);
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

	const buildOptions = (request: ZoomRequest, letAllStatusesThrough: boolean): IHttpRequestOptions => ({
		method: 'GET',
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: letAllStatusesThrough,
		timeout: options.requestTimeoutMs,
	});

	const sendWith = async (request: ZoomRequest, letAllStatusesThrough: boolean): Promise<HttpAnswer> => {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				buildOptions(request, letAllStatusesThrough),
			)) as { statusCode: number; headers: HttpAnswer['headers']; body: unknown };
			return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			throw toTransportError(error);
		}
	};

	// The first request goes alone: for a server-to-server credential without a stored token,
	// n8n fetches one during it (with the regional api_url); parallel windows then reuse it
	// instead of each fetching their own.
	let firstRequest: Promise<unknown> | undefined;
	// Zoom rotates OAuth2 refresh tokens: two refreshes at once would race, and the loser's
	// refresh token would already be spent. Only one request goes through n8n's refresh path at
	// a time; the others, once it is done, first try again with the token it stored.
	let refreshInFlight: Promise<unknown> | undefined;

	const transport: ZoomTransport = {
		send: async (request) => {
			if (firstRequest) {
				await firstRequest.catch(() => undefined);
				return await sendWith(request, true);
			}
			const first = sendWith(request, true).then(async (answer) => {
				baseUrl = resolveApiBaseUrl((await ctx.getCredentials(credentialType)) as Record<string, unknown>);
				return answer;
			});
			firstRequest = first;
			return await first;
		},
		sendRefreshingAuth: async (request) => {
			if (refreshInFlight) {
				await refreshInFlight.catch(() => undefined);
				const again = await sendWith(request, true);
				if (again.status !== 401) return again;
			}
			const refreshing = sendWith(request, false).then(async (answer) => {
				// A refresh may bring a regional api_url: follow it from now on.
				baseUrl = resolveApiBaseUrl((await ctx.getCredentials(credentialType)) as Record<string, unknown>);
				return answer;
			});
			refreshInFlight = refreshing;
			try {
				return await refreshing;
			} finally {
				if (refreshInFlight === refreshing) refreshInFlight = undefined;
			}
		},
	};

	const client = new ZoomClient(
		{ transport, pacer: options.pacer, sleep },
		{
			maxRetries: options.maxRetries,
			maxRequestsPerSecond: options.maxRequestsPerSecond,
			backoff: options.backoff,
			secrets,
		},
	);
	return { client, secrets };
}
