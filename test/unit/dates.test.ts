import { DateTime } from 'luxon';

import { toCalendarDay } from '../../nodes/ZoomIm/parameters/dates';
import { dayRangeToUtcInstants, evenDayRuns, splitInstantRange, splitIntoDayRuns, splitIntoMonthWindows } from '../../nodes/ZoomIm/reading/calendar';

describe('toCalendarDay', () => {
	it('takes a bare day as that day whatever the zone', () => {
		expect(toCalendarDay('2026-03-01', 'Pacific/Auckland')).toEqual({ ok: true, day: '2026-03-01' });
		expect(toCalendarDay(' 2026-03-01 ', 'America/Los_Angeles')).toEqual({ ok: true, day: '2026-03-01' });
	});

	it('refuses impossible calendar days', () => {
		expect(toCalendarDay('2026-02-30', 'UTC')).toMatchObject({ ok: false, reason: expect.stringMatching(/calendar date/) });
		expect(toCalendarDay('2026-13-01', 'UTC').ok).toBe(false);
		expect(toCalendarDay('2024-02-29', 'UTC')).toEqual({ ok: true, day: '2024-02-29' });
		expect(toCalendarDay('2026-02-29', 'UTC').ok).toBe(false);
	});

	it('reads the editor format (no offset) as a wall-clock time in the zone', () => {
		expect(toCalendarDay('2026-03-01T00:00:00', 'Europe/Berlin')).toEqual({ ok: true, day: '2026-03-01' });
		expect(toCalendarDay('2026-03-01T23:30:00', 'Asia/Tokyo')).toEqual({ ok: true, day: '2026-03-01' });
	});

	it('reads date-times with an offset as instants and converts them to the zone', () => {
		// 23:30 UTC on March 1st is already March 2nd in Berlin (UTC+1 in winter).
		expect(toCalendarDay('2026-03-01T23:30:00Z', 'Europe/Berlin')).toEqual({ ok: true, day: '2026-03-02' });
		expect(toCalendarDay('2026-03-01T23:30:00Z', 'UTC')).toEqual({ ok: true, day: '2026-03-01' });
		expect(toCalendarDay('2026-03-02T01:00:00+02:00', 'UTC')).toEqual({ ok: true, day: '2026-03-01' });
	});

	it('accepts luxon DateTimes, JS Dates and epoch milliseconds', () => {
		const instant = Date.UTC(2026, 5, 30, 22, 0, 0); // 2026-06-30T22:00Z
		expect(toCalendarDay(DateTime.fromMillis(instant), 'UTC')).toEqual({ ok: true, day: '2026-06-30' });
		expect(toCalendarDay(new Date(instant), 'Europe/Berlin')).toEqual({ ok: true, day: '2026-07-01' });
		expect(toCalendarDay(instant, 'America/New_York')).toEqual({ ok: true, day: '2026-06-30' });
	});

	it('accepts a DateTime from another copy of luxon (duck-typed, as n8n expressions give)', () => {
		const foreign = { isValid: true, toMillis: () => Date.UTC(2026, 0, 15, 12), toISO: () => '2026-01-15T12:00:00Z' };
		expect(toCalendarDay(foreign, 'UTC')).toEqual({ ok: true, day: '2026-01-15' });
	});

	it('explains empty, invalid and unreadable values', () => {
		expect(toCalendarDay(undefined, 'UTC')).toEqual({ ok: false, reason: 'is empty' });
		expect(toCalendarDay(null, 'UTC')).toEqual({ ok: false, reason: 'is empty' });
		expect(toCalendarDay('   ', 'UTC')).toEqual({ ok: false, reason: 'is empty' });
		expect(toCalendarDay('yesterday', 'UTC').ok).toBe(false);
		expect(toCalendarDay(new Date('nope'), 'UTC').ok).toBe(false);
		expect(toCalendarDay(DateTime.invalid('test'), 'UTC').ok).toBe(false);
		expect(toCalendarDay({ some: 'object' }, 'UTC').ok).toBe(false);
	});
});

