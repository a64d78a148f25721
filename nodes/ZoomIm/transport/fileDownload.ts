import { bodyFailure, guardBody } from './downloadBody';
import { mayCarryToken, refusedHop, refusedLink } from './downloadTrust';
import { ZoomError, redactSecrets } from './errors';
import { answerInThrown, type HttpAnswer, redirectLocation } from './http';
import { pacedSend, type PaceTurn } from './pacedSend';
import { headerValue, type BackoffSettings } from './retryPolicy';
import { describeAnswer, sendWithRetries, type AttemptResult, type RequestFailures } from './withRetries';

/**
 * Downloading one Team Chat file (its `download_url`) as a stream, with the rules Zoom sets and
 * the ones a token needs:
 * - the first request carries the credential's Bearer token (Zoom: "downloads need the Bearer
 *   token and may redirect"; its documented links are signed and need none, but may have it), in
 *   the credential's pace like every request to Zoom; only over https to Zoom's hosts or to the
 *   credential's own API origin (downloadTrust.ts): any other download_url fails the file unsent;
 * - redirects are followed here (followRedirects), not by the HTTP helper: n8n's helper sends the
 *   Authorization header on to another origin, so a hop to another origin goes without the token,
 *   and every hop after it too; a hop to another scheme, plain http or a local or private address
 *   is refused (unless it is the credential's own API host);
 * - the body is read inside the attempt (downloadBody.ts): counted after decompression and stopped
 *   at Max File Size, Request Timeout between chunks, and a body cut off or stalled is a network
 *   failure, retried like one;
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
	/** The origin of the credential's API base URL (the one non-Zoom origin that gets the token). */
	apiOrigin: string;
	/** Max File Size in bytes (0: no cap). */
	maxBytes: number;
	/** Longest wait for the next chunk of a body, in ms (Request Timeout). */
	idleMs: number;
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

/**
 * Where a redirect leads: the token kept only to the same origin as the hop that had it (and only
 * where the token may go at all); or why the hop may not be followed.
 */
export function redirectHop(current: FileHop, location: string, apiOrigin: string): FileHop | { refused: string } {
	const next = new URL(location, current.url);
	const refused = refusedHop(next, apiOrigin);
	if (refused !== undefined) return { refused };
	const sameOrigin = next.origin === new URL(current.url).origin;
	return { url: next.href, withToken: current.withToken && sameOrigin && mayCarryToken(next, apiOrigin), refreshing: false };
}


/** Whether a downloaded file is larger than Max File Size (bytes; 0: no cap) says, by its Content-Length. */
export function exceedsSizeCap(file: DownloadedFile, maxBytes: number): boolean {
	return maxBytes > 0 && file.contentLength !== undefined && file.contentLength > maxBytes;
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

/** What a file's body becomes (n8n's binary data); `undefined` from a download: larger than the cap. */
export type StoreFile<T> = (file: DownloadedFile) => Promise<T>;

interface Attempt<T> {
	deps: FileDownloadDeps;
	settings: FileDownloadSettings;
	downloadUrl: string;
	what: string;
	store: StoreFile<T>;
	/** Hears the hop of an error answer (a 401 there is refreshed from that hop). */
	onRefused: (hop: FileHop) => void;
	/** Hears what the 2xx answer's body became. */
	onStored: (stored: { value: T } | { tooLarge: true }) => void;
}

/**
 * A 2xx answer's body, read within the attempt: a body cut off or stalled is a failure below HTTP
 * (retried like one), a body past the cap is a file too large.
 */
async function readBody<T>(attempt: Attempt<T>, answer: FileAnswer, viaRefresh: boolean): Promise<AttemptResult> {
	const file = fileOf(answer);
	if (exceedsSizeCap(file, attempt.settings.maxBytes)) {
		// Zoom's file_size understated the file: the cap still holds.
		discardBody(file.body);
		attempt.onStored({ tooLarge: true });
		return { answer, viaRefresh };
	}
	const guard = guardBody(file.body, { maxBytes: attempt.settings.maxBytes, idleMs: attempt.settings.idleMs });
	const outcome = await storeGuarded(attempt.store, { ...file, body: guard.body }, guard.failure());
	guard.done();
	discardBody(file.body);
	if ('value' in outcome) {
		attempt.onStored(outcome);
		return { answer, viaRefresh };
	}
	const failure = bodyFailure(guard, outcome.error);
	if (failure === undefined) throw outcome.error;
	if ('network' in failure) return { thrown: failure.network, viaRefresh };
	attempt.onStored(failure);
	return { answer, viaRefresh };
}

/** What `store` made of a guarded body, or what it failed with. */
async function storeGuarded<T>(store: StoreFile<T>, file: DownloadedFile, failedAlready: unknown): Promise<{ value: T } | { error: unknown }> {
	if (failedAlready !== undefined) return { error: failedAlready };
	try {
		return { value: await store(file) };
	} catch (error) {
		return { error };
	}
}

/**
 * One attempt: the hops from `start` until an answer that is not a redirect, and its body. After a
 * refresh, an answer other than 401 means the refresh happened: it starts again from the
 * download_url with the new token.
 */
async function followRedirects<T>(attempt: Attempt<T>, start: FileHop): Promise<AttemptResult> {
	const { deps, downloadUrl, what } = attempt;
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
			if (answer.status < 300) return await readBody(attempt, answer, viaRefresh);
			attempt.onRefused(hop);
			return { answer: { ...answer, body: await readErrorText(answer.body) }, viaRefresh, refreshable: hop.withToken };
		}
		discardBody(answer.body);
		if (++hops > MAX_REDIRECTS) {
			throw new ZoomError(`Could not download ${what}: more than ${MAX_REDIRECTS} redirects`, { kind: 'invalidResponse', httpStatus: answer.status });
		}
		hop = followedHop(hop, location, what, attempt.settings.apiOrigin);
	}
}

