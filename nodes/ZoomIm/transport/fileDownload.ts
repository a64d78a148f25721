import { ZoomError, readZoomErrorBody, redactSecrets } from './errors';
import {
	classifyResponse,
	headerValue,
	isTransientNetworkCode,
	retryDelayMs,
	type BackoffSettings,
	type HttpHeaders,
} from './retryPolicy';
import { TransportError } from './zoomClient';

/**
 * Downloading one Team Chat file (its `download_url`) as a stream, with the rules Zoom sets and
 * the ones a token needs:
 * - the first request carries the credential's Bearer token (Zoom: "downloads need the Bearer
 *   token and may redirect");
 * - redirects are followed here, not by the HTTP helper: n8n's helper sends the Authorization
 *   header on to another origin, so a hop to another origin goes without the token, and every
 *   hop after it too;
 * - 429 / 5xx / dropped connections are retried from the download_url (a redirect target may be
 *   signed and short-lived) within Max Retries; a 401 gets one credential refresh;
 * - anything else is an error naming the file (never its URL, which may hold a signature).
 * Pure: the sending, sleeping and pacing are passed in.
 */

export interface FileHop {
	url: string;
	/** Send with the credential's token (only to the download_url's own origin). */
	withToken: boolean;
	/** Send through the credential's recovery path (n8n refreshes the token on 401). */
	refreshing: boolean;
}

export interface FileAnswer {
	status: number;
	headers: HttpHeaders;
	/** The body as a stream (or text/bytes for small answers). */
	body: unknown;
}

export interface FileDownloadDeps {
	/** Sends one hop, never following redirects; rejects with TransportError below HTTP. */
	send(hop: FileHop): Promise<FileAnswer>;
	sleep(ms: number): Promise<void>;
	/** Waits for the pace before a request to Zoom (hops with the token). */
	takeTurn(): Promise<void>;
	now?: () => number;
	random?: () => number;
}

export interface FileDownloadSettings {
	maxRetries: number;
	backoff: BackoffSettings;
	/** Values that must never appear in an error message. */
	secrets: readonly string[];
}

export interface DownloadedFile {
	/** The body stream, to hand to n8n's binary data helpers. */
	body: unknown;
	/** The Content-Type of the final answer, without parameters; undefined when absent. */
	contentType?: string;
	/** The Content-Length of the final answer, when given. */
	contentLength?: number;
}

export const MAX_REDIRECTS = 5;

/** Whether a redirect keeps the token: only to the same origin as the hop that had it. */
export function redirectHop(current: FileHop, location: string): FileHop {
	const next = new URL(location, current.url);
	const sameOrigin = next.origin === new URL(current.url).origin;
	return { url: next.href, withToken: current.withToken && sameOrigin, refreshing: false };
}

function isRedirect(status: number): boolean {
	return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function mediaType(headers: HttpHeaders): string | undefined {
	const value = headerValue(headers, 'content-type');
	const type = value?.split(';')[0].trim().toLowerCase();
	return type ? type : undefined;
}

/** Stops reading a body that is not wanted (a redirect's, or after an error was read). */
export function discardBody(body: unknown): void {
	const stream = body as { destroy?: () => void; resume?: () => void } | null;
	if (stream && typeof stream.destroy === 'function') stream.destroy();
}

/** The first 64 KB of an error answer's body as text (to read Zoom's `{code, message}`). */
async function readErrorText(body: unknown): Promise<string> {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
		const decoder = new TextDecoder();
		let text = '';
		try {
			for await (const chunk of body as AsyncIterable<unknown>) {
				text += typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
				if (text.length > 65536) break;
			}
		} catch {
			// The body broke off: what was read is all there is to show.
		} finally {
			discardBody(body);
		}
		return text;
	}
	return '';
}

/** A failure below HTTP that another try cannot fix (or a credential refresh that failed). */
function failedBelowHttp(what: string, thrown: unknown, refreshing: boolean): Error {
	if (!refreshing) return thrown instanceof Error ? thrown : new Error(String(thrown));
	return new ZoomError(`Could not download ${what}: the Zoom access token could not be refreshed`, {
		kind: 'unauthorized',
		httpStatus: 401,
		description: 'Reconnect the Zoom credential (open it and click "Reconnect").',
	});
}

/**
 * Fetches the file behind `downloadUrl` and resolves with its body stream. `what` names the file
 * in error messages (e.g. `file "report.pdf" (id abc) of message 123`).
 */