describe('toCalendarDay: epoch numbers and plausible years', () => {
	it('reads a number as Unix seconds or milliseconds by its size', () => {
		const noonUtc = Date.UTC(2026, 2, 1, 12, 0, 0); // 2026-03-01T12:00Z
		expect(toCalendarDay(noonUtc / 1000, 'UTC')).toEqual({ ok: true, day: '2026-03-01' });
		expect(toCalendarDay(noonUtc, 'UTC')).toEqual({ ok: true, day: '2026-03-01' });
		// Seconds keep their fraction and the zone: 23:30 UTC is the next day in Berlin.
		expect(toCalendarDay(Date.UTC(2026, 2, 1, 23, 30) / 1000 + 0.5, 'Europe/Berlin')).toEqual({ ok: true, day: '2026-03-02' });
	});

	it('refuses years Zoom chat cannot hold, saying how the number was read', () => {
		expect(toCalendarDay(0, 'UTC')).toEqual({ ok: false, reason: expect.stringMatching(/^is 1970-01-01 \(read as Unix seconds\): use a date from 2011 to 2100/) });
		expect(toCalendarDay('1999-12-31', 'UTC')).toMatchObject({ ok: false, reason: expect.stringContaining('is 1999-12-31: use a date from 2011 to 2100') });
		expect(toCalendarDay('2101-01-01T00:00:00Z', 'UTC').ok).toBe(false);
		expect(toCalendarDay(new Date(Date.UTC(2010, 11, 31, 12)), 'UTC').ok).toBe(false);
		expect(toCalendarDay(DateTime.fromISO('3026-01-01T00:00:00Z'), 'UTC').ok).toBe(false);
		expect(toCalendarDay(8.64e15, 'UTC')).toEqual({ ok: false, reason: expect.stringMatching(/^is the year 275760 \(read as Unix milliseconds\)/) });
		expect(toCalendarDay('2011-01-01', 'UTC')).toEqual({ ok: true, day: '2011-01-01' });
		expect(toCalendarDay('2100-12-31', 'UTC')).toEqual({ ok: true, day: '2100-12-31' });
	});
});

describe('dayRangeToUtcInstants', () => {
	it('covers the first day from 00:00:00 to the last day 23:59:59 in the zone, as UTC', () => {
		expect(dayRangeToUtcInstants('2026-03-01', '2026-03-31', 'UTC')).toEqual({
			from: '2026-03-01T00:00:00Z',
			to: '2026-03-31T23:59:59Z',
		});
		// Berlin: UTC+1 until March 29th 2026, UTC+2 after.
		expect(dayRangeToUtcInstants('2026-03-01', '2026-03-31', 'Europe/Berlin')).toEqual({
			from: '2026-02-28T23:00:00Z',
			to: '2026-03-31T21:59:59Z',
		});
	});
});

