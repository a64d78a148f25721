import { imMessageFingerprint } from '../../nodes/ZoomIm/reading/imChat';
import type { ZoomMessage } from '../../nodes/ZoomIm/reading/messages';
import { digest, firstDayToRead, initialCursor, MAX_REMEMBERED, oldestFirst, OVERLAP_MS, selectNewMessages, type PollCursor } from '../../nodes/ZoomIm/trigger/pollCursor';
import { readSavedCursor } from '../../nodes/ZoomIm/trigger/savedCursor';

const msg = (date_time: string, message: string, sender = 'a@example.com') => ({ date_time, sender, message });
const fp = imMessageFingerprint;
const t = (s: string) => Date.parse(s);
/** What the cursor stores for a message: its second and its digest, written out here. */
const entry = (m: { date_time: string }) => `${t(m.date_time) / 1000}:${digest(fp(m))}`;
/** The digest the cursor keeps of a message. */
const print = (m: ZoomMessage) => digest(fp(m));
const texts = (messages: ZoomMessage[]) => messages.map((m) => m.message);
const NOW = t('2026-11-25T12:00:00Z');

describe('initialCursor', () => {
	it('counts every existing message as emitted and starts the overlap an hour behind the newest', () => {
		const existing = [msg('2026-11-25T08:00:00Z', 'too old to remember'), msg('2026-11-25T10:00:00Z', 'a'), msg('2026-11-25T10:00:05Z', 'b'), msg('2026-11-25T10:00:05Z', 'b')];
		const cursor = initialCursor('k', existing, fp, '2026-11-24', '2026-11-25', NOW);
		expect(OVERLAP_MS).toBe(60 * 60 * 1000);
		expect(cursor).toEqual({
			key: 'k',
			since: t('2026-11-25T09:00:05Z'),
			emitted: [entry(existing[1]), entry(existing[2]), entry(existing[3])],
			readOn: '2026-11-25',
		});
	});
	it('starts at the beginning of the days it read when nothing exists', () => {
		expect(initialCursor('k', [], fp, '2026-11-24', '2026-11-25', NOW)).toEqual({ key: 'k', since: t('2026-11-24T00:00:00Z'), emitted: [], readOn: '2026-11-25' });
	});
});

describe('selectNewMessages', () => {
	const at = (iso: string, text: string) => msg(iso, text);
	/** A cursor that emitted `messages`, the overlap starting at `since`. */
	const after = (since: string, messages: Array<{ date_time: string }>): PollCursor => ({ key: 'k', since: t(since), emitted: messages.map(entry) });

	it('emits only messages from the overlap on that were not emitted, oldest first', () => {
		const old = at('2026-11-25T10:00:00Z', 'old');
		const cursor = after('2026-11-25T09:00:00Z', [old]);
		const fetched = [at('2026-11-25T08:59:59Z', 'before the overlap'), old, at('2026-11-25T10:00:02Z', 'new 2'), at('2026-11-25T10:00:01Z', 'new 1')];
		const { fresh, next } = selectNewMessages(fetched, cursor, fp, NOW);
		expect(texts(fresh)).toEqual(['new 1', 'new 2']);
		expect(next).toEqual({ key: 'k', since: t('2026-11-25T09:00:02Z'), emitted: [entry(old), entry(fetched[3]), entry(fetched[2])] });
	});

	it('emits a message that shows up after a later one was emitted (indexing lag), exactly once', () => {
		const later = at('2026-11-25T11:00:00Z', 'later, listed first');
		const first = selectNewMessages([later], after('2026-11-25T09:00:00Z', []), fp, NOW);
		expect(texts(first.fresh)).toEqual(['later, listed first']);
		const lagging = at('2026-11-25T10:59:30Z', 'earlier, listed late');
		const second = selectNewMessages([lagging, later], first.next, fp, NOW);
		expect(texts(second.fresh)).toEqual(['earlier, listed late']);
		expect(selectNewMessages([lagging, later], second.next, fp, NOW).fresh).toEqual([]);
	});

	it('emits a late twin of an emitted message exactly once more: two identical messages are two messages', () => {
		const same = at('2026-11-25T10:00:00Z', 'ok');
		const first = selectNewMessages([same, { ...same }, at('2026-11-25T10:00:00Z', 'late')], after('2026-11-25T09:00:00Z', [same]), fp, NOW);
		expect(texts(first.fresh)).toEqual(['ok', 'late']);
		const second = selectNewMessages([same, { ...same }, at('2026-11-25T10:00:00Z', 'late')], first.next, fp, NOW);
		expect(second.fresh).toEqual([]);
		expect(second.next).toBe(first.next);
	});

	it('a message dated in the future is emitted and holds nothing back', () => {
		const future = at('2027-06-01T00:00:00Z', 'from the future');
		const first = selectNewMessages([future], after('2026-11-25T09:00:00Z', []), fp, NOW);
		expect(texts(first.fresh)).toEqual(['from the future']);
		expect(first.next.since).toBe(t('2026-11-25T09:00:00Z'));
		const now2 = NOW + 60_000;
		const next = at('2026-11-25T12:00:30Z', 'after it, but before its date');
		const second = selectNewMessages([next, future], first.next, fp, now2);
		expect(texts(second.fresh)).toEqual(['after it, but before its date']);
		// Remembered until its own date is an hour behind: never emitted twice.
		expect(selectNewMessages([next, future], second.next, fp, now2 + 86_400_000).fresh).toEqual([]);
	});

	it('remembers at most MAX_REMEMBERED messages, forgetting whole seconds oldest first and never emitting one twice', () => {
		const burst = Array.from({ length: MAX_REMEMBERED + 10 }, (_, i) => at(`2026-11-25T11:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`, `m${i}`));
		const first = selectNewMessages(burst, after('2026-11-25T11:00:00Z', []), fp, NOW);
		expect(first.fresh).toHaveLength(burst.length);
		expect(first.next.emitted.length).toBeLessThanOrEqual(MAX_REMEMBERED);
		expect(selectNewMessages(burst, first.next, fp, NOW).fresh).toEqual([]);
	});

	it('keeps the cursor when nothing is new', () => {
		const cursor = after('2026-11-25T10:00:00Z', []);
		expect(selectNewMessages([at('2026-11-25T09:59:59Z', 'x')], cursor, fp, NOW)).toEqual({ fresh: [], next: cursor });
	});
});

