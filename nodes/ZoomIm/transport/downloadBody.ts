import { sleep } from 'n8n-workflow';

import { TransportError } from './http';

/**
 * A download's body on its way to n8n's binary data, guarded (issue #20):
 * - the bytes are counted as they arrive, after decompression (n8n's helper inflates gzip, deflate
 *   and brotli before the node sees a byte), and the stream is stopped at Max File Size;
 * - Request Timeout applies between chunks: a body that stalls is destroyed with ETIMEDOUT;
 * - how it ended (cut off, stalled, too large) is kept, so the attempt can be retried or the file skipped.
 * The body n8n hands over is a Node.js Readable; its `map` operator, applied to the guarded
 * chunks, makes the Readable n8n's helpers take (shipped code may not import `stream`).
 */

/**
 * The idle watch wakes at least this often, so that it ends soon after the body does (n8n 2.x's
 * n8n-workflow has no sleep that can be cancelled, and shipped code may not use timers itself).
 */
const WATCH_TICK_MS = 500;

/** The body grew past Max File Size. */
export class FileTooLarge extends Error {
	constructor(readonly maxBytes: number) {
		super(`larger than ${maxBytes} bytes`);
		this.name = 'FileTooLarge';
	}
}

interface ReadableLike {
	map(fn: (chunk: unknown) => unknown, options?: { concurrency?: number }): unknown;
	destroy(error?: Error): void;
	on(event: string, listener: (arg?: unknown) => void): unknown;
}

function isReadableLike(body: unknown): body is ReadableLike {
	const b = body as Partial<ReadableLike> | null;
	return !!b && typeof b.map === 'function' && typeof b.destroy === 'function' && typeof b.on === 'function' && Symbol.asyncIterator in b;
}

function byteLength(chunk: unknown): number {
	if (typeof chunk === 'string') return new TextEncoder().encode(chunk).length;
	return (chunk as { byteLength?: number } | null)?.byteLength ?? 0;
}

export interface BodyLimits {
	/** Most bytes to accept (0: no cap). */
	maxBytes: number;
	/** Longest wait for the next chunk, in ms. */
	idleMs: number;
	now?: () => number;
}

export interface GuardedBody {
	/** What to hand to n8n's binary data helper. */
	body: unknown;
	/** Why the body failed, when the guard or the network ended it (undefined otherwise). */
	failure(): unknown;
	/** Stops the idle watch (the body was consumed or given up). */
	done(): void;
}

/**
 * Rejects once no chunk has come for `idleMs` (by `lastChunkAt`), checking at least every
 * WATCH_TICK_MS; resolves once `finished()` says the body is done.
 */
async function idleWatch(idleMs: number, now: () => number, lastChunkAt: () => number, finished: () => boolean): Promise<void> {
	let wait = idleMs;
	for (;;) {
		await sleep(Math.min(wait, WATCH_TICK_MS));
		if (finished()) return;
		const idle = now() - lastChunkAt();
		if (idle >= idleMs) throw new TransportError(`no data for ${idleMs} ms while reading the file`, { networkCode: 'ETIMEDOUT' });
		wait = idleMs - idle;
	}
}

/** Wraps a download body in the size cap and the idle timeout. */
export function guardBody(body: unknown, limits: BodyLimits): GuardedBody {
	if (!isReadableLike(body)) {
		// A body already in memory (never from n8n's stream helper): only the cap applies.
		const size = byteLength(body);
		const failure = limits.maxBytes > 0 && size > limits.maxBytes ? new FileTooLarge(limits.maxBytes) : undefined;
		return { body, failure: () => failure, done: () => undefined };
	}
	// The monotonic clock: the wall clock may jump.
	const now = limits.now ?? (() => performance.now());
	let failure: unknown;
	let finished = false;
	let lastChunkAt = now();
	// Kept for good: a destroyed stream may report its error late, and an unheard one would crash n8n.
	body.on('error', (error) => {
		failure ??= error;
	});
	const stalled = idleWatch(limits.idleMs, now, () => lastChunkAt, () => finished);
	stalled.catch(() => undefined);
	const fail = (error: unknown) => {
		failure ??= error;
		return error;
	};
	async function* guarded(): AsyncGenerator<unknown> {
		const chunks = (body as AsyncIterable<unknown>)[Symbol.asyncIterator]();
		let received = 0;
		try {
			for (;;) {
				const next = chunks.next();
				next.catch(() => undefined);
				// A stall ends the read here at once: the source may take its time to close.
				const chunk = await Promise.race([next, stalled.then(() => next)]).catch((error: unknown) => Promise.reject(fail(error)));
				if (chunk.done) return;
				lastChunkAt = now();
				received += byteLength(chunk.value);
				if (limits.maxBytes > 0 && received > limits.maxBytes) throw fail(new FileTooLarge(limits.maxBytes));
				yield chunk.value;
			}
		} finally {
			finished = true;
			(body as ReadableLike).destroy();
		}
	}
	// The body's own stream operator makes a Node.js Readable of the guarded chunks (what n8n's
	// binary data helpers take), without importing `stream`.
	const asReadable = (body as ReadableLike).map as (this: AsyncIterable<unknown>, fn: (chunk: unknown) => unknown, options: { concurrency: number }) => unknown;
	return {
		body: asReadable.call(guarded(), (chunk) => chunk, { concurrency: 1 }),
		failure: () => failure,
		done: () => {
			finished = true;
		},
	};
}

/** How a failed body read counts: too large, a network failure worth another try, or something else. */
export function bodyFailure(guard: GuardedBody, caught: unknown): { tooLarge: true } | { network: TransportError } | undefined {
	const reason = guard.failure();
	if (reason instanceof FileTooLarge || caught instanceof FileTooLarge) return { tooLarge: true };
	if (reason === undefined) return undefined;
	if (reason instanceof TransportError && reason.details.networkCode) return { network: reason };
	const code = (reason as { code?: unknown } | null)?.code;
	if (typeof code === 'string' && code !== '') {
		const message = reason instanceof Error ? reason.message : String(reason);
		return { network: new TransportError(`the file broke off while it was read (${message})`, { networkCode: code }) };
	}
	return undefined;
}
