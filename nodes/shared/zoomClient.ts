import {
	PageTokenRejectedError,
	ZoomError,
	readZoomErrorBody,
	redactSecrets,
} from './errors';
import type { RequestPacer } from './requestPacer';
import { teamChatScopeHint } from './teamChatApi';
import {
	classifyResponse,
	isTransientNetworkCode,
	retryDelayMs,
	type BackoffSettings,
	type HttpHeaders,
} from './retryPolicy';

/** One GET against Zoom's API, relative to the credential's API base URL. */
export interface ZoomRequest {
	path: string;
	qs: Record<string, string | number | boolean>;
}

export interface HttpAnswer {
	status: number;
	headers: HttpHeaders;
	body: unknown;
}

/**
 * What a transport throws: either an HTTP answer it could not return normally (status set), or
 * a failure below HTTP (networkCode set, e.g. ECONNRESET).
 */
export class TransportError extends Error {
	constructor(
		message: string,
		readonly details: { status?: number; headers?: HttpHeaders; body?: unknown; networkCode?: string },
	) {
		super(message);
		this.name = 'TransportError';
	}
}

export interface ZoomTransport {
	/**
	 * Resolves when the next request may take its slot of the pace and be sent. A transport that
	 * must finish something first (its first request, a token refresh) holds requests back here,
	 * before pacing: held back after pacing, they would all go out at once when released.
	 */
	ready?(): Promise<void>;
	/** Sends one request and resolves with any HTTP answer, 2xx or not. */
	send(request: ZoomRequest): Promise<HttpAnswer>;
	/**
	 * Sends through the credential's own recovery path: on 401 n8n refreshes the OAuth2 token
	 * (or fetches a new server-to-server token) and retries once. Rejects on non-2xx.
	 */
	sendRefreshingAuth(request: ZoomRequest): Promise<HttpAnswer>;
}

export interface ZoomClientSettings {
	maxRetries: number;
	maxRequestsPerSecond: number;
	backoff: BackoffSettings;
	/** Values that must never appear in an error message (tokens, client secret). */
	secrets: readonly string[];
}

export interface ZoomClientDeps {
	transport: ZoomTransport;
	pacer: RequestPacer;
	sleep: (ms: number) => Promise<void>;
	now?: () => number;
	random?: () => number;
}

function describeAnswer(status: number, zoom: { code?: number; message?: string }): string {
	const parts = [`HTTP ${status}`];
	if (zoom.code !== undefined) parts.push(`code ${zoom.code}`);
	if (zoom.message) parts.push(zoom.message);
	return parts.join(', ');
}

function bodyText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	return undefined;
}

const NOT_JSON = Symbol('not JSON');

