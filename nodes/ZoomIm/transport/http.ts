import { headerValue, type HttpHeaders } from './retryPolicy';

/** What every request to Zoom comes back with, whatever it asked for (JSON, a file, a write). */

export interface HttpAnswer {
	status: number;
	headers: HttpHeaders;
	body: unknown;
}

/**
 * What a transport throws: either an HTTP answer it could not return normally (status set), or
 * a failure below HTTP (networkCode set, e.g. ECONNRESET).
 */
export class TransportError extends Error {
	constructor(
		message: string,
		readonly details: { status?: number; headers?: HttpHeaders; body?: unknown; networkCode?: string },
	) {
		super(message);
		this.name = 'TransportError';
	}
}

/** An HTTP answer hidden in what a send threw (n8n's refresh path throws on non-2xx), if any. */
export function answerInThrown(thrown: unknown): HttpAnswer | undefined {
	const details = thrown instanceof TransportError ? thrown.details : undefined;
	if (details?.status === undefined) return undefined;
	return { status: details.status, headers: details.headers ?? {}, body: details.body };
}

/** Where a redirect answer (301, 302, 303, 307, 308) sends the request, if it names a place. */
export function redirectLocation(answer: Pick<HttpAnswer, 'status' | 'headers'>): string | undefined {
	const redirect = [301, 302, 303, 307, 308].includes(answer.status);
	return redirect ? headerValue(answer.headers, 'location') || undefined : undefined;
}

/** The network code of a failure below HTTP (ECONNRESET, ETIMEDOUT …), if it has one. */
export function networkCodeOf(thrown: unknown): string | undefined {
	return thrown instanceof TransportError ? thrown.details.networkCode : undefined;
}
