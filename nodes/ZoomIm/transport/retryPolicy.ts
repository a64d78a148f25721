/**
 * What to do with one answer from Zoom, and how long to wait before trying again. Pure functions:
 * the request loop in zoomClient.ts applies them.
 */

export type HttpHeaders = Record<string, string | string[] | undefined>;

export type Verdict =
	| { action: 'ok' }
	| { action: 'retry'; reason: string; retryAfterMs?: number }
	| { action: 'refreshAuth' }
	| { action: 'dailyLimit'; resetsAt?: string }
	| { action: 'pageTokenRejected' }
	| { action: 'fail' };

export function headerValue(headers: HttpHeaders | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/**
 * `Retry-After` is either delta-seconds or an HTTP date. Returns milliseconds to wait, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/**
 * When a daily limit lifts, as an ISO UTC instant. Zoom says it in `Retry-After`, as a date-time
 * (it sends no X-RateLimit-Reset); delta-seconds are understood too. Undefined when unreadable.
 */
export function dailyLimitResetsAt(retryAfter: string | undefined, nowMs: number): string | undefined {
	const text = retryAfter?.trim();
	if (!text) return undefined;
	const ms = /^\d+(\.\d+)?$/.test(text) ? nowMs + Number(text) * 1000 : Date.parse(text);
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace('.000Z', 'Z');
}

const DAILY_LIMIT_TEXT = /daily (rate )?limit/i;
const PAGE_TOKEN_TEXT = /next[_ ]page[_ ]token|page token/i;

/**
 * Classifies an HTTP answer. `hadPageToken` tells whether the request carried a
 * next_page_token: only then can a 400 code 300 mean "your page token expired".
 */
export function classifyResponse(
	status: number,
	headers: HttpHeaders | undefined,
	zoomError: { code?: number; message?: string },
	hadPageToken: boolean,
	nowMs: number,
): Verdict {
	if (status >= 200 && status < 300) return { action: 'ok' };
	if (status === 401) return { action: 'refreshAuth' };
	if (status === 429) {
		const type = headerValue(headers, 'x-ratelimit-type');
		// n8n 1.x drops response headers on errors: Zoom's body text is the fallback signal.
		const daily =
			(type !== undefined && /daily/i.test(type)) ||
			(type === undefined && DAILY_LIMIT_TEXT.test(zoomError.message ?? ''));
		if (daily) {
			return { action: 'dailyLimit', resetsAt: dailyLimitResetsAt(headerValue(headers, 'retry-after'), nowMs) };
		}
		return {
			action: 'retry',
			reason: 'rate limited (429)',
			retryAfterMs: parseRetryAfter(headerValue(headers, 'retry-after'), nowMs),
		};
	}
	if (status === 500 || status === 502 || status === 503 || status === 504) {
		return {
			action: 'retry',
			reason: `server error (${status})`,
			retryAfterMs: parseRetryAfter(headerValue(headers, 'retry-after'), nowMs),
		};
	}
	if (
		status === 400 &&
		hadPageToken &&
		(zoomError.code === 300 || zoomError.code === undefined) &&
		PAGE_TOKEN_TEXT.test(zoomError.message ?? '')
	) {
		return { action: 'pageTokenRejected' };
	}
	return { action: 'fail' };
}

/** Error codes of failures below HTTP that are worth another try. */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
]);

export function isTransientNetworkCode(code: string | undefined): boolean {
	return code !== undefined && TRANSIENT_NETWORK_CODES.has(code.toUpperCase());
}

/**
 * Failures that happen before a request leaves (no connection was made: refused, unreachable, a
 * DNS lookup that failed for now). Zoom cannot have acted on such a request, so even one that must
 * not be carried out twice may be sent again. A reset or a timeout may come after Zoom acted.
 */
const BEFORE_SENDING_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export function isFailureBeforeSending(code: string | undefined): boolean {
	return code !== undefined && BEFORE_SENDING_CODES.has(code.toUpperCase());
}

export interface BackoffSettings {
	/** Delay before the first retry, in ms; doubles each time. */
	baseDelayMs: number;
	/** Upper bound for one wait, in ms (also caps Retry-After). */
	maxDelayMs: number;
}

/**
 * Capped exponential backoff with "full jitter" between half and all of the step, so that
 * parallel windows do not retry in lock-step. A Retry-After from Zoom wins when present.
 */
export function retryDelayMs(
	retryNumber: number,
	settings: BackoffSettings,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, settings.maxDelayMs);
	const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
	return Math.round(step / 2 + random() * (step / 2));
}
