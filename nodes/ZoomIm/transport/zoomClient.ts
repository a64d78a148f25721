import { PageTokenRejectedError, ZoomError, redactSecrets, type ZoomErrorKind } from './errors';
import type { AdaptivePace } from './adaptivePace';
import { answerInThrown, type HttpAnswer } from './http';
import { parseJsonBody } from './jsonBody';
import { pacedSend, type Sent } from './pacedSend';
import type { BackoffSettings, Verdict } from './retryPolicy';
import { teamChatScopeHint } from './scopeHints';
import { sendWithRetries, type AttemptResult, type RequestFailures, type RetryState, type ZoomErrorBody } from './withRetries';

export { TransportError, type HttpAnswer } from './http';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One request to Zoom's API, relative to the credential's API base URL (GET unless it says otherwise). */
export interface ZoomRequest {
	method?: HttpMethod;
	path: string;
	qs: Record<string, string | number | boolean>;
	/** A JSON body (writes). */
	body?: Record<string, unknown>;
	/**
	 * An absolute base URL instead of the credential's API base URL (Zoom's file host for uploads).
	 * The token still goes with it: the caller makes sure it is Zoom's (or the credential's own).
	 */
	baseUrl?: string;
	/** A body already encoded (a multipart upload), with its Content-Type; instead of `body`. */
	raw?: { data: Uint8Array; contentType: string };
}

/**
 * Something a request waits for before each attempt and tells how the attempt ended (a send's turn
 * in its conversation's windows, conversationWindows.ts). `answer` is undefined when no HTTP
 * answer came (a reset, a timeout).
 */
export interface AttemptGate {
	before(): Promise<{ after(answer: HttpAnswer | undefined): void }>;
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

/** How many requests the budget behind some path keeps busy; see AdaptivePace. */
export interface Parallelism {
	/** Requests to keep in flight now (it grows and shrinks with the learned rate and latency). */
	workers(): number;
	/** Requests in flight that the rate Zoom is known to accept keeps busy. */
	lanes(): number;
}

const RECONNECT = 'Reconnect the Zoom credential (open it and click "Reconnect").';

/**
 * Zoom's JSON API through the one request path (withRetries.ts): paced, retried on 429 (QPS) /
 * 5xx / network failures with backoff, one credential refresh on 401, fail-fast on daily limits
 * and on errors waiting cannot fix. This class words the failures and reads the JSON.
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

	async get(request: ZoomRequest): Promise<Record<string, unknown>> {
		return await this.request(request);
	}

	/**
	 * Sends `request` and resolves with Zoom's JSON answer. `idempotent: false` (a write that must
	 * not happen twice) retries only what cannot have reached Zoom; see RetrySettings.
	 */
	async request(
		request: ZoomRequest,
		{ idempotent = true, gate, emptyAnswer = false }: { idempotent?: boolean; gate?: AttemptGate; emptyAnswer?: boolean } = {},
	): Promise<Record<string, unknown>> {
		let attempts = 0;
		const answer = await sendWithRetries(
			async (refreshing) => await this.attempt(request, refreshing, attempts++ > 0, gate),
			{ ...this.settings, idempotent, hadPageToken: Boolean(request.qs.next_page_token) },
			{ sleep: this.deps.sleep, now: this.now, random: this.random },
			this.failures(request),
		);
		// Update, Delete and React answer 204 with no body.
		if (emptyAnswer && (answer.status === 204 || answer.body === '' || answer.body === undefined || answer.body === null)) return {};
		return parseJsonBody(answer.body, (text) => this.redact(text));
	}

	/**
	 * Waits for the transport and the pace, then sends once (through the refresh path after a 401).
	 * A `retry` goes before requests not sent yet (AdaptivePace.acquire).
	 */
	private async attempt(request: ZoomRequest, viaRefresh: boolean, retry: boolean, gate?: AttemptGate): Promise<AttemptResult> {
		const { transport } = this.deps;
		// The gate first: a send waiting for its channel's window holds no turn of the account's pace.
		const passage = gate ? await gate.before() : undefined;
		let sent: Sent | undefined;
		let answer: HttpAnswer | undefined;
		try {
			if (transport.ready) await transport.ready();
			const send = () => (viaRefresh ? transport.sendRefreshingAuth(request) : transport.send(request));
			const takeTurn = () => this.deps.paceFor(request.path).acquire(this.settings.maxRequestsPerSecond, { retry });
			sent = await pacedSend(takeTurn, send, { viaRefresh, now: this.now });
			answer = 'thrown' in sent ? answerInThrown(sent.thrown) : sent;
		} finally {
			// Whatever became of the attempt, the gate hears of it (a turn must never stay taken).
			passage?.after(answer);
		}
		return answer ? { answer, viaRefresh } : { thrown: (sent as { thrown: unknown }).thrown, viaRefresh };
	}

