import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { imParams, imRequests, jsonOf, messagesRunner, useSimulator } from './setup';

const sim = useSimulator();

beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

describe('Zoom IM Messages (IM chat) over HTTP against the simulator', () => {
	it('returns every message of a multi-month range exactly once, in window order, one month per request', async () => {
		const runner = messagesRunner(sim);
		// Parallel Windows 4, one per month window: each window is read whole, page after page (with
		// more lanes a fresh credential may split busy windows from their first answers, by the
		// latency those took: windowSplit.integration.test.ts).
		const options = { timezone: 'UTC', retryDelay: 1, concurrency: 4 };
		const [items] = await runner.execute(imParams('grp-eng', '2025-11-15', '2026-02-20', { options }));

		const expected = sim.imMessages('grp-eng', '2025-11-15', '2026-02-20').map((m) => ({ ...m, session_id: 'grp-eng' }));
		expect(expected.length).toBeGreaterThan(500);
		expect(jsonOf(items)).toEqual(expected);
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);

		// The windows are read side by side: the order their requests reach the simulator is the machine's.
		const windows = [...new Set(imRequests(sim).map((r) => `${r.from}..${r.to}`))].sort();
		expect(windows).toEqual(['2025-11-15..2025-12-14', '2025-12-15..2026-01-14', '2026-01-15..2026-02-14', '2026-02-15..2026-02-20']);
		// No page is asked for twice, and every page but the last of a window is full.
		const tokens = imRequests(sim).map((r) => r.token).filter(Boolean);
		expect(new Set(tokens).size).toBe(tokens.length);
		const perWindow = [
			['2025-11-15', '2025-12-14'],
			['2025-12-15', '2026-01-14'],
			['2026-01-15', '2026-02-14'],
			['2026-02-15', '2026-02-20'],
		].map(([from, to]) => Math.max(1, Math.ceil(sim.imMessages('grp-eng', from, to).length / 50)));
		expect(imRequests(sim)).toHaveLength(perWindow.reduce((a, b) => a + b, 0));
	});

	it('includes messages on the boundary days at 00:00:00 and 23:59:59', async () => {
		const [items] = await messagesRunner(sim).execute(imParams('grp-eng', '2026-01-31', '2026-02-01'));
		const times = jsonOf(items).map((m) => m.date_time);
		expect(times).toContain('2026-01-31T23:59:59Z');
		expect(times).toContain('2026-02-01T00:00:00Z');
		expect(times.every((t) => typeof t === 'string' && t >= '2026-01-31' && t < '2026-02-02')).toBe(true);
	});

	it('keeps identical messages in the same second as separate items', async () => {
		const [items] = await messagesRunner(sim).execute(imParams('grp-eng', '2025-10-15', '2025-10-15'));
		expect(jsonOf(items).filter((m) => m.message === 'Same message twice')).toHaveLength(2);
	});

	it('stops at the limit, asking Zoom only for the page size it needs', async () => {
		const [items] = await messagesRunner(sim).execute(imParams('grp-eng', '2026-03-01', '2026-06-30', { returnAll: false, limit: 7 }));
		expect(jsonOf(items)).toEqual(sim.imMessages('grp-eng', '2026-03-01', '2026-03-31').slice(0, 7).map((m) => ({ ...m, session_id: 'grp-eng' })));
		expect(imRequests(sim)).toEqual([{ from: '2026-03-01', to: '2026-03-31', page_size: '7', token: undefined, status: 200 }]);
	});

	it('with a limit spanning windows, reads the next window for the rest only', async () => {
		const march = sim.imMessages('grp-eng', '2026-03-01', '2026-03-31');
		const limit = march.length + 3;
		const [items] = await messagesRunner(sim).execute(imParams('grp-eng', '2026-03-01', '2026-06-30', { returnAll: false, limit }));
		expect(items).toHaveLength(limit);
		expect(jsonOf(items).slice(march.length).map((m) => m.message)).toEqual(
			sim.imMessages('grp-eng', '2026-04-01', '2026-04-30').slice(0, 3).map((m) => m.message),
		);
		const windows = [...new Set(imRequests(sim).map((r) => r.from))];
		expect(windows).toEqual(['2026-03-01', '2026-04-01']);
		expect(imRequests(sim).filter((r) => r.from === '2026-04-01')).toEqual([
			{ from: '2026-04-01', to: '2026-04-30', page_size: '3', token: undefined, status: 200 },
		]);
	});

	it('returns nothing, successfully, for an empty session', async () => {
		const [items] = await messagesRunner(sim).execute(imParams('empty-session', '2026-01-01', '2026-03-31'));
		expect(items).toEqual([]);
		expect(imRequests(sim)).toHaveLength(3);
	});

	it('encodes session ids with reserved and unicode characters', async () => {
		for (const id of ['c2Vzc2lvbi0z+Kw==', 'équipe-é', 'alice@example.com']) {
			const [items] = await messagesRunner(sim).execute(imParams(id, '2026-09-01', '2026-10-31'));
			expect(jsonOf(items)).toEqual(
				[...sim.imMessages(id, '2026-09-01', '2026-09-30'), ...sim.imMessages(id, '2026-10-01', '2026-10-31')].map((m) => ({ ...m, session_id: id })),
			);
		}
	});

	it('processes every input item with its own parameters', async () => {
		const [items] = await messagesRunner(sim).execute(
			{ ...imParams('x', '2026-10-01', '2026-10-31'), sessionId: { __rl: true, mode: 'id', value: '={{ $json.session }}' } },
			[{ json: { session: 'alice@example.com' } }, { json: { session: 'équipe-é' } }],
		);
		const alice = sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31');
		const equipe = sim.imMessages('équipe-é', '2026-10-01', '2026-10-31');
		expect(items).toHaveLength(alice.length + equipe.length);
		expect(items.slice(0, alice.length).every((i) => (i.pairedItem as { item: number }).item === 0 && i.json.session_id === 'alice@example.com')).toBe(true);
		expect(items.slice(alice.length).every((i) => (i.pairedItem as { item: number }).item === 1 && i.json.session_id === 'équipe-é')).toBe(true);
	});

	it('reads days in the chosen timezone', async () => {
		// Tokyo's 2026-10-05 is the UTC day 2026-10-05 too: IM chat's dates are sent as calendar days.
		await messagesRunner(sim).execute(imParams('alice@example.com', '2026-10-05T00:30:00+09:00', '2026-10-05', { options: { timezone: 'Asia/Tokyo' } }));
		expect(imRequests(sim).map((r) => [r.from, r.to])).toEqual([['2026-10-05', '2026-10-05']]);
		sim.clearRequests();
		// An instant late on the 4th in UTC is already the 5th in Tokyo.
		await messagesRunner(sim).execute(imParams('alice@example.com', '2026-10-04T20:00:00Z', '2026-10-06', { options: { timezone: 'Asia/Tokyo' } }));
		expect(imRequests(sim).map((r) => r.from)).toEqual(['2026-10-05']);
	});

	it('reads From and To given as Unix seconds (an expression) as those days, not as milliseconds in 1970', async () => {
		const from = Date.UTC(2026, 9, 5, 12) / 1000;
		const to = Date.UTC(2026, 9, 6, 12) / 1000;
		await messagesRunner(sim).execute(imParams('alice@example.com', `={{ ${from} }}`, `={{ ${to} }}`));
		expect(imRequests(sim).map((r) => [r.from, r.to])).toEqual([['2026-10-05', '2026-10-06']]);
	});

	it('an empty month comes without a messages list (Zoom does not promise one) and is read as empty, not a failure', async () => {
		// Three month windows; only the third has a message: the simulator serves the first two without `messages`.
		const only = sim.addImMessage('empty-session', { date_time: '2026-03-10T10:00:00Z', message: 'the only one' });
		sim.clearRequests();
		const [items] = await messagesRunner(sim).execute(imParams('empty-session', '2026-01-01', '2026-03-31'));
		expect(jsonOf(items)).toEqual([{ ...only, session_id: 'empty-session' }]);
		const answers = sim.requests.filter((r) => r.kind === 'imMessages');
		expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
	});

	it('uses the workflow timezone when no timezone option is set', async () => {
		const runner = messagesRunner(sim, 'Pacific/Auckland');
		await runner.execute({ ...imParams('alice@example.com', '2026-10-05T20:00:00Z', '2026-10-07'), options: {} });
		expect(imRequests(sim).map((r) => r.from)).toEqual(['2026-10-06']);
	});
});

