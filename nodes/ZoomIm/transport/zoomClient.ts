import {
	PageTokenRejectedError,
	ZoomError,
	readZoomErrorBody,
	redactSecrets,
	type ZoomErrorKind,
} from './errors';
import type { AdaptivePace, PaceOutcome } from './adaptivePace';
import { parseJsonBody } from './jsonBody';
import {
	classifyResponse,
	isTransientNetworkCode,
	retryDelayMs,
	type BackoffSettings,
	type HttpHeaders,
	type Verdict,
} from './retryPolicy';
import { teamChatScopeHint } from './scopeHints';

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
	/** The user's cap on the learned pace; 0 leaves the pace to what Zoom's answers teach. */
	maxRequestsPerSecond: number;
	backoff: BackoffSettings;
	/** Values that must never appear in an error message (tokens, client secret). */
	secrets: readonly string[];
}

export interface ZoomClientDeps {
	transport: ZoomTransport;
	/** The shared budget (pace) a request to this path counts against. */
	paceFor: (path: string) => AdaptivePace;
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

/**
 * What an answer tells the pace: only a per-second 429 with Zoom's Retry-After is about the budget.
 * A daily limit is not retried at all; a 429 that does not say when to try again (a proxy's, a
 * gateway's) is retried with backoff by the request alone and teaches the pace nothing.
 */
function paceOutcome(answer: HttpAnswer, viaRefresh: boolean, nowMs: number): PaceOutcome {
	if (answer.status === 429) {
		const verdict = classifyResponse(429, answer.headers, readZoomErrorBody(answer.body), false, nowMs);
		if (verdict.action === 'retry' && verdict.retryAfterMs !== undefined) {
			return { kind: 'rateLimited', retryAfterMs: verdict.retryAfterMs };
		}
	}
	// Through the refresh path the time includes n8n's token refresh: no latency sample.
	return viaRefresh ? { kind: 'noAnswer' } : { kind: 'answered' };
}

/** How many requests the budget behind some path keeps busy; see AdaptivePace. */
export interface Parallelism {
	/** Requests to keep in flight now (it grows and shrinks with the learned rate and latency). */
	workers(): number;
	/** Requests in flight that the rate Zoom is known to accept keeps busy. */
	lanes(): number;
}

const RECONNECT = 'Reconnect the Zoom credential (open it and click "Reconnect").';

/** One `get` in progress: what it has tried so far. */
interface Call {
	request: ZoomRequest;
	hadPageToken: boolean;
	attempts: number;
	retries: number;
	/** The next attempt goes through the credential's refresh path (after a 401). */
	useRefreshPath: boolean;
	refreshedAlready: boolean;
}

/** What one attempt came to: an HTTP answer, or nothing when a dropped connection is retried. */
type Attempt = { answer: HttpAnswer; viaRefresh: boolean } | undefined;

type ZoomErrorBody = { code?: number; message?: string };

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

	parallelism(path: string): Parallelism {
		const pace = this.deps.paceFor(path);
		const cap = this.settings.maxRequestsPerSecond;
		return { workers: () => pace.suggestedConcurrency(cap), lanes: () => pace.sustainableParallelism(cap) };
	}

	private redact(text: string): string {
		return redactSecrets(text, this.settings.secrets);
	}

	async get(request: ZoomRequest): Promise<Record<string, unknown>> {
		const call: Call = {
			request,
			hadPageToken: Boolean(request.qs.next_page_token),
			attempts: 0,
			retries: 0,
			useRefreshPath: false,
			refreshedAlready: false,
		};
		for (;;) {
			const attempt = await this.attempt(call);
			if (attempt === undefined) continue;
			const { answer, viaRefresh } = attempt;
			const zoom = answer.status >= 300 ? readZoomErrorBody(answer.body) : {};
			const verdict = classifyResponse(answer.status, answer.headers, zoom, call.hadPageToken, this.now());
			if (verdict.action === 'ok') return parseJsonBody(answer.body, (text) => this.redact(text));
			if (verdict.action === 'refreshAuth' && !call.refreshedAlready) {
				call.refreshedAlready = true;
				call.useRefreshPath = true;
				continue;
			}
			if (verdict.action === 'retry') {
				await this.retryOrGiveUp(call, describeAnswer(answer.status, zoom), verdict.retryAfterMs, {
					status: answer.status,
					zoom,
				});
				continue;
			}
			if (verdict.action === 'pageTokenRejected') throw new PageTokenRejectedError(zoom.message ?? 'invalid next_page_token');
			throw this.refusal(call, answer.status, zoom, verdict, viaRefresh);
		}
	}

