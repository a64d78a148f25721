/**
 * Zoom's published rate limits as the pace's policy: the category of a path, where a budget starts,
 * and how a rate grows past the published stops while no limit is learned.
 */
import { DEFAULT_PACE_SETTINGS } from '../../nodes/ZoomIm/transport/paceSettings';
import { CROSSING_FACTOR, PUBLISHED_LIMITS, PublishedLimits, categorySettings, rateCategoryOf } from '../../nodes/ZoomIm/transport/publishedLimits';

const fraction = DEFAULT_PACE_SETTINGS.backoffFraction;

describe('published limits', () => {
	it('the IM session list is Heavy, everything else Medium', () => {
		expect(rateCategoryOf('/im/chat/sessions')).toBe('Heavy');
		expect(rateCategoryOf('/im/chat/sessions/abc')).toBe('Medium');
		expect(rateCategoryOf('/chat/users/me/messages')).toBe('Medium');
	});

	it("a budget starts just under the Pro plan's limit and knows Free, Pro and Business+", () => {
		const medium = categorySettings(DEFAULT_PACE_SETTINGS, 'Medium');
		expect(medium.startRate).toBeCloseTo(PUBLISHED_LIMITS.Medium.pro * fraction);
		expect(medium.publishedLimits).toEqual([2, 20, 60]);
		expect(categorySettings(DEFAULT_PACE_SETTINGS, 'Heavy').publishedLimits).toEqual([1, 10, 40]);
	});

	it('growth stops just under a published limit, crosses it by a tenth, and waits a second (plus latency) before growing on', () => {
		const limits = new PublishedLimits({ ...DEFAULT_PACE_SETTINGS, publishedLimits: [2, 20, 60] });
		const under = 20 * fraction;
		expect(limits.grownRate(12, 0, 0, 100)).toBeCloseTo(under);
		expect(limits.grownRate(under, 0, 0, 100)).toBeCloseTo(20 * CROSSING_FACTOR);
		expect(limits.grownRate(22, 0, 500, 100)).toBe(22); // crossed at 0: not yet a whole second at it
		expect(limits.grownRate(22, 0, 1100, 100)).toBeCloseTo(44);
	});

	it('under the highest published limit it holds for probeAfterMs; with none it grows by the probe factor', () => {
		const limits = new PublishedLimits({ ...DEFAULT_PACE_SETTINGS, publishedLimits: [2, 20, 60] });
		const under = 60 * fraction;
		expect(limits.grownRate(under, 0, 0, 100)).toBe(under);
		expect(limits.grownRate(under, 0, DEFAULT_PACE_SETTINGS.probeAfterMs - 1, 100)).toBe(under);
		expect(limits.grownRate(under, 0, DEFAULT_PACE_SETTINGS.probeAfterMs, 100)).toBeCloseTo(60 * CROSSING_FACTOR);
		const none = new PublishedLimits({ ...DEFAULT_PACE_SETTINGS, publishedLimits: [] });
		expect(none.grownRate(10, 0, 0, 100)).toBeCloseTo(10 * DEFAULT_PACE_SETTINGS.probeGrowthFactor);
		expect(none.grownRate(10, 30, 0, 100)).toBeCloseTo(20); // below what Zoom accepted already: fast
	});

	it('a new execution resumes just under the lowest published limit its best second has not passed by a tenth', () => {
		const limits = new PublishedLimits({ ...DEFAULT_PACE_SETTINGS, publishedLimits: [2, 20, 60] });
		// 29 answered in one second: Pro's 20 passed by more than a tenth, so not a Pro account.
		expect(limits.resumeRate(29)).toBeCloseTo(60 * fraction);
		// 21 may be Pro's 20 seen through arrival jitter: just under that best second.
		expect(limits.resumeRate(21)).toBeCloseTo(21 * fraction);
		expect(limits.resumeRate(10)).toBeCloseTo(20 * fraction);
		expect(limits.resumeRate(70)).toBeCloseTo(70 * fraction); // past everything published
		expect(new PublishedLimits({ ...DEFAULT_PACE_SETTINGS, publishedLimits: [] }).resumeRate(12)).toBeCloseTo(12 * fraction);
	});
});
