/**
 * The settings and the vocabulary of a pace (adaptivePace.ts): what it starts from and how fast it
 * moves, and what a request tells it when it ends.
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