	private redact(text: string): string {
		return redactSecrets(text, this.settings.secrets);
	}

	private failures(request: ZoomRequest): RequestFailures {
		return {
			gaveUp: (problem, state, reason, last) => this.gaveUp(problem, state, reason, last),
			refused: (answer, zoom, verdict, viaRefresh, state) => {
				if (verdict.action === 'pageTokenRejected') return new PageTokenRejectedError(zoom.message ?? 'invalid next_page_token');
				return this.refusal(request, state, answer.status, zoom, verdict, viaRefresh);
			},
			broke: (thrown, viaRefresh, state) =>
				viaRefresh
					? // n8n's refresh itself failed (revoked or rotated-away refresh token, invalid_grant).
						this.error(state, 'unauthorized', 'The Zoom access token could not be refreshed', {
							status: 401,
							zoom: { message: String((thrown as Error)?.message ?? thrown) },
							description: RECONNECT,
						})
					: (thrown as Error),
		};
	}

	private gaveUp(problem: string, state: RetryState, reason: 'retriesExhausted' | 'notIdempotent', last?: { status: number; zoom: ZoomErrorBody }): ZoomError {
		const { attempts } = state;
		const { maxRetries } = this.settings;
		const description =
			reason === 'notIdempotent'
				? 'Not retried: Zoom may have carried the request out already. Check in Zoom before running it again.'
				: maxRetries === 0
					? 'Retries are off ("Max Retries" is 0). Raise "Max Retries" in the node options, or try again later.'
					: 'The request was retried with backoff and kept failing. Try again later, or raise "Max Retries" in the node options.';
		const error = this.error(
			state,
			'retriesExhausted',
			`Zoom request failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${this.redact(problem)}`,
			{ status: last?.status, zoom: last?.zoom, description },
		);
		error.mayHaveSucceeded = reason === 'notIdempotent';
		return error;
	}

	/** The error for an answer that no retry or refresh can turn into data. */
	private refusal(request: ZoomRequest, state: RetryState, status: number, zoom: ZoomErrorBody, verdict: Verdict, viaRefresh: boolean): ZoomError {
		if (verdict.action === 'refreshAuth') {
			return this.error(state, 'unauthorized', 'Zoom rejected the credential (401) even after refreshing the access token', {
				status: 401,
				zoom,
				description:
					'Reconnect the Zoom credential (open it and click "Reconnect"), and check that the Zoom app has the scopes this node needs.',
			});
		}
		if (verdict.action === 'dailyLimit') {
			return this.error(state, 'dailyLimit', "Zoom's daily rate limit for this API was reached", {
				status: 429,
				zoom,
				description: verdict.resetsAt
					? `Zoom says the limit resets at ${verdict.resetsAt}. Run the workflow again after that.`
					: 'The limit resets at the start of the next day (UTC). Run the workflow again then.',
			});
		}
		if (viaRefresh && (status === 400 || status === 401) && zoom.code === undefined) {
			// The OAuth token endpoint (not the API) said no: the refresh token is no longer valid.
			return this.error(state, 'unauthorized', 'The Zoom access token could not be refreshed', { status, zoom, description: RECONNECT });
		}
		const message = zoom.message ? this.redact(zoom.message) : `HTTP ${status}`;
		const hint = teamChatScopeHint(request.path, status, zoom, request.method);
		const code = zoom.code !== undefined ? ` (code ${zoom.code})` : '';
		return this.error(state, 'zoom', `Zoom error ${status}${code}: ${message}${hint ? ` ${hint.note}` : ''}`, {
			status,
			zoom,
			description: hint?.description,
		});
	}

	/** Every ZoomError of a request is made here: Zoom's message redacted, the attempts counted. */
	private error(
		state: RetryState,
		kind: ZoomErrorKind,
		message: string,
		{ status, zoom, description }: { status?: number; zoom?: ZoomErrorBody; description?: string },
	): ZoomError {
		return new ZoomError(message, {
			kind,
			httpStatus: status,
			zoomCode: zoom?.code,
			zoomMessage: zoom?.message && this.redact(zoom.message),
			attempts: state.attempts,
			description,
		});
	}
}
