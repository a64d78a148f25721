import { addDays, todayIn } from '../reading/calendar';
import type { ZoomMessage } from '../reading/messages';

/**
 * What a polling trigger remembers between polls (kept in the workflow's static data, so it
 * survives restarts). Small and bounded: the time of the newest emitted message, to the second,
 * and short digests of the messages of that very second that were already emitted. A later
 * poll emits everything newer, plus messages of that second that are not yet accounted for:
 * IM messages have no id, so two identical messages in one second are two entries here.
 */
export interface PollCursor {
	/** Identifies what is polled (api + target): a changed target starts afresh. */
	key: string;
	/** Epoch ms of the newest emitted message, whole seconds. */
	lastTime: number;
	/** Digests of the fingerprints (with repeats) of the messages of `lastTime` already emitted. */
	atLastTime: string[];
	/**
	 * UTC day (`yyyy-MM-dd`) of the latest poll that read Zoom successfully. Every message that
	 * existed then was seen, so later polls need not re-read the days before it: a quiet session
	 * is not read from its last message's day on every poll. Optional: without it a poll reads from
	 * the newest emitted message's day.
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
 * The first UTC day a poll has to read: the day of the newest emitted message, or, when the
 * previous successful poll was later, the day before that poll (messages seldom show up in Zoom
 * later than the second they carry; a day of margin keeps late ones). Never after `today`.
 */
export function firstDayToRead(cursor: PollCursor, today: string): string {
	let day = todayIn('UTC', cursor.lastTime);
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

/** What the cursor keeps of a message: the digest of its fingerprint. */
function printOf(message: ZoomMessage, fingerprint: (m: ZoomMessage) => string): string {
	return digest(fingerprint(message));
}

function fingerprintsAt(messages: ZoomMessage[], second: number, fingerprint: (m: ZoomMessage) => string): string[] {
	return messages.filter((m) => messageSecond(m) === second).map((m) => printOf(m, fingerprint));
}

/**
 * The cursor right after activation, from what the activation poll read (`existing`: every message
 * of the UTC days `firstDay` … `today`): just past the newest of them, so that history is not
 * replayed. When there was none, the start of `firstDay`: a message that shows up later in those
 * days did not exist at activation, so it is new. (Using "now" there would make the cursor depend
 * on n8n's clock, and a message Zoom stamped a moment earlier would be skipped.)
 */
export function initialCursor(
	key: string,
	existing: ZoomMessage[],
	fingerprint: (m: ZoomMessage) => string,
	firstDay: string,
	today: string,
): PollCursor {
	let newest: number | undefined;
	for (const message of existing) {
		const second = messageSecond(message);
		if (second !== undefined && (newest === undefined || second > newest)) newest = second;
	}
	if (newest === undefined) return { key, lastTime: Date.parse(`${firstDay}T00:00:00Z`), atLastTime: [], readOn: today };
	return { key, lastTime: newest, atLastTime: fingerprintsAt(existing, newest, fingerprint), readOn: today };
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
	readOn?: string,
): { fresh: ZoomMessage[]; next: PollCursor } {
	const alreadyEmitted = new Map<string, number>();
	for (const print of cursor.atLastTime) alreadyEmitted.set(print, (alreadyEmitted.get(print) ?? 0) + 1);

	const fresh: ZoomMessage[] = [];
	for (const message of oldestFirst(fetched)) {
		const second = messageSecond(message);
		if (second === undefined || second < cursor.lastTime) continue;
		if (second === cursor.lastTime) {
			const print = printOf(message, fingerprint);
			const left = alreadyEmitted.get(print) ?? 0;
			if (left > 0) {
				alreadyEmitted.set(print, left - 1);
				continue;
			}
		}
		fresh.push(message);
	}
	const read = readOn ?? cursor.readOn;
	if (fresh.length === 0) {
		return { fresh, next: read === cursor.readOn ? cursor : { ...cursor, readOn: read } };
	}

	const newest = fresh.reduce((max, m) => Math.max(max, messageSecond(m) as number), cursor.lastTime);
	const next: PollCursor = { key: cursor.key, lastTime: newest, atLastTime: fingerprintsAt(fetched, newest, fingerprint) };
	if (read !== undefined) next.readOn = read;
	return { fresh, next };
}
