import { imMessageFingerprint } from '../../nodes/shared/imChatApi';
import { initialCursor, oldestFirst, selectNewMessages, type PollCursor } from '../../nodes/shared/pollCursor';

const msg = (date_time: string, message: string, sender = 'a@example.com') => ({ date_time, sender, message });
const fp = imMessageFingerprint;

describe('initialCursor', () => {
	it('starts after the newest existing message, remembering that second', () => {
		const existing = [msg('2026-11-25T10:00:00Z', 'a'), msg('2026-11-25T10:00:05Z', 'b'), msg('2026-11-25T10:00:05Z', 'b')];
		const cursor = initialCursor('k', existing, fp, Date.parse('2026-11-25T12:00:00Z'));
		expect(cursor).toEqual({
			key: 'k',
			lastTime: Date.parse('2026-11-25T10:00:05Z'),
			atLastTime: [fp(existing[1]), fp(existing[2])],
		});
	});
	it('starts at now when nothing exists', () => {
		expect(initialCursor('k', [], fp, Date.parse('2026-11-25T12:00:00.750Z'))).toEqual({
			key: 'k',
			lastTime: Date.parse('2026-11-25T12:00:00Z'),
			atLastTime: [],
		});
	});
});

describe('selectNewMessages', () => {
	const t = (s: string) => Date.parse(s);

	it('emits only messages after the cursor, oldest first', () => {
		const cursor: PollCursor = { key: 'k', lastTime: t('2026-11-25T10:00:00Z'), atLastTime: [fp(msg('2026-11-25T10:00:00Z', 'old'))] };
		const fetched = [
			msg('2026-11-25T09:00:00Z', 'older'),
			msg('2026-11-25T10:00:00Z', 'old'),
			msg('2026-11-25T10:00:02Z', 'new 2'),
			msg('2026-11-25T10:00:01Z', 'new 1'),
		];
		const { fresh, next } = selectNewMessages(fetched, cursor, fp);
		expect(fresh.map((m) => m.message)).toEqual(['new 1', 'new 2']);
		expect(next).toEqual({ key: 'k', lastTime: t('2026-11-25T10:00:02Z'), atLastTime: [fp(fetched[2])] });
	});

	it('emits a late message of the cursor second, and an identical twin exactly once more', () => {
		const same = msg('2026-11-25T10:00:00Z', 'ok');
		const cursor: PollCursor = { key: 'k', lastTime: t('2026-11-25T10:00:00Z'), atLastTime: [fp(same)] };
		const first = selectNewMessages([same, { ...same }, msg('2026-11-25T10:00:00Z', 'late')], cursor, fp);
		expect(first.fresh.map((m) => m.message)).toEqual(['ok', 'late']);
		expect(first.next.atLastTime.sort()).toEqual([fp(same), fp(same), fp(msg('2026-11-25T10:00:00Z', 'late'))].sort());
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
