import { ZoomError, redactSecrets } from './errors';
import { answerInThrown, type HttpAnswer } from './http';
import { pacedSend, type PaceTurn } from './pacedSend';
import { headerValue, type BackoffSettings } from './retryPolicy';
import { describeAnswer, sendWithRetries, type AttemptResult, type RequestFailures } from './withRetries';

/**
 * Downloading one Team Chat file (its `download_url`) as a stream, with the rules Zoom sets and
 * the ones a token needs:
 * - the first request carries the credential's Bearer token (Zoom: "downloads need the Bearer
 *   token and may redirect"), in the credential's pace like every request to Zoom;
 * - redirects are followed here (followRedirects), not by the HTTP helper: n8n's helper sends the
 *   Authorization header on to another origin, so a hop to another origin goes without the token,
 *   and every hop after it too;
 * - 429 / 5xx / dropped connections are retried from the download_url (a redirect target may be
 *   signed and short-lived) within Max Retries, by the one request path (withRetries.ts); a 401
 *   gets one credential refresh;
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

export type FileAnswer = HttpAnswer;

export interface FileDownloadDeps {
	/** Sends one hop, never following redirects; rejects with TransportError below HTTP. */
	send(hop: FileHop): Promise<FileAnswer>;
	sleep(ms: number): Promise<void>;
	/** Waits for the pace before a request to Zoom (hops with the token); the turn hears the outcome. */
	takeTurn(): Promise<PaceTurn | void>;
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

/** The redirect target of an answer, if it is a redirect that names one. */
function redirectLocation(answer: FileAnswer): string | undefined {
	const redirect = [301, 302, 303, 307, 308].includes(answer.status);
	return redirect ? headerValue(answer.headers, 'location') || undefined : undefined;
}

/** Whether a downloaded file is larger than Max File Size (MB) says (0: no cap), by its Content-Length. */
export function exceedsSizeCap(file: DownloadedFile, maxFileSizeMb: number): boolean {
	return maxFileSizeMb > 0 && file.contentLength !== undefined && file.contentLength > maxFileSizeMb * 1024 * 1024;
}

function fileOf(answer: FileAnswer): DownloadedFile {
	const type = headerValue(answer.headers, 'content-type')?.split(';')[0].trim().toLowerCase();
	const lengthHeader = headerValue(answer.headers, 'content-length');
	const length = Number(lengthHeader);
	return {
		body: answer.body,
		contentType: type ? type : undefined,
		contentLength: Number.isFinite(length) && lengthHeader !== undefined ? length : undefined,
	};
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
	if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return '';
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

/**
 * One attempt: the hops from `start` until an answer that is not a redirect. After a refresh, an
 * answer other than 401 means the refresh happened: it starts again from the download_url with the
 * new token. `onRefused` hears the hop of an error answer (a 401 there is refreshed from that hop).
 */
async function followRedirects(deps: FileDownloadDeps, start: FileHop, downloadUrl: string, what: string, onRefused: (hop: FileHop) => void): Promise<AttemptResult> {
	const now = deps.now ?? (() => Date.now());
	let hop = start;
	let hops = 0;
	for (;;) {
		const viaRefresh = hop.refreshing;
		const takeTurn = hop.withToken ? deps.takeTurn : async () => undefined;
		const sent = await pacedSend(takeTurn, () => deps.send(hop), { viaRefresh, now });
		const answer = 'thrown' in sent ? answerInThrown(sent.thrown) : sent;
		if (answer === undefined) return { thrown: (sent as { thrown: unknown }).thrown, viaRefresh };
		if (viaRefresh && 'thrown' in sent && answer.status !== 401) {
			discardBody(answer.body);
			[hop, hops] = [{ url: downloadUrl, withToken: true, refreshing: false }, 0];
			continue;
		}
		const location = answer.status >= 300 ? redirectLocation(answer) : undefined;
		if (location === undefined) {
			if (answer.status >= 300) onRefused(hop);
			const body = answer.status >= 300 ? await readErrorText(answer.body) : answer.body;
			return { answer: { ...answer, body }, viaRefresh, refreshable: hop.withToken };
		}
		discardBody(answer.body);
		if (++hops > MAX_REDIRECTS) {
			throw new ZoomError(`Could not download ${what}: more than ${MAX_REDIRECTS} redirects`, { kind: 'invalidResponse', httpStatus: answer.status });
		}
		hop = redirectHop(hop, location);
	}
}

/** How a download's failures read: they name the file, never its URL. */
function downloadFailures(what: string, redact: (text: string) => string, refusedWithToken: () => boolean): RequestFailures {
	return {
		gaveUp: (problem, { retries }, _reason, last) =>
			new ZoomError(`Could not download ${what} after ${retries + 1} attempt${retries === 0 ? '' : 's'}: ${redact(problem)}`, {
				kind: 'retriesExhausted',
				httpStatus: last?.status,
				attempts: retries + 1,
				description: 'Zoom kept failing for this file. Try again later, or raise "Max Retries".',
			}),
		refused: (answer, zoom, verdict) =>
			new ZoomError(`Could not download ${what}: ${redact(describeAnswer(answer.status, zoom))}`, {
				kind: verdict.action === 'dailyLimit' ? 'dailyLimit' : answer.status === 401 ? 'unauthorized' : 'zoom',
				httpStatus: answer.status,
				zoomCode: zoom.code,
				zoomMessage: zoom.message !== undefined ? redact(zoom.message) : undefined,
				description: refusedWithToken()
					? 'Zoom refused the download with the credential. Check that the app has the chat scopes and that the file still exists.'
					: 'The file host refused the download link Zoom redirected to.',
			}),
		broke: (thrown, viaRefresh) =>
			viaRefresh
				? new ZoomError(`Could not download ${what}: the Zoom access token could not be refreshed`, {
						kind: 'unauthorized',
						httpStatus: 401,
						description: 'Reconnect the Zoom credential (open it and click "Reconnect").',
					})
				: thrown instanceof Error
					? thrown
					: new Error(String(thrown)),
	};
}

/**
 * Fetches the file behind `downloadUrl` and resolves with its body stream. `what` names the file
 * in error messages (e.g. `file "report.pdf" (id abc) of message 123`).
 */
export async function fetchFile(deps: FileDownloadDeps, settings: FileDownloadSettings, downloadUrl: string, what: string): Promise<DownloadedFile> {
	const fromUrl: FileHop = { url: downloadUrl, withToken: true, refreshing: false };
	let refusedHop = fromUrl;
	const answer = await sendWithRetries(
		async (refreshing) =>
			await followRedirects(deps, refreshing ? { ...refusedHop, refreshing: true } : fromUrl, downloadUrl, what, (hop) => {
				refusedHop = hop;
			}),
		{ maxRetries: settings.maxRetries, backoff: settings.backoff },
		{ sleep: deps.sleep, now: deps.now ?? (() => Date.now()), random: deps.random ?? Math.random },
		downloadFailures(what, (text) => redactSecrets(text, settings.secrets), () => refusedHop.withToken),
	);
	return fileOf(answer);
}
