import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { TransportError, type HttpAnswer } from './http';

/**
 * The one call into n8n's HTTP helpers: JSON pages, file downloads and writes all leave here, and
 * whatever n8n throws comes back as a TransportError.
 */

export type ZoomContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What to send: JSON (a page, a write) or a download (a stream, redirects left to the caller). */
export interface HttpCall {
	method?: IHttpRequestOptions['method'];
	url: string;
	qs?: IHttpRequestOptions['qs'];
	/** A JSON body. */
	body?: Record<string, unknown>;
	/** A body already encoded (a multipart upload): sent as is, redirects left to the caller. */
	raw?: { data: Uint8Array; contentType: string };
	download?: boolean;
}

/**
 * `withToken`: through httpRequestWithAuthentication, which adds the credential's token (else the
 * plain helper). `refreshing`: the throwing path, on which n8n refreshes the token after a 401;
 * otherwise every status comes back as an answer (to read Retry-After and X-RateLimit-Type, which
 * n8n 1.x drops from thrown errors).
 */
export interface HowToSend {
	withToken: boolean;
	refreshing: boolean;
}

function requestOptions(call: HttpCall, refreshing: boolean, timeout: number): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: call.method ?? 'GET',
		url: call.url,
		returnFullResponse: true,
		ignoreHttpStatusErrors: !refreshing,
		timeout,
	};
	if (call.download) {
		// Never followed by the helper: it would carry the token on to another origin.
		return { ...options, encoding: 'stream', disableFollowRedirect: true };
	}
	if (call.raw) {
		// Never followed by the helper: the token goes only where transport/index.ts allows.
		return {
			...options,
			qs: call.qs,
			body: Buffer.from(call.raw.data.buffer, call.raw.data.byteOffset, call.raw.data.byteLength),
			headers: { 'Content-Type': call.raw.contentType },
			disableFollowRedirect: true,
		};
	}
	return { ...options, qs: call.qs, json: true, ...(call.body !== undefined ? { body: call.body } : {}) };
}

/** Sends one request through n8n, never throwing anything but a TransportError. */
export function n8nSender(ctx: ZoomContext, credentialType: string, timeoutMs: number) {
	return async (call: HttpCall, how: HowToSend): Promise<HttpAnswer> => {
		const options = requestOptions(call, how.refreshing, timeoutMs);
		try {
			const response = (how.withToken
				? await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)
				: await ctx.helpers.httpRequest(options)) as { statusCode: number; headers?: HttpAnswer['headers']; body: unknown };
			if (!call.download && brokeOff(response.statusCode, response.body)) {
				throw new TransportError('the answer broke off before its end (aborted)', { networkCode: 'ECONNRESET' });
			}
			return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			throw toTransportError(error);
		}
	};
}

/**
 * A 2xx answer whose body never ended: axios rejects with "stream has been aborted" and the
 * answer attached, which n8n's helper (ignoring status errors) returns as an answer without a body.
 * Every 2xx JSON answer but 204 has a body (an empty one is ''), so a missing one broke off.
 */
function brokeOff(status: number, body: unknown): boolean {
	return status >= 200 && status < 300 && status !== 204 && body === undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/**
 * Turns what n8n's request helper threw into a TransportError. n8n 2.x keeps the axios response
 * (status, headers, body); 1.x wraps it in a NodeApiError with the status in `httpCode` and the
 * body in `context.data` only. A dropped connection arrives with `httpCode` "ECONNRESET".
 */
export function toTransportError(error: unknown): TransportError {
	if (error instanceof TransportError) return error;
	const err = asRecord(error) ?? {};
	const cause = asRecord(err.cause);
	const response = asRecord(err.response) ?? asRecord(cause?.response);
	const context = asRecord(err.context);
	const httpCode = typeof err.httpCode === 'string' ? err.httpCode : undefined;
	// axios: a body that broke off after the headers ("stream has been aborted"), the answer attached.
	if ([err.code, cause?.code].includes('ERR_BAD_RESPONSE') && [err.message, cause?.message].some((m) => typeof m === 'string' && m.includes('aborted'))) {
		return new TransportError('the answer broke off before its end (stream has been aborted)', { networkCode: 'ECONNRESET' });
	}
	const statusFromCode = httpCode && /^\d{3}$/.test(httpCode) ? Number(httpCode) : undefined;
	const status =
		(typeof response?.status === 'number' ? response.status : undefined) ??
		statusFromCode ??
		(typeof err.statusCode === 'number' ? err.statusCode : undefined);
	const networkCode =
		status === undefined
			? [httpCode, err.code, cause?.code].find((c): c is string => typeof c === 'string' && c !== '')
			: undefined;
	// For a failure below HTTP, n8n's message is a generic sentence ("The connection was aborted…");
	// the underlying one ("timeout of 30000ms exceeded", "socket hang up") says what happened.
	const underlying = [cause?.message, ...(Array.isArray(err.messages) ? err.messages : [])].find(
		(m): m is string => typeof m === 'string' && m !== '',
	);
	const message =
		status === undefined && networkCode !== undefined && underlying !== undefined
			? underlying
			: error instanceof Error
				? error.message
				: String(error);
	return new TransportError(message, {
		status,
		networkCode,
		headers: (asRecord(response?.headers) as HttpAnswer['headers']) ?? {},
		body: response?.data ?? context?.data ?? (status !== undefined ? err.description : undefined),
	});
}

