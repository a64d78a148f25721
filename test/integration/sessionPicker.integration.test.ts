/**
 * The IM session picker (Session → From List: listSearch `searchSessions`) through n8n-core's
 * LoadOptionsContext over HTTP against the simulator. Zoom lists IM chat sessions only for a
 * `from`/`to` range of at most one month, so the picker reads the last 12 months window by window,
 * newest first, and hands the editor a pagination token for the rest.
 *
 * "Today" is put at 2026-11-15 by faking Date only (timers stay real); the picker's year is then
 * 2025-11-16 … 2026-11-15. Expected sessions come from the simulator's oracle.
 */
import { NodeApiError, type INodeListSearchResult } from 'n8n-workflow';

import type { NodeRunner } from '../support/execute-context';
import { imParams, jsonOf, messagesRunner, useFakeDate, useSimulator } from './setup';

const TODAY = '2026-11-15';
/** The first day of the 12 months up to TODAY. */
const FIRST_DAY = '2025-11-16';
const PARAMS = { authentication: 'oAuth2', api: 'imChat' };

useFakeDate(`${TODAY}T12:00:00Z`);
const sim = useSimulator({}, { perTest: true });

/** Every call the editor would make while the user scrolls to the end of the list. */
async function scrollToTheEnd(runner: NodeRunner, filter?: string): Promise<INodeListSearchResult[]> {
	const calls: INodeListSearchResult[] = [];
	let token: string | undefined;
	do {
		const result = await runner.listSearch('searchSessions', filter, token, PARAMS);
		calls.push(result);
		token = result.paginationToken as string | undefined;
	} while (token !== undefined && calls.length < 100);
	return calls;
}

/** The windows the sessions list was asked for, in order: `from..to`. */
function windowsAsked(): string[] {
	return sim.requests.filter((r) => r.kind === 'imSessions').map((r) => `${r.query.from}..${r.query.to}`);
}

/** The sessions with a message in the picker's year, by the oracle. */
function activeThisYear(): string[] {
	return sim
		.sessions()
		.filter((s) => sim.imMessages(s.session_id, FIRST_DAY, TODAY).length > 0)
		.map((s) => s.session_id);
}

function lastMessageDay(sessionId: string): string {
	const all = sim.imMessages(sessionId, '2000-01-01', '2100-12-31');
	return all[all.length - 1].date_time.slice(0, 10);
}

function dayBefore(day: string): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

