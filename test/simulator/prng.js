'use strict';
/** Small deterministic PRNG helpers (mulberry32) used by the simulator's seeded data. */

/** @param {number} seed @returns {() => number} uniform in [0, 1) */
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a 32-bit hash of a string, used to derive independent sub-streams from one seed. */
function hash32(str) {
	let h = 0x811c9dc5;
	for (let i = 0; i < str.length; i++) {
		h ^= str.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/** A PRNG with convenience methods. */
class Rng {
	/** @param {number} seed @param {string} [stream] */
	constructor(seed, stream = '') {
		this.next = mulberry32((seed ^ hash32(stream)) >>> 0);
	}
	/** integer in [min, max] inclusive */
	int(min, max) {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	/** @template T @param {T[]} arr @returns {T} */
	pick(arr) {
		return arr[Math.floor(this.next() * arr.length)];
	}
	/** true with probability p */
	chance(p) {
		return this.next() < p;
	}
	/** n lowercase hex characters */
	hex(n) {
		let s = '';
		for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
		return s;
	}
	/** uuid-looking deterministic id */
	uuid() {
		const variant = '89ab'[Math.floor(this.next() * 4)];
		return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
	}
	/** n alphanumeric characters */
	alnum(n) {
		const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
		let s = '';
		for (let i = 0; i < n; i++) s += chars[Math.floor(this.next() * chars.length)];
		return s;
	}
}

module.exports = { mulberry32, hash32, Rng };
