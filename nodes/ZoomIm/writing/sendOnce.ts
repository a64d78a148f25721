import { ZoomError } from '../transport/errors';
import { conversationFields, messagesPath, sendBody, type OutgoingMessage } from './messageBody';

/**
 * Sending a message at most once, and at least once when Zoom lets it (issue 21, "never twice").
 *
 * The POST goes out with `idempotent: false`: the client repeats only what cannot have reached
 * Zoom (a 429, a connection never made). When it gives up because Zoom may have carried the send
 * out (a timeout, a reset after the request went out, a 5xx), this module looks for the message
 * among the conversation's newest messages: one with the same text, thread, files (and sender,
 * when the user is named by email), dated from the attempt's start on (less `skewMs` for the
 * clocks of Zoom and this machine, and Zoom's whole seconds), and not already claimed by this
 * execution (two items with the same text are two messages). Found: that is the item's message
 * (`recovered`). Not found: it looks once more after a short wait, since Zoom does not say how
 * soon a new message is listed, and only then sends again, under the same rule. At most
 * `maxRounds` sends.
 *
 * Such a message dated up to `lookBackMs` BEFORE the attempt is neither ours for certain (it may be
 * an earlier send of the same text, by another execution, while ours never arrived) nor certainly
 * not (Zoom's clock may be behind this one): taking it could lose the item's message, sending again
 * could post it twice. The item then fails with an error that says so, and nothing is sent again.
 *
 * A scheduled message is a draft that Zoom does not list: it is never sent again after an
 * ambiguous failure; the error says it may have been scheduled.
 *
 * Pure: Zoom's requests, the wall clock (Zoom dates messages by it) and sleep are passed in.
 */