describe('splitIntoMonthWindows', () => {
	it('keeps a range of at most one month whole', () => {
		expect(splitIntoMonthWindows('2026-03-01', '2026-03-31')).toEqual([{ from: '2026-03-01', to: '2026-03-31' }]);
		expect(splitIntoMonthWindows('2026-03-05', '2026-03-05')).toEqual([{ from: '2026-03-05', to: '2026-03-05' }]);
		expect(splitIntoMonthWindows('2026-03-15', '2026-04-14')).toEqual([{ from: '2026-03-15', to: '2026-04-14' }]);
	});

	it('splits longer ranges into consecutive windows of start + 1 month - 1 day', () => {
		expect(splitIntoMonthWindows('2026-03-15', '2026-04-15')).toEqual([
			{ from: '2026-03-15', to: '2026-04-14' },
			{ from: '2026-04-15', to: '2026-04-15' },
		]);
		expect(splitIntoMonthWindows('2025-11-01', '2026-02-10')).toEqual([
			{ from: '2025-11-01', to: '2025-11-30' },
			{ from: '2025-12-01', to: '2025-12-31' },
			{ from: '2026-01-01', to: '2026-01-31' },
			{ from: '2026-02-01', to: '2026-02-10' },
		]);
	});

	it('follows calendar arithmetic at month ends (Jan 31 + 1 month = Feb 28)', () => {
		expect(splitIntoMonthWindows('2026-01-31', '2026-04-01')).toEqual([
			{ from: '2026-01-31', to: '2026-02-27' },
			{ from: '2026-02-28', to: '2026-03-27' },
			{ from: '2026-03-28', to: '2026-04-01' },
		]);
		expect(splitIntoMonthWindows('2024-01-30', '2024-03-01')).toEqual([
			{ from: '2024-01-30', to: '2024-02-28' },
			{ from: '2024-02-29', to: '2024-03-01' },
		]);
	});

	it('covers every day exactly once over several years', () => {
		const windows = splitIntoMonthWindows('2023-01-31', '2026-11-25');
		let expected = DateTime.fromISO('2023-01-31', { zone: 'UTC' });
		for (const w of windows) {
			expect(w.from).toBe(expected.toISODate());
			const from = DateTime.fromISO(w.from, { zone: 'UTC' });
			const to = DateTime.fromISO(w.to, { zone: 'UTC' });
			expect(to >= from).toBe(true);
			expect(to <= from.plus({ months: 1 }).minus({ days: 1 })).toBe(true);
			expected = to.plus({ days: 1 });
		}
		expect(windows[windows.length - 1].to).toBe('2026-11-25');
	});

	it('returns no window for an empty range', () => {
		expect(splitIntoMonthWindows('2026-03-02', '2026-03-01')).toEqual([]);
	});
});

describe('splitting a window for parallel reading', () => {
	it('IM chat: whole days, consecutive, as even as possible, never more parts than days', () => {
		expect(splitIntoDayRuns({ from: '2025-03-01', to: '2025-03-31' }, 4)).toEqual([
			{ from: '2025-03-01', to: '2025-03-07' },
			{ from: '2025-03-08', to: '2025-03-15' },
			{ from: '2025-03-16', to: '2025-03-23' },
			{ from: '2025-03-24', to: '2025-03-31' },
		]);
		expect(splitIntoDayRuns({ from: '2025-03-30', to: '2025-04-01' }, 10)).toEqual([
			{ from: '2025-03-30', to: '2025-03-30' },
			{ from: '2025-03-31', to: '2025-03-31' },
			{ from: '2025-04-01', to: '2025-04-01' },
		]);
		expect(splitIntoDayRuns({ from: '2025-03-01', to: '2025-03-31' }, 1)).toEqual([{ from: '2025-03-01', to: '2025-03-31' }]);
	});

	it('IM chat: as many runs as make them equally long, give or take a day, and at least as many as wanted', () => {
		const march = { from: '2025-03-01', to: '2025-03-31' };
		// 13 wanted: runs of 2 days (16 of them), not a mix of 2- and 3-day runs.
		expect(evenDayRuns(march, 13)).toBe(16);
		const lengths = splitIntoDayRuns(march, evenDayRuns(march, 13)).map(
			(run) => (Date.parse(run.to) - Date.parse(run.from)) / 86_400_000 + 1,
		);
		expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
		expect(Math.max(...lengths)).toBe(2);
		expect(evenDayRuns(march, 1)).toBe(1);
		expect(evenDayRuns(march, 31)).toBe(31);
		expect(evenDayRuns(march, 50)).toBe(31);
		expect(evenDayRuns({ from: '2025-04-01', to: '2025-04-30' }, 3)).toBe(3);
	});

	it('Team Chat: inclusive whole-second spans, each starting the second after the previous one ended', () => {
		const range = { from: '2025-03-01T05:00:00Z', to: '2025-03-02T04:59:59Z' };
		expect(splitInstantRange(range, 3)).toEqual([
			{ from: '2025-03-01T05:00:00Z', to: '2025-03-01T12:59:59Z' },
			{ from: '2025-03-01T13:00:00Z', to: '2025-03-01T20:59:59Z' },
			{ from: '2025-03-01T21:00:00Z', to: '2025-03-02T04:59:59Z' },
		]);
		expect(splitInstantRange({ from: '2025-03-01T00:00:00Z', to: '2025-03-01T00:00:01Z' }, 5)).toHaveLength(2);
	});
});
