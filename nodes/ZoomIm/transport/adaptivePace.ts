/**
 * The pace of one Zoom rate-limit budget (one account's credential and one rate category), found
 * while it is used. Zoom's per-second limit depends on the account's plan (Free 2/s, Pro 20/s,
 * Business+ 60/s for the messages endpoints) and is shared by every app on the account, so the
 * node cannot know it in advance: it learns it from Zoom's answers.
 *
 * - Requests are let go one at a time, `1000 / rate` ms apart. A request a few milliseconds late
 *   keeps its slot (late timers do not slow the pace); a later one starts the pace from then (never
 *   a burst to catch up).
 * - Growth: while requests wait for the pace, the rate is used, and no 429 was ever seen, the rate
 *   doubles every `growthIntervalMs`, but it stops just under each of Zoom's published limits for
 *   the category, crosses it by a tenth, and grows on only once a second at the crossed rate came
 *   back without a 429. Under the highest published limit it stays as under a learned limit. Past
 *   everything published (or with none), it grows by a quarter. Once a limit is known, the rate
 *   returns to just under it and only probes above it after a long quiet time (another app may have
 *   stopped using the budget).
 * - Back-off: a per-second 429 sets the known limit to what Zoom accepted in the second before it
 *   (counted again once all of that second's requests are answered; never more than the rate that
 *   drew it, never less than an eighth of it or the lowest published limit, and a tenth less than a
 *   limit already known at most) and the rate to just under that; the next request waits until the
 *   second before holds room for it. The request itself is retried after Retry-After by the client.
 *   If 429s still come within two seconds of the back-off, the whole budget pauses for Zoom's
 *   Retry-After; later ones lower the limit again. Daily limits never reach the pace: they are not
 *   retried.
 * - Parallelism: how many requests must be in flight to keep the rate busy follows the rate and
 *   the observed latency (Little's law).
 *
 * Pure: the clock and sleep are passed in, so tests run it on a fake clock.
 */

export interface PaceClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface PaceSettings {
	/** Rate of a budget that has learned nothing yet, requests per second. */
	startRate: number;
	/** Never slower than this, requests per second. */
	minRate: number;
	/** Never faster than this, requests per second (a bound, not a target). */
	maxRate: number;
	/** How often the rate may grow, ms. */
	growthIntervalMs: number;
	/** Growth per interval while no limit is known, up to the best second Zoom accepted. */
	growthFactor: number;
	/** Growth per interval past the best second Zoom accepted, while no limit is known. */
	probeGrowthFactor: number;
	/**
	 * The rate kept under a known limit (fraction of it). Zoom counts requests when they arrive,
	 * and they arrive a few milliseconds earlier or later than they were sent: 1000/1040 spreads a
	 * second's limit over 1040 ms, so jitter of up to 40 ms between a request and the one a limit
	 * later never puts one more into a second. Any lower costs time on every plan.
	 */
	backoffFraction: number;
	/** After this long without a 429 at the known limit, the limit is probed 5 % higher, ms. */
	probeAfterMs: number;
	/** Longest pause, ms. */
	maxPauseMs: number;
	/** Latency assumed before any answer was seen, ms. */
	initialLatencyMs: number;
	/**
	 * Zoom's published per-second limits of the budget's rate category, by plan (ascending). They
	 * are where a 429 is likely: while no limit is known, growth stops just under each one and
	 * crosses it a tenth at a time, so that the first 429 finds the rate barely over an account's
	 * limit. Only a hint: the limit itself is still learned from Zoom's answers.
	 */
	publishedLimits: readonly number[];
}

export const DEFAULT_PACE_SETTINGS: PaceSettings = {
	startRate: 10,
	minRate: 0.5,
	maxRate: 1000,
	growthIntervalMs: 250,
	growthFactor: 2,
	probeGrowthFactor: 1.25,
	backoffFraction: 1000 / 1040,
	probeAfterMs: 60_000,
	maxPauseMs: 60_000,
	initialLatencyMs: 250,
	publishedLimits: [],
};

/** What became of a request that was let go. */
export type PaceOutcome =
	| { kind: 'answered' }
	| { kind: 'rateLimited'; retryAfterMs?: number }
	/** No answer that says anything about the budget (dropped connection, token refresh). */
	| { kind: 'noAnswer' };

/** One request let go by the pace; `settle` tells the pace how it ended. */
export interface PaceTicket {
	readonly sentAt: number;
	settle(outcome: PaceOutcome): void;
}

interface Sent {
	at: number;
	/** When its answer came: Zoom counted it at some time between `at` and this. */
	answeredAt?: number;
	state: 'pending' | 'answered' | 'rateLimited' | 'noAnswer';
}