	/**
	 * Waits for the transport and the pace, then sends once. A failure below HTTP that is worth
	 * another try is retried (or gives up) here and yields undefined.
	 */
	private async attempt(call: Call): Promise<Attempt> {
		const { transport } = this.deps;
		if (transport.ready) await transport.ready();
		const ticket = await this.deps.paceFor(call.request.path).acquire(this.settings.maxRequestsPerSecond);
		call.attempts++;
		const viaRefresh = call.useRefreshPath;
		call.useRefreshPath = false;
		const sent = viaRefresh ? transport.sendRefreshingAuth(call.request) : transport.send(call.request);
		const outcome: HttpAnswer | { thrown: unknown } = await sent.catch((thrown: unknown) => ({ thrown }));
		if (!('thrown' in outcome)) {
			ticket.settle(paceOutcome(outcome, viaRefresh, this.now()));
			return { answer: outcome, viaRefresh };
		}
		const details = outcome.thrown instanceof TransportError ? outcome.thrown.details : undefined;
		if (details?.status !== undefined) {
			const answer = { status: details.status, headers: details.headers ?? {}, body: details.body };
			ticket.settle(paceOutcome(answer, viaRefresh, this.now()));
			return { answer, viaRefresh };
		}
		ticket.settle({ kind: 'noAnswer' });
		if (isTransientNetworkCode(details?.networkCode)) {
			await this.retryOrGiveUp(call, `${details?.networkCode} (${(outcome.thrown as Error).message})`);
			return undefined;
		}
		if (!viaRefresh) throw outcome.thrown;
		// n8n's refresh itself failed (revoked or rotated-away refresh token, invalid_grant).
		throw this.error(call, 'unauthorized', 'The Zoom access token could not be refreshed', {
			status: 401,
			zoom: { message: String((outcome.thrown as Error)?.message ?? outcome.thrown) },
			description: RECONNECT,
		});
	}

	private async retryOrGiveUp(
		call: Call,
		problem: string,
		retryAfterMs?: number,
		last?: { status: number; zoom: ZoomErrorBody },
	): Promise<void> {
		const { maxRetries } = this.settings;
		if (call.retries >= maxRetries) {
			const { attempts } = call;
			throw this.error(
				call,
				'retriesExhausted',
				`Zoom request failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${this.redact(problem)}`,
				{
					status: last?.status,
					zoom: last?.zoom,
					description:
						maxRetries === 0
							? 'Retries are off ("Max Retries" is 0). Raise "Max Retries" in the node options, or try again later.'
							: 'The request was retried with backoff and kept failing. Try again later, or raise "Max Retries" in the node options.',
				},
			);
		}
		call.retries++;
		await this.deps.sleep(retryDelayMs(call.retries, this.settings.backoff, retryAfterMs, this.random));
	}

	/** The error for an answer that no retry or refresh can turn into data. */
	private refusal(
		call: Call,
		status: number,
		zoom: ZoomErrorBody,
		verdict: Verdict,
		viaRefresh: boolean,
	): ZoomError {
		if (verdict.action === 'refreshAuth') {
			return this.error(call, 'unauthorized', 'Zoom rejected the credential (401) even after refreshing the access token', {
				status: 401,
				zoom,
				description:
					'Reconnect the Zoom credential (open it and click "Reconnect"), and check that the Zoom app has the scopes this node needs.',
			});
		}
		if (verdict.action === 'dailyLimit') {
			return this.error(call, 'dailyLimit', "Zoom's daily rate limit for this API was reached", {
				status: 429,
				zoom,
				description: verdict.resetsAt
					? `Zoom says the limit resets at ${verdict.resetsAt}. Run the workflow again after that.`
					: 'The limit resets at the start of the next day (UTC). Run the workflow again then.',
			});
		}
		if (viaRefresh && (status === 400 || status === 401) && zoom.code === undefined) {
			// The OAuth token endpoint (not the API) said no: the refresh token is no longer valid.
			return this.error(call, 'unauthorized', 'The Zoom access token could not be refreshed', {
				status,
				zoom,
				description: RECONNECT,
			});
		}
		const message = zoom.message ? this.redact(zoom.message) : `HTTP ${status}`;
		const hint = teamChatScopeHint(call.request.path, status, zoom);
		const code = zoom.code !== undefined ? ` (code ${zoom.code})` : '';
		return this.error(call, 'zoom', `Zoom error ${status}${code}: ${message}${hint ? ` ${hint.note}` : ''}`, {
			status,
			zoom,
			description: hint?.description,
		});
	}

	/** Every ZoomError of a call is made here: Zoom's message redacted, the attempts counted. */
	private error(
		call: Call,
		kind: ZoomErrorKind,
		message: string,
		{ status, zoom, description }: { status?: number; zoom?: ZoomErrorBody; description?: string },
	): ZoomError {
		return new ZoomError(message, {
			kind,
			httpStatus: status,
			zoomCode: zoom?.code,
			zoomMessage: zoom?.message && this.redact(zoom.message),
			attempts: call.attempts,
			description,
		});
	}
}