describe('readOn', () => {
	it('records the day of the poll, and keeps the cursor object when nothing changed', () => {
		const cursor: PollCursor = { key: 'k', since: t('2026-11-25T10:00:00Z'), emitted: [], readOn: '2026-11-25' };
		expect(selectNewMessages([], cursor, fp, NOW, '2026-11-25').next).toBe(cursor);
		expect(selectNewMessages([], cursor, fp, NOW, '2026-11-26').next).toEqual({ ...cursor, readOn: '2026-11-26' });
	});

	it('reads from the overlap\'s day, or from the day before the last successful read when that is later', () => {
		const base: PollCursor = { key: 'k', since: t('2026-08-10T10:00:00Z'), emitted: [] };
		expect(firstDayToRead(base, '2026-11-25')).toBe('2026-08-10');
		expect(firstDayToRead({ ...base, readOn: '2026-08-10' }, '2026-11-25')).toBe('2026-08-10');
		expect(firstDayToRead({ ...base, readOn: '2026-08-12' }, '2026-11-25')).toBe('2026-08-11');
		expect(firstDayToRead({ ...base, readOn: '2026-11-25' }, '2026-11-25')).toBe('2026-11-24');
		expect(firstDayToRead({ ...base, readOn: '2026-12-01' }, '2026-11-25')).toBe('2026-11-25'); // clock went back
		expect(firstDayToRead({ ...base, since: t('2026-11-26T00:00:05Z') }, '2026-11-25')).toBe('2026-11-25');
	});
});

describe('readSavedCursor', () => {
	it('reads this form, and the one before it as an overlap starting at its second', () => {
		const cursor = { key: 'k', since: t('2026-11-25T10:00:00Z'), emitted: [entry(msg('2026-11-25T10:00:01Z', 'x'))], readOn: '2026-11-25' };
		expect(readSavedCursor(cursor, NOW)).toEqual({ kind: 'cursor', cursor });
		const y = msg('2026-11-25T10:00:00Z', 'y');
		expect(readSavedCursor({ key: 'k', lastTime: t('2026-11-25T10:00:00Z'), atLastTime: [print(y)], readOn: '2026-11-25' }, NOW)).toEqual({
			kind: 'cursor',
			cursor: { key: 'k', since: t('2026-11-25T10:00:00Z'), emitted: [entry(y)], readOn: '2026-11-25' },
		});
		expect(readSavedCursor(undefined, NOW)).toEqual({ kind: 'none' });
	});

	it.each([
		['a string', 'cursor'],
		['no key', { since: 0, emitted: [] }],
		['a time that is text', { key: 'k', lastTime: 'yesterday', atLastTime: [] }],
		['a time that is not a whole second', { key: 'k', since: 1500, emitted: [] }],
		['a start far in the future', { key: 'k', since: t('2027-01-01T00:00:00Z'), emitted: [] }],
		['a malformed list', { key: 'k', since: 0, emitted: [42] }],
		['a list that is too long', { key: 'k', since: 0, emitted: Array(MAX_REMEMBERED + 1).fill('1:0123456789abcdef') }],
		['a day that is not a date', { key: 'k', since: 0, emitted: [], readOn: '2026-02-30' }],
	])('refuses %s, saying what was wrong', (_name, stored) => {
		expect(readSavedCursor(stored, NOW)).toEqual({ kind: 'unreadable', why: expect.any(String) });
	});
});

describe('digest', () => {
	it('is short, stable, and tells apart messages that differ in one character', () => {
		const long = msg('2026-11-25T10:00:00Z', 'x'.repeat(5000));
		expect(print(long)).toMatch(/^[0-9a-f]{16}$/);
		expect(print(long)).toBe(print({ ...long }));
		expect(print(long)).not.toBe(print({ ...long, message: `${'x'.repeat(4999)}y` }));
		expect(digest('')).toMatch(/^[0-9a-f]{16}$/);
		const many = new Set(Array.from({ length: 20000 }, (_, i) => digest(`message ${i}`)));
		expect(many.size).toBe(20000);
	});
});

describe('oldestFirst', () => {
	it('uses millisecond timestamps when present and keeps Zoom order within a second otherwise', () => {
		const a = { date_time: '2026-11-25T10:00:00Z', timestamp: 1795687200300, id: 'a' };
		const b = { date_time: '2026-11-25T10:00:00Z', timestamp: 1795687200100, id: 'b' };
		expect(oldestFirst([a, b]).map((m) => m.id)).toEqual(['b', 'a']);
		const c = msg('2026-11-25T10:00:00Z', 'c');
		const d = msg('2026-11-25T10:00:00Z', 'd');
		expect(oldestFirst([c, d]).map((m) => m.message)).toEqual(['c', 'd']);
	});
});