/** What a budget has learned, for tests, logs and the benchmark. */
export interface PaceSnapshot {
	rate: number;
	/** The per-second limit learned from 429s, if any. */
	limit?: number;
	/** Most answered requests sent within one second. */
	achieved: number;
	latencyMs: number;
	pausedUntil: number;
}

const WINDOW_MS = 1000;
/** How late a request may go and still keep its slot in the pace (see releaseTime). */
const CATCH_UP_MS = 15;
/** The rate grows only while this share of it was used since it last grew. */
const USED_SHARE = 0.8;
/** A budget unused this long (Zoom's count of its last second is empty) is used again by a new execution. */
const IDLE_MS = 1000;
/** How far past a published limit one growth step goes while no limit is known. */
const CROSSING_FACTOR = 1.1;

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
	/** When growth last crossed a published limit. */
	private crossedAt = Number.NEGATIVE_INFINITY;
	/** Since when the rate is just under the highest published limit (see holdsUnderHighestPublishedLimit). */
	private underHighestSince = Number.NEGATIVE_INFINITY;
	private waitedSinceGrowth = false;
	private backoffs = 0;
	/** A 429's request whose second before is counted again once every request in it is answered. */
	private refining: { at: number; floor: number } | undefined;
	private recent: Sent[] = [];
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly clock: PaceClock,
		private readonly settings: PaceSettings = DEFAULT_PACE_SETTINGS,
	) {
		this.rate = settings.startRate;
		this.latencyMs = settings.initialLatencyMs;
	}

	/**
	 * Waits for this request's turn. `capPerSecond` > 0 is the user's cap ("Max Requests per
	 * Second"); 0 leaves the pace to what was learned.
	 */
	async acquire(capPerSecond = 0): Promise<PaceTicket> {
		const previous = this.queue;
		let done!: () => void;
		this.queue = new Promise<void>((resolve) => {
			done = resolve;
		});
		try {
			await previous;
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
			done();
		}
		const sent: Sent = { at: this.lastReleaseMs, state: 'pending' };
		this.remember(sent);
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
	 * from a rate that grew while nothing could use it: with no limit known yet, just under the best
	 * second so far (growth past it is gentle).
	 */
	private resumeAfterIdle(): void {
		const now = this.clock.now();
		if (this.limit !== undefined || now - this.lastReleaseMs < IDLE_MS || this.achieved === 0) return;
		// Just under the best second: it may have been the account's limit, met exactly.
		this.rate = Math.max(this.settings.startRate, Math.min(this.rate, this.achieved * this.settings.backoffFraction));
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
	 * Requests in flight that the rate Zoom is known to accept keeps busy: the lanes for windows and
	 * their parts. A window is split only into parts that have a lane each (beyond that, a split
	 * costs requests and wins nothing).
	 */
	sustainableParallelism(capPerSecond = 0): number {
		// Only what Zoom really accepted counts here: a budget that learned nothing yet splits nothing.
		const proven = this.limit !== undefined ? this.provenRate(capPerSecond) : this.capped(this.achieved, capPerSecond);
		return Math.max(1, Math.ceil((proven * this.latencyMs) / 1000));
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

	/** The rate Zoom is known to accept: under the learned limit, else the best second so far. */
	private provenRate(capPerSecond: number): number {
		const proven =
			this.limit !== undefined
				? Math.min(this.rate, this.limit * this.settings.backoffFraction)
				: Math.max(this.achieved, Math.min(this.rate, this.settings.startRate));
		return this.capped(proven, capPerSecond);
	}

	private remember(sent: Sent): void {
		this.recent.push(sent);
		const horizon = sent.at - 2 * WINDOW_MS;
		let drop = 0;
		while (drop < this.recent.length && this.recent[drop].at < horizon && this.recent[drop].state !== 'pending') drop++;
		if (drop > 0) this.recent.splice(0, drop);
	}

	/**
	 * Requests sent in the second before `at` (exclusive) that Zoom did not refuse so far. While some
	 * of them are unanswered this may be too high (a burst's answers come back in any order):
	 * `refineLimit` counts again once they all are.
	 */
	private acceptedBefore(at: number): number {
		let count = 0;
		for (const s of this.recent) {
			if (s.at > at - WINDOW_MS && s.at < at && s.state !== 'rateLimited') count++;
		}
		return count;
	}

	/** Requests let go in the `spanMs` before `now`. */
	private releasedWithin(spanMs: number, now: number): number {
		let count = 0;
		for (let i = this.recent.length - 1; i >= 0 && this.recent[i].at > now - spanMs; i--) count++;
		return count;
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
		if (this.recent.some((s) => s.state === 'pending' && s.at < refining.at)) return;
		this.refining = undefined;
		const accepted = Math.max(this.settings.minRate, this.acceptedBefore(refining.at), refining.floor);
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
		let answered = 0;
		for (const s of this.recent) {
			if (s.at > at - WINDOW_MS && s.at <= at) {
				if (s.state === 'rateLimited') return; // a second with a refusal proves nothing
				if (s.state === 'answered') answered++;
			}
		}
		if (answered > this.achieved) this.achieved = answered;
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
				? Math.min(this.rate / 8, this.settings.publishedLimits[0] ?? Number.POSITIVE_INFINITY)
				: this.limit * 0.9;
		const accepted = Math.max(this.acceptedBefore(sent.at), floor);
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
		// Zoom counted each request when it arrived, at the latest when it answered (still pending: now).
		const counted = this.recent
			.filter((s) => s.state !== 'rateLimited')
			.map((s) => s.answeredAt ?? now)
			.filter((at) => at > now - WINDOW_MS)
			.sort((a, b) => a - b);
		const room = Math.max(0, Math.floor(this.rate) - 1);
		if (counted.length <= room) return;
		this.pausedUntil = Math.max(this.pausedUntil, counted[counted.length - room - 1] + WINDOW_MS);
	}

	/**
	 * Just under Zoom's highest published limit (Business+), the pace stays as it does under a limit
	 * it learned, and crosses it only after `probeAfterMs` there: Zoom documents no higher limit, so
	 * crossing it would most likely cost 429s (and time: each refused request waits Retry-After).
	 */
	private holdsUnderHighestPublishedLimit(now: number): boolean {
		const highest = this.highestPublishedLimit();
		if (highest === undefined) return false;
		if (this.rate < highest * this.settings.backoffFraction || this.rate >= highest * CROSSING_FACTOR) {
			this.underHighestSince = Number.NEGATIVE_INFINITY;
			return false;
		}
		if (this.underHighestSince === Number.NEGATIVE_INFINITY) this.underHighestSince = now;
		return now - this.underHighestSince < this.settings.probeAfterMs;
	}

	/** Zoom's highest published limit of the category (Business+), if the settings name any. */
	private highestPublishedLimit(): number | undefined {
		const published = this.settings.publishedLimits;
		return published.length > 0 ? published[published.length - 1] : undefined;
	}

	/**
	 * Until a step has crossed Zoom's highest published limit, growth is fast: each published limit
	 * on the way is approached and crossed gently (pastPublishedLimits). Past it, nothing says where
	 * the limit is.
	 */
	private belowEverythingPublished(): boolean {
		const highest = this.highestPublishedLimit();
		return highest !== undefined && this.rate < highest * CROSSING_FACTOR;
	}

	/**
	 * One growth step from `from` toward `to` while no limit is known: it stops just under a published
	 * limit it would jump over, and from there crosses it by a tenth only, so that an account on that
	 * plan draws few 429s before its limit is learned.
	 */
	private pastPublishedLimits(from: number, to: number): { rate: number; crossing: boolean } {
		for (const published of this.settings.publishedLimits) {
			const under = published * this.settings.backoffFraction;
			const crossed = published * CROSSING_FACTOR;
			if (from < under && to > under) return { rate: under, crossing: false };
			if (from < crossed && to > crossed) return { rate: crossed, crossing: true };
		}
		return { rate: to, crossing: false };
	}

	private grow(now: number): void {
		if (now - this.lastGrowthMs < this.settings.growthIntervalMs || now < this.pausedUntil) return;
		const interval = now - this.lastGrowthMs;
		// The pace held requests back and was used: a rate that requests only touched now and then
		// (two arriving together) is not what limits them, and growing it would only set up a burst.
		const paceWasTheLimit =
			this.waitedSinceGrowth && this.releasedWithin(interval, now) >= (USED_SHARE * this.rate * interval) / 1000;
		this.lastGrowthMs = now;
		this.waitedSinceGrowth = false;
		if (!paceWasTheLimit) return; // more would not help
		if (this.limit === undefined) {
			// Fast up to what Zoom has accepted in a second already; gently past it, so that the
			// first 429 finds the rate only a little over the limit (fewer requests refused at once).
			// Zoom counts a second: a rate that crossed a published limit proves itself only once a
			// whole second at it (and the answers to it) came back without a 429.
			if (now - this.crossedAt < WINDOW_MS + this.latencyMs) return;
			if (this.holdsUnderHighestPublishedLimit(now)) return;
			const factor =
				this.rate < this.achieved || this.belowEverythingPublished()
					? this.settings.growthFactor
					: this.settings.probeGrowthFactor;
			const step = this.pastPublishedLimits(this.rate, this.rate * factor);
			if (step.crossing) this.crossedAt = now;
			this.rate = Math.min(this.settings.maxRate, step.rate);
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
