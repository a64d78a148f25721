/**
 * The pace of one Zoom rate-limit budget (one account's credential and one rate category), found
 * while it is used: the mechanism. Zoom's per-second limit depends on the account's plan and is
 * shared by every app on the account, so the node cannot know it in advance: it learns it from
 * Zoom's answers. What Zoom publishes about its limits is the policy (publishedLimits.ts).
 *
 * - Requests are let go one at a time, `1000 / rate` ms apart. A request a few milliseconds late
 *   keeps its slot (late timers do not slow the pace); a later one starts the pace from then (never
 *   a burst to catch up).
 * - Growth: while requests wait for the pace, the rate is used, and no 429 was ever seen, the rate
 *   grows every `growthIntervalMs` as the published limits allow (PublishedLimits.grownRate). Once
 *   a limit is known, the rate returns to just under it and only probes above it after a long quiet
 *   time (another app may have stopped using the budget).
 * - Back-off: a per-second 429 sets the known limit to what Zoom accepted in the second before it
 *   (counted again once all of that second's requests are answered; never more than the rate that
 *   drew it, never less than an eighth of it or the lowest published limit, and a tenth less than a
 *   limit already known at most) and the rate to just under that; the next request waits until the
 *   second before holds room for it. The request itself is retried after Retry-After by the client.
 *   If 429s still come within two seconds of the back-off, the whole budget pauses for Zoom's
 *   Retry-After; later ones lower the limit again. Daily limits never reach the pace.
 * - Parallelism: how many requests must be in flight to keep the rate busy follows the rate and
 *   the observed latency (Little's law).
 *
 * Pure: the clock and sleep are passed in, so tests run it on a fake clock.
 */

import type { PaceClock, PaceOutcome, PaceSettings, PaceSnapshot, PaceTicket } from './paceSettings';
import { DEFAULT_PACE_SETTINGS } from './paceSettings';
import { PublishedLimits } from './publishedLimits';
import { SentRequests, WINDOW_MS, type Sent } from './sentRequests';

export { DEFAULT_PACE_SETTINGS, type PaceClock, type PaceOutcome, type PaceSettings, type PaceSnapshot, type PaceTicket } from './paceSettings';

/** How late a request may go and still keep its slot in the pace (see releaseTime). */
const CATCH_UP_MS = 15;
/** The rate grows only while this share of it was used since it last grew. */
const USED_SHARE = 0.8;
/** A budget unused this long (Zoom's count of its last second is empty) is used again by a new execution. */
const IDLE_MS = 1000;

export class AdaptivePace {
	private rate: number;
	private limit: number | undefined;
	private achieved = 0;
	private latencyMs: number;
	private latencySamples = 0;
	private lastReleaseMs = Number.NEGATIVE_INFINITY;
	private pausedUntil = Number.NEGATIVE_INFINITY;
	private lastBackoffMs = Number.NEGATIVE_INFINITY;
	/** When a 429 last lowered the rate (lastBackoffMs also moves with each pause after it). */
	private lastRateBackoffMs = Number.NEGATIVE_INFINITY;
	private lastLimitedMs = Number.NEGATIVE_INFINITY;
	private lastGrowthMs = Number.NEGATIVE_INFINITY;
	private waitedSinceGrowth = false;
	private backoffs = 0;
	/** A 429's request whose second before is counted again once every request in it is answered. */
	private refining: { at: number; floor: number } | undefined;
	private readonly sent = new SentRequests();
	/** Whether a request is taking its turn now; the others wait in line (retries first, see acquire). */
	private turnTaken = false;
	private readonly line: Array<() => void> = [];
	private readonly retryLine: Array<() => void> = [];
	/** Zoom's published limits: the stops of growth while no limit is known (publishedLimits.ts). */
	private readonly published: PublishedLimits;

