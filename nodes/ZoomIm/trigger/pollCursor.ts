import { addDays, todayIn } from '../reading/calendar';
import type { ZoomMessage } from '../reading/messages';

/**
 * How far behind the newest emitted message a poll looks again for messages that show up in Zoom's
 * list late (indexing lag, a sender's clock). Zoom documents no lag; the trigger reads whole UTC
 * days anyway, so looking an hour back costs no request (except in the first hour of a UTC day,
 * when yesterday is read again) and only the memory below. An hour is far beyond the seconds such
 * lags take, yet keeps that memory to one hour of messages.
 */
export const OVERLAP_MS = 60 * 60 * 1000;

/**
 * The most messages the cursor remembers. A chat busier than this within the overlap has its
 * overlap shortened (whole seconds, oldest first), never a message emitted twice. About 30 bytes
 * each in the workflow's static data.
 */
export const MAX_REMEMBERED = 1000;

/**
 * What a polling trigger remembers between polls (kept in the workflow's static data, so it
 * survives restarts). Small and bounded: where the overlap starts, and short digests of the
 * messages from there on that were already emitted. A later poll emits every message from `since`
 * on that is not among them: IM messages have no id, so two identical messages in one second are
 * two entries here, and one that shows up late within the overlap is still emitted, once.
 */
export interface PollCursor {
	/** Identifies what is polled (api + target): a changed target starts afresh. */
	key: string;
	/**
	 * Epoch ms, whole seconds: messages before it count as emitted (or as too late). It trails the
	 * newest emitted message that is not in the future by OVERLAP_MS, so a message dated in the
	 * future never holds back the ones after it.
	 */
	since: number;
	/** `<epoch seconds>:<digest>` of each emitted message from `since` on, repeats included, oldest first. */
	emitted: string[];
	/**
	 * UTC day (`yyyy-MM-dd`) of the latest poll that read Zoom successfully. Every message that
	 * existed then was seen, so later polls need not re-read the days before it: a quiet session
	 * is not read from its last message's day on every poll. Optional: without it a poll reads from
	 * `since`'s day.
	 */
	readOn?: string;
}

/**
 * A short, stable digest (64 bits, as 16 hex digits) of a message fingerprint, so that the cursor
 * stays small however long the messages are. Not cryptographic: only the messages of one second
 * are ever compared, and a collision among them is vanishingly unlikely.
 */