function parseJsonText(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** Zoom answers JSON; anything else on a 2xx is a broken proxy or gateway page. */
export function parseJsonBody(
	body: unknown,
	redact: (text: string) => string = (text) => redactSecrets(text),
): Record<string, unknown> {
	const text = bodyText(body);
	let value: unknown = body;
	if (text !== undefined) {
		value = parseJsonText(text);
		if (value === NOT_JSON) {
			// Redacted before it is cut short, so that no part of a secret survives the cut.
			throw new ZoomError('Zoom answered with something that is not JSON', {
				kind: 'invalidResponse',
				description: `The answer began with: ${JSON.stringify(redact(text).slice(0, 80))}`,
			});
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ZoomError('Zoom answered with an empty or unexpected body', { kind: 'invalidResponse' });
	}
	return value as Record<string, unknown>;
}

/**
 * Sends requests to Zoom with the retry policy: paced, retried on 429 (QPS) / 5xx / network
 * failures with backoff, one credential refresh on 401, fail-fast on daily limits and on errors
 * waiting cannot fix.
 */
export class ZoomClient {
	private readonly now: () => number;
	private readonly random: () => number;

	constructor(
		private readonly deps: ZoomClientDeps,
		private readonly settings: ZoomClientSettings,
	) {
		this.now = deps.now ?? (() => Date.now());
		this.random = deps.random ?? Math.random;
	}

	private redact(text: string): string {
		return redactSecrets(text, this.settings.secrets);
	}

	async get(request: ZoomRequest): Promise<Record<string, unknown>> {
		const { transport, pacer, sleep } = this.deps;
		const { maxRetries } = this.settings;
		const hadPageToken = Boolean(request.qs.next_page_token);
		let attempts = 0;
		let retries = 0;
		let useRefreshPath = false;
		let refreshedAlready = false;

		const retryOrGiveUp = async (
			problem: string,
			retryAfterMs?: number,
			last?: { status: number; zoom: { code?: number; message?: string } },
		) => {
			if (retries >= maxRetries) {
				throw new ZoomError(
					`Zoom request failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${this.redact(problem)}`,
					{
						kind: 'retriesExhausted',
						attempts,
						httpStatus: last?.status,
						zoomCode: last?.zoom.code,
						zoomMessage: last?.zoom.message && this.redact(last.zoom.message),
						description:
							maxRetries === 0
								? 'Retries are off ("Max Retries" is 0). Raise "Max Retries" in the node options, or try again later.'
								: 'The request was retried with backoff and kept failing. Try again later, or raise "Max Retries" in the node options.',
					},
				);
			}
			retries++;
			await sleep(retryDelayMs(retries, this.settings.backoff, retryAfterMs, this.random));
		};

		for (;;) {
			if (transport.ready) await transport.ready();
			await pacer.acquire(this.settings.maxRequestsPerSecond);
			attempts++;
			const viaRefresh = useRefreshPath;
			useRefreshPath = false;
			const sent = viaRefresh ? transport.sendRefreshingAuth(request) : transport.send(request);
			const outcome: HttpAnswer | { thrown: unknown } = await sent.catch((thrown: unknown) => ({ thrown }));
			let answer: HttpAnswer;
			if ('thrown' in outcome) {
				const details = outcome.thrown instanceof TransportError ? outcome.thrown.details : undefined;
				if (details?.status !== undefined) {
					answer = { status: details.status, headers: details.headers ?? {}, body: details.body };
				} else if (isTransientNetworkCode(details?.networkCode)) {
					await retryOrGiveUp(`${details?.networkCode} (${(outcome.thrown as Error).message})`);
					continue;
				} else if (viaRefresh) {
					// n8n's refresh itself failed (revoked or rotated-away refresh token, invalid_grant).
					throw new ZoomError('The Zoom access token could not be refreshed', {
						kind: 'unauthorized',
						httpStatus: 401,
						zoomMessage: this.redact(String((outcome.thrown as Error)?.message ?? outcome.thrown)),
						attempts,
						description: 'Reconnect the Zoom credential (open it and click "Reconnect").',
					});
				} else {
					throw outcome.thrown;
				}
			} else {
				answer = outcome;
			}

			const zoom = answer.status >= 300 ? readZoomErrorBody(answer.body) : {};
			const verdict = classifyResponse(answer.status, answer.headers, zoom, hadPageToken, this.now());
			switch (verdict.action) {
				case 'ok':
					return parseJsonBody(answer.body, (text) => this.redact(text));
				case 'refreshAuth':
					if (!refreshedAlready) {
						refreshedAlready = true;
						useRefreshPath = true;
						continue;
					}
					throw new ZoomError('Zoom rejected the credential (401) even after refreshing the access token', {
						kind: 'unauthorized',
						httpStatus: 401,
						zoomCode: zoom.code,
						zoomMessage: zoom.message && this.redact(zoom.message),
						attempts,
						description:
							'Reconnect the Zoom credential (open it and click "Reconnect"), and check that the Zoom app has the scopes this node needs.',
					});
				case 'retry':
					await retryOrGiveUp(describeAnswer(answer.status, zoom), verdict.retryAfterMs, { status: answer.status, zoom });
					continue;
				case 'dailyLimit':
					throw new ZoomError("Zoom's daily rate limit for this API was reached", {
						kind: 'dailyLimit',
						httpStatus: 429,
						zoomCode: zoom.code,
						zoomMessage: zoom.message && this.redact(zoom.message),
						attempts,
						description: verdict.resetsAt
							? `Zoom says the limit resets at ${verdict.resetsAt}. Run the workflow again after that.`
							: 'The limit resets at the start of the next day (UTC). Run the workflow again then.',
					});
				case 'pageTokenRejected':
					throw new PageTokenRejectedError(zoom.message ?? 'invalid next_page_token');
				case 'fail': {
					if (viaRefresh && (answer.status === 400 || answer.status === 401) && zoom.code === undefined) {
						// The OAuth token endpoint (not the API) said no: the refresh token is no longer valid.
						throw new ZoomError('The Zoom access token could not be refreshed', {
							kind: 'unauthorized',
							httpStatus: answer.status,
							zoomMessage: zoom.message && this.redact(zoom.message),
							attempts,
							description: 'Reconnect the Zoom credential (open it and click "Reconnect").',
						});
					}
					const message = zoom.message ? this.redact(zoom.message) : `HTTP ${answer.status}`;
					const hint = teamChatScopeHint(request.path, answer.status, zoom);
					throw new ZoomError(
						`Zoom error ${answer.status}${zoom.code !== undefined ? ` (code ${zoom.code})` : ''}: ${message}${hint ? ` ${hint.note}` : ''}`,
						{
							kind: 'zoom',
							httpStatus: answer.status,
							zoomCode: zoom.code,
							zoomMessage: zoom.message && this.redact(zoom.message),
							attempts,
							description: hint?.description,
						},
					);
				}
			}
		}
	}
}
