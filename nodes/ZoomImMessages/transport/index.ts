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

	/**
	 * After n8n may have fetched or refreshed a token: follow a regional api_url from now on, and
	 * keep the new tokens out of messages too.
	 */
	const followStoredCredential = async () => {
		const stored = (await ctx.getCredentials(credentialType)) as Record<string, unknown>;
		baseUrl = resolveApiBaseUrl(stored);
		for (const secret of credentialSecrets(stored)) if (!secrets.includes(secret)) secrets.push(secret);
	};

	// The first request goes alone when no token is stored yet: for a server-to-server credential,
	// n8n fetches one during it (with the regional api_url); parallel windows then reuse it
	// instead of each fetching their own. The first caller of ready() sends it; the others wait
	// in ready(), before they take a slot of the pace, so that they do not all go out at once.
	// With a token already stored there is nothing to wait for: all windows start at once.
	const tokenData = initial.oauthTokenData as Record<string, unknown> | undefined;
	const tokenStored = Boolean(tokenData?.access_token || initial.accessToken);
	let firstClaimed = tokenStored;
	let firstSent = tokenStored;
	let releaseFirst: () => void = () => {};
	const firstDone = new Promise<void>((resolve) => {
		releaseFirst = resolve;
	});
	if (tokenStored) releaseFirst();
	// Zoom rotates OAuth2 refresh tokens: two refreshes at once would race, and the loser's
	// refresh token would already be spent. Only one request goes through n8n's refresh path at
	// a time; the others, once it is done, first try again with the token it stored.
	let refreshInFlight: Promise<unknown> | undefined;
	// Functions rather than inline checks: refreshInFlight changes while a caller awaits.
	const refreshPending = () => refreshInFlight !== undefined;
	const refreshDone = async () => {
		while (refreshInFlight) await refreshInFlight.catch(() => undefined);
	};

	const transport: ZoomTransport = {
		ready: async () => {
			if (!firstClaimed) {
				firstClaimed = true;
				return;
			}
			await firstDone;
			// Requests sent during a refresh would carry the old token: let them wait for the new one.
			await refreshDone();
		},
		send: async (request) => {
			if (firstSent) return await sendWith(request, true);
			firstSent = true;
			try {
				return await sendWith(request, true);
			} finally {
				try {
					await followStoredCredential();
				} finally {
					releaseFirst();
				}
			}
		},
		sendRefreshingAuth: async (request) => {
			while (refreshPending()) {
				await refreshDone();
				// This request's slot of the pace went by while it waited: it takes a new one, so that
				// the requests released together do not go out together.
				await options.pacer.acquire(options.maxRequestsPerSecond);
				if (refreshPending()) continue;
				const again = await sendWith(request, true);
				if (again.status !== 401) return again;
				await options.pacer.acquire(options.maxRequestsPerSecond);
			}
			const refreshing = sendWith(request, false).finally(followStoredCredential);
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
