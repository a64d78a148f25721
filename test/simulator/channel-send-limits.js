'use strict';
/**
 * Zoom's per-channel message limits (the `to_channel` field of "Send a chat message"): up to 10
 * messages in 1 s, 30 in 10 s, 60 in 100 s and 450 in 1,000 s; past a window, sending to that
 * channel is blocked for 10, 30, 60 or 300 s, and every send during the block is refused.
 *
 * Readings the simulator takes where Zoom is silent (see README "Channel send limits"):
 * - the windows slide, and count accepted sends only (a refused send does not count);
 * - they apply to a 1:1 conversation with a contact too (the strictest reading);
 * - when a send breaks several windows at once, the longest of their blocks applies;
 * - a send during a block does not extend it.
 * Durations are multiplied by `scale` (a benchmark on a scaled clock) and read from `clock`, a
 * monotonic ms clock (default performance.now()), so tests can drive it without waiting.
 */
const { performance } = require('node:perf_hooks');

const WINDOWS = [
	{ ms: 1000, limit: 10, blockMs: 10000 },
	{ ms: 10000, limit: 30, blockMs: 30000 },
	{ ms: 100000, limit: 60, blockMs: 60000 },
	{ ms: 1000000, limit: 450, blockMs: 300000 },
];

class ChannelSendLimiter {
	/** @param {{scale?: number, clock?: () => number}} [options] */
	constructor(options = {}) {
		this.scale = options.scale !== undefined ? options.scale : 1;
		this.clock = options.clock || (() => performance.now());
		/** @type {Map<string, {accepted: number[], blockedUntil: number, blocks: number, refusedSends: number, acceptedSends: number, firstAcceptAt?: number, lastAcceptAt?: number}>} */
		this.conversations = new Map();
	}

	_state(key) {
		let s = this.conversations.get(key);
		if (!s) {
			s = { accepted: [], blockedUntil: -Infinity, blocks: 0, refusedSends: 0, acceptedSends: 0, firstAcceptAt: undefined, lastAcceptAt: undefined };
			this.conversations.set(key, s);
		}
		return s;
	}

	/**
	 * One send to a conversation: accepted (counted) or refused.
	 * @returns {{ok: true} | {ok: false, window?: {ms:number, limit:number, blockMs:number}, retryAfterMs: number, newBlock: boolean}}
	 */
	trySend(key) {
		const now = this.clock();
		const s = this._state(key);
		if (now < s.blockedUntil) {
			s.refusedSends++;
			return { ok: false, retryAfterMs: s.blockedUntil - now, newBlock: false };
		}
		const longest = WINDOWS[WINDOWS.length - 1].ms * this.scale;
		while (s.accepted.length && s.accepted[0] <= now - longest) s.accepted.shift();
		let broken;
		for (const w of WINDOWS) {
			const since = now - w.ms * this.scale;
			let count = 0;
			for (let i = s.accepted.length - 1; i >= 0 && s.accepted[i] > since; i--) count++;
			if (count >= w.limit && (!broken || w.blockMs > broken.blockMs)) broken = w;
		}
		if (broken) {
			s.blockedUntil = now + broken.blockMs * this.scale;
			s.blocks++;
			s.refusedSends++;
			return { ok: false, window: broken, retryAfterMs: broken.blockMs * this.scale, newBlock: true };
		}
		s.accepted.push(now);
		s.acceptedSends++;
		if (s.firstAcceptAt === undefined) s.firstAcceptAt = now;
		s.lastAcceptAt = now;
		return { ok: true };
	}

	stats() {
		const conversations = {};
		let blocks = 0;
		let refusedSends = 0;
		let acceptedSends = 0;
		for (const [key, s] of this.conversations) {
			blocks += s.blocks;
			refusedSends += s.refusedSends;
			acceptedSends += s.acceptedSends;
			conversations[key] = {
				acceptedSends: s.acceptedSends,
				refusedSends: s.refusedSends,
				blocks: s.blocks,
				firstAcceptAt: s.firstAcceptAt,
				lastAcceptAt: s.lastAcceptAt,
				blockedUntil: Number.isFinite(s.blockedUntil) ? s.blockedUntil : undefined,
			};
		}
		return { blocks, refusedSends, acceptedSends, conversations };
	}
}

module.exports = { ChannelSendLimiter, CHANNEL_WINDOWS: WINDOWS };