export async function fetchFile(
	deps: FileDownloadDeps,
	settings: FileDownloadSettings,
	downloadUrl: string,
	what: string,
): Promise<DownloadedFile> {
	const now = deps.now ?? (() => Date.now());
	const random = deps.random ?? Math.random;
	const redact = (text: string) => redactSecrets(text, settings.secrets);
	let retries = 0;
	let refreshed = false;

	const retryOrGiveUp = async (problem: string, retryAfterMs: number | undefined, status?: number) => {
		if (retries >= settings.maxRetries) {
			throw new ZoomError(`Could not download ${what} after ${retries + 1} attempt${retries === 0 ? '' : 's'}: ${redact(problem)}`, {
				kind: 'retriesExhausted',
				httpStatus: status,
				attempts: retries + 1,
				description: 'Zoom kept failing for this file. Try again later, or raise "Max Retries".',
			});
		}
		retries++;
		await deps.sleep(retryDelayMs(retries, settings.backoff, retryAfterMs, random));
	};

	for (;;) {
		let hop: FileHop = { url: downloadUrl, withToken: true, refreshing: false };
		let hops = 0;
		let restart = false;
		while (!restart) {
			if (hop.withToken) await deps.takeTurn();
			const sent = await deps.send(hop).catch((thrown: unknown) => ({ thrown }));
			let answer: FileAnswer;
			if ('thrown' in sent) {
				const details = sent.thrown instanceof TransportError ? sent.thrown.details : undefined;
				if (hop.refreshing && details?.status !== undefined && details.status !== 401) {
					// The refresh happened; whatever this answer was, start again with the new token.
					discardBody(details.body);
					restart = true;
					continue;
				}
				if (details?.status !== undefined) {
					answer = { status: details.status, headers: details.headers ?? {}, body: details.body };
				} else if (isTransientNetworkCode(details?.networkCode)) {
					await retryOrGiveUp(`${details?.networkCode} (${(sent.thrown as Error).message})`, undefined);
					restart = true;
					continue;
				} else {
					throw failedBelowHttp(what, sent.thrown, hop.refreshing);
				}
			} else {
				answer = sent;
			}

			if (answer.status >= 200 && answer.status < 300) {
				const length = Number(headerValue(answer.headers, 'content-length'));
				return {
					body: answer.body,
					contentType: mediaType(answer.headers),
					contentLength: Number.isFinite(length) && headerValue(answer.headers, 'content-length') !== undefined ? length : undefined,
				};
			}
			const location = headerValue(answer.headers, 'location');
			if (isRedirect(answer.status) && location) {
				discardBody(answer.body);
				if (++hops > MAX_REDIRECTS) {
					throw new ZoomError(`Could not download ${what}: more than ${MAX_REDIRECTS} redirects`, {
						kind: 'invalidResponse',
						httpStatus: answer.status,
					});
				}
				hop = redirectHop(hop, location);
				continue;
			}

			const zoom = readZoomErrorBody(await readErrorText(answer.body));
			if (answer.status === 401 && hop.withToken && !refreshed) {
				refreshed = true;
				hop = { ...hop, refreshing: true };
				continue;
			}
			const verdict = classifyResponse(answer.status, answer.headers, zoom, false, now());
			const said = [`HTTP ${answer.status}`, zoom.code !== undefined ? `code ${zoom.code}` : '', zoom.message ?? '']
				.filter((part) => part !== '')
				.join(', ');
			if (verdict.action === 'retry') {
				await retryOrGiveUp(said, verdict.retryAfterMs, answer.status);
				restart = true;
				continue;
			}
			throw new ZoomError(`Could not download ${what}: ${redact(said)}`, {
				kind: verdict.action === 'dailyLimit' ? 'dailyLimit' : answer.status === 401 ? 'unauthorized' : 'zoom',
				httpStatus: answer.status,
				zoomCode: zoom.code,
				zoomMessage: zoom.message !== undefined ? redact(zoom.message) : undefined,
				description: hop.withToken
					? 'Zoom refused the download with the credential. Check that the app has the chat scopes and that the file still exists.'
					: 'The file host refused the download link Zoom redirected to.',
			});
		}
	}
}

/** Whether a downloaded file is larger than Max File Size (MB) says (0: no cap), by its Content-Length. */
export function exceedsSizeCap(file: DownloadedFile, maxFileSizeMb: number): boolean {
	return maxFileSizeMb > 0 && file.contentLength !== undefined && file.contentLength > maxFileSizeMb * 1024 * 1024;
}
