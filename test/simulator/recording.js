'use strict';
/** The record of each request (sim.requests), made when it arrives. Methods of ZoomSimulator. */
const { safeDecode } = require('./common');

class RecordingMethods {
	/**
	 * Records an arriving request (its body is added once read) and routes it.
	 * @returns {{rec: any, route: {kind:string, region:'global'|'eu', api:boolean, params?:any}}}
	 */
	_record(req) {
		const rawUrl = req.url || '/';
		const qi = rawUrl.indexOf('?');
		const rawPath = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl;
		const search = qi >= 0 ? rawUrl.slice(qi + 1) : '';
		const query = Object.fromEntries(new URLSearchParams(search));
		const segs = rawPath.split('/').slice(1).map(safeDecode);
		const route = this._route(req.method || 'GET', segs);
		const rec = {
			index: this._requestCounter++,
			method: req.method || 'GET',
			url: rawUrl,
			path: safeDecode(rawPath),
			rawPath,
			query,
			headers: { ...req.headers },
			region: route.region,
			kind: route.kind,
			status: undefined,
			faulted: undefined,
			startedAt: Date.now(),
			endedAt: undefined,
			body: undefined,
		};
		this.requests.push(rec);
		return { rec, route };
	}

	clearRequests() {
		this.requests.length = 0;
	}
}

module.exports = { RecordingMethods };
