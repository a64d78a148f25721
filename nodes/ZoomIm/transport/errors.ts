/**
 * Errors raised by the Zoom client code (and the base of the parameter checks' errors). They are plain Errors so that the
 * pure modules can be tested without n8n; nodeErrors.ts turns them into NodeApiError /
 * NodeOperationError.
 */

export type ZoomErrorKind =
	/** Zoom answered with an error that waiting cannot fix (4xx other than the ones below). */
	| 'zoom'
	/** 429 with X-RateLimit-Type: Daily-limit. */
	| 'dailyLimit'
	/** 401 that survived a credential refresh: the user must reconnect. */
	| 'unauthorized'
	/** Retries exhausted on 429 / 5xx / network failures. */
	| 'retriesExhausted'
	/** Zoom's answer broke the protocol (not JSON, no messages, looping page token, oversized page). */
	| 'invalidResponse'
	/** After an expired page token, the window's first pages no longer match what was emitted. */
	| 'contentChanged';

export interface ZoomErrorDetails {
	kind: ZoomErrorKind;
	/** HTTP status of the last answer, when there was one. */
	httpStatus?: number;
	/** Zoom's numeric `code` from the error body. */
	zoomCode?: number;
	/** Zoom's `message` from the error body. */
	zoomMessage?: string;
	/** A sentence for the user about what to do. */
	description?: string;
	/** Requests made for this call, including the failing one. */
	attempts?: number;
}

export class ZoomError extends Error {
	readonly kind: ZoomErrorKind;
	readonly httpStatus?: number;
	readonly zoomCode?: number;
	readonly zoomMessage?: string;
	readonly description?: string;
	readonly attempts?: number;
	/**
	 * A write that was not repeated because Zoom may have carried it out (a timeout, a reset after
	 * the request went out, a 5xx): the caller finds out (writing/sendOnce.ts).
	 */
	mayHaveSucceeded = false;

	constructor(message: string, details: ZoomErrorDetails) {
		super(message);
		this.name = 'ZoomError';
		this.kind = details.kind;
		this.httpStatus = details.httpStatus;
		this.zoomCode = details.zoomCode;
		this.zoomMessage = details.zoomMessage;
		this.description = details.description;
		this.attempts = details.attempts;
	}
}

/** Thrown when Zoom rejects a `next_page_token` (expired after 15 minutes, or unknown). */
export class PageTokenRejectedError extends Error {
	constructor(readonly zoomMessage: string) {
		super(`Zoom rejected the page token: ${zoomMessage}`);
		this.name = 'PageTokenRejectedError';
	}
}

/**
 * An error in what the user entered, not in anything Zoom said: n8n shows it as a
 * NodeOperationError. ParameterProblem (parameters/) names the field and the value.
 */
export class InputProblem extends Error {}

/** Zoom's error body is `{ code, message }`; the OAuth endpoints use `{ reason, error }`. */
export function readZoomErrorBody(body: unknown): { code?: number; message?: string } {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return {};
		}
	}
	if (typeof value !== 'object' || value === null) return {};
	const record = value as Record<string, unknown>;
	const code = typeof record.code === 'number' ? record.code : Number(record.code);
	const message =
		typeof record.message === 'string'
			? record.message
			: typeof record.reason === 'string'
				? record.reason
				: undefined;
	return { code: Number.isFinite(code) ? code : undefined, message };
}

const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
/**
 * HTTP Basic credentials (base64 of client id and secret), as a token endpoint may echo them:
 * 16 or more base64 characters with a digit among them, so that "basic information" stays.
 */
const BASIC = /(basic\s+)(?=[A-Za-z+/]*[0-9])[A-Za-z0-9+/]{16,}={0,2}/gi;
const TOKEN_FIELDS = /("?(?:access_token|refresh_token|client_secret|clientSecret|accessToken)"?\s*[:=]\s*"?)[^"&\s,}]+/gi;

/**
 * Removes credentials from text that may be shown to users. Zoom (or a proxy) can echo the
 * request back in an error body; the known secret values are removed as well as anything that
 * looks like a bearer token or a token field.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let result = text.replace(BEARER, '$1[redacted]').replace(BASIC, '$1[redacted]').replace(TOKEN_FIELDS, '$1[redacted]');
	for (const secret of secrets) {
		if (secret && secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	return result;
}