export function digest(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * The first UTC day a poll has to read: the day the overlap starts, or, when the previous
 * successful poll was later, the day before that poll (a day of margin keeps late ones). Never
 * after `today`.
 */
export function firstDayToRead(cursor: PollCursor, today: string): string {
	let day = todayIn('UTC', cursor.since);
	if (typeof cursor.readOn === 'string') {
		const dayBeforeLastRead = addDays(cursor.readOn, -1);
		if (dayBeforeLastRead > day) day = dayBeforeLastRead;
	}
	return day < today ? day : today;
}

/** A message's time in whole seconds (epoch ms), from `date_time` or else `timestamp`. */
export function messageSecond(message: ZoomMessage): number | undefined {
	let ms: number | undefined;
	if (typeof message.date_time === 'string') {
		const parsed = Date.parse(message.date_time);
		if (!Number.isNaN(parsed)) ms = parsed;
	}
	if (ms === undefined && typeof message.timestamp === 'number') ms = message.timestamp;
	return ms === undefined ? undefined : Math.floor(ms / 1000) * 1000;
}

function sortKey(message: ZoomMessage): number {
	// Team Chat's `timestamp` has milliseconds and orders same-second messages; IM has seconds only.
	if (typeof message.timestamp === 'number') return message.timestamp;
	return messageSecond(message) ?? 0;
}

/** Oldest first; stable, so messages Zoom served in the same second keep Zoom's order. */
export function oldestFirst(messages: ZoomMessage[]): ZoomMessage[] {
	return messages
		.map((message, index) => ({ message, index, key: sortKey(message) }))
		.sort((a, b) => a.key - b.key || a.index - b.index)
		.map((entry) => entry.message);
}

/** What the cursor keeps of a message: its second and the digest of its fingerprint. */
function entryOf(second: number, message: ZoomMessage, fingerprint: (m: ZoomMessage) => string): string {
	return `${second / 1000}:${digest(fingerprint(message))}`;
}

/** The epoch ms of an entry's second. */
function entrySecond(entry: string): number {
	return Number(entry.slice(0, entry.indexOf(':'))) * 1000;
}

/**
 * The memory after a poll: `since` moved up to OVERLAP_MS behind the newest remembered message
 * that is not after `now` (a future-dated one would hold back everything before its date), the
 * entries before it forgotten, and at most MAX_REMEMBERED kept: beyond that the oldest seconds are
 * forgotten whole and `since` passes them, so none of their messages can be emitted again.
 */
function remember(entries: string[], since: number, now: number): { since: number; emitted: string[] } {
	let newest: number | undefined;
	for (const entry of entries) {
		const second = entrySecond(entry);
		if (second <= now && (newest === undefined || second > newest)) newest = second;
	}
	let start = newest === undefined ? since : Math.max(since, newest - OVERLAP_MS);
	let kept = entries
		.map((entry, index) => ({ entry, index, second: entrySecond(entry) }))
		.filter(({ second }) => second >= start)
		.sort((a, b) => a.second - b.second || a.index - b.index);
	if (kept.length > MAX_REMEMBERED) {
		const forgetThrough = kept[kept.length - MAX_REMEMBERED - 1].second;
		kept = kept.filter(({ second }) => second > forgetThrough);
		start = forgetThrough + 1000;
	}
	return { since: start, emitted: kept.map(({ entry }) => entry) };
}

/**
 * The cursor right after activation, from what the activation poll read (`existing`: every message
 * of the UTC days `firstDay` … `today`): every one of them counts as emitted, so that history is
 * not replayed, and the overlap behind the newest lets one that shows up late still count as new.
 * When there was none, the start of `firstDay`: a message that shows up later in those days did
 * not exist at activation, so it is new. (Using "now" there would make the cursor depend on n8n's
 * clock, and a message Zoom stamped a moment earlier would be skipped.)
 */
export function initialCursor(
	key: string,
	existing: ZoomMessage[],
	fingerprint: (m: ZoomMessage) => string,
	firstDay: string,
	today: string,
	now: number,
): PollCursor {
	const entries: string[] = [];
	for (const message of oldestFirst(existing)) {
		const second = messageSecond(message);
		if (second !== undefined) entries.push(entryOf(second, message, fingerprint));
	}
	return { key, ...remember(entries, Date.parse(`${firstDay}T00:00:00Z`), now), readOn: today };
}

/**
 * Splits what a poll fetched (everything from `firstDayToRead` on) into the messages not emitted
 * before, oldest first, and the cursor to keep once they are emitted. `readOn` (the poll's UTC day)
 * is recorded in the next cursor; the cursor object is kept as it is when nothing changed.
 */
export function selectNewMessages(
	fetched: ZoomMessage[],
	cursor: PollCursor,
	fingerprint: (m: ZoomMessage) => string,
	now: number,
	readOn?: string,
): { fresh: ZoomMessage[]; next: PollCursor } {
	const alreadyEmitted = new Map<string, number>();
	for (const entry of cursor.emitted) alreadyEmitted.set(entry, (alreadyEmitted.get(entry) ?? 0) + 1);

	const fresh: ZoomMessage[] = [];
	const added: string[] = [];
	for (const message of oldestFirst(fetched)) {
		const second = messageSecond(message);
		if (second === undefined || second < cursor.since) continue;
		const entry = entryOf(second, message, fingerprint);
		const left = alreadyEmitted.get(entry) ?? 0;
		if (left > 0) {
			alreadyEmitted.set(entry, left - 1);
			continue;
		}
		fresh.push(message);
		added.push(entry);
	}
	const read = readOn ?? cursor.readOn;
	const memory = remember([...cursor.emitted, ...added], cursor.since, now);
	const unchanged = added.length === 0 && memory.since === cursor.since && memory.emitted.join() === cursor.emitted.join();
	if (unchanged && read === cursor.readOn) return { fresh, next: cursor };
	const next: PollCursor = { key: cursor.key, ...memory };
	if (read !== undefined) next.readOn = read;
	return { fresh, next };
}
