import type { PaceSettings } from './paceSettings';
import { WINDOW_MS } from './sentRequests';

/**
 * Zoom's published rate limits, the policy the pace (adaptivePace.ts, the mechanism) is given:
 * which rate category a path counts against, the per-second limits Zoom publishes for each plan,
 * where a budget starts, and how growth treats those limits while no limit is learned yet. Pure.
 */

/** Zoom's rate-limit labels of the endpoints the package calls. */
export type RateCategory = 'Heavy' | 'Medium';

/** `GET /im/chat/sessions` (the IM session list) is Heavy; the messages and channel lists are Medium. */
export function rateCategoryOf(path: string): RateCategory {
	return /^\/im\/chat\/sessions\/?$/.test(path) ? 'Heavy' : 'Medium';
}

/**
 * Zoom's published per-second limits of each rate category by plan (see ZOOM-API-FACTS.md, rate
 * limits): the pace's growth slows down near them (PaceSettings.publishedLimits).
 */
export const PUBLISHED_LIMITS: Record<RateCategory, { free: number; pro: number; businessPlus: number }> = {
	Medium: { free: 2, pro: 20, businessPlus: 60 },
	Heavy: { free: 1, pro: 10, businessPlus: 40 },
};

/**
 * The pace of a category's budget before it has learned anything: just under the Pro plan's limit.
 * A Pro or Business+ account then never draws a 429 while the pace starts; a Free account draws a
 * few, once, before the pace learns its limit (each answered 429 costs that request Retry-After).
 */
export function categorySettings(settings: PaceSettings, category: RateCategory): PaceSettings {
	const { free, pro, businessPlus } = PUBLISHED_LIMITS[category];
	return { ...settings, startRate: pro * settings.backoffFraction, publishedLimits: [free, pro, businessPlus] };
}

/** How far past a published limit one growth step goes while no limit is known. */
export const CROSSING_FACTOR = 1.1;

/**
 * The published limits of one budget as stops for a growing rate (ascending; possibly none), while
 * no limit is learned: growth doubles up to each of them, stops just under it, crosses it by a
 * tenth, and grows on only once a second at the crossed rate came back without a 429. Under the
 * highest it stays as under a learned limit. Past everything published (or with none), it grows by
 * a quarter. Only a hint: the limit itself is still learned from Zoom's answers.
 */
export class PublishedLimits {
	/** Since when the rate is just under the highest published limit (see holdsUnderHighest). */
	private underHighestSince = Number.NEGATIVE_INFINITY;
	/** When growth last crossed a published limit. */
	private crossedAt = Number.NEGATIVE_INFINITY;

	constructor(private readonly settings: PaceSettings) {}

	/**
	 * The rate after one growth step while no limit is known: fast up to what Zoom has accepted in a
	 * second already (`achieved`); gently past it, so that the first 429 finds the rate only a little
	 * over the limit (fewer requests refused at once). Zoom counts a second: a rate that crossed a
	 * published limit proves itself only once a whole second at it (and the answers to it) came back
	 * without a 429.
	 */
	grownRate(rate: number, achieved: number, now: number, latencyMs: number): number {
		if (now - this.crossedAt < WINDOW_MS + latencyMs) return rate;
		if (this.holdsUnderHighest(rate, now)) return rate;
		const factor = rate < achieved || this.belowEverything(rate) ? this.settings.growthFactor : this.settings.probeGrowthFactor;
		const step = this.step(rate, rate * factor);
		if (step.crossing) this.crossedAt = now;
		return Math.min(this.settings.maxRate, step.rate);
	}

	/**
	 * Where a budget used again after a pause (a new execution) starts while no limit is known:
	 * just under the lowest published limit that the best second Zoom accepted (`achieved`) has not
	 * passed by a tenth (what a crossing proves: Zoom counts a second), or just under that best
	 * second when it is higher. A best second of 29 on Medium has proven Pro's 20 passed, so the
	 * budget resumes just under Business+'s 60: where one growth step from it would go anyway.
	 * Past every published limit, just under the best second.
	 */
	resumeRate(achieved: number): number {
		for (const published of this.settings.publishedLimits) {
			if (achieved < published * CROSSING_FACTOR) return Math.max(published, achieved) * this.settings.backoffFraction;
		}
		return achieved * this.settings.backoffFraction;
	}

	/** The lowest (Free's), if any: a 429 never sets a limit below it at first. */
	lowest(): number | undefined {
		return this.settings.publishedLimits[0];
	}

	/** Zoom's highest published limit of the category (Business+), if any. */
	private highest(): number | undefined {
		const published = this.settings.publishedLimits;
		return published.length > 0 ? published[published.length - 1] : undefined;
	}

	/**
	 * Just under Zoom's highest published limit (Business+), the pace stays as it does under a limit
	 * it learned, and crosses it only after `probeAfterMs` there: Zoom documents no higher limit, so
	 * crossing it would most likely cost 429s (and time: each refused request waits Retry-After).
	 */
	private holdsUnderHighest(rate: number, now: number): boolean {
		const highest = this.highest();
		if (highest === undefined) return false;
		if (rate < highest * this.settings.backoffFraction || rate >= highest * CROSSING_FACTOR) {
			this.underHighestSince = Number.NEGATIVE_INFINITY;
			return false;
		}
		if (this.underHighestSince === Number.NEGATIVE_INFINITY) this.underHighestSince = now;
		return now - this.underHighestSince < this.settings.probeAfterMs;
	}

	/**
	 * Until a step has crossed Zoom's highest published limit, growth is fast: each published limit
	 * on the way is approached and crossed gently (step). Past it, nothing says where the limit is.
	 */
	private belowEverything(rate: number): boolean {
		const highest = this.highest();
		return highest !== undefined && rate < highest * CROSSING_FACTOR;
	}

	/**
	 * One growth step from `from` toward `to` while no limit is known: it stops just under a published
	 * limit it would jump over, and from there crosses it by a tenth only, so that an account on that
	 * plan draws few 429s before its limit is learned.
	 */
	private step(from: number, to: number): { rate: number; crossing: boolean } {
		for (const published of this.settings.publishedLimits) {
			const under = published * this.settings.backoffFraction;
			const crossed = published * CROSSING_FACTOR;
			if (from < under && to > under) return { rate: under, crossing: false };
			if (from < crossed && to > crossed) return { rate: crossed, crossing: true };
		}
		return { rate: to, crossing: false };
	}
}