	constructor(
		private readonly clock: PaceClock,
		private readonly settings: PaceSettings = DEFAULT_PACE_SETTINGS,
	) {
		this.rate = settings.startRate;
		this.latencyMs = settings.initialLatencyMs;
		this.published = new PublishedLimits(settings);
	}

	/**
	 * Waits for this request's turn. `capPerSecond` > 0 is the user's cap ("Max Requests per
	 * Second"); 0 leaves the pace to what was learned. Requests take turns in the order they ask,
	 * but a retry (`retry`: its request was refused and has waited what Zoom asked) goes before the
	 * requests that have not been sent yet: a 429's Retry-After already put its window a second
	 * behind the others, and at the back of the line it would fall further behind and be the slow
	 * tail of the read.
	 */
	async acquire(capPerSecond = 0, { retry = false }: { retry?: boolean } = {}): Promise<PaceTicket> {
		await this.waitInLine(retry);
		try {
			this.resumeAfterIdle();
			for (;;) {
				const now = this.clock.now();
				const rate = capPerSecond > 0 ? Math.min(this.rate, capPerSecond) : this.rate;
				const earliest = Math.max(this.lastReleaseMs + 1000 / rate, this.pausedUntil);
				if (earliest <= now) {
					this.lastReleaseMs = this.releaseTime(earliest, now);
					break;
				}
				if (this.pausedUntil <= now) this.waitedSinceGrowth = true;
				const backoffs = this.backoffs;
				await this.clock.sleep(earliest - now);
				// Only a back-off meanwhile asks for a longer wait; otherwise this turn has come, even
				// if the clock says otherwise (a timer that fired early, a clock that stands still).
				if (this.backoffs === backoffs) {
					this.lastReleaseMs = this.releaseTime(earliest, Math.max(this.clock.now(), earliest));
					break;
				}
			}
			// The first growth step comes one interval after the first request, not at its answer.
			if (this.lastGrowthMs === Number.NEGATIVE_INFINITY) this.lastGrowthMs = this.lastReleaseMs;
		} finally {
			this.passTurn();
		}
		const sent: Sent = { at: this.lastReleaseMs, state: 'pending' };
		this.sent.add(sent);
		let settled = false;
		return {
			sentAt: sent.at,
			settle: (outcome) => {
				if (settled) return;
				settled = true;
				this.settle(sent, outcome);
			},
		};
	}

	/** Resolves when this request's turn has come: at once if no one holds it, else after those before it. */
	private async waitInLine(retry: boolean): Promise<void> {
		if (!this.turnTaken) {
			this.turnTaken = true;
			return;
		}
		await new Promise<void>((resolve) => (retry ? this.retryLine : this.line).push(resolve));
	}

	/** Hands the turn on: to the oldest waiting retry, else to the oldest waiting request. */
	private passTurn(): void {
		const next = this.retryLine.shift() ?? this.line.shift();
		if (next) next();
		else this.turnTaken = false;
	}

	/**
	 * The time a request let go at `now`, whose turn was `slot`, counts as sent. Timers fire a little
	 * late and each turn is computed after the one before it: counted from the real times, those few
	 * milliseconds would add up to a rate several percent under the one asked for. A request at most
	 * `CATCH_UP_MS` late keeps its slot, so the next one is not pushed back; a later one (nothing
	 * was waiting, or the process was busy) starts the pace from now, never a burst to catch up.
	 * Zoom still sees at most the rate: it counts a second, and the catch-up is far under the
	 * headroom the rate keeps under a known limit (see backoffFraction).
	 */
	private releaseTime(slot: number, now: number): number {
		return now - slot <= CATCH_UP_MS ? slot : now;
	}