describe('bad input fails before any request, naming the field and the value', () => {
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['impossible From', { from: '2026-02-30' }, /The value "2026-02-30" of "From" is not a valid calendar date/],
		['unparsable To', { to: 'next tuesday' }, /The value "next tuesday" of "To" is not a date/],
		['From after To', { from: '2026-03-02', to: '2026-03-01' }, /"From" is after "To"/],
		['page size 0', { pageSize: 0 }, /The value "0" of "Page Size"/],
		['page size 301', { pageSize: 301 }, /The value "301" of "Page Size" is not allowed: use a whole number from 1 to 300/],
		['page size 2.5', { pageSize: 2.5 }, /The value "2.5" of "Page Size"/],
		['empty session through an expression', { sessionId: { __rl: true, mode: 'id', value: '={{ "" }}' } }, /"Session" is empty/],
		['whitespace session', { sessionId: { __rl: true, mode: 'id', value: '   ' } }, /The value " {3}" of "Session" is empty/],
		['null date through an expression', { from: '={{ null }}' }, /"From" is empty/],
		['path traversal session', { sessionId: { __rl: true, mode: 'id', value: '..' } }, /"Session" is not a valid identifier/],
		['unknown timezone', { options: { timezone: 'Mars/Base' } }, /"Mars\/Base" of "Timezone"/],
		['a year Zoom chat cannot hold', { from: '1999-12-01' }, /^The value "1999-12-01" of "From" is 1999-12-01: use a date from 2011 to 2100/],
		['zero through an expression (Unix seconds)', { from: '={{ 0 }}' }, /^The value "0" of "From" is 1970-01-01 \(read as Unix seconds\)/],
		['a typo year', { to: '20266-01-31' }, /of "To" is not a date/],
		['NaN through an expression, shown as NaN', { to: '={{ NaN }}' }, /^The value NaN of "To" is not a valid date$/],
	];
	it.each(cases)('%s', async (_name, overrides, message) => {
		const error = await messagesRunner(sim)
			.execute({ ...imParams('grp-eng', '2026-01-01', '2026-01-31'), ...(overrides as INodeParameters) })
			.catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
		expect(sim.requests.filter((r) => r.kind !== 'token')).toEqual([]);
	});

	it('with Continue On Fail, a bad item yields { error } paired to it and the others still run', async () => {
		const [items] = await messagesRunner(sim).execute(
			{ ...imParams('x', '2026-10-01', '2026-10-31'), sessionId: { __rl: true, mode: 'id', value: '={{ $json.session }}' } },
			[{ json: { session: 'alice@example.com' } }, { json: { session: 'no-such-session' } }, { json: { session: '' } }, { json: { session: 'équipe-é' } }],
			{ continueOnFail: true },
		);
		const alice = sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31').length;
		const equipe = sim.imMessages('équipe-é', '2026-10-01', '2026-10-31').length;
		expect(items).toHaveLength(alice + 2 + equipe);
		const errors = items.filter((i) => 'error' in i.json);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(errors[0].json.error).toMatch(/Zoom error 404 \(code 4130\): Chat session does not exist/);
		expect(errors[1].json.error).toMatch(/"Session" is empty/);
		expect(items.filter((i) => (i.pairedItem as { item: number }).item === 3)).toHaveLength(equipe);
	});
});

describe("Zoom's errors reach the user with Zoom's code and message", () => {
	it('an unknown session is a NodeApiError with HTTP 404 and code 4130', async () => {
		const error = await messagesRunner(sim).execute(imParams('no-such-session', '2026-01-01', '2026-01-31')).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Zoom error 404 (code 4130): Chat session does not exist: no-such-session.');
	});
});

// The session picker: sessionPicker.integration.test.ts.
