import { sleep } from 'n8n-workflow';

import { TransportError } from './http';

/**
 * A download's body on its way to n8n's binary data, guarded (issue #20):
 * - the bytes are counted as they arrive, after decompression (n8n's helper inflates gzip, deflate
 *   and brotli before the node sees a byte), and the stream is stopped at Max File Size;
 * - Request Timeout applies between chunks: a body that stalls is destroyed with ETIMEDOUT;
 * - how it ended (cut off, stalled, too large) is kept, so the attempt can be retried or the file skipped.
 * The body n8n hands over is a Node.js Readable; its own `map` makes the counted Readable
 * (shipped code may not import `stream`).
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
	once(event: string, listener: (arg?: unknown) => void): unknown;
}

function isReadableLike(body: unknown): body is ReadableLike {
	const b = body as Partial<ReadableLike> | null;
	return !!b && typeof b.map === 'function' && typeof b.destroy === 'function' && typeof b.once === 'function';
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

/** Wraps a download body in the size cap and the idle timeout. */
export function guardBody(body: unknown, limits: BodyLimits): GuardedBody {
	if (!isReadableLike(body)) {
		// A body already in memory (never from n8n's stream helper): only the cap applies.
		const size = byteLength(body);
		const failure = limits.maxBytes > 0 && size > limits.maxBytes ? new FileTooLarge(limits.maxBytes) : undefined;
		return { body, failure: () => failure, done: () => undefined };
	}
	const now = limits.now ?? (() => Date.now());
	let failure: unknown;
	let received = 0;
	let lastChunkAt = now();
	let finished = false;
	const fail = (error: Error) => {
		failure ??= error;
		body.destroy(error);
	};
	body.once('error', (error) => {
		failure ??= error;
	});
	body.once('close', () => {
		finished = true;
	});
	const guarded = body.map(
		(chunk) => {
			lastChunkAt = now();
			received += byteLength(chunk);
			if (limits.maxBytes > 0 && received > limits.maxBytes) {
				const tooLarge = new FileTooLarge(limits.maxBytes);
				fail(tooLarge);
				throw tooLarge;
			}
			return chunk;
		},
		{ concurrency: 1 },
	);
	void (async () => {
		let wait = limits.idleMs;
		for (;;) {
			await sleep(Math.min(wait, WATCH_TICK_MS));
			if (finished) return;
			const idle = now() - lastChunkAt;
			if (idle >= limits.idleMs) {
				fail(new TransportError(`no data for ${limits.idleMs} ms while reading the file`, { networkCode: 'ETIMEDOUT' }));
				return;
			}
			wait = limits.idleMs - idle;
		}
	})();
	return {
		body: guarded,
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
