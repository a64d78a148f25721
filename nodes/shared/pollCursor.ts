import type { ZoomMessage } from './imChatApi';

/**
 * What a polling trigger remembers between polls (kept in the workflow's static data, so it
 * survives restarts). Small and bounded: the time of the newest emitted message, to the second,
 * and the fingerprints of the messages of that very second that were already emitted. A later
 * poll emits everything newer, plus messages of that second that are not yet accounted for:
 * IM messages have no id, so two identical messages in one second are two entries here.
 */
export interface PollCursor {
	/** Identifies what is polled (api + target): a changed target starts afresh. */
	key: string;
	/** Epoch ms of the newest emitted message, whole seconds. */
	lastTime: number;
	/** Fingerprints (with repeats) of the messages of `lastTime` already emitted. */
	atLastTime: string[];
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

function fingerprintsAt(messages: ZoomMessage[], second: number, fingerprint: (m: ZoomMessage) => string): string[] {
	return messages.filter((m) => messageSecond(m) === second).map(fingerprint);
}

/**
 * The cursor right after activation: just past the newest message that exists now (or `now`
 * when there is none), so that history is not replayed.
 */
export function initialCursor(
	key: string,
	existing: ZoomMessage[],
	fingerprint: (m: ZoomMessage) => string,
	nowMs: number,
): PollCursor {
	let newest: number | undefined;
	for (const message of existing) {
		const second = messageSecond(message);
		if (second !== undefined && (newest === undefined || second > newest)) newest = second;
	}
	if (newest === undefined) return { key, lastTime: Math.floor(nowMs / 1000) * 1000, atLastTime: [] };
	return { key, lastTime: newest, atLastTime: fingerprintsAt(existing, newest, fingerprint) };
}

/**
 * Splits what a poll fetched (everything from the cursor's day on) into the messages not emitted
 * before, oldest first, and the cursor to keep once they are emitted.
 */
export function selectNewMessages(
	fetched: ZoomMessage[],
	cursor: PollCursor,
	fingerprint: (m: ZoomMessage) => string,
): { fresh: ZoomMessage[]; next: PollCursor } {
	const alreadyEmitted = new Map<string, number>();
	for (const print of cursor.atLastTime) alreadyEmitted.set(print, (alreadyEmitted.get(print) ?? 0) + 1);

	const fresh: ZoomMessage[] = [];
	for (const message of oldestFirst(fetched)) {
		const second = messageSecond(message);
		if (second === undefined || second < cursor.lastTime) continue;
		if (second === cursor.lastTime) {
			const print = fingerprint(message);
			const left = alreadyEmitted.get(print) ?? 0;
			if (left > 0) {
				alreadyEmitted.set(print, left - 1);
				continue;
			}
		}
		fresh.push(message);
	}
	if (fresh.length === 0) return { fresh, next: cursor };

	const newest = fresh.reduce((max, m) => Math.max(max, messageSecond(m) as number), cursor.lastTime);
	return { fresh, next: { key: cursor.key, lastTime: newest, atLastTime: fingerprintsAt(fetched, newest, fingerprint) } };
}