	/**
	 * A budget used again after a pause (a new execution) starts from what Zoom has accepted, not
	 * from a rate that grew while nothing could use it: with no limit known yet, just under the
	 * published limit the best second so far has not passed (PublishedLimits.resumeRate; with none
	 * published, just under the best second: it may have been the account's limit, met exactly).
	 */
	private resumeAfterIdle(): void {
		const now = this.clock.now();
		if (this.limit !== undefined || now - this.lastReleaseMs < IDLE_MS || this.achieved === 0) return;
		this.rate = Math.max(this.settings.startRate, this.published.resumeRate(this.achieved));
		this.lastGrowthMs = now;
		this.waitedSinceGrowth = false;
	}

	/** Requests that must be in flight to keep the usable rate busy, plus one: the workers to run. */
	suggestedConcurrency(capPerSecond = 0): number {
		// Room for four times the rate: the pace, not the number of requests in flight, is then what
		// holds requests back, so the rate can grow (requests that wait for their turn cost nothing),
		// and the windows of a range advance side by side instead of in waves that leave a slow tail.
		const reach = 4 * this.capped(this.rate, capPerSecond);
		return Math.max(1, Math.ceil((reach * this.latencyMs) / 1000) + 1);
	}

	/**
	 * Requests in flight that provenRate keeps busy at the latency observed: the lanes for windows
	 * and their parts (a part without a lane costs a request and wins nothing). A fresh budget thus
	 * splits a busy window from its first answer, by Zoom's starting budget and that answer's latency.
	 */
	sustainableParallelism(capPerSecond = 0): number {
		return Math.max(1, Math.ceil((this.provenRate(capPerSecond) * this.latencyMs) / 1000));
	}

	snapshot(): PaceSnapshot {
		return {
			rate: this.rate,
			limit: this.limit,
			achieved: this.achieved,
			latencyMs: this.latencyMs,
			pausedUntil: this.pausedUntil,
		};
	}

	private capped(rate: number, capPerSecond: number): number {
		return capPerSecond > 0 ? Math.min(rate, capPerSecond) : rate;
	}

	/** The rate the pace sends at anyway: under the learned limit; else the starting budget or the best second, whichever is more. */
	private provenRate(capPerSecond: number): number {
		const proven =
			this.limit !== undefined
				? Math.min(this.rate, this.limit * this.settings.backoffFraction)
				: Math.max(this.achieved, Math.min(this.rate, this.settings.startRate));
		return this.capped(proven, capPerSecond);
	}

	private settle(sent: Sent, outcome: PaceOutcome): void {
		const now = this.clock.now();
		sent.answeredAt = now;
		if (outcome.kind === 'noAnswer') {
			sent.state = 'noAnswer';
		} else if (outcome.kind === 'rateLimited') {
			sent.state = 'rateLimited';
			this.backOff(sent, outcome.retryAfterMs, now);
		} else {
			sent.state = 'answered';
			this.observeLatency(now - sent.at);
			this.updateAchieved(sent.at);
			this.grow(now);
		}
		this.refineLimit();
	}

	/**
	 * Once every request sent in the second before a 429's request is answered, counts again what
	 * Zoom accepted then: in a burst some of them were still on their way to a refusal when the
	 * limit was first set. The limit only ever goes down here.
	 */
	private refineLimit(): void {
		const refining = this.refining;
		if (!refining || this.limit === undefined) return;
		if (this.sent.pendingBefore(refining.at)) return;
		this.refining = undefined;
		const accepted = Math.max(this.settings.minRate, this.sent.acceptedBefore(refining.at), refining.floor);
		if (accepted >= this.limit) return;
		this.limit = accepted;
		this.rate = Math.min(this.rate, Math.max(this.settings.minRate, accepted * this.settings.backoffFraction));
		this.achieved = Math.min(this.achieved, accepted);
	}

	private observeLatency(ms: number): void {
		if (!(ms >= 0)) return;
		this.latencySamples++;
		// The first answers replace the guess quickly; later ones move it gently.
		const weight = this.latencySamples <= 4 ? 1 / this.latencySamples : 0.2;
		this.latencyMs += (ms - this.latencyMs) * weight;
	}

