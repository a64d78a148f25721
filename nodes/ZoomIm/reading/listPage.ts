import { ZoomError } from '../transport/errors';
import type { Page } from './windowReader';

/** One entry of a Zoom list (a session, a channel) as Zoom sent it. */
export type ZoomEntry = Record<string, unknown>;

/**
 * Checks one page of a Zoom list other than messages (`sessions`, `channels`): an array of
 * objects under `field`, no more of them than asked for, and a string (or absent)
 * `next_page_token`. An answer without the list is refused: taking it for "nothing there" could
 * silently drop a page.
 */
export function parseListPage(body: Record<string, unknown>, field: string, pageSize: number, what: string): Page<ZoomEntry> {
	const list = body[field];
	if (!Array.isArray(list)) {
		throw new ZoomError(`Zoom's answer for ${what} has no ${field} list`, {
			kind: 'invalidResponse',
			description: `Expected a "${field}" array; got keys: ${Object.keys(body).slice(0, 10).join(', ') || 'none'}.`,
		});
	}
	if (list.length > pageSize) {
		throw new ZoomError(`Zoom returned ${list.length} ${field} for ${what}, more than the page size of ${pageSize}`, {
			kind: 'invalidResponse',
			description: 'The answer does not follow the requested page size; stopped rather than trust it.',
		});
	}
	for (const entry of list) {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new ZoomError(`Zoom's answer for ${what} holds an entry that is not an object`, { kind: 'invalidResponse' });
		}
	}
	const token = body.next_page_token;
	if (token !== undefined && token !== null && typeof token !== 'string') {
		throw new ZoomError(`Zoom's answer for ${what} has a next_page_token that is not a string`, { kind: 'invalidResponse' });
	}
	return { messages: list as ZoomEntry[], nextPageToken: token ?? '' };
}

/** Keeps the first entry of each key, in order (a conversation listed in several month windows is one conversation). */
export function firstOfEachKey<T>(entries: readonly T[], keyOf: (entry: T) => string, seen: Set<string> = new Set()): T[] {
	const kept: T[] = [];
	for (const entry of entries) {
		const key = keyOf(entry);
		if (seen.has(key)) continue;
		seen.add(key);
		kept.push(entry);
	}
	return kept;
}
