/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node (node:util for deep equality), never inside n8n */
/**
 * Property-based tests (fast-check, fixed seed, bounded runs) of what takes input from the network
 * or from saved data: the webhook signature and replay checks, the event key, date parsing, page
 * parsing and the trigger's saved cursor. Each property is stated apart from the code under test.
 */
import { createHmac } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

import fc from 'fast-check';

import { canonicalJson } from '../../nodes/ZoomIm/events/eventItem';
import { isFreshTimestamp, REPLAY_WINDOW_MS } from '../../nodes/ZoomIm/events/replayWindow';
import { signaturesMatch, zoomSignature } from '../../nodes/ZoomIm/events/signature';
import { PLAUSIBLE_YEARS, toCalendarDay } from '../../nodes/ZoomIm/parameters/dates';
import { parseMessagesPage } from '../../nodes/ZoomIm/reading/messages';
import { ZoomError } from '../../nodes/ZoomIm/transport/errors';
import { MAX_REMEMBERED, selectNewMessages } from '../../nodes/ZoomIm/trigger/pollCursor';
import { readSavedCursor } from '../../nodes/ZoomIm/trigger/savedCursor';

const settings = { seed: 20, numRuns: 200 };
const NOW = Date.UTC(2026, 10, 25, 12);

describe('webhook signature and replay window', () => {
	it('accepts exactly Zoom\'s HMAC of v0:{timestamp}:{body}, and nothing that differs from it', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1 }), fc.string(), fc.string(), fc.string(), (secret, ts, body, forged) => {
				const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
				expect(zoomSignature(secret, ts, Buffer.from(body, 'utf8'))).toBe(expected);
				expect(signaturesMatch(expected, zoomSignature(secret, ts, body))).toBe(true);
				expect(signaturesMatch(forged, expected)).toBe(forged === expected);
			}),
			settings,
		);
	});

	it('takes only plain epoch seconds within five minutes of now', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.integer({ min: 0, max: 4e9 }).map(String)), (ts) => {
				const fresh = /^\d{1,12}$/.test(ts) && Math.abs(NOW - Number(ts) * 1000) <= REPLAY_WINDOW_MS;
				expect(isFreshTimestamp(ts, NOW)).toBe(fresh);
			}),
			settings,
		);
	});
});

describe('event key', () => {
	const reorder = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(reorder);
		if (typeof value !== 'object' || value === null) return value;
		return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
	};

	it('is the same for the same event however serialised, and differs for different events', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
				const parsedA = JSON.parse(JSON.stringify(a)) as unknown;
				const parsedB = JSON.parse(JSON.stringify(b)) as unknown;
				expect(canonicalJson(JSON.parse(JSON.stringify(reorder(parsedA), null, 1)))).toBe(canonicalJson(parsedA));
				expect(canonicalJson(parsedA) === canonicalJson(parsedB)).toBe(isDeepStrictEqual(parsedA, parsedB));
			}),
			settings,
		);
	});
});

describe('date parsing', () => {
	it('never throws, and every day it accepts is a real day of a plausible year', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.date({ noInvalidDate: false }), fc.constant(null)), (value) => {
				const result = toCalendarDay(value, 'UTC');
				if (!result.ok) return;
				expect(result.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				const year = Number(result.day.slice(0, 4));
				expect(year).toBeGreaterThanOrEqual(PLAUSIBLE_YEARS.first);
				expect(year).toBeLessThanOrEqual(PLAUSIBLE_YEARS.last);
				expect(new Date(`${result.day}T00:00:00Z`).toISOString().slice(0, 10)).toBe(result.day);
			}),
			settings,
		);
	});

	it('reads an instant the same whether given in Unix seconds or milliseconds', () => {
		const first = Date.UTC(PLAUSIBLE_YEARS.first, 0, 1) / 1000;
		const last = Date.UTC(PLAUSIBLE_YEARS.last, 11, 31) / 1000;
		fc.assert(
			fc.property(fc.integer({ min: first, max: last }), (seconds) => {
				expect(toCalendarDay(seconds, 'UTC')).toEqual(toCalendarDay(seconds * 1000, 'UTC'));
				expect(toCalendarDay(seconds, 'UTC')).toEqual({ ok: true, day: new Date(seconds * 1000).toISOString().slice(0, 10) });
			}),
			settings,
		);
	});
});

describe('page parsing', () => {
	it('returns a page of objects no larger than asked for, with a string token, or a ZoomError: nothing else', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.constantFrom('messages', 'next_page_token', 'page_size', 'from', 'x'), fc.jsonValue()), fc.integer({ min: 1, max: 5 }), (body, pageSize) => {
				try {
					const page = parseMessagesPage(body, pageSize, 'w', { listOptional: true });
					expect(page.messages.length).toBeLessThanOrEqual(pageSize);
					expect(page.messages.every((m) => typeof m === 'object' && m !== null && !Array.isArray(m))).toBe(true);
					expect(typeof page.nextPageToken).toBe('string');
				} catch (error) {
					expect(error).toBeInstanceOf(ZoomError);
				}
			}),
			settings,
		);
	});
});

describe("the trigger's saved cursor", () => {
	it('reads anything without throwing, and a cursor it accepts is usable and bounded', () => {
		const cursorLike = fc.record(
			{
				key: fc.oneof(fc.string(), fc.integer()),
				since: fc.oneof(fc.integer({ min: 0, max: NOW + 2 * 86_400_000 }).map((n) => n - (n % 1000)), fc.double(), fc.string()),
				emitted: fc.oneof(fc.array(fc.oneof(fc.string(), fc.constant('1795687200:0123456789abcdef'))), fc.jsonValue()),
				lastTime: fc.oneof(fc.integer(), fc.string()),
				atLastTime: fc.array(fc.stringMatching(/^[0-9a-f]{16}$/)),
				readOn: fc.oneof(fc.string(), fc.constant('2026-11-24')),
			},
			{ requiredKeys: [] },
		);
		fc.assert(
			fc.property(fc.oneof(cursorLike, fc.jsonValue()), (stored) => {
				const saved = readSavedCursor(stored, NOW);
				if (saved.kind !== 'cursor') return;
				const { cursor } = saved;
				expect(cursor.since).toBeLessThanOrEqual(NOW + 86_400_000);
				expect(cursor.emitted.length).toBeLessThanOrEqual(MAX_REMEMBERED);
				const { next } = selectNewMessages([{ date_time: '2026-11-25T11:59:00Z', message: 'm' }], cursor, (m) => JSON.stringify(m), NOW, '2026-11-25');
				expect(readSavedCursor(JSON.parse(JSON.stringify(next)), NOW)).toEqual({ kind: 'cursor', cursor: next });
			}),
			settings,
		);
	});
});
