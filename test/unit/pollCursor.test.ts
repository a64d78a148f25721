import { imMessageFingerprint } from '../../nodes/ZoomIm/reading/imChat';
import type { ZoomMessage } from '../../nodes/ZoomIm/reading/messages';
import { digest, firstDayToRead, initialCursor, oldestFirst, selectNewMessages, type PollCursor } from '../../nodes/ZoomIm/trigger/pollCursor';

const msg = (date_time: string, message: string, sender = 'a@example.com') => ({ date_time, sender, message });
const fp = imMessageFingerprint;
/** What the cursor stores for a message. */
const print = (m: ZoomMessage) => digest(fp(m));

describe('initialCursor', () => {
	it('starts after the newest existing message, remembering that second', () => {
		const existing = [msg('2026-11-25T10:00:00Z', 'a'), msg('2026-11-25T10:00:05Z', 'b'), msg('2026-11-25T10:00:05Z', 'b')];
		const cursor = initialCursor('k', existing, fp, '2026-11-24', '2026-11-25');
		expect(cursor).toEqual({
			key: 'k',
			lastTime: Date.parse('2026-11-25T10:00:05Z'),
			atLastTime: [print(existing[1]), print(existing[2])],
			readOn: '2026-11-25',
		});
	});
	it('starts at the beginning of the days it read when nothing exists', () => {
		expect(initialCursor('k', [], fp, '2026-11-24', '2026-11-25')).toEqual({
			key: 'k',
			lastTime: Date.parse('2026-11-24T00:00:00Z'),
			atLastTime: [],
			readOn: '2026-11-25',
		});
	});
});

describe('selectNewMessages', () => {
	const t = (s: string) => Date.parse(s);

	it('emits only messages after the cursor, oldest first', () => {
		const cursor: PollCursor = { key: 'k', lastTime: t('2026-11-25T10:00:00Z'), atLastTime: [print(msg('2026-11-25T10:00:00Z', 'old'))] };
		const fetched = [
			msg('2026-11-25T09:00:00Z', 'older'),
			msg('2026-11-25T10:00:00Z', 'old'),
			msg('2026-11-25T10:00:02Z', 'new 2'),
			msg('2026-11-25T10:00:01Z', 'new 1'),
		];
		const { fresh, next } = selectNewMessages(fetched, cursor, fp);
		expect(fresh.map((m) => m.message)).toEqual(['new 1', 'new 2']);
		expect(next).toEqual({ key: 'k', lastTime: t('2026-11-25T10:00:02Z'), atLastTime: [print(fetched[2])] });
	});

	it('emits a late message of the cursor second, and an identical twin exactly once more', () => {
		const same = msg('2026-11-25T10:00:00Z', 'ok');
		const cursor: PollCursor = { key: 'k', lastTime: t('2026-11-25T10:00:00Z'), atLastTime: [print(same)] };
		const first = selectNewMessages([same, { ...same }, msg('2026-11-25T10:00:00Z', 'late')], cursor, fp);
		expect(first.fresh.map((m) => m.message)).toEqual(['ok', 'late']);
		expect(first.next.atLastTime.sort()).toEqual([print(same), print(same), print(msg('2026-11-25T10:00:00Z', 'late'))].sort());
		// The next poll sees the same three messages: nothing new.
		const second = selectNewMessages([same, { ...same }, msg('2026-11-25T10:00:00Z', 'late')], first.next, fp);
		expect(second.fresh).toEqual([]);
		expect(second.next).toBe(first.next);
	});

	it('keeps the cursor when nothing is new', () => {
		const cursor: PollCursor = { key: 'k', lastTime: t('2026-11-25T10:00:00Z'), atLastTime: [] };
		expect(selectNewMessages([msg('2026-11-25T09:59:59Z', 'x')], cursor, fp)).toEqual({ fresh: [], next: cursor });
	});
});

describe('readOn', () => {
	const t = (s: string) => Date.parse(s);

	it('records the day of the poll, and keeps the cursor object when nothing changed', () => {
		const cursor: PollCursor = { key: 'k', lastTime: t('2026-11-25T10:00:00Z'), atLastTime: [], readOn: '2026-11-25' };
		expect(selectNewMessages([], cursor, fp, '2026-11-25').next).toBe(cursor);
		expect(selectNewMessages([], cursor, fp, '2026-11-26').next).toEqual({ ...cursor, readOn: '2026-11-26' });
		const { next } = selectNewMessages([msg('2026-11-26T00:00:01Z', 'new')], cursor, fp, '2026-11-26');
		expect(next).toEqual({ key: 'k', lastTime: t('2026-11-26T00:00:01Z'), atLastTime: [print(msg('2026-11-26T00:00:01Z', 'new'))], readOn: '2026-11-26' });
	});

	it('reads from the newest message\'s day, or from the day before the last successful read when that is later', () => {
		const base: PollCursor = { key: 'k', lastTime: t('2026-08-10T10:00:00Z'), atLastTime: [] };
		expect(firstDayToRead(base, '2026-11-25')).toBe('2026-08-10'); // older cursors have no readOn
		expect(firstDayToRead({ ...base, readOn: '2026-08-10' }, '2026-11-25')).toBe('2026-08-10');
		expect(firstDayToRead({ ...base, readOn: '2026-08-12' }, '2026-11-25')).toBe('2026-08-11');
		expect(firstDayToRead({ ...base, readOn: '2026-11-25' }, '2026-11-25')).toBe('2026-11-24');
		expect(firstDayToRead({ ...base, readOn: '2026-12-01' }, '2026-11-25')).toBe('2026-11-25'); // clock went back
		expect(firstDayToRead({ ...base, lastTime: t('2026-11-26T00:00:05Z') }, '2026-11-25')).toBe('2026-11-25');
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
