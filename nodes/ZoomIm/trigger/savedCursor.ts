import { MAX_REMEMBERED, type PollCursor } from './pollCursor';

/**
 * Reading the cursor back from the workflow's static data. That data is n8n's to keep, and users
 * can edit it (export, change, import a workflow), so nothing in it is trusted: a cursor that
 * cannot be read is reported as such, and the trigger starts afresh rather than failing every poll.
 */

export type SavedCursor =
	| { kind: 'none' }
	| { kind: 'cursor'; cursor: PollCursor }
	/** `why` names what was wrong, never the value itself. */
	| { kind: 'unreadable'; why: string };

/** A saved `since` further ahead of now than this would hold back every message until then. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const ENTRY = /^\d{1,13}:[0-9a-f]{16}$/;
const DIGEST = /^[0-9a-f]{16}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A whole second, epoch ms, from 1970 to no further ahead of `now` than FUTURE_TOLERANCE_MS. */
function isSecond(value: unknown, now: number): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value % 1000 === 0 && value <= now + FUTURE_TOLERANCE_MS;
}

function isDay(value: unknown): value is string {
	return typeof value === 'string' && DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** An array of strings that all match `pattern`, with at most `max` of them. */
function isListOf(value: unknown, pattern: RegExp, max: number): value is string[] {
	return Array.isArray(value) && value.length <= max && value.every((item) => typeof item === 'string' && pattern.test(item));
}

/**
 * The cursor in the static data's `cursor` field, in either form: this one (`since`, `emitted`)
 * or the one before it (`lastTime`, `atLastTime`: the newest emitted second and the digests of its
 * messages), which reads as an overlap that starts at that second.
 */
export function readSavedCursor(stored: unknown, now: number): SavedCursor {
	if (stored === undefined || stored === null) return { kind: 'none' };
	if (!isObject(stored)) return { kind: 'unreadable', why: 'it is not an object' };
	const { key, readOn } = stored;
	if (typeof key !== 'string' || key === '') return { kind: 'unreadable', why: 'it names no chat' };
	if (readOn !== undefined && !isDay(readOn)) return { kind: 'unreadable', why: 'its day of the last check is not a date' };

	let cursor: PollCursor;
	if ('since' in stored) {
		if (!isSecond(stored.since, now)) return { kind: 'unreadable', why: 'its start is not a time up to now' };
		if (!isListOf(stored.emitted, ENTRY, MAX_REMEMBERED)) return { kind: 'unreadable', why: 'its list of emitted messages is malformed' };
		const since = stored.since;
		// Entries before `since` are forgotten already; a hand-edited list may still hold some.
		cursor = { key, since, emitted: stored.emitted.filter((entry) => Number(entry.slice(0, entry.indexOf(':'))) * 1000 >= since) };
	} else {
		const { lastTime, atLastTime } = stored;
		if (!isSecond(lastTime, now)) return { kind: 'unreadable', why: 'its time is not a time up to now' };
		if (!isListOf(atLastTime, DIGEST, MAX_REMEMBERED)) return { kind: 'unreadable', why: 'its list of emitted messages is malformed' };
		cursor = { key, since: lastTime, emitted: atLastTime.map((print) => `${lastTime / 1000}:${print}`) };
	}
	if (readOn !== undefined) cursor.readOn = readOn;
	return { kind: 'cursor', cursor };
}
