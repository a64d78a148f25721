import { PageTokenRejectedError, ZoomError } from '../transport/errors';
import { WorkPool } from './workPool';

export interface Page<T> {
	messages: T[];
	/** Empty when this was the last page. */
	nextPageToken: string;
}

export interface ReadWindowOptions<T> {
	/** Fetches one page of the window; `pageToken` undefined means the first page. */
	fetchPage(pageToken: string | undefined): Promise<Page<T>>;
	/** Stop once this many messages are collected (undefined: read to the end). */
	limit?: number;
	/** Identifies a message for the replay check after a restart (id, or the whole object). */
	fingerprint(message: T): string;
	/** How often an expired page token may restart the window before giving up. */
	maxRestarts?: number;
	/** Names the window in error messages, e.g. "2026-01-01 to 2026-01-31". */
	label: string;
	/** The window's first page when it was fetched already (it is not asked for again). */
	firstPage?: Page<T>;
}

/**
 * The most pages in a row without a message that one window may return before it is given up.
 * Zoom does not say that only a last page can be empty, so a few empty pages are read on (a page
 * whose messages were all filtered out, say); a server that hands out ever-new page tokens with
 * nothing on them would otherwise be read forever, which the repeated-token check cannot see.
 */
export const MAX_EMPTY_PAGES_IN_A_ROW = 25;

/**
 * Reads one date window page by page, following `next_page_token` until Zoom returns an empty one
 * or `limit` is reached, and never asks for a page it does not need.
 *
 * Page tokens expire after 15 minutes. When Zoom rejects one mid-window, the window is read again
 * from its first page: the messages already collected are compared, in order, with the ones
 * served again and skipped, and reading goes on after them. If they differ, the window changed
 * underneath and an error says so: emitting a guess could lose or duplicate messages.
 */
export async function readWindow<T>(options: ReadWindowOptions<T>): Promise<T[]> {
	const { fetchPage, label } = options;
	const maxRestarts = options.maxRestarts ?? 3;
	const state: WindowState<T> = { collected: [], replayIndex: 0 };
	let restarts = 0;
	let pageToken: string | undefined;
	const tokensSeen = new Set<string>();
	let fetched = options.firstPage;
	let emptyInARow = 0;

	for (;;) {
		// Only an expired page token is handled here; anything else propagates as it is.
		const page =
			fetched ??
			(await fetchPage(pageToken).catch((error: unknown) => {
				if (error instanceof PageTokenRejectedError && pageToken !== undefined) return error;
				throw error;
			}));
		fetched = undefined;
		if (page instanceof PageTokenRejectedError) {
			if (restarts >= maxRestarts) {
				throw new ZoomError(`Zoom kept rejecting page tokens for ${label}`, {
					kind: 'invalidResponse',
					zoomMessage: page.zoomMessage,
					description: `The window was restarted ${restarts} times. Lower the range or try again later.`,
				});
			}
			restarts++;
			state.replayIndex = 0;
			pageToken = undefined;
			tokensSeen.clear();
			emptyInARow = 0;
			continue;
		}
		if (takePage(state, page.messages, options)) return state.collected;

		const next = page.nextPageToken;
		if (!next) {
			if (state.replayIndex < state.collected.length) throw contentChanged(label, FEWER_ON_REPLAY);
			return state.collected;
		}
		emptyInARow = page.messages.length === 0 ? emptyInARow + 1 : 0;
		if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
			throw new ZoomError(`Zoom returned ${emptyInARow} pages in a row without messages for ${label}, each with a new next_page_token`, {
				kind: 'invalidResponse',
				description: 'Stopped rather than read on forever. Nothing was emitted for this item. This is a problem on Zoom’s side; try again later.',
			});
		}
		if (tokensSeen.has(next) || next === pageToken) {
			throw new ZoomError(`Zoom returned the same next_page_token twice for ${label}`, {
				kind: 'invalidResponse',
				description: 'Stopped to avoid an endless loop. This is a problem on Zoom’s side; try again later.',
			});
		}
		tokensSeen.add(next);
		pageToken = next;
	}
}

/**
 * What one window has read: the messages collected, and while a restarted window is read again,
 * how many of them were served again (`replayIndex` < `collected.length`).
 */
interface WindowState<T> {
	collected: T[];
	replayIndex: number;
}

const DIFFERENT_ON_REPLAY =
	'A page token expired and the window was read again from its start, but Zoom served different messages than before. Nothing was emitted for this item; run it again.';
const FEWER_ON_REPLAY =
	'After a page token expired, the window was read again and now holds fewer messages than before. Nothing was emitted for this item; run it again.';

function contentChanged(label: string, description: string): ZoomError {
	return new ZoomError(`The messages of ${label} changed while they were being read`, { kind: 'contentChanged', description });
}

/**
 * Adds a page's messages to the window: messages served again after a restart are checked against
 * the ones collected before and skipped. True once the limit is reached.
 */
function takePage<T>(state: WindowState<T>, messages: T[], { fingerprint, limit, label }: ReadWindowOptions<T>): boolean {
	const { collected } = state;
	for (const message of messages) {
		if (state.replayIndex < collected.length) {
			if (fingerprint(message) !== fingerprint(collected[state.replayIndex])) {
				throw contentChanged(label, DIFFERENT_ON_REPLAY);
			}
			state.replayIndex++;
			continue;
		}
		collected.push(message);
		state.replayIndex = collected.length;
		if (limit !== undefined && collected.length >= limit) return true;
	}
	return false;
}

/**
 * Runs one reader per window and returns their results in window order.
 * - With a limit, windows are read one after another and reading stops once the limit is met
 *   (each window is asked only for what is still missing).
 * - Without one, up to `concurrency` windows are read at a time (see WorkPool); the first failure
 *   stops new windows from starting and is rethrown once the running ones have ended.
 */
export async function readWindows<W, T>(
	windows: readonly W[],
	readOne: (window: W, remaining: number | undefined) => Promise<T[]>,
	options: { limit?: number; concurrency: number | (() => number) },
): Promise<T[][]> {
	if (options.limit !== undefined) {
		const results: T[][] = [];
		let remaining = options.limit;
		for (const window of windows) {
			const messages = remaining > 0 ? await readOne(window, remaining) : [];
			results.push(messages);
			remaining -= messages.length;
		}
		return results;
	}
	const { concurrency } = options;
	const pool = new WorkPool(typeof concurrency === 'function' ? concurrency : () => concurrency);
	return await allOrFirstFailure(
		pool,
		windows.map(async (window) => await pool.run(async () => await readOne(window, undefined))),
	);
}

/** Every promise's value; or, once the pool's running tasks have ended, the first failure. */
export async function allOrFirstFailure<T>(pool: WorkPool, promises: Array<Promise<T>>): Promise<T[]> {
	const settled = await Promise.allSettled(promises);
	const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
	if (!rejected) return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
	await pool.idle();
	throw pool.firstFailure()?.reason ?? rejected.reason;
}
