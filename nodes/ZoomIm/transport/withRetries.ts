import { readZoomErrorBody } from './errors';
import { networkCodeOf, type HttpAnswer } from './http';
import {
	classifyResponse,
	isFailureBeforeSending,
	isTransientNetworkCode,
	retryDelayMs,
	type BackoffSettings,
	type Verdict,
} from './retryPolicy';

/**
 * The one attempt-with-retries step of every request to Zoom (JSON pages, file downloads, writes):
 * each attempt is classified; a 401 gets one credential refresh; 429, 5xx and dropped connections
 * wait per Retry-After or back-off and try again within Max Retries; anything else gives up. What
 * one attempt sends, and how a failure is worded, is the caller's. Pure: sleep and clock passed in.
 */

/** What one attempt came to: an HTTP answer (2xx or not), or a failure below HTTP. */
export type AttemptResult =
	| {
			answer: HttpAnswer;
			viaRefresh: boolean;
			/** False when a 401 is not the credential's to fix (a file host's answer): no refresh then. */
			refreshable?: boolean;
	  }
	| { thrown: unknown; viaRefresh: boolean };

/** One attempt; `refreshing` asks for it to go through the credential's refresh path (after a 401). */
export type TryOnce = (refreshing: boolean) => Promise<AttemptResult>;

export interface RetryState {
	/** Attempts made so far, the failing one included. */
	attempts: number;
	/** Retries made so far (a refresh is not one). */
	retries: number;
}

export type ZoomErrorBody = { code?: number; message?: string };

/** Why retrying stopped: Max Retries used up, or a request that must not be repeated blindly. */
export type GiveUpReason = 'retriesExhausted' | 'notIdempotent';

/** How the caller words each way a request can fail (it knows what was asked for). */
export interface RequestFailures {
	gaveUp(problem: string, state: RetryState, reason: GiveUpReason, last?: { status: number; zoom: ZoomErrorBody }): Error;
	/** An answer that no retry or refresh can turn into success. */
	refused(answer: HttpAnswer, zoom: ZoomErrorBody, verdict: Verdict, viaRefresh: boolean, state: RetryState): Error;
	/** A failure below HTTP that another try cannot fix; with `viaRefresh`, the refresh itself failed. */
	broke(thrown: unknown, viaRefresh: boolean, state: RetryState): Error;
}

export interface RetrySettings {
	maxRetries: number;
	backoff: BackoffSettings;
	/**
	 * False for a request that must not be carried out twice (sending a message). Then only what
	 * certainly did not reach Zoom's processing is retried: a 429, a connection that was never made,
	 * the 401 refresh. A timeout, a reset or a 5xx may come after Zoom acted: the caller gets the error.
	 */
	idempotent?: boolean;
	/** The request carried a next_page_token: only then can a 400 mean "the page token expired". */
	hadPageToken?: boolean;
}

export interface RetryClock {
	sleep(ms: number): Promise<void>;
	now(): number;
	random(): number;
}

export function describeAnswer(status: number, zoom: ZoomErrorBody): string {
	const parts = [`HTTP ${status}`];
	if (zoom.code !== undefined) parts.push(`code ${zoom.code}`);
	if (zoom.message) parts.push(zoom.message);
	return parts.join(', ');
}

/** Whether a retryable failure may be retried: for a non-idempotent request, only if Zoom cannot have acted on it. */
function mayRepeat(settings: RetrySettings, failure: { status?: number; networkCode?: string }): boolean {
	if (settings.idempotent !== false) return true;
	return failure.status === 429 || (failure.status === undefined && isFailureBeforeSending(failure.networkCode));
}

/** Sends with `tryOnce` until a 2xx answer, which it resolves with; rejects with the caller's error otherwise. */
export async function sendWithRetries(tryOnce: TryOnce, settings: RetrySettings, clock: RetryClock, failures: RequestFailures): Promise<HttpAnswer> {
	const state: RetryState = { attempts: 0, retries: 0 };
	const retryOrGiveUp = async (problem: string, failure: { status?: number; networkCode?: string; zoom?: ZoomErrorBody; retryAfterMs?: number }) => {
		const last = failure.status !== undefined ? { status: failure.status, zoom: failure.zoom ?? {} } : undefined;
		if (!mayRepeat(settings, failure)) throw failures.gaveUp(problem, state, 'notIdempotent', last);
		if (state.retries >= settings.maxRetries) throw failures.gaveUp(problem, state, 'retriesExhausted', last);
		state.retries++;
		await clock.sleep(retryDelayMs(state.retries, settings.backoff, failure.retryAfterMs, clock.random));
	};
	let refreshed = false;
	let refreshing = false;
	for (;;) {
		state.attempts++;
		const result = await tryOnce(refreshing);
		refreshing = false;
		if ('thrown' in result) {
			const networkCode = networkCodeOf(result.thrown);
			if (!isTransientNetworkCode(networkCode)) throw failures.broke(result.thrown, result.viaRefresh, state);
			await retryOrGiveUp(`${networkCode} (${(result.thrown as Error).message})`, { networkCode });
			continue;
		}
		const { answer } = result;
		const zoom = answer.status >= 300 ? readZoomErrorBody(answer.body) : {};
		const verdict = classifyResponse(answer.status, answer.headers, zoom, settings.hadPageToken === true, clock.now());
		if (verdict.action === 'ok') return answer;
		if (verdict.action === 'refreshAuth' && !refreshed && result.refreshable !== false) {
			refreshed = refreshing = true;
			continue;
		}
		if (verdict.action !== 'retry') throw failures.refused(answer, zoom, verdict, result.viaRefresh, state);
		await retryOrGiveUp(describeAnswer(answer.status, zoom), { status: answer.status, zoom, retryAfterMs: verdict.retryAfterMs });
	}
}