/** The next hop of a redirect, or the error that names the file and why the hop is refused. */
function followedHop(hop: FileHop, location: string, what: string, apiOrigin: string): FileHop {
	const next = URL.canParse(location, hop.url) ? redirectHop(hop, location, apiOrigin) : { refused: 'a redirect to a link that cannot be read' };
	if ('url' in next) return next;
	throw new ZoomError(`Could not download ${what}: ${next.refused}`, {
		kind: 'invalidResponse',
		description: 'The node follows a download\'s redirects over https to public hosts only (see the README\'s security section).',
	});
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
				: new ZoomError(`Could not download ${what}: ${redact(thrown instanceof Error ? thrown.message : String(thrown))}`, { kind: 'invalidResponse' }),
	};
}

/**
 * Fetches the file behind `downloadUrl` and hands its guarded body to `store` (within the attempt,
 * so that a body cut off is retried); resolves with what `store` made of it, or `undefined` when
 * the file is larger than the cap. `what` names the file in error messages (e.g. `file
 * "report.pdf" (id abc) of message 123`).
 */
export async function fetchFile<T>(deps: FileDownloadDeps, settings: FileDownloadSettings, downloadUrl: string, what: string, store: StoreFile<T>): Promise<T | undefined> {
	const redact = (text: string) => redactSecrets(text, settings.secrets);
	if (!URL.canParse(downloadUrl)) throw new ZoomError(`Could not download ${what}: its download link is not a URL`, { kind: 'invalidResponse' });
	const url = new URL(downloadUrl);
	const refused = refusedLink(url, settings.apiOrigin);
	if (refused !== undefined) {
		throw new ZoomError(`Could not download ${what}: ${redact(refused)}`, {
			kind: 'invalidResponse',
			description: 'The token goes only over https to Zoom (zoom.us, zoomgov.com) or to the credential\'s own API URL (see the README\'s security section).',
		});
	}
	const fromUrl: FileHop = { url: url.href, withToken: true, refreshing: false };
	let refusedHopSeen = fromUrl;
	let stored: { value: T } | { tooLarge: true } | undefined;
	const attempt: Attempt<T> = {
		deps,
		settings,
		downloadUrl: url.href,
		what,
		store,
		onRefused: (hop) => {
			refusedHopSeen = hop;
		},
		onStored: (result) => {
			stored = result;
		},
	};
	await sendWithRetries(
		async (refreshing) => await followRedirects(attempt, refreshing ? { ...refusedHopSeen, refreshing: true } : fromUrl),
		{ maxRetries: settings.maxRetries, backoff: settings.backoff },
		{ sleep: deps.sleep, now: deps.now ?? (() => Date.now()), random: deps.random ?? Math.random },
		downloadFailures(what, redact, () => refusedHopSeen.withToken),
	);
	return stored !== undefined && 'value' in stored ? stored.value : undefined;
}
