/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: node:http reads broken bodies under jest, never inside n8n */
/**
 * Tests of the Zoom simulator itself (test/simulator): the rules the node code and the e2e
 * harness rely on. Talks to the simulator over real HTTP with Node's fetch.
 */
import http from 'node:http';

import { ZoomSimulator, type Channel, type ImMessage, type ImSession, type TeamChatMessage } from '../simulator';
import { fetchAnswer, type FetchAnswer } from '../support/fetch-answer';
import { waitFor } from '../support/wait-for';

/** A JSON answer of the simulator: the fields these tests read are typed, the assertions check them. */
type Json = {
	[field: string]: unknown;
	code?: number;
	message?: string;
	page_size?: number;
	session_id?: string;
	next_page_token?: string;
	messages?: Array<ImMessage & Partial<TeamChatMessage>>;
	access_token?: string;
	refresh_token?: string;
	api_url?: string;
};

type Answer = FetchAnswer<Json>;
const call = async (url: string, init?: RequestInit): Promise<Answer> => await fetchAnswer<Json>(url, init);

const basic = (id: string, secret: string) => 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');

/** A valid sessions-list request (from and to are required), for tests about something else. */
const SESSIONS = '/im/chat/sessions?from=2026-10-01&to=2026-10-31';

/** Mutable clock for the `now` option. */
class Clock {
	ms = Date.parse('2026-11-01T12:00:00Z');
	now = () => new Date(this.ms);
	advance(ms: number) {
		this.ms += ms;
	}
}