	private updateAchieved(at: number): void {
		const answered = this.sent.answeredInSecondUpTo(at);
		if (answered !== undefined && answered > this.achieved) this.achieved = answered;
	}

	private backOff(sent: Sent, retryAfterMs: number | undefined, now: number): void {
		this.lastLimitedMs = now;
		// Refusals of requests that went before the last back-off are its echo, not news.
		if (sent.at <= this.lastBackoffMs) return;
		// Measured from the back-off that lowered the rate, not from the pauses after it: 429s that
		// still come once two seconds passed at the lower rate are news (the limit is lower still).
		const escalated = sent.at - this.lastRateBackoffMs < 2 * WINDOW_MS;
		if (escalated) {
			// Backing off the rate was not enough yet: the second before may still be full from
			// before it. That says nothing new about the limit; everyone waits as long as Zoom asked.
			this.lastBackoffMs = now;
			if (retryAfterMs !== undefined) {
				this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(retryAfterMs, this.settings.maxPauseMs));
			}
			return;
		}
		// What Zoom accepted in the second before, but no less than an eighth of the rate or the
		// lowest published limit (Free's): a 429 after a quiet second says another app used the
		// budget then, not that the limit is that low. Once a limit is known, one refusal lowers it
		// by a tenth at most: requests that Zoom saw closer together than they were sent (a busy
		// machine, the network) draw 429s too.
		const floor =
			this.limit === undefined
				? Math.min(this.rate / 8, this.published.lowest() ?? Number.POSITIVE_INFINITY)
				: this.limit * 0.9;
		const accepted = Math.max(this.sent.acceptedBefore(sent.at), floor);
		this.limit = Math.max(this.settings.minRate, Math.min(accepted, this.rate, this.limit ?? Number.POSITIVE_INFINITY));
		this.rate = Math.max(this.settings.minRate, this.limit * this.settings.backoffFraction);
		this.achieved = Math.min(this.achieved, this.limit);
		this.refining = { at: sent.at, floor };
		this.lastRateBackoffMs = now;
		this.backoffs++;
		this.lastBackoffMs = now;
		this.lastGrowthMs = now;
		this.waitedSinceGrowth = false;
		this.drain(now);
	}

	/**
	 * After a burst over the limit, the second before may hold more accepted requests than the new
	 * rate allows: the next request waits until enough of them are a second old (else it would be
	 * refused too, where Zoom counts a sliding second).
	 */
	private drain(now: number): void {
		const counted = this.sent.countedInLastSecond(now);
		const room = Math.max(0, Math.floor(this.rate) - 1);
		if (counted.length <= room) return;
		this.pausedUntil = Math.max(this.pausedUntil, counted[counted.length - room - 1] + WINDOW_MS);
	}

	private grow(now: number): void {
		if (now - this.lastGrowthMs < this.settings.growthIntervalMs || now < this.pausedUntil) return;
		const interval = now - this.lastGrowthMs;
		// The pace held requests back and was used: a rate that requests only touched now and then
		// (two arriving together) is not what limits them, and growing it would only set up a burst.
		const paceWasTheLimit =
			this.waitedSinceGrowth && this.sent.releasedWithin(interval, now) >= (USED_SHARE * this.rate * interval) / 1000;
		this.lastGrowthMs = now;
		this.waitedSinceGrowth = false;
		if (!paceWasTheLimit) return; // more would not help
		if (this.limit === undefined) {
			this.rate = this.published.grownRate(this.rate, this.achieved, now, this.latencyMs);
			return;
		}
		const target = this.limit * this.settings.backoffFraction;
		if (this.rate < target) {
			this.rate = Math.min(target, this.rate * this.settings.growthFactor);
		} else if (now - this.lastLimitedMs >= this.settings.probeAfterMs) {
			this.limit = Math.min(this.settings.maxRate, this.limit * 1.05);
			this.rate = this.limit * this.settings.backoffFraction;
			this.lastLimitedMs = now;
		}
	}
}
