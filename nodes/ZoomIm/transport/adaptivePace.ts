/**
 * The pace of one Zoom rate-limit budget (one account's credential and one rate category), found
 * while it is used. Zoom's per-second limit depends on the account's plan (Free 2/s, Pro 20/s,
 * Business+ 60/s for the messages endpoints) and is shared by every app on the account, so the
 * node cannot know it in advance: it learns it from Zoom's answers.
 *
 * - Requests are let go one at a time, at least `1000 / rate` ms apart, measured from when the
 *   previous one really went (late timers never cause a burst).
 * - Growth: while requests have to wait for the pace and no 429 was ever seen, the rate doubles
 *   every `growthIntervalMs` up to the best second Zoom accepted so far, and grows by a quarter past it. Once a limit is known, the rate returns to just under it and only
 *   probes above it after a long quiet time (another app may have stopped using the budget).
 * - Back-off: a per-second 429 sets the known limit to what Zoom accepted in the second before it
 *   (never more than the rate that drew it, never less than an eighth of it, or a tenth less than
 *   a limit already known) and the rate to a fraction of that; the next request waits until the
 *   second before holds room for it. The request itself
 *   is retried after Retry-After by the client. If 429s still come right after the back-off, the
 *   whole budget pauses for Zoom's Retry-After. Daily limits never reach the pace: they are not retried.
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
	/** The rate kept under a known limit (fraction of it). */
	backoffFraction: number;
	/** After this long without a 429 at the known limit, the limit is probed 5 % higher, ms. */
	probeAfterMs: number;
	/** Longest pause, ms. */
	maxPauseMs: number;
	/** Latency assumed before any answer was seen, ms. */
	initialLatencyMs: number;
}

export const DEFAULT_PACE_SETTINGS: PaceSettings = {
	startRate: 10,
	minRate: 0.5,
	maxRate: 1000,
	growthIntervalMs: 250,
	growthFactor: 2,
	probeGrowthFactor: 1.25,
	backoffFraction: 0.9,
	probeAfterMs: 60_000,
	maxPauseMs: 60_000,
	initialLatencyMs: 250,
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
/** A budget unused this long is being used again by a new execution. */
const IDLE_MS = 3000;

export class AdaptivePace {
	private rate: number;
	private limit: number | undefined;
	private achieved = 0;
	private latencyMs: number;
	private latencySamples = 0;
	private lastReleaseMs = Number.NEGATIVE_INFINITY;
	private pausedUntil = Number.NEGATIVE_INFINITY;
	private lastBackoffMs = Number.NEGATIVE_INFINITY;
	private lastLimitedMs = Number.NEGATIVE_INFINITY;
	private lastGrowthMs = Number.NEGATIVE_INFINITY;
	private waitedSinceGrowth = false;
	private backoffs = 0;
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
					this.lastReleaseMs = now;
					break;
				}
				if (this.pausedUntil <= now) this.waitedSinceGrowth = true;
				const backoffs = this.backoffs;
				await this.clock.sleep(earliest - now);
				// Only a back-off meanwhile asks for a longer wait; otherwise this turn has come, even
				// if the clock says otherwise (a timer that fired early, a clock that stands still).
				if (this.backoffs === backoffs) {
					this.lastReleaseMs = Math.max(this.clock.now(), earliest);
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
	 * A budget used again after a pause (a new execution) starts from what Zoom has accepted, not
	 * from a rate that grew while nothing could use it: with no limit known yet, the best second so
	 * far (growth past it is gentle).
	 */
	private resumeAfterIdle(): void {
		const now = this.clock.now();
		if (this.limit !== undefined || now - this.lastReleaseMs < IDLE_MS || this.achieved === 0) return;
		this.rate = Math.max(this.settings.startRate, Math.min(this.rate, this.achieved));
		this.lastGrowthMs = now;
		this.waitedSinceGrowth = false;
	}

	/** Requests that must be in flight to keep the usable rate busy, plus one: the workers to run. */
	suggestedConcurrency(capPerSecond = 0): number {
		// Room for twice the rate: the pace, not the number of requests in flight, is then what holds
		// requests back, so the rate can grow (requests that wait for their turn cost nothing).
		const reach = 2 * this.capped(this.rate, capPerSecond);
		return Math.max(1, Math.ceil((reach * this.latencyMs) / 1000) + 1);
	}

	/**
	 * Requests in flight that the rate Zoom is known to accept keeps busy. Windows are split only
	 * when there are fewer of them than this: below it, a split costs requests and wins nothing.
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

	/** Requests sent in the second before `at` (exclusive) that Zoom did not refuse (so far). */
	private acceptedBefore(at: number): number {
		let count = 0;
		for (const s of this.recent) {
			if (s.at > at - WINDOW_MS && s.at < at && s.state !== 'rateLimited') count++;
		}
		return count;
	}

	private settle(sent: Sent, outcome: PaceOutcome): void {
		const now = this.clock.now();
		sent.answeredAt = now;
		if (outcome.kind === 'noAnswer') {
			sent.state = 'noAnswer';
			return;
		}
		if (outcome.kind === 'rateLimited') {
			sent.state = 'rateLimited';
			this.backOff(sent, outcome.retryAfterMs, now);
			return;
		}
		sent.state = 'answered';
		this.observeLatency(now - sent.at);
		this.updateAchieved(sent.at);
		this.grow(now);
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
		const escalated = this.lastBackoffMs > Number.NEGATIVE_INFINITY && sent.at - this.lastBackoffMs < 2 * WINDOW_MS;
		if (escalated) {
			// Backing off the rate was not enough yet: the second before may still be full from
			// before it. That says nothing new about the limit; everyone waits as long as Zoom asked.
			this.lastBackoffMs = now;
			if (retryAfterMs !== undefined) {
				this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(retryAfterMs, this.settings.maxPauseMs));
			}
			return;
		}
		// What Zoom accepted in the second before, but no less than an eighth of the rate: a 429 after
		// a quiet second says another app used the budget then, not that the limit is that low.
		// Once a limit is known, one refusal lowers it by a tenth at most: requests that Zoom saw
		// closer together than they were sent (a busy machine, the network) draw 429s too.
		const floor = this.limit === undefined ? this.rate / 8 : this.limit * 0.9;
		const accepted = Math.max(this.acceptedBefore(sent.at), floor);
		this.limit = Math.max(this.settings.minRate, Math.min(accepted, this.rate, this.limit ?? Number.POSITIVE_INFINITY));
		this.rate = Math.max(this.settings.minRate, this.limit * this.settings.backoffFraction);
		this.achieved = Math.min(this.achieved, this.limit);
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

	private grow(now: number): void {
		if (now - this.lastGrowthMs < this.settings.growthIntervalMs || now < this.pausedUntil) return;
		const paceWasTheLimit = this.waitedSinceGrowth;
		this.lastGrowthMs = now;
		this.waitedSinceGrowth = false;
		if (!paceWasTheLimit) return; // requests did not wait for the pace: more would not help
		if (this.limit === undefined) {
			// Fast up to what Zoom has accepted in a second already; gently past it, so that the
			// first 429 finds the rate only a little over the limit (fewer requests refused at once).
			const factor = this.rate < this.achieved ? this.settings.growthFactor : this.settings.probeGrowthFactor;
			this.rate = Math.min(this.settings.maxRate, this.rate * factor);
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