describe('ZoomSimulator', () => {
	const clock = new Clock();
	const sim = new ZoomSimulator({ seed: 42, now: clock.now });
	let token = '';
	const api = (path: string, init: RequestInit = {}, t = token) =>
		call(`${sim.apiBaseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${t}`, ...(init.headers as Record<string, string>) } });
	const im = (sessionId: string, qs: string, t = token) => api(`/im/chat/sessions/${encodeURIComponent(sessionId)}?${qs}`, {}, t);
	const tokenCall = (body: string, auth = basic(sim.client.clientId, sim.client.clientSecret), qs = '') =>
		call(`${sim.oauthBaseUrl}/oauth/token${qs}`, {
			method: 'POST',
			headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
			body,
		});

	/** Follow next_page_token to the end; returns all list items and the request count. */
	async function walk<T>(first: string, field: 'messages' | 'sessions' | 'channels', t = token) {
		const items: T[] = [];
		let next = '';
		let pages = 0;
		do {
			const r = await api(first + (next ? `&next_page_token=${encodeURIComponent(next)}` : ''), {}, t);
			expect(r.status).toBe(200);
			items.push(...(r.json![field] as T[]));
			next = r.json!.next_page_token ?? '';
			pages++;
			expect(pages).toBeLessThan(1000);
		} while (next);
		return { items, pages };
	}

	beforeAll(async () => {
		await sim.start();
		token = sim.issueTokens().access_token;
	});
	afterAll(async () => {
		await sim.stop();
	});
	beforeEach(() => {
		sim.clearFaults();
		sim.setLatency(0);
	});

	test('urls and client', () => {
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.apiBaseUrl).toBe(`${sim.url}/v2`);
		expect(sim.oauthBaseUrl).toBe(sim.url);
		expect(sim.regionalApiBaseUrl).toBe(`${sim.url}/eu/v2`);
		expect(sim.client).toEqual({ clientId: 'sim-client-id', clientSecret: 'sim-client-secret', accountId: 'sim-account-id' });
	});

	describe('auth', () => {
		test('missing, unknown and expired tokens answer 401 code 124', async () => {
			const none = await call(`${sim.apiBaseUrl}${SESSIONS}`);
			expect(none.status).toBe(401);
			expect(none.headers.get('content-type')).toMatch(/application\/json/);
			expect(none.json).toEqual({ code: 124, message: 'Invalid access token.' });
			const bad = await api(SESSIONS, {}, 'nope');
			expect(bad.status).toBe(401);
			expect(bad.json).toEqual({ code: 124, message: 'Invalid access token.' });

			const local = sim.issueTokens();
			expect((await api(SESSIONS, {}, local.access_token)).status).toBe(200);
			sim.expireAccessTokens();
			const expired = await api(SESSIONS, {}, local.access_token);
			expect(expired.status).toBe(401);
			expect(expired.json).toEqual({ code: 124, message: 'Access token is expired.' });
			token = sim.issueTokens().access_token; // tokens issued later are valid
			expect((await api(SESSIONS)).status).toBe(200);
		});

		test('access tokens expire after expires_in by the now clock', async () => {
			const t = sim.issueTokens();
			expect(t.expires_in).toBe(3599);
			expect(t.token_type).toBe('bearer');
			clock.advance(3598 * 1000);
			expect((await api(SESSIONS, {}, t.access_token)).status).toBe(200);
			clock.advance(2000);
			const r = await api(SESSIONS, {}, t.access_token);
			expect(r.status).toBe(401);
			expect(r.json!.message).toBe('Access token is expired.');
			token = sim.issueTokens().access_token;
		});
	});

	describe('IM messages endpoint', () => {
		test('one-month rule with luxon calendar arithmetic (Jan 31 edge)', async () => {
			const ok = ['from=2026-01-31&to=2026-02-27', 'from=2026-02-01&to=2026-02-28', 'from=2026-01-01&to=2026-01-31', 'from=2026-03-05&to=2026-03-05'];
			for (const qs of ok) expect((await im('grp-eng', qs)).status).toBe(200);
			const tooLong = ['from=2026-01-31&to=2026-02-28', 'from=2026-02-01&to=2026-03-01', 'from=2026-01-01&to=2026-02-01'];
			for (const qs of tooLong) {
				const r = await im('grp-eng', qs);
				expect(r.status).toBe(400);
				expect(r.json).toEqual({ code: 300, message: 'The date range defined by the from and to parameters should only be one month.' });
			}
			const reversed = await im('grp-eng', 'from=2026-02-02&to=2026-02-01');
			expect(reversed.status).toBe(400);
			expect(reversed.json!.code).toBe(300);
		});

		test('strict dates and page_size validation', async () => {
			const cases: [string, string][] = [
				['to=2026-01-02', 'from'],
				['from=2026-01-01', 'to'],
				['from=2026-1-01&to=2026-01-02', 'from'],
				['from=2026-02-30&to=2026-03-01', 'from'],
				['from=2026-01-01T00:00:00Z&to=2026-01-02', 'from'],
				['from=2026-01-01&to=2026-13-01', 'to'],
				['from=2026-01-01&to=2026-01-02&page_size=0', 'page_size'],
				['from=2026-01-01&to=2026-01-02&page_size=301', 'page_size'],
				['from=2026-01-01&to=2026-01-02&page_size=abc', 'page_size'],
				['from=2026-01-01&to=2026-01-02&page_size=10.5', 'page_size'],
				['from=2026-01-01&to=2026-01-02&page_size=', 'page_size'],
			];
			for (const [qs, name] of cases) {
				const r = await im('grp-eng', qs);
				expect([qs, r.status, r.json]).toEqual([qs, 400, { code: 300, message: `Invalid parameter: ${name}.` }]);
			}
			const dflt = await im('grp-eng', 'from=2026-01-01&to=2026-01-31');
			expect(dflt.json!.page_size).toBe(30);
			expect(dflt.json!.messages).toHaveLength(30);
			// Zoom documents 300 as the maximum page_size of the IM chat endpoints.
			const max = await im('grp-year', 'from=2025-01-01&to=2025-01-31&page_size=300');
			expect([max.status, max.json!.page_size]).toEqual([200, 300]);
			expect(max.json!.messages).toHaveLength(300);
		});

		test('unknown session 404 code 4130; odd session ids work when encoded', async () => {
			const r = await im('nope', 'from=2026-01-01&to=2026-01-02');
			expect(r.status).toBe(404);
			expect(r.json).toEqual({ code: 4130, message: 'Chat session does not exist: nope.' });
			for (const id of ['c2Vzc2lvbi0z+Kw==', 'équipe-é', 'alice@example.com']) {
				const page = await im(id, 'from=2026-10-01&to=2026-10-31&page_size=50');
				expect(page.status).toBe(200);
				expect(page.json!.session_id).toBe(id);
				expect(page.json!.messages!.length).toBeGreaterThan(0);
			}
			// '+' and '=' may also be sent raw in the path
			const raw = await api('/im/chat/sessions/c2Vzc2lvbi0z+Kw==?from=2026-10-01&to=2026-10-31');
			expect(raw.status).toBe(200);
		});

		test('pagination walk equals the oracle: no gaps, no duplicates; last page has empty token', async () => {
			const { items, pages } = await walk<ImMessage>('/im/chat/sessions/grp-eng?from=2026-01-15&to=2026-02-14&page_size=17', 'messages');
			const oracle = sim.imMessages('grp-eng', '2026-01-15', '2026-02-14');
			expect(items).toEqual(oracle);
			expect(pages).toBe(Math.ceil(oracle.length / 17));
			// day filter is on UTC days, inclusive
			expect(oracle[0].date_time >= '2026-01-15T00:00:00Z').toBe(true);
			expect(oracle[oracle.length - 1].date_time <= '2026-02-14T23:59:59Z').toBe(true);
			const sorted = [...oracle].sort((a, b) => (a.date_time < b.date_time ? -1 : a.date_time > b.date_time ? 1 : 0));
			expect(oracle.map((m) => m.date_time)).toEqual(sorted.map((m) => m.date_time));
			const empty = await im('empty-session', 'from=2026-01-01&to=2026-01-31');
			// An empty range comes without a messages list: Zoom does not promise one (see ZOOM-API-FACTS).
			expect(empty.json).toMatchObject({ next_page_token: '', session_id: 'empty-session' });
			expect('messages' in empty.json!).toBe(false);
		});

		test('page tokens: opaque, bound to their query, reusable, expire by the clock', async () => {
			const first = await im('grp-eng', 'from=2026-03-01&to=2026-03-31&page_size=5');
			const tok = first.json!.next_page_token ?? '';
			expect(tok).toMatch(/^[A-Za-z0-9]{20,}$/);
			const qs = (extra: string) => `${extra}&next_page_token=${tok}`;
			const second = await im('grp-eng', qs('from=2026-03-01&to=2026-03-31&page_size=5'));
			expect(second.status).toBe(200);
			const again = await im('grp-eng', qs('from=2026-03-01&to=2026-03-31&page_size=5'));
			expect(again.json!.messages).toEqual(second.json!.messages);
			for (const other of ['from=2026-03-01&to=2026-03-31&page_size=6', 'from=2026-03-02&to=2026-03-31&page_size=5', 'from=2026-03-01&to=2026-03-30&page_size=5']) {
				const r = await im('grp-eng', qs(other));
				expect(r.status).toBe(400);
				expect(r.json).toEqual({ code: 300, message: 'Invalid next_page_token.' });
			}
			expect((await im('grp-year', qs('from=2026-03-01&to=2026-03-31&page_size=5'))).json!.message).toBe('Invalid next_page_token.');
			expect((await im('grp-eng', 'from=2026-03-01&to=2026-03-31&page_size=5&next_page_token=garbage')).json!.message).toBe('Invalid next_page_token.');
			// bound to the endpoint too
			const tc = await api(`/chat/users/me/messages?to_channel=ch-general&page_size=5&next_page_token=${tok}`);
			expect(tc.json).toEqual({ code: 300, message: 'Invalid next_page_token.' });

			clock.advance(15 * 60 * 1000 + 1);
			const expired = await im('grp-eng', qs('from=2026-03-01&to=2026-03-31&page_size=5'));
			expect(expired.status).toBe(400);
			expect(expired.json).toEqual({ code: 300, message: 'The next page token is invalid or expired.' });
			token = sim.issueTokens().access_token;
		});

		test('imOrder desc serves the exact reverse', async () => {
			const asc = sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31');
			sim.options.imOrder = 'desc';
			try {
				const { items } = await walk<ImMessage>(`/im/chat/sessions/alice%40example.com?from=2026-10-01&to=2026-10-31&page_size=7`, 'messages');
				expect(items).toEqual([...asc].reverse());
				expect(sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31')).toEqual(items);
			} finally {
				sim.options.imOrder = 'asc';
			}
		});

		test('addImMessage appears in the API and the oracle (after same-second messages)', async () => {
			const before = sim.imMessages('empty-session', '2026-11-01', '2026-11-01');
			expect(before).toEqual([]);
			sim.addImMessage('empty-session', { date_time: '2026-11-01T10:00:00Z', sender: 'bob@example.com', message: 'first' });
			sim.addImMessage('empty-session', { date_time: '2026-11-01T10:00:00.500Z', sender: 'bob@example.com', message: 'second' });
			const r = await im('empty-session', 'from=2026-11-01&to=2026-11-01');
			expect(r.json!.messages).toEqual([
				{ date_time: '2026-11-01T10:00:00Z', sender: 'bob@example.com', message: 'first' },
				{ date_time: '2026-11-01T10:00:00Z', sender: 'bob@example.com', message: 'second' },
			]);
		});
	});

	describe('IM sessions list', () => {
		/** What Zoom lists for a range, by the simulator's model: the sessions with a message in it. */
		const activeIn = (from: string, to: string) => sim.sessions().filter((s) => sim.imMessages(s.session_id, from, to).length > 0);

		test('from and to are required yyyy-mm-dd dates, one month at most', async () => {
			const cases: [string, string][] = [
				['', 'Invalid parameter: from.'],
				['to=2026-10-31', 'Invalid parameter: from.'],
				['from=2026-10-01', 'Invalid parameter: to.'],
				['from=2026-10-1&to=2026-10-31', 'Invalid parameter: from.'],
				['from=2026-10-01&to=2026-10-32', 'Invalid parameter: to.'],
				['from=2026-10-02&to=2026-10-01', 'Invalid parameter: to. It must not be earlier than from.'],
				['from=2026-10-01&to=2026-11-01', 'The date range defined by the from and to parameters should only be one month.'],
				['from=2026-01-31&to=2026-02-28', 'The date range defined by the from and to parameters should only be one month.'],
				['from=2026-10-01&to=2026-10-31&page_size=301', 'Invalid parameter: page_size.'],
				['from=2026-10-01&to=2026-10-31&page_size=0', 'Invalid parameter: page_size.'],
			];
			for (const [qs, message] of cases) {
				const r = await api(`/im/chat/sessions?${qs}`);
				expect([qs, r.status, r.json]).toEqual([qs, 400, { code: 300, message }]);
			}
			const max = await api('/im/chat/sessions?from=2026-01-31&to=2026-02-27&page_size=300');
			expect([max.status, max.json!.page_size]).toEqual([200, 300]);
			const dflt = await api(SESSIONS);
			expect(dflt.json).toMatchObject({ from: '2026-10-01', to: '2026-10-31', page_size: 30 });
		});

		test('lists the sessions with a message in the range, with pagination', async () => {
			const october = await walk<ImSession & { last_message_sent_time: string }>('/im/chat/sessions?from=2026-10-01&to=2026-10-31&page_size=2', 'sessions');
			const expected = activeIn('2026-10-01', '2026-10-31');
			expect(expected.length).toBeGreaterThan(2);
			expect(october.pages).toBe(Math.ceil(expected.length / 2));
			expect(october.items.map((s) => s.session_id)).toEqual(expected.map((s) => s.session_id));
			// A session is listed for every range it has a message in; the empty one for none.
			const year2025 = await walk<ImSession>('/im/chat/sessions?from=2025-03-01&to=2025-03-31', 'sessions');
			expect(year2025.items.map((s) => s.session_id)).toEqual(activeIn('2025-03-01', '2025-03-31').map((s) => s.session_id));
			expect(year2025.items.map((s) => s.session_id)).toContain('grp-year');
			expect(october.items.map((s) => s.session_id)).not.toContain('grp-year');
			expect(october.items.map((s) => s.session_id)).not.toContain('empty-session');
			// last_message_sent_time is the session's last message, whatever the range.
			const alice = october.items.find((s) => s.session_id === 'alice@example.com');
			const aliceAll = sim.imMessages('alice@example.com', '2000-01-01', '2100-12-31');
			expect(alice).toMatchObject({ name: 'Alice', type: '1:1', last_message_sent_time: aliceAll[aliceAll.length - 1].date_time });
			expect(sim.sessions().find((s) => s.session_id === 'grp-eng')!.type).toBe('Group');
		});
	});

	describe('seeded data', () => {
		test('counts, ranges, duplicates and determinism', async () => {
			const eng = sim.imMessages('grp-eng', '2025-01-01', '2027-12-31');
			expect(eng.length).toBeGreaterThan(2700);
			expect(eng.length).toBeLessThan(3300);
			expect(eng[0].date_time).toBe('2025-09-01T00:00:00Z');
			expect(eng[eng.length - 1].date_time).toBe('2026-10-31T23:59:59Z');
			expect(eng.some((m) => m.date_time === '2026-01-31T23:59:59Z')).toBe(true);
			expect(eng.some((m) => m.date_time === '2026-02-01T00:00:00Z')).toBe(true);
			const key = (m: ImMessage) => JSON.stringify([m.date_time, m.sender, m.message]);
			const counts = new Map<string, number>();
			for (const m of eng) counts.set(key(m), (counts.get(key(m)) || 0) + 1);
			expect([...counts.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(2);
			const seconds = new Map<string, number>();
			for (const m of eng) seconds.set(m.date_time, (seconds.get(m.date_time) || 0) + 1);
			expect([...seconds.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(5);
			expect(eng.some((m) => m.message.includes('\n'))).toBe(true);
			expect(eng.some((m) => m.message.includes('"'))).toBe(true);
			expect(eng.some((m) => /\p{Script=Han}/u.test(m.message))).toBe(true);
			expect(eng.some((m) => /\p{Script=Arabic}/u.test(m.message))).toBe(true);

			expect(sim.imMessages('grp-year', '2025-01-01', '2025-12-31')).toHaveLength(12000);
			expect(sim.imMessages('grp-year', '2024-01-01', '2026-12-31')).toHaveLength(12000);
			expect(sim.imMessages('alice@example.com', '2026-10-01', '2026-10-31')).toHaveLength(40);
			expect(sim.imMessages('c2Vzc2lvbi0z+Kw==', '2026-09-01', '2026-10-31')).toHaveLength(30);
			expect(sim.imMessages('équipe-é', '2026-10-01', '2026-10-31')).toHaveLength(20);

			const a = new ZoomSimulator({ seed: 7 });
			const b = new ZoomSimulator({ seed: 7 });
			const c = new ZoomSimulator({ seed: 8 });
			expect(a.imMessages('grp-eng', '2026-01-01', '2026-01-31')).toEqual(b.imMessages('grp-eng', '2026-01-01', '2026-01-31'));
			expect(a.teamChatMessages({ toChannel: 'ch-general', includeDeletedAndEdited: true })).toEqual(
				b.teamChatMessages({ toChannel: 'ch-general', includeDeletedAndEdited: true }),
			);
			expect(a.imMessages('grp-eng', '2026-01-01', '2026-01-31')).not.toEqual(c.imMessages('grp-eng', '2026-01-01', '2026-01-31'));
		});
	});

	describe('Team Chat', () => {
		test('channels: 63 channels over 7 pages of 10; unknown user 404', async () => {
			const { items, pages } = await walk<Channel>('/chat/users/me/channels?', 'channels');
			expect(pages).toBe(7);
			expect(items).toHaveLength(63);
			expect(items).toEqual(sim.channels());
			expect(items.slice(0, 3).map((c) => c.id)).toEqual(['ch-general', 'ch-random', 'ch-empty']);
			expect(items[0]).toMatchObject({ name: 'General', jid: expect.stringContaining('@conference.') });
			const first = await api('/chat/users/owner%40example.com/channels?page_size=50');
			expect(first.json).toMatchObject({ total_records: 63, page_size: 50 });
			expect((await api('/chat/users/sim-user-1/channels')).status).toBe(200);
			const unknown = await api('/chat/users/zed%40example.com/channels');
			expect(unknown.status).toBe(404);
			expect(unknown.json).toEqual({ code: 1001, message: 'User does not exist: zed@example.com.' });
		});

		test('edited and deleted messages only with include_deleted_and_edited_message=true', async () => {
			const from = '2026-06-01T00:00:00Z';
			const to = '2026-09-30T23:59:59Z';
			const base = `/chat/users/me/messages?to_channel=ch-general&from=${from}&to=${to}&page_size=50`;
			const normal = await walk<TeamChatMessage>(base, 'messages');
			const all = await walk<TeamChatMessage>(`${base}&include_deleted_and_edited_message=true`, 'messages');
			// Zoom returns `status` only with include_deleted_and_edited_message=true.
			expect(normal.items.every((m) => !('status' in m))).toBe(true);
			expect(all.items.every((m) => typeof m.status === 'string')).toBe(true);
			expect(all.items.some((m) => m.status === 'Edited')).toBe(true);
			expect(all.items.some((m) => m.status === 'Deleted')).toBe(true);
			expect(all.items.length).toBeGreaterThan(400);
			const everything = sim.teamChatMessages({ toChannel: 'ch-general', includeDeletedAndEdited: true });
			expect(everything.length).toBeGreaterThan(1400);
			expect(everything.length).toBeLessThan(1700);
			expect(normal.items).toEqual(sim.teamChatMessages({ toChannel: 'ch-general', from, to }));
			expect(all.items).toEqual(sim.teamChatMessages({ toChannel: 'ch-general', from, to, includeDeletedAndEdited: true }));
			// newest first, unique ids, files/reactions/replies present
			const ts = all.items.map((m) => m.timestamp);
			expect(ts).toEqual([...ts].sort((x, y) => y - x));
			expect(new Set(all.items.map((m) => m.id)).size).toBe(all.items.length);
			expect(all.items.some((m) => m.files && m.files[0].download_url.startsWith(sim.url))).toBe(true);
			expect(all.items.some((m) => m.reactions)).toBe(true);
			expect(all.items.some((m) => m.reply_main_message_id)).toBe(true);
		});

		test('inclusive range at whole seconds; validation; contacts', async () => {
			// Month boundary messages at xx:xx:59.999 are inside "to = ...:59Z".
			const r = await api('/chat/users/me/messages?to_channel=ch-general&from=2026-07-31T23:59:59Z&to=2026-07-31T23:59:59Z&page_size=50&include_deleted_and_edited_message=true');
			expect(r.json!.messages!.some((m) => m.timestamp === Date.parse('2026-07-31T23:59:59.999Z'))).toBe(true);
			const ms = await api('/chat/users/me/messages?to_channel=ch-general&from=2026-08-01T00:00:00.000Z&to=2026-08-01T00:00:00.000Z&include_deleted_and_edited_message=true');
			expect(ms.status).toBe(200);
			expect(ms.json!.messages!.some((m) => m.timestamp === Date.parse('2026-08-01T00:00:00.000Z'))).toBe(true);

			const neither = await api('/chat/users/me/messages?from=2026-08-01T00:00:00Z&to=2026-08-02T00:00:00Z');
			expect(neither.status).toBe(400);
			expect(neither.json).toEqual({ code: 300, message: 'Must provide either contact or channel parameter.' });
			const both = await api('/chat/users/me/messages?to_channel=ch-general&to_contact=bob%40example.com');
			expect(both.status).toBe(400);
			expect(both.json!.code).toBe(300);
			for (const qs of ['from=2026-01-01', 'from=2026-01-01T00:00:00', 'to=2026-01-01T25:00:00Z', 'page_size=0', 'page_size=51']) {
				const v = await api(`/chat/users/me/messages?to_channel=ch-general&${qs}`);
				expect([qs, v.status, v.json!.code]).toEqual([qs, 400, 300]);
			}
			const reversed = await api('/chat/users/me/messages?to_channel=ch-general&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z');
			expect(reversed.status).toBe(400);
			const noChannel = await api('/chat/users/me/messages?to_channel=ch-nope');
			expect(noChannel.status).toBe(404);
			expect(noChannel.json).toEqual({ code: 4130, message: 'Channel does not exist: ch-nope.' });
			const noContact = await api('/chat/users/me/messages?to_contact=zed%40example.com');
			expect([noContact.status, noContact.json]).toEqual([404, { code: 1001, message: 'User does not exist: zed@example.com.' }]);
			const dflt = await api('/chat/users/me/messages?to_channel=ch-general');
			expect(dflt.json!.page_size).toBe(10);
			expect(dflt.json!.messages).toHaveLength(10);

			const bobFrom = '2026-05-06T00:00:00Z';
			const bob = await walk<TeamChatMessage>(`/chat/users/me/messages?to_contact=bob%40example.com&from=${bobFrom}&to=2026-12-31T23:59:59Z&page_size=50&include_deleted_and_edited_message=true`, 'messages');
			expect(bob.items.length).toBeGreaterThanOrEqual(50);
			expect(bob.items).toEqual(sim.teamChatMessages({ toContact: 'bob@example.com', from: bobFrom, includeDeletedAndEdited: true }));
			const byMember = await api('/chat/users/me/messages?to_contact=mbrB0b9e8f7a6b5c&page_size=1');
			expect(byMember.status).toBe(200);
			// An empty page comes without `messages` (optional in Zoom's schema).
			const empty = await api('/chat/users/me/messages?to_channel=ch-empty');
			expect(empty.status).toBe(200);
			expect(empty.json).toMatchObject({ page_size: 10, next_page_token: '' });
			expect(empty.json).not.toHaveProperty('messages');
		});

		test("messages carry Zoom's fields: send_member_id, the first file repeated at the top level, reaction senders as objects", async () => {
			const from = '2026-06-01T00:00:00Z';
			const { items } = await walk<TeamChatMessage>(`/chat/users/me/messages?to_channel=ch-general&from=${from}&page_size=50&include_deleted_and_edited_message=true`, 'messages');
			expect(items.length).toBeGreaterThan(400);
			for (const m of items) {
				expect(m).not.toHaveProperty('sender_member_id');
				expect(m.send_member_id).toMatch(/^mbr/);
			}
			const withFiles = items.filter((m) => m.files);
			expect(withFiles.length).toBeGreaterThan(5);
			expect(withFiles.some((m) => m.files!.length > 1)).toBe(true);
			for (const m of withFiles) {
				expect({ file_id: m.file_id, file_name: m.file_name, file_size: m.file_size, download_url: m.download_url }).toEqual(m.files![0]);
			}
			for (const m of items.filter((x) => !x.files)) expect(m).not.toHaveProperty('file_name');
			const senders = items.flatMap((m) => (m.reactions ?? []).flatMap((r) => r.senders));
			expect(senders.length).toBeGreaterThan(5);
			const people = new Map([['sim-user-1', 'mbr0wner7f3a9c21'], ['sim-user-bob', 'mbrB0b9e8f7a6b5c']]);
			for (const sender of senders) expect(Object.keys(sender).sort()).toEqual(['member_id', 'user_id']);
			for (const sender of senders) if (people.has(sender.user_id!)) expect(sender.member_id).toBe(people.get(sender.user_id!));
			const added = sim.addTeamChatMessage({ toChannel: 'ch-empty', message: 'r', date_time: '2026-10-31T08:00:00Z', reactions: [{ emoji: 'U+1F600', senders: ['bob@example.com', { member_id: 'mbrOutsider' }] }] });
			expect(added.reactions).toEqual([{ emoji: 'U+1F600', total_count: 2, senders: [{ user_id: 'sim-user-bob', member_id: 'mbrB0b9e8f7a6b5c' }, { member_id: 'mbrOutsider' }] }]);
		});

		test("reactions' emoji in Zoom's U+ form (several code points space-separated), never the character", async () => {
			const emojis = sim.teamChatMessages({ toChannel: 'ch-general', includeDeletedAndEdited: true }).flatMap((m) => (m.reactions ?? []).map((r) => r.emoji));
			expect(emojis.length).toBeGreaterThan(100);
			for (const emoji of emojis) expect(emoji).toMatch(/^U\+[0-9A-F]{4,6}( U\+[0-9A-F]{4,6})*$/);
			expect(emojis).toContain('U+2764 U+FE0F');
		});

		test('mentions (at_items, the text starting with the @name) and bot messages (bot_message) in ch-general', async () => {
			const all = sim.teamChatMessages({ toChannel: 'ch-general', includeDeletedAndEdited: true });
			const mentions = all.filter((m) => m.at_items);
			const bots = all.filter((m) => m.bot_message);
			expect(mentions.length).toBeGreaterThan(10);
			expect(bots.length).toBeGreaterThan(5);
			for (const m of mentions) {
				const [at] = m.at_items!;
				expect(at.at_type).toBe(1);
				expect(m.message.slice(at.start_position, at.end_position + 1)).toMatch(/^@\S/);
			}
			for (const m of bots) expect(m.bot_message).toMatchObject({ head: { text: m.message } });
		});

		test('exclude_child_message=true leaves the thread replies out', async () => {
			const from = '2026-06-01T00:00:00Z';
			const base = `/chat/users/me/messages?to_channel=ch-general&from=${from}&page_size=50`;
			const all = await walk<TeamChatMessage>(base, 'messages');
			const mains = await walk<TeamChatMessage>(`${base}&exclude_child_message=true`, 'messages');
			expect(all.items.some((m) => m.reply_main_message_id)).toBe(true);
			expect(mains.items).toEqual(all.items.filter((m) => !m.reply_main_message_id));
			expect(mains.items).toEqual(sim.teamChatMessages({ toChannel: 'ch-general', from, excludeChildMessage: true }));
			expect((await api(`${base}&exclude_child_message=maybe`)).status).toBe(400);
		});

		test('a file download needs the token and redirects to the file host (another origin), which serves file_size bytes without it', async () => {
			const [withFile] = sim.teamChatMessages({ toChannel: 'ch-general', from: '2026-06-01T00:00:00Z' }).filter((m) => m.files);
			const file = withFile.files![0];
			expect(file.download_url).toBe(`${sim.url}/file/${file.file_id}`);
			expect((await call(file.download_url)).status).toBe(401);
			const first = await call(file.download_url, { headers: { authorization: `Bearer ${token}` } });
			expect(first.status).toBe(302);
			const location = first.headers.get('location')!;
			expect(new URL(location).origin).toBe(sim.fileHostUrl);
			expect(sim.fileHostUrl).not.toBe(sim.url);
			const content = await fetch(location);
			expect(content.status).toBe(200);
			const bytes = Buffer.from(await content.arrayBuffer());
			expect(bytes.length).toBe(file.file_size);
			expect(bytes.equals(sim.fileContent(file.file_id))).toBe(true);
			expect((await call(location.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
		});

		test('download_file_formats=audio/mp4 gives voice messages as audio/mp4', async () => {
			const voice = sim
				.teamChatMessages({ toChannel: 'ch-general', includeDeletedAndEdited: true, voiceAsMp4: true })
				.flatMap((m) => m.files ?? [])
				.find((f) => f.file_name.endsWith('.amr'))!;
			expect(voice.download_url).toMatch(/\?format=mp4$/);
			const hop = await call(voice.download_url, { headers: { authorization: `Bearer ${token}` } });
			const content = await fetch(hop.headers.get('location')!);
			expect(content.headers.get('content-type')).toBe('audio/mp4');
			expect((await api('/chat/users/me/messages?to_channel=ch-general&download_file_formats=video/mp4')).status).toBe(400);
		});

		test("the thread endpoint: a main message's replies in its own shape (msg_id, sender_member_id, reactions as emoji_id/count)", async () => {
			const from = '2026-06-01T00:00:00Z';
			const all = sim.teamChatMessages({ toChannel: 'ch-general', from });
			const replies = all.filter((m) => m.reply_main_message_id);
			const mainId = replies[replies.length - 1].reply_main_message_id!;
			const ofMain = replies.filter((m) => m.reply_main_message_id === mainId); // newest first, as served
			const path = `/chat/users/me/messages/${mainId}/thread?to_channel=ch-general&from=${from}`;
			const full = await api(`${path}&limit=100&need_emoji=true&need_attachment=true&need_at_items=true`);
			expect(full.status).toBe(200);
			const messages = full.json!.messages as unknown as Array<Record<string, unknown>>;
			expect(full.json!.total).toBe(ofMain.length);
			expect(messages[0]).toMatchObject({ msg_id: mainId, is_reply: false, is_followed: false });
			expect(messages.slice(1).map((m) => m.msg_id)).toEqual(ofMain.map((m) => m.id));
			for (const [k, m] of messages.slice(1).entries()) {
				const listed = ofMain[k];
				expect(m).toMatchObject({ is_reply: true, message: listed.message, timestamp: listed.timestamp, sender_email: listed.sender, sender_member_id: listed.send_member_id });
				expect(m).not.toHaveProperty('send_member_id');
				if (listed.reactions) expect(m.reactions).toEqual(listed.reactions.map((r) => ({ emoji_id: r.emoji, count: r.total_count, is_sender: r.senders.some((s) => s.user_id === 'sim-user-1') })));
			}
			const bare = await api(`${path}&need_main_message=false&sort=asc&limit=1`);
			expect(bare.json!.messages).toHaveLength(Math.min(1, ofMain.length));
			expect((bare.json!.messages as unknown as Array<Record<string, unknown>>)[0]).toMatchObject({ msg_id: ofMain[ofMain.length - 1].id });
			expect((bare.json!.messages as unknown as Array<Record<string, unknown>>)[0]).not.toHaveProperty('reactions');
			// Zoom's documented thread errors: 4233 from missing, 4231 limit, 4232 sort, 4234 no target, 4131 unknown message.
			expect((await api(`/chat/users/me/messages/${mainId}/thread?to_channel=ch-general`)).json).toEqual({ code: 4233, message: 'Invalid parameter: from.' });
			expect([(await api(`${path}&limit=101`)).status, (await api(`${path}&limit=101`)).json?.code]).toEqual([400, 4231]);
			expect([(await api(`${path}&sort=sideways`)).status, (await api(`${path}&sort=sideways`)).json?.code]).toEqual([400, 4232]);
			expect((await api(`/chat/users/me/messages/${mainId}/thread?from=${from}`)).json?.code).toBe(4234);
			const unknown = await api(`/chat/users/me/messages/no-such-id/thread?to_channel=ch-general&from=${from}`);
			expect([unknown.status, unknown.json]).toEqual([404, { code: 4131, message: 'Message does not exist: no-such-id.' }]);
		});

		test('only the last 6 months: a from earlier than 180 days before now gives 400 code 300', async () => {
			const limit = clock.ms - 180 * 86_400_000;
			const at = (ms: number) => api(`/chat/users/me/messages?to_channel=ch-general&from=${new Date(ms).toISOString()}&page_size=1`);
			const tooOld = await at(limit - 1);
			expect([tooOld.status, tooOld.json]).toEqual([400, { code: 300, message: 'Only provide past chat messages in recent 6 months.' }]);
			expect((await at(limit)).status).toBe(200);
			// By the `now` clock: the same from is refused once the clock moves on.
			clock.advance(1000);
			try {
				expect((await at(limit)).status).toBe(400);
			} finally {
				clock.advance(-1000);
			}
			// Contacts too; the IM chat endpoints have no such rule.
			expect((await api('/chat/users/me/messages?to_contact=bob%40example.com&from=2026-01-01T00:00:00Z')).json!.code).toBe(300);
			expect((await im('grp-eng', 'from=2026-01-01&to=2026-01-31')).status).toBe(200);
		});

		test("another user's chat needs the admin scope; the token's own user does not", async () => {
			const q = 'to_channel=ch-general&from=2026-10-01T00:00:00Z&to=2026-10-31T23:59:59Z&page_size=5';
			for (const user of ['sim-user-bob', 'bob%40example.com']) {
				const messages = await api(`/chat/users/${user}/messages?${q}`);
				expect([messages.status, messages.json]).toEqual([
					400,
					{ code: 200, message: "Unauthorized request. You do not have permission to access this user's chat messages." },
				]);
				const channels = await api(`/chat/users/${user}/channels`);
				expect([channels.status, channels.json]).toEqual([403, { code: 200, message: "No permission to access user's channels." }]);
			}
			for (const user of ['me', 'sim-user-1', 'owner%40example.com']) expect((await api(`/chat/users/${user}/messages?${q}`)).status).toBe(200);
			// Unknown users stay 404.
			expect((await api(`/chat/users/zed%40example.com/messages?${q}`)).json).toEqual({ code: 1001, message: 'User does not exist: zed@example.com.' });

			const admin = sim.issueTokens({ scope: 'chat_message:read:admin chat_channel:read:admin' });
			expect(admin.scope).toBe('chat_message:read:admin chat_channel:read:admin');
			const asAdmin = await api(`/chat/users/sim-user-bob/messages?${q}`, {}, admin.access_token);
			expect(asAdmin.status).toBe(200);
			expect(asAdmin.json!.messages).toEqual(sim.teamChatMessages({ toChannel: 'ch-general', from: '2026-10-01T00:00:00Z', to: '2026-10-31T23:59:59Z' }).slice(0, 5));
			expect((await api('/chat/users/sim-user-bob/channels', {}, admin.access_token)).status).toBe(200);
			const granular = sim.issueTokens({ scope: 'team_chat:read:list_user_messages:admin' }).access_token;
			expect((await api(`/chat/users/sim-user-bob/messages?${q}`, {}, granular)).status).toBe(200);
			expect((await api('/chat/users/sim-user-bob/channels', {}, granular)).status).toBe(403);
			// A refresh keeps the scopes (server-to-server tokens carry the admin scopes: see account_credentials).
			const refreshed = await tokenCall(`grant_type=refresh_token&refresh_token=${admin.refresh_token}`);
			expect(refreshed.json!.scope).toBe('chat_message:read:admin chat_channel:read:admin');
			expect((await api(`/chat/users/sim-user-bob/messages?${q}`, {}, refreshed.json!.access_token ?? '')).status).toBe(200);
		});

		test('addTeamChatMessage', async () => {
			const added = sim.addTeamChatMessage({ toChannel: 'ch-empty', message: 'hello', sender: 'alice@example.com', date_time: '2026-11-01T08:00:00.250Z' });
			expect(added).toMatchObject({ message: 'hello', sender: 'alice@example.com', sender_display_name: 'Alice Anderson', timestamp: Date.parse('2026-11-01T08:00:00.250Z'), date_time: '2026-11-01T08:00:00Z' });
			expect('status' in added).toBe(false);
			const r = await api('/chat/users/me/messages?to_channel=ch-empty&from=2026-11-01T00:00:00Z&to=2026-11-01T23:59:59Z');
			expect(r.json!.messages).toEqual([added]);
		});
	});

	describe('OAuth token endpoint', () => {
		test('refresh_token grant rotates refresh tokens', async () => {
			const pair = sim.issueTokens();
			const before = sim.tokenStats();
			const r = await tokenCall(`grant_type=refresh_token&refresh_token=${pair.refresh_token}`);
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ token_type: 'bearer', expires_in: 3599, scope: expect.any(String) });
			expect(r.json!.refresh_token).not.toBe(pair.refresh_token);
			expect((await api(SESSIONS, {}, r.json!.access_token ?? '')).status).toBe(200);
			const reuse = await tokenCall(`grant_type=refresh_token&refresh_token=${pair.refresh_token}`);
			expect(reuse.status).toBe(400);
			expect(reuse.json).toEqual({ reason: 'Invalid Token!', error: 'invalid_request' });
			const stats = sim.tokenStats();
			expect(stats.refreshGrants).toBe(before.refreshGrants + 1);
			expect(stats.rejectedRefreshes).toBe(before.rejectedRefreshes + 1);
			expect(stats.currentRefreshTokens).toContain(r.json!.refresh_token);
			expect(stats.currentRefreshTokens).not.toContain(pair.refresh_token);
			// params in the query string work too
			const q = await tokenCall('', undefined, `?grant_type=refresh_token&refresh_token=${r.json!.refresh_token}`);
			expect(q.status).toBe(200);
		});

		test('client authentication and account_credentials', async () => {
			const wrong = await tokenCall('grant_type=account_credentials&account_id=sim-account-id', basic('sim-client-id', 'nope'));
			expect(wrong.status).toBe(401);
			expect(wrong.json).toEqual({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
			const s2s = await tokenCall('', undefined, '?grant_type=account_credentials&account_id=sim-account-id');
			expect(s2s.status).toBe(200);
			expect(s2s.json!.refresh_token).toBeUndefined();
			expect(s2s.json).toMatchObject({ token_type: 'bearer', expires_in: 3599, scope: 'imchat:read chat_message:read:admin chat_channel:read:admin' });
			// A server-to-server token reads a user named by id or email; Zoom refuses "me" for it.
			const account = s2s.json!.access_token ?? '';
			for (const path of ['/chat/users/me/channels', '/chat/users/me/messages?to_channel=ch-general', '/users/me']) {
				const refused = await api(path, {}, account);
				expect([path, refused.status, refused.json]).toEqual([path, 404, { code: 1001, message: 'User does not exist: me.' }]);
			}
			for (const user of ['sim-user-1', 'owner%40example.com', 'bob%40example.com']) {
				expect((await api(`/chat/users/${user}/channels`, {}, account)).status).toBe(200);
				expect((await api(`/users/${user}`, {}, account)).status).toBe(200);
			}
			expect((await api('/chat/users/me/channels')).status).toBe(200); // a user's token may say "me"
			const badAccount = await tokenCall('grant_type=account_credentials&account_id=other');
			expect(badAccount.status).toBe(400);
			expect(badAccount.json).toEqual({ reason: 'Invalid account_id', error: 'invalid_request' });
			expect(sim.tokenStats().accountCredentialsGrants).toBe(1);
		});

		test('authorize redirect + authorization_code grant; api_url option', async () => {
			const redirect = 'http://localhost:5678/rest/oauth2-credential/callback';
			const a = await call(`${sim.oauthBaseUrl}/oauth/authorize?response_type=code&client_id=sim-client-id&redirect_uri=${encodeURIComponent(redirect)}&state=xyz`);
			expect(a.status).toBe(302);
			const loc = new URL(a.headers.get('location')!);
			expect(`${loc.origin}${loc.pathname}`).toBe(redirect);
			expect(loc.searchParams.get('state')).toBe('xyz');
			const code = loc.searchParams.get('code')!;
			sim.options.apiUrlInTokenResponse = true;
			try {
				const t = await tokenCall(`grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent(redirect)}`);
				expect(t.status).toBe(200);
				expect(t.json!.refresh_token).toBeDefined();
				expect(t.json!.api_url).toBe(`${sim.url}/eu`);
				const again = await tokenCall(`grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent(redirect)}`);
				expect(again.status).toBe(400);
				const eu = await call(`${t.json!.api_url}/v2${SESSIONS}`, { headers: { authorization: `Bearer ${t.json!.access_token}` } });
				expect(eu.status).toBe(200);
				const rec = sim.requests[sim.requests.length - 1];
				expect(rec).toMatchObject({ region: 'eu', kind: 'imSessions', path: '/eu/v2/im/chat/sessions', status: 200 });
			} finally {
				sim.options.apiUrlInTokenResponse = false;
			}
		});
	});

	describe('faults', () => {
		const q = 'from=2026-04-01&to=2026-04-30&page_size=10';

		test('rateLimit (QPS and daily), serverError, http, nonJson, echoAuth', async () => {
			sim.addFault({ match: { kind: 'imMessages' }, type: 'rateLimit', retryAfter: 2 });
			const qps = await im('grp-eng', q);
			expect(qps.status).toBe(429);
			expect(qps.headers.get('x-ratelimit-type')).toBe('QPS');
			expect(qps.headers.get('x-ratelimit-category')).toBe('Medium');
			expect(qps.headers.get('x-ratelimit-reset')).toBeNull();
			expect(qps.headers.get('x-ratelimit-remaining')).toBe('0');
			expect(qps.headers.get('retry-after')).toBe('2');
			expect(qps.json).toEqual({ code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
			expect((await im('grp-eng', q)).status).toBe(200); // times: 1

			sim.addFault({ type: 'rateLimit', daily: true });
			const daily = await im('grp-eng', q);
			expect(daily.headers.get('x-ratelimit-type')).toBe('Daily-limit');
			expect(daily.headers.get('x-ratelimit-category')).toBe('Medium');
			expect(daily.headers.get('x-ratelimit-remaining')).toBe('0');
			// Zoom sends no X-RateLimit-Reset: Retry-After is the date-time the limit lifts (next UTC midnight).
			expect(daily.headers.get('x-ratelimit-reset')).toBeNull();
			expect(daily.headers.get('retry-after')).toBe('Mon, 02 Nov 2026 00:00:00 GMT');
			expect(daily.json).toEqual({
				code: 429,
				message: 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.',
			});

			sim.addFault({ type: 'serverError', status: 502 });
			const gw = await im('grp-eng', q);
			expect(gw.status).toBe(502);
			expect(gw.headers.get('content-type')).toMatch(/text\/html/);
			sim.addFault({ type: 'serverError', status: 500 });
			expect((await im('grp-eng', q)).json).toEqual({ code: 500, message: 'Internal Server Error' });

			sim.addFault({ type: 'http', status: 418, body: { code: 1, message: 'teapot' }, headers: { 'x-extra': 'yes' } });
			const teapot = await im('grp-eng', q);
			expect([teapot.status, teapot.json, teapot.headers.get('x-extra')]).toEqual([418, { code: 1, message: 'teapot' }, 'yes']);

			sim.addFault({ type: 'nonJson' });
			const html = await im('grp-eng', q);
			expect([html.status, html.text, html.headers.get('content-type')]).toEqual([200, '<html>gateway</html>', 'text/html']);

			sim.addFault({ type: 'echoAuth' });
			const echo = await im('grp-eng', q);
			expect(echo.status).toBe(400);
			expect(echo.json).toEqual({ code: 300, message: `Bad request: Authorization: Bearer ${token}` });
			expect(sim.requests[sim.requests.length - 1].faulted).toBe('echoAuth');
		});

		test('after / times / match and the fault hook', async () => {
			const f = sim.addFault({ match: { kind: 'imMessages', pathIncludes: 'grp-year' }, after: 1, times: 2, type: 'serverError', status: 503 });
			const statuses: number[] = [];
			for (let i = 0; i < 3; i++) statuses.push((await im('grp-eng', q)).status);
			for (let i = 0; i < 4; i++) statuses.push((await im('grp-year', 'from=2025-04-01&to=2025-04-30')).status);
			expect(statuses).toEqual([200, 200, 200, 200, 503, 503, 200]);
			expect(f.applied).toBe(2);

			sim.clearFaults();
			sim.setFaultHook((req, index) => (req.kind === 'imMessages' && index % 2 === 0 ? { type: 'serverError', status: 504 } : undefined));
			const seen: [number, number][] = [];
			for (let i = 0; i < 4; i++) {
				const r = await im('grp-eng', q);
				seen.push([sim.requests[sim.requests.length - 1].index % 2, r.status]);
			}
			for (const [parity, status] of seen) expect(status).toBe(parity === 0 ? 504 : 200);
		});

		test('reset and hang drop the connection; stop() is not kept waiting', async () => {
			sim.addFault({ type: 'reset' });
			await expect(im('grp-eng', q)).rejects.toThrow();
			expect(sim.requests[sim.requests.length - 1]).toMatchObject({ faulted: 'reset', status: 0 });

			// A hang answers nothing: only the client's own timeout ends the request, and the
			// simulator still holds it (no status) when the client gives up.
			sim.addFault({ type: 'hang', ms: 60000 });
			await expect(
				fetch(`${sim.apiBaseUrl}/im/chat/sessions`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(300) }),
			).rejects.toMatchObject({ name: 'TimeoutError' });
			expect(sim.requests[sim.requests.length - 1]).toMatchObject({ faulted: 'hang', status: undefined });

			// stop() ends a hanging request instead of waiting for it: the hang (60 s, twice jest's
			// test timeout) has not run out when stop() returns, and the client sees the connection drop.
			const other = new ZoomSimulator({ seed: 1 });
			await other.start();
			other.addFault({ type: 'hang' });
			const pending = fetch(`${other.apiBaseUrl}/im/chat/sessions`).catch((e: Error) => e);
			await waitFor(() => other.requests[0]?.faulted === 'hang', { timeoutMs: 5000, what: 'the request to hang' });
			await other.stop();
			expect(other.requests).toEqual([expect.objectContaining({ faulted: 'hang', status: undefined, endedAt: undefined })]);
			expect(String(await pending)).toMatch(/fetch failed|terminated|socket|ECONNRESET/i);
		});

		test('expireAccessToken, latency', async () => {
			const mine = sim.issueTokens().access_token;
			sim.addFault({ type: 'expireAccessToken' });
			const r = await im('grp-eng', q, mine);
			expect([r.status, r.json]).toEqual([401, { code: 124, message: 'Access token is expired.' }]);
			token = sim.issueTokens().access_token;

			sim.addFault({ type: 'latency', ms: 150 });
			const t0 = Date.now();
			expect((await im('grp-eng', q)).status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
			sim.setLatency(100);
			const t1 = Date.now();
			await im('grp-eng', q);
			expect(Date.now() - t1).toBeGreaterThanOrEqual(90);
		});

		test('page-level faults: expirePageToken, repeatToken, missingMessages, hugePage', async () => {
			const first = await im('grp-eng', q);
			const tok = first.json!.next_page_token;
			// expirePageToken only hits requests that carry a token
			sim.addFault({ match: { kind: 'imMessages' }, type: 'expirePageToken' });
			expect((await im('grp-eng', q)).status).toBe(200);
			const expired = await im('grp-eng', `${q}&next_page_token=${tok}`);
			expect(expired.json).toEqual({ code: 300, message: 'The next page token is invalid or expired.' });
			expect((await im('grp-eng', `${q}&next_page_token=${tok}`)).status).toBe(400); // stays expired

			sim.addFault({ type: 'repeatToken' });
			const loop = await im('grp-eng', q);
			const again = await im('grp-eng', `${q}&next_page_token=${loop.json!.next_page_token}`);
			expect(again.json!.messages).toEqual(loop.json!.messages);

			sim.addFault({ type: 'missingMessages' });
			const missing = await im('grp-eng', q);
			expect(missing.status).toBe(200);
			expect(missing.json!.messages).toBeUndefined();

			sim.addFault({ type: 'hugePage' });
			const huge = await im('grp-eng', q);
			expect(huge.json!.messages).toHaveLength(10000);
			expect(huge.json!.next_page_token).toBe('');
			sim.addFault({ type: 'hugePage', pad: false });
			const real = await api('/chat/users/me/messages?to_channel=ch-general&page_size=5');
			expect(real.json!.messages).toEqual(sim.teamChatMessages({ toChannel: 'ch-general', to: clock.ms }));
		});

		test('trailingEmptyPage option', async () => {
			sim.options.trailingEmptyPage = true;
			try {
				const p1 = await im('alice@example.com', 'from=2026-10-01&to=2026-10-31&page_size=40');
				expect(p1.json!.messages).toHaveLength(40);
				expect(p1.json!.next_page_token).not.toBe('');
				const p2 = await im('alice@example.com', `from=2026-10-01&to=2026-10-31&page_size=40&next_page_token=${p1.json!.next_page_token}`);
				expect(p2.json).toMatchObject({ next_page_token: '' });
				expect('messages' in p2.json!).toBe(false);
			} finally {
				sim.options.trailingEmptyPage = false;
			}
		});

		test('rateLimitPerSecond limits API requests but not token requests', async () => {
			// The limiter's own clock, so that "within one second" does not depend on the machine's speed.
			let clockMs = 1_000_000;
			const limited = new ZoomSimulator({ seed: 1, rateLimitPerSecond: 3, rateLimitClock: () => clockMs });
			await limited.start();
			try {
				const t = limited.issueTokens().access_token;
				const status = async () => {
					const r = await call(`${limited.apiBaseUrl}${SESSIONS}`, { headers: { authorization: `Bearer ${t}` } });
					if (r.status === 429) {
						expect(r.headers.get('retry-after')).toBe('1');
						expect([r.headers.get('x-ratelimit-type'), r.headers.get('x-ratelimit-category'), r.headers.get('x-ratelimit-reset')]).toEqual(['QPS', 'Heavy', null]);
						expect(r.headers.get('x-ratelimit-limit')).toBe('3');
					}
					return r.status;
				};
				const statuses: number[] = [];
				for (let i = 0; i < 5; i++) statuses.push(await status());
				expect(statuses).toEqual([200, 200, 200, 429, 429]);
				// A sliding second: the three accepted ones still count 999 ms later, no longer at 1,000 ms;
				// the refused ones never counted.
				clockMs += 999;
				expect(await status()).toBe(429);
				clockMs += 1;
				expect([await status(), await status(), await status(), await status()]).toEqual([200, 200, 200, 429]);
				const tok = await call(`${limited.oauthBaseUrl}/oauth/token?grant_type=account_credentials&account_id=sim-account-id`, {
					method: 'POST',
					headers: { authorization: basic('sim-client-id', 'sim-client-secret') },
				});
				expect(tok.status).toBe(200);
			} finally {
				await limited.stop();
			}
		});
	});

	test('request recording', async () => {
		sim.clearRequests();
		await call(`${sim.apiBaseUrl}/im/chat/sessions/${encodeURIComponent('équipe-é')}?from=2026-10-01&to=2026-10-31&page_size=3`, {
			headers: { authorization: `Bearer ${token}`, 'X-Custom': 'v' },
		});
		await tokenCall('grant_type=account_credentials&account_id=sim-account-id');
		expect(sim.requests).toHaveLength(2);
		const [a, b] = sim.requests;
		expect(a).toMatchObject({
			method: 'GET',
			path: '/v2/im/chat/sessions/équipe-é',
			rawPath: '/v2/im/chat/sessions/%C3%A9quipe-%C3%A9',
			query: { from: '2026-10-01', to: '2026-10-31', page_size: '3' },
			region: 'global',
			kind: 'imMessages',
			status: 200,
			faulted: undefined,
		});
		expect(a.headers.authorization).toBe(`Bearer ${token}`);
		expect(a.headers['x-custom']).toBe('v');
		expect(a.endedAt! >= a.startedAt).toBe(true);
		expect(b).toMatchObject({ method: 'POST', kind: 'token', path: '/oauth/token', status: 200 });
		expect(b.index).toBe(a.index + 1);
	});

	describe('download links and broken bodies', () => {
		const aFile = () => {
			const m = sim.teamChatMessages({ toChannel: 'ch-general' }).find((x) => x.files && x.files.length)!;
			return m.files![0];
		};
		afterEach(() => {
			sim.options.fileLinks = 'bearer';
			sim.options.fileLinkOrigin = '';
		});

		test("fileLinks 'signed': Zoom's documented link shape, served without a token, refused when altered or expired", async () => {
			sim.options.fileLinks = 'signed';
			const file = aFile();
			const link = file.download_url;
			expect(link).toMatch(new RegExp(`^${sim.url}/file/download/[^?]+\\?filename=[^&]+&jwt=[^.]+\\.[^.]+\\.[^.&]+$`));
			const plain = await fetch(link);
			expect(plain.status).toBe(200);
			expect(Buffer.from(await plain.arrayBuffer()).equals(sim.fileContent(file.file_id))).toBe(true);
			expect((await fetch(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(403);
			clock.advance(2 * 60 * 60 * 1000);
			try {
				expect((await call(link)).json).toEqual({ code: 403, message: 'The download link has expired.' });
			} finally {
				clock.advance(-2 * 60 * 60 * 1000);
			}
		});

		test('fileLinkOrigin: download links that name another origin', () => {
			sim.options.fileLinkOrigin = 'http://127.0.0.2:9';
			expect(aFile().download_url).toMatch(/^http:\/\/127\.0\.0\.2:9\/file\//);
		});

		test('cutBody, stallBody, gzipBomb break a 2xx body after its headers', async () => {
			const get = (url: string) =>
				new Promise<{ headers: Record<string, unknown>; received: number; outcome: string }>((resolve) => {
					const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
						let received = 0;
						res.on('data', (c: Buffer) => (received += c.length));
						res.on('end', () => resolve({ headers: res.headers, received, outcome: 'end' }));
						res.on('error', () => resolve({ headers: res.headers, received, outcome: 'error' }));
						res.setTimeout(300, () => {
							resolve({ headers: res.headers, received, outcome: 'stalled' });
							req.destroy();
						});
					});
				});
			sim.options.fileRedirect = false;
			try {
				const file = aFile();
				const url = `${sim.url}/file/${file.file_id}`;
				sim.addFault({ match: { kind: 'fileDownload' }, type: 'cutBody' });
				const cut = await get(url);
				expect(cut).toMatchObject({ outcome: 'error', headers: { 'content-length': String(file.file_size) } });
				expect(cut.received).toBeLessThan(file.file_size);
				sim.addFault({ match: { kind: 'fileDownload' }, type: 'stallBody', ms: 2000 });
				expect(await get(url)).toMatchObject({ outcome: 'stalled' });
				sim.addFault({ match: { kind: 'fileDownload' }, type: 'gzipBomb', bytes: 1024 * 1024 });
				const bomb = await get(url);
				expect(bomb).toMatchObject({ outcome: 'end', headers: { 'content-encoding': 'gzip' } });
				expect(bomb.headers['content-length']).toBeUndefined();
				expect(bomb.received).toBeLessThan(10 * 1024);
				sim.addFault({ match: { kind: 'imMessages' }, type: 'cutBody' });
				expect((await get(`${sim.apiBaseUrl}/im/chat/sessions/grp-eng?from=2026-04-01&to=2026-04-30`)).outcome).toBe('error');
			} finally {
				sim.options.fileRedirect = true;
			}
		});

		test("the chat report's bot_message has Zoom's report shape (the bot's JSON under content)", async () => {
			const reportToken = sim.issueTokens({ scope: 'report_chat:read:admin' }).access_token;
			const sessions = (await api('/report/chat/sessions?from=2026-10-01&to=2026-10-31&page_size=300', {}, reportToken)).json!.sessions as Array<{ id: string }>;
			const bots = [];
			for (const s of sessions) {
				const r = await api(`/report/chat/sessions/${encodeURIComponent(s.id)}?from=2026-10-01&to=2026-10-31&page_size=100&include_bot_message=true`, {}, reportToken);
				bots.push(...((r.json!.messages as Array<Record<string, unknown>>) ?? []).filter((m) => m.bot_message));
			}
			expect(bots.length).toBeGreaterThan(0);
			for (const m of bots) {
				expect(Object.keys(m.bot_message as object).sort()).toEqual(['content', 'external_sender_email', 'is_markdown_support', 'source']);
				expect((m.bot_message as { content: unknown }).content).toMatchObject({ head: { text: m.message } });
			}
		});
	});
});
