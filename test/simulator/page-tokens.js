'use strict';
/** Pagination: page tokens and the page they lead to. Methods of ZoomSimulator. */
const { ApiError, HUGE_PAGE_COUNT, randomAlnum } = require('./common');

class PageTokenMethods {
	/**
	 * Resolve the page for an ordered list.
	 * Page tokens are random, bound to `binding`, reusable until they expire. A token remembers the
	 * key of the last item it follows; the next page starts right after that item in the current
	 * list (or at the remembered offset if the item is gone).
	 */
	_page(list, keyOf, binding, pageSize, rec, fault) {
		const tok = rec.query.next_page_token;
		let start = 0;
		if (tok) {
			if (fault && fault.type === 'expirePageToken') {
				const t = this._pageTokens.get(tok);
				if (t) t.expired = true;
				throw new ApiError(400, { code: 300, message: 'The next page token is invalid or expired.' });
			}
			const t = this._pageTokens.get(tok);
			if (!t || t.binding !== binding) throw new ApiError(400, { code: 300, message: 'Invalid next_page_token.' });
			if (t.expired || this._nowMs() - t.createdAt > this.options.pageTokenTtlMs) {
				throw new ApiError(400, { code: 300, message: 'The next page token is invalid or expired.' });
			}
			start = t.offset;
			if (t.lastKey !== undefined) {
				const idx = list.findIndex((x) => keyOf(x) === t.lastKey);
				if (idx >= 0) start = idx + 1;
			}
		}
		const huge = fault && fault.type === 'hugePage';
		const size = huge ? fault.count || HUGE_PAGE_COUNT : pageSize;
		const items = list.slice(start, start + size);
		const end = start + items.length;
		let next = '';
		if (!huge && (end < list.length || (this.options.trailingEmptyPage && items.length > 0 && end === list.length && items.length === size))) {
			next = this._newPageToken(binding, end, items.length ? keyOf(items[items.length - 1]) : undefined);
		}
		if (huge && end < list.length) next = this._newPageToken(binding, end, items.length ? keyOf(items[items.length - 1]) : undefined);
		if (fault && fault.type === 'repeatToken') {
			next = tok || this._newPageToken(binding, start, start > 0 ? keyOf(list[start - 1]) : undefined);
		}
		return { items, next, start };
	}

	_newPageToken(binding, offset, lastKey) {
		const token = randomAlnum(35);
		this._pageTokens.set(token, { binding, offset, lastKey, createdAt: this._nowMs(), expired: false });
		return token;
	}
}

module.exports = { PageTokenMethods };