describe('the IM session picker', () => {
	it('reads the last 12 months as one-month windows, newest first, and lists each active session once', async () => {
		const [only, ...more] = await scrollToTheEnd(messagesRunner(sim));
		// Fewer sessions than fill the list: one call reads the whole year and there is nothing more.
		expect(more).toEqual([]);
		expect(only.paginationToken).toBeUndefined();
		expect(only.results.map((r) => r.value).sort()).toEqual(activeThisYear().sort());
		expect(only.results).toContainEqual({ name: 'Engineering (Group)', value: 'grp-eng' });
		expect(only.results).toContainEqual({ name: 'Alice (1:1)', value: 'alice@example.com' });
		expect(only.results.map((r) => r.value)).not.toContain('empty-session');

		// The windows: from today back to the first day, each the day before the previous one, each
		// accepted by the simulator (from and to present, one month at most), at Zoom's largest page.
		const windows = windowsAsked();
		expect(windows).toHaveLength(12);
		expect(windows[0].endsWith(`..${TODAY}`)).toBe(true);
		expect(windows[windows.length - 1].startsWith(`${FIRST_DAY}..`)).toBe(true);
		for (let i = 1; i < windows.length; i++) expect(windows[i].split('..')[1]).toBe(dayBefore(windows[i - 1].split('..')[0]));
		const requests = sim.requests.filter((r) => r.kind === 'imSessions');
		expect(requests.every((r) => r.status === 200 && r.query.page_size === '300')).toBe(true);

		// Newest first: each session comes with the window of its last message.
		const windowOf = (id: string) => windows.findIndex((w) => w.split('..')[0] <= lastMessageDay(id) && lastMessageDay(id) <= w.split('..')[1]);
		const order = only.results.map((r) => windowOf(String(r.value)));
		expect(order.every((w) => w >= 0)).toBe(true);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(only.results[only.results.length - 1].value).toBe('grp-year');
	});

	it('with many sessions, stops once the list is full and continues with the next window when the editor asks', async () => {
		// 36 more sessions, one message each, 10 days apart back from today, and one with messages
		// in an old and a recent window (Zoom lists it in both; the picker shows it once).
		for (let k = 0; k < 36; k++) {
			const id = `extra-${String(k).padStart(2, '0')}`;
			sim.addImSession({ session_id: id, name: `Extra ${k}` });
			sim.addImMessage(id, { date_time: new Date(Date.parse(`${TODAY}T08:00:00Z`) - k * 10 * 86_400_000).toISOString() });
		}
		sim.addImSession({ session_id: 'twice', name: 'Twice' });
		sim.addImMessage('twice', { date_time: '2025-12-01T10:00:00Z' });
		sim.addImMessage('twice', { date_time: '2026-11-01T10:00:00Z' });

		const calls = await scrollToTheEnd(messagesRunner(sim));
		expect(calls.length).toBeGreaterThan(1);
		for (const call of calls.slice(0, -1)) expect(call.results.length).toBeGreaterThanOrEqual(20);
		const listed = calls.flatMap((c) => c.results.map((r) => r.value));
		expect(listed).toHaveLength(new Set(listed).size);
		expect([...listed].sort()).toEqual(activeThisYear().sort());
		expect(calls[0].results.map((r) => r.value)).toContain('twice');
		// Each window is read once over all the calls, newest first.
		const windows = windowsAsked();
		expect(windows).toHaveLength(12);
		expect(new Set(windows).size).toBe(12);
		expect([...windows].sort().reverse()).toEqual(windows);
	});

	it("follows Zoom's page tokens within a window of more than 300 sessions", async () => {
		for (let k = 0; k < 305; k++) {
			const id = `busy-${k}`;
			sim.addImSession({ session_id: id });
			sim.addImMessage(id, { date_time: `${TODAY}T09:00:00Z` });
		}
		const first = await messagesRunner(sim).listSearch('searchSessions', undefined, undefined, PARAMS);
		const requests = sim.requests.filter((r) => r.kind === 'imSessions');
		expect(requests.map((r) => [r.query.to, Boolean(r.query.next_page_token)])).toEqual([
			[TODAY, false],
			[TODAY, true],
		]);
		const newestWindow = windowsAsked()[0].split('..');
		const activeInNewest = sim.sessions().filter((s) => sim.imMessages(s.session_id, newestWindow[0], newestWindow[1]).length > 0);
		expect(first.results.map((r) => r.value)).toEqual(activeInNewest.map((s) => s.session_id));
		expect(first.paginationToken).toEqual(expect.any(String));
	});

	it('filters by name, ignoring case, over the whole year', async () => {
		const runner = messagesRunner(sim);
		expect((await runner.listSearch('searchSessions', 'ENGINEER', undefined, PARAMS)).results).toEqual([
			{ name: 'Engineering (Group)', value: 'grp-eng' },
		]);
		expect((await runner.listSearch('searchSessions', 'ÉQUIPE', undefined, PARAMS)).results.map((r) => r.value)).toEqual(['équipe-é']);
		// The oldest session of the year is found too.
		expect((await runner.listSearch('searchSessions', 'bench', undefined, PARAMS)).results.map((r) => r.value)).toEqual(['grp-year']);
		sim.clearRequests();
		const none = await runner.listSearch('searchSessions', 'no such name', undefined, PARAMS);
		expect(none).toEqual({ results: [] });
		expect(windowsAsked()).toHaveLength(12);
	});

	it('does not list sessions quiet for more than a year; By ID still reads them', async () => {
		sim.addImSession({ session_id: 'ancient', name: 'Ancient' });
		sim.addImMessage('ancient', { date_time: '2025-06-01T10:00:00Z', message: 'long ago' });
		const [only] = await scrollToTheEnd(messagesRunner(sim));
		expect(only.results.map((r) => r.value)).not.toContain('ancient');
		const [items] = await messagesRunner(sim).execute(imParams('ancient', '2025-06-01', '2025-06-30'));
		expect(jsonOf(items)).toEqual(sim.imMessages('ancient', '2025-06-01', '2025-06-30').map((m) => ({ ...m, session_id: 'ancient' })));
	});

	it("reports Zoom's error with its code and message, as the node does", async () => {
		sim.addFault({ match: { kind: 'imSessions' }, type: 'http', status: 400, body: { code: 300, message: 'Invalid parameter: from.' } });
		const error = await messagesRunner(sim)
			.listSearch('searchSessions', undefined, undefined, PARAMS)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Zoom error 400 (code 300): Invalid parameter: from.');
		expect((error as NodeApiError).httpCode).toBe('400');
	});
});
