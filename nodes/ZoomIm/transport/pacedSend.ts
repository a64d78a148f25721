import type { PaceOutcome } from './adaptivePace';
import { readZoomErrorBody } from './errors';
import { answerInThrown, type HttpAnswer } from './http';
import { classifyResponse } from './retryPolicy';

/**
 * One request through the credential's pace: it waits for its turn, is sent, and tells the pace
 * what its answer says about Zoom's limit. JSON pages, file downloads and writes all go out here.
 */

/**
 * What an answer tells the pace: only a per-second 429 with Zoom's Retry-After is about the budget.
 * A daily limit is not retried at all; a 429 that does not say when to try again (a proxy's, a
 * gateway's) is retried with backoff by the request alone and teaches the pace nothing.
 */
export function paceOutcome(answer: HttpAnswer, viaRefresh: boolean, nowMs: number): PaceOutcome {
	if (answer.status === 429) {
		const verdict = classifyResponse(429, answer.headers, readZoomErrorBody(answer.body), false, nowMs);
		if (verdict.action === 'retry' && verdict.retryAfterMs !== undefined) {
			return { kind: 'rateLimited', retryAfterMs: verdict.retryAfterMs };
		}
	}
	// Through the refresh path the time includes n8n's token refresh: no latency sample.
	return viaRefresh ? { kind: 'noAnswer' } : { kind: 'answered' };
}

/** A turn of the pace: it hears how its request ended. */
export interface PaceTurn {
	settle(outcome: PaceOutcome): void;
}

/** What a send came to: an answer, or what it threw (a TransportError, possibly holding an answer). */
export type Sent = HttpAnswer | { thrown: unknown };

/**
 * Waits for a turn of the pace (`takeTurn`: AdaptivePace.acquire with the user's cap), sends, and
 * settles the turn by the outcome. A turn of `undefined` (a request that is not Zoom's to count)
 * only sends.
 */
export async function pacedSend(
	takeTurn: () => Promise<PaceTurn | void>,
	send: () => Promise<HttpAnswer>,
	{ viaRefresh, now }: { viaRefresh: boolean; now: () => number },
): Promise<Sent> {
	const turn = await takeTurn();
	const sent: Sent = await send().catch((thrown: unknown) => ({ thrown }));
	const answer = 'thrown' in sent ? answerInThrown(sent.thrown) : sent;
	turn?.settle(answer ? paceOutcome(answer, viaRefresh, now()) : { kind: 'noAnswer' });
	return sent;
}
