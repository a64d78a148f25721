'use strict';
/**
 * Faults: scripted (addFault) and hooked (setFaultHook) misbehaviour, which requests they apply
 * to, and the answers of the faults that replace the normal answer. Methods of ZoomSimulator.
 */
const LIST_KINDS = new Set(['imSessions', 'imMessages', 'channels', 'teamMessages', 'teamSessions', 'reportSessions', 'reportMessages']);
const MESSAGE_KINDS = new Set(['imMessages', 'teamMessages']);
/** Faults that change a normal answer (they only apply to requests that would otherwise succeed). */
const MODIFIER_FAULTS = new Set(['expirePageToken', 'missingMessages', 'repeatToken', 'hugePage']);
/** Faults that send a 2xx answer's headers and then break its body (http.js, _sendBodyFault). */
const BODY_FAULTS = new Set(['cutBody', 'stallBody', 'gzipBomb']);
/** Faults that let the request take effect and then lose its answer (http.js, _processThenLose): for exactly-once tests of writes. */
const PROCESSED_FAULTS = new Set(['processedThenReset', 'processedThenHang', 'processedThenError']);
const FAULT_TYPES = new Set([
	...BODY_FAULTS,
	...PROCESSED_FAULTS,
	'http',
	'rateLimit',
	'serverError',
	'reset',
	'hang',
	'expireAccessToken',
	'expirePageToken',
	'nonJson',
	'missingMessages',
	'repeatToken',
	'hugePage',
	'echoAuth',
	'latency',
]);

class FaultMethods {
	setLatency(ms) {
		this.options.latencyMs = ms;
	}

	/** @param {any} fault */
	addFault(fault) {
		if (!fault || !FAULT_TYPES.has(fault.type)) throw new Error(`Unknown fault type: ${fault && fault.type}`);
		const f = { match: {}, times: 1, after: 0, ...fault, seen: 0, applied: 0 };
		this._faults.push(f);
		return f;
	}

	setFaultHook(hook) {
		this._faultHook = hook;
	}

	clearFaults() {
		this._faults = [];
		this._faultHook = undefined;
	}

	/** Implicit conditions: a fault only applies to requests where it makes sense. */
	_faultApplicable(fault, rec) {
		if (!fault || !FAULT_TYPES.has(fault.type)) return false;
		if (!MODIFIER_FAULTS.has(fault.type)) return true;
		if (this._checkAuth(rec.headers) !== 'ok') return false;
		switch (fault.type) {
			case 'expirePageToken':
				return LIST_KINDS.has(rec.kind) && !!rec.query.next_page_token;
			case 'hugePage':
				return MESSAGE_KINDS.has(rec.kind);
			default:
				return LIST_KINDS.has(rec.kind);
		}
	}

	_matches(match, rec) {
		if (!match) return true;
		if (match.kind !== undefined) {
			const kinds = Array.isArray(match.kind) ? match.kind : [match.kind];
			if (!kinds.includes(rec.kind)) return false;
		}
		if (match.method !== undefined && String(match.method).toUpperCase() !== rec.method) return false;
		if (match.region !== undefined && match.region !== rec.region) return false;
		if (match.pathIncludes !== undefined && !rec.path.includes(match.pathIncludes) && !rec.rawPath.includes(match.pathIncludes)) return false;
		if (typeof match.when === 'function' && !match.when(rec)) return false;
		return true;
	}

	_selectFault(rec) {
		for (const f of this._faults) {
			if (f.applied >= f.times) continue;
			if (!this._matches(f.match, rec) || !this._faultApplicable(f, rec)) continue;
			f.seen++;
			if (f.seen <= f.after) continue;
			f.applied++;
			return f;
		}
		if (this._faultHook) {
			const f = this._faultHook(rec, rec.index);
			if (f && this._faultApplicable(f, rec)) return f;
		}
		return undefined;
	}

	/** Answers faults that replace the normal answer. @returns {boolean} true if answered */
	_answerFault(fault, rec, req, res) {
		switch (fault.type) {
			case 'http': {
				const status = fault.status || 500;
				this._send(res, rec, status, fault.body !== undefined ? fault.body : { code: status, message: 'Simulated error' }, fault.headers || {});
				return true;
			}
			case 'rateLimit':
				this._sendRateLimit(fault, rec, res);
				return true;
			case 'serverError': {
				const status = fault.status || 500;
				const format = fault.format || (status === 500 ? 'json' : 'html');
				if (fault.body !== undefined) this._send(res, rec, status, fault.body, fault.headers || {});
				else if (format === 'json') this._send(res, rec, status, { code: status, message: 'Internal Server Error' }, fault.headers || {});
				else {
					const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Time-out' }[status] || 'Error';
					this._send(res, rec, status, `<html><head><title>${status} ${text}</title></head><body><center><h1>${status} ${text}</h1></center></body></html>`, {
						'content-type': 'text/html',
						...(fault.headers || {}),
					});
				}
				return true;
			}
			case 'reset':
				this._dropSocket(rec, req);
				return true;
			case 'hang': {
				const t = setTimeout(() => {
					this._timers.delete(t);
					this._dropSocket(rec, req);
				}, fault.ms !== undefined ? fault.ms : 60000);
				this._timers.add(t);
				return true;
			}
			case 'nonJson':
				this._send(res, rec, fault.status || 200, '<html>gateway</html>', { 'content-type': 'text/html' });
				return true;
			case 'echoAuth':
				this._send(res, rec, 400, { code: 300, message: `Bad request: Authorization: ${rec.headers.authorization === undefined ? '' : rec.headers.authorization}` });
				return true;
			case 'expireAccessToken':
				this.expireAccessTokens();
				return false;
			default:
				return false;
		}
	}
}

module.exports = { FaultMethods, BODY_FAULTS, PROCESSED_FAULTS };
