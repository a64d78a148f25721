import { DateTime } from 'luxon';

import { ZoomImMessages } from '../../nodes/ZoomIm/ZoomImMessages.node';
import {
	SESSION_PICKER_MONTHS,
	lastMessageDay,
	pickerPosition,
	pickerToken,
	showSessionIn,
} from '../../nodes/ZoomIm/methods/sessionPicker';

/** Zoom's rule for one request: `to` not before `from` and at most `from + 1 month - 1 day`. */
function withinOneMonth(from: string, to: string): boolean {
	const start = DateTime.fromISO(from, { zone: 'UTC' });
	return to >= from && to <= (start.plus({ months: 1 }).minus({ days: 1 }).toISODate() as string);
}

const dayBefore = (day: string) => DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: 1 }).toISODate() as string;

describe('pickerPosition: the windows of the session picker', () => {
	it.each(['2026-11-15', '2026-03-31', '2026-03-30', '2026-02-28', '2028-02-29', '2026-01-01'])(
		'ending %s: contiguous one-month windows, newest first, covering 12 months',
		(today) => {
			const { windows, firstDay, startsAtToday } = pickerPosition(undefined, today);
			expect(startsAtToday).toBe(true);
			expect(SESSION_PICKER_MONTHS).toBe(12);
			// The 12 months up to today: from the day after the same day a year ago.
			expect(firstDay).toBe(DateTime.fromISO(today, { zone: 'UTC' }).minus({ years: 1 }).plus({ days: 1 }).toISODate());
			expect(windows[0].to).toBe(today);
			expect(windows[windows.length - 1].from).toBe(firstDay);
			for (const w of windows) expect([w, withinOneMonth(w.from, w.to)]).toEqual([w, true]);
			for (let i = 1; i < windows.length; i++) expect(windows[i].to).toBe(dayBefore(windows[i - 1].from));
			expect(windows.length).toBeGreaterThanOrEqual(12);
			expect(windows.length).toBeLessThanOrEqual(13);
		},
	);

	it("a token continues with the same windows, even on a later day; a bad one starts again", () => {
		const first = pickerPosition(undefined, '2026-11-15');
		const token = pickerToken(first, first.windows[4]);
		const later = pickerPosition(token, '2026-11-16');
		expect(later.startsAtToday).toBe(false);
		expect(later.firstDay).toBe(first.firstDay);
		expect(later.windows).toEqual(first.windows.slice(4));
		for (const bad of ['', 'garbage', '2026-02-30/2026-03-01', '2026-05-01/2026-04-01', '2025-11-16/2026-11-15/x']) {
			expect(pickerPosition(bad, '2026-11-15')).toEqual(first);
		}
	});
});

describe('showSessionIn: each session once, with the window of its last message', () => {
	const window = { from: '2026-09-16', to: '2026-10-15' };
	const middle = { newest: false, oldest: false };

	it('shows a session whose last message is in the window, whatever the time format', () => {
		for (const t of ['2026-09-16T00:00:00Z', '2026-10-15T23:59:59Z', '2026-10-01T10:00:00.123Z', '2026-10-16T01:00:00+02:00']) {
			expect([t, showSessionIn(t, window, middle)]).toEqual([t, true]);
		}
	});

	it('leaves a later last message to the newer window that listed it, except in the newest window', () => {
		expect(showSessionIn('2026-10-16T00:00:00Z', window, middle)).toBe(false);
		expect(showSessionIn('2026-10-16T00:00:00Z', window, { newest: true, oldest: false })).toBe(true);
	});

	it('shows an earlier last message (Zoom ignoring the range) only with the oldest window', () => {
		expect(showSessionIn('2026-09-15T23:59:59Z', window, middle)).toBe(false);
		expect(showSessionIn('2024-01-01T00:00:00Z', window, { newest: false, oldest: true })).toBe(true);
	});

	it('shows a session without a readable time', () => {
		for (const t of [undefined, '', 'yesterday', 42]) expect(showSessionIn(t, window, middle)).toBe(true);
		expect(lastMessageDay('2026-10-16T01:00:00+02:00')).toBe('2026-10-15');
		expect(lastMessageDay('nope')).toBeUndefined();
	});
});

describe("the Session field's description", () => {
	it('says how far back the list looks and that By ID always works', () => {
		const session = new ZoomImMessages().description.properties.find((p) => p.name === 'sessionId');
		expect(session?.description).toMatch(new RegExp(`last ${SESSION_PICKER_MONTHS} months`));
		expect(session?.description).toMatch(/By ID works for any session/);
	});
});
