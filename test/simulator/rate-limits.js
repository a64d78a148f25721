'use strict';
/**
 * Rate limits: the real per-second limiter (option rateLimitPerSecond) and the answer of the
 * `rateLimit` fault, with Zoom's 429 wording and X-RateLimit-* headers. Methods of ZoomSimulator.
 */
const { DateTime } = require('luxon');

const QPS_MESSAGE = 'You have reached the maximum per-second rate limit for this API. Try again later.';
const DAILY_MESSAGE =
	'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.';

/** X-RateLimit-Category by request kind (the rate-limit label Zoom's reference gives each endpoint). */
const RATE_CATEGORY = {
	imSessions: 'Heavy',
	imMessages: 'Medium',
	channels: 'Medium',
	teamMessages: 'Medium',
	teamSessions: 'Medium',
	reportSessions: 'Medium',
	reportMessages: 'Medium',
	thread: 'Medium',
	// Team Chat writes (the file endpoints have a limit of their own, 20/s, and no label).
	sendMessage: 'Medium',
	getMessage: 'Medium',
	updateMessage: 'Medium',
	deleteMessage: 'Medium',
	reactMessage: 'Medium',
};

class RateLimitMethods {
	/**
	 * Real QPS limiting (API requests only, arrival time, sliding 1 s). Marks `rec` and returns the
	 * 429 answer when the request is over the limit, else counts it and returns undefined.
	 * @returns {{body: any, headers: Record<string,string>} | undefined}
	 */
	_limitQps(route, rec) {
		const limit = this.options.rateLimitPerSecond;
		if (!limit || !route.api) return undefined;
		// Real time by default (the simulated date may stand still); a test may pass its own clock.
		const now = this.options.rateLimitClock();
		while (this._qps.length && this._qps[0] <= now - 1000) this._qps.shift();
		if (this._qps.length >= limit) {
			rec.faulted = 'rateLimit';
			rec.qpsLimited = true;
			return {
				body: { code: 429, message: QPS_MESSAGE },
				headers: {
					'X-RateLimit-Category': RATE_CATEGORY[route.kind] || 'Light',
					'X-RateLimit-Type': 'QPS',
					'X-RateLimit-Limit': String(limit),
					'X-RateLimit-Remaining': '0',
					'Retry-After': '1',
				},
			};
		}
		this._qps.push(now);
		return undefined;
	}

	/** Answers a `rateLimit` fault (QPS or daily). */
	_sendRateLimit(fault, rec, res) {
		const daily = !!fault.daily;
		/** @type {Record<string,string>} */
		const h = {
			'X-RateLimit-Category': RATE_CATEGORY[rec.kind] || 'Light',
			'X-RateLimit-Type': daily ? 'Daily-limit' : 'QPS',
			'X-RateLimit-Limit': String(fault.limit !== undefined ? fault.limit : daily ? 10000 : 30),
			'X-RateLimit-Remaining': '0',
		};
		if (fault.retryAfter !== undefined) h['Retry-After'] = String(fault.retryAfter);
		else if (daily) {
			// Zoom says when the daily limit lifts in Retry-After, as a date-time (no X-RateLimit-Reset).
			h['Retry-After'] = new Date(DateTime.fromMillis(this._nowMs(), { zone: 'utc' }).startOf('day').plus({ days: 1 }).toMillis()).toUTCString();
		}
		this._send(res, rec, 429, { code: 429, message: daily ? DAILY_MESSAGE : QPS_MESSAGE }, { ...h, ...(fault.headers || {}) });
	}
}

module.exports = { RateLimitMethods, QPS_MESSAGE };