export interface SendOnceDeps {
	/** POST /chat/users/{userId}/messages, not repeated once it may have reached Zoom. */
	post(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>>;
	/** GET /chat/users/{userId}/messages (one page), retried as reads are. */
	list(path: string, qs: Record<string, string | number | boolean>): Promise<Record<string, unknown>>;
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface SendOnceSettings {
	/** Sends at most (1 + Max Retries). */
	maxRounds: number;
	/** The wait before the second look. */
	lookAgainMs: number;
	/** How far before the attempt a found message may be dated and still be the one sent (clocks, Zoom's whole seconds). */
	skewMs: number;
	/** How far before the attempt an equal message makes the outcome uncertain (see above). */
	lookBackMs: number;
}

export const DEFAULT_SEND_ONCE: Omit<SendOnceSettings, 'maxRounds'> = { lookAgainMs: 2_000, skewMs: 5_000, lookBackMs: 60_000 };

export interface SendResult {
	id: string;
	/** Found in the conversation after a send whose answer was lost. */
	recovered: boolean;
	/** POSTs made for this message. */
	sends: number;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;
/** Pages of 50 looked through at most per look (the conversation's newest messages since the attempt). */
const MAX_LOOKUP_PAGES = 20;

/** Zoom's date-time for `from` / `to`: whole seconds, UTC. */
export function zoomInstant(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function fileIdsOf(message: Record<string, unknown>): string[] {
	const ids = new Set<string>();
	if (Array.isArray(message.files)) {
		for (const file of message.files as Array<Record<string, unknown>>) if (typeof file?.file_id === 'string') ids.add(file.file_id);
	}
	if (typeof message.file_id === 'string' && message.file_id !== '') ids.add(message.file_id);
	return [...ids].sort();
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** When Zoom dated a listed message (ms): its `timestamp`, else its `date_time`; undefined when it gives neither. */
function listedAt(listed: Record<string, unknown>): number | undefined {
	if (typeof listed.timestamp === 'number' && Number.isFinite(listed.timestamp)) return listed.timestamp;
	const at = Date.parse(String(listed.date_time ?? ''));
	return Number.isFinite(at) ? at : undefined;
}

/** Whether a listed message is the one sent: same text, thread, files, sender (by email), date from `since` on, unclaimed. */
export function isSentMessage(listed: Record<string, unknown>, message: OutgoingMessage, since: number, claimed: ReadonlySet<string>): boolean {
	if (typeof listed.id !== 'string' || claimed.has(listed.id)) return false;
	if (listed.message !== message.text) return false;
	if ((listed.reply_main_message_id ?? undefined) !== (message.replyTo || undefined)) return false;
	if (!sameIds(fileIdsOf(listed), [...(message.fileIds ?? [])].sort())) return false;
	if (EMAIL.test(message.userId) && String(listed.sender ?? '').toLowerCase() !== message.userId.toLowerCase()) return false;
	const at = listedAt(listed);
	return at === undefined || at >= since;
}

/** What a look found: the message sent (`id`), or only an equal one dated before the attempt (`earlierAt`), or nothing. */
type Look = { id: string } | { earlierAt: number } | undefined;

/**
 * Looks through the conversation's messages since `attemptAt − lookBackMs` for the one sent (dated
 * from `attemptAt − skewMs` on; the oldest such if several); else for an equal one dated earlier.
 */
async function look(deps: SendOnceDeps, message: OutgoingMessage, attemptAt: number, settings: SendOnceSettings, claimed: ReadonlySet<string>): Promise<Look> {
	const qs: Record<string, string | number | boolean> = {
		...conversationFields(message.conversation),
		from: zoomInstant(attemptAt - settings.lookBackMs),
		to: zoomInstant(deps.now() + settings.skewMs),
		page_size: 50,
	};
	let ours: { id: string; at: number } | undefined;
	let earlierAt: number | undefined;
	for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
		const answer = await deps.list(messagesPath(message.userId), qs);
		const messages = Array.isArray(answer.messages) ? (answer.messages as Array<Record<string, unknown>>) : [];
		for (const listed of messages) {
			if (!isSentMessage(listed, message, attemptAt - settings.lookBackMs, claimed)) continue;
			const at = listedAt(listed) ?? attemptAt;
			if (at >= attemptAt - settings.skewMs) {
				if (!ours || at < ours.at) ours = { id: listed.id as string, at };
			} else earlierAt = Math.max(earlierAt ?? at, at);
		}
		const token = typeof answer.next_page_token === 'string' ? answer.next_page_token : '';
		if (token === '') break;
		qs.next_page_token = token;
	}
	if (ours) return { id: ours.id };
	return earlierAt !== undefined ? { earlierAt } : undefined;
}

function withDescription(error: ZoomError, message: string, description: string): ZoomError {
	const copy = new ZoomError(message, {
		kind: error.kind,
		httpStatus: error.httpStatus,
		zoomCode: error.zoomCode,
		zoomMessage: error.zoomMessage,
		attempts: error.attempts,
		description,
	});
	copy.mayHaveSucceeded = error.mayHaveSucceeded;
	return copy;
}

/**
 * Sends `message` once (see above). `claimed` holds the ids this execution has sent or recovered;
 * the id found or sent is added to it.
 */
export async function sendOnce(message: OutgoingMessage, claimed: Set<string>, deps: SendOnceDeps, settings: SendOnceSettings): Promise<SendResult> {
	const body = sendBody(message);
	const rounds = Math.max(1, settings.maxRounds);
	let lastError: ZoomError | undefined;
	for (let sends = 1; sends <= rounds; sends++) {
		const attemptAt = deps.now();
		const sent = await deps.post(messagesPath(message.userId), body).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
		if ('answer' in sent) {
			const { id } = sent.answer;
			if (typeof id !== 'string' || id === '') {
				throw new ZoomError('Zoom accepted the message but its answer has no message id', { kind: 'invalidResponse' });
			}
			claimed.add(id);
			return { id, recovered: false, sends };
		}
		// Anything but "Zoom may have carried it out" is the item's error as it is.
		if (!(sent.error instanceof ZoomError) || !sent.error.mayHaveSucceeded) throw sent.error;
		lastError = sent.error;
		if (message.scheduledTime) {
			throw withDescription(
				lastError,
				`${lastError.message}. The message may have been scheduled`,
				'Not sent again: a scheduled message is a draft that Zoom does not list, so the node cannot tell whether Zoom scheduled it. Check the scheduled messages in Zoom before running this item again.',
			);
		}
		let earlierAt: number | undefined;
		for (let round = 0; round < 2; round++) {
			if (round > 0) await deps.sleep(settings.lookAgainMs);
			const found = await look(deps, message, attemptAt, settings, claimed).then(
				(result) => ({ result }),
				(error: unknown) => ({ error }),
			);
			if ('error' in found) {
				const problem = found.error instanceof Error ? found.error.message : String(found.error);
				throw withDescription(
					lastError,
					`${lastError.message}; looking for the message then failed: ${problem}`,
					'Not sent again: Zoom may have received the message, and the node could not check. Look in the conversation before running this item again.',
				);
			}
			if (found.result && 'id' in found.result) {
				claimed.add(found.result.id);
				return { id: found.result.id, recovered: true, sends };
			}
			if (found.result) earlierAt = found.result.earlierAt;
		}
		if (earlierAt !== undefined) {
			const seconds = Math.max(1, Math.round((attemptAt - earlierAt) / 1000));
			throw withDescription(
				lastError,
				`${lastError.message}. Not sent again: the same message is in the conversation, dated ${seconds} s before this send`,
				'Zoom may have received this send (and dated it by a clock behind this one), or that message is an earlier one and this send never arrived. Look in the conversation before running this item again.',
			);
		}
	}
	throw withDescription(
		lastError!,
		`${lastError!.message}. The message was not found in the conversation after ${rounds} send${rounds === 1 ? '' : 's'}`,
		'Each send that may have reached Zoom was looked for twice among the newest messages and not found. Not sent again because "Max Retries" is used up: look in the conversation, then run the item again or raise "Max Retries".',
	);
}
