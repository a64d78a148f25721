'use strict';
/** Small helpers shared by the simulator's modules: the error answer, URL decoding, random strings, clocks. */
const crypto = require('node:crypto');

const JSON_CT = 'application/json;charset=UTF-8';
const HUGE_PAGE_COUNT = 10000;

/** An error answer: the simulator sends `body` with `status` (see ZoomSimulator#_onRequest). */
class ApiError extends Error {
	/** @param {number} status @param {any} body @param {Record<string,string>} [headers] */
	constructor(status, body, headers) {
		super(typeof body === 'object' ? body.message || body.reason : String(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

const invalidParam = (name) => new ApiError(400, { code: 300, message: `Invalid parameter: ${name}.` });

function safeDecode(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

/** Random alphanumeric string (page tokens, codes). */
function randomAlnum(n) {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(n);
	let s = '';
	for (let i = 0; i < n; i++) s += chars[bytes[i] % 62];
	return s;
}

/** @param {unknown} v @returns {number} epoch ms */
function toMs(v) {
	if (v instanceof Date) return v.getTime();
	if (typeof v === 'number') return v;
	if (v && typeof v === 'object' && typeof (/** @type {any} */ (v).toMillis) === 'function') return /** @type {any} */ (v).toMillis();
	if (typeof v === 'string') {
		const ms = Date.parse(v);
		if (!Number.isNaN(ms)) return ms;
	}
	throw new Error(`Not a date/time: ${String(v)}`);
}

module.exports = { JSON_CT, HUGE_PAGE_COUNT, ApiError, invalidParam, safeDecode, randomAlnum, toMs };
