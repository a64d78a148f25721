/**
 * Conversation → Get Many under the seeded chaos (one request in five failing: 429s, 5xx, dropped
 * connections, answers that never come; one access-token expiry; one page-token expiry where the
 * listing pages), over real HTTP against the simulator. Each listing must still return every
 * conversation exactly once, exactly the set and order of the simulator's oracles. The data is
 * grown so that every listing spans several pages at the node's fixed page sizes (300 IM chat
 * sessions, 50 channels or Team Chat sessions).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { installChaos, monthStarts } from '../support/chaos';
import { jsonOf, messagesRunner, useFakeDate, useSimulator } from './setup';

/** Team Chat sessions serve only the last 6 months: "now" is fixed so the range below is readable. */
const NOW = '2026-06-20T12:00:00Z';
const FROM = '2026-01-01';
const TO = '2026-05-31';
const EXTRA_IM_SESSIONS = 700;
const CHAOS_OPTIONS = { timezone: 'UTC', retryDelay: 1, maxRequestsPerSecond: 0, requestTimeout: 1000 };

useFakeDate(NOW);
const sim = useSimulator();

function lastDayOf(monthStart: string): string {
	const [y, m] = monthStart.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const MONTHS: Array<[string, string]> = monthStarts(FROM, TO).map((start) => [start, lastDayOf(start)]);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

beforeAll(() => {
	// IM: session k has a message in every month but month k % 5, so each month lists 560+ sessions
	// (two pages of 300) and a fifth of them first appear in a later month than the others.
	for (let k = 0; k < EXTRA_IM_SESSIONS; k++) {
		const id = `chaos-im-${pad(k, 3)}`;
		sim.addImSession({ session_id: id, name: `Chaos ${k}`, type: k % 7 === 0 ? '1:1' : 'Group' });
		MONTHS.forEach(([start], month) => {
			if (month === k % MONTHS.length) return;
			sim.addImMessage(id, { date_time: `${start.slice(0, 8)}${pad(1 + (k % 28))}T${pad(k % 24)}:${pad(k % 60)}:00Z`, message: `chaos ${k}.${month}` });
		});
	}
	// Team Chat: filler channel j has messages from month j % 5 on, so the last two months list
	// more than 50 sessions (two pages) and the sessions' activity order differs month by month.
	for (let j = 1; j <= 60; j++) {
		MONTHS.forEach(([start], month) => {
			if (month < j % MONTHS.length) return;
			const timestamp = Date.parse(`${start}T00:00:00Z`) + ((j * 7919) % 27) * 86_400_000 + j * 61_000 + month * 3_600_000;
			sim.addTeamChatMessage({ toChannel: `ch-filler-${pad(j)}`, timestamp, sender: 'owner@example.com', message: `chaos filler ${j}.${month}` });
		});
	}
});

beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});

function conversationParams(extra: INodeParameters): INodeParameters {
	return {
		authentication: 'oAuth2',
		resource: 'conversation',
		operation: 'getAll',
		from: FROM,
		to: TO,
		returnAll: true,
		options: CHAOS_OPTIONS,
		...extra,
	};
}

/** The IM chat session list of one month, from the oracles: sessions with a message in it, in the dataset's order. */
const lastMessageTime = new Map<string, string>();
function imSessionsOf(from: string, to: string): Array<Record<string, unknown>> {
	return sim
		.sessions()
		.filter((session) => sim.imMessages(session.session_id, from, to).length > 0)
		.map((session) => {
			if (!lastMessageTime.has(session.session_id)) {
				const times = sim.imMessages(session.session_id, '2000-01-01', '2099-12-31').map((m) => m.date_time);
				lastMessageTime.set(session.session_id, times.sort()[times.length - 1]);
			}
			return { ...session, last_message_sent_time: lastMessageTime.get(session.session_id) };
		});
}

/** Keeps the first entry of each key across the month windows, in window order. */
function firstOfEach<T>(perWindow: T[][], keyOf: (entry: T) => string): T[] {
	const seen = new Set<string>();
	return perWindow.flat().filter((entry) => !seen.has(keyOf(entry)) && Boolean(seen.add(keyOf(entry))));
}

function expectExactlyOnce(items: INodeExecutionData[], keyOf: (json: Record<string, unknown>) => string) {
	const keys = jsonOf(items).map(keyOf);
	expect(new Set(keys).size).toBe(keys.length);
}

describe('Conversation → Get Many under chaos', () => {
	it.each([1, 2, 3])('IM chat sessions, seed %i: every session of the range exactly once, in Zoom order', async (seed) => {
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed, kind: 'imSessions', windows: MONTHS.map(([from]) => from), tokenAt: [0, 2], pageAt: [1, 1] });
		const [items] = await messagesRunner(sim).execute(conversationParams({ conversationType: 'imChatSessions' }));
		sim.clearFaults();
		const perMonth = MONTHS.map(([from, to]) => imSessionsOf(from, to));
		expect(perMonth.every((sessions) => sessions.length > 300)).toBe(true);
		const expected = firstOfEach(perMonth, (s) => String(s.session_id));
		expect(expected.length).toBe(EXTRA_IM_SESSIONS + 1);
		expectExactlyOnce(items, (s) => String(s.session_id));
		expect(jsonOf(items)).toEqual(expected);
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	});

	it.each([4, 5, 6])('Team Chat channels, seed %i: each of several input items lists every channel exactly once', async (seed) => {
		const before = sim.tokenStats();
		const tally = installChaos(sim, { seed, kind: 'channels', windows: ['channels'], tokenAt: [1, 4], pageAt: [2, 6] });
		const inputs = Array.from({ length: 6 }, (_, i) => ({ json: { item: i } }));
		const [items] = await messagesRunner(sim).execute(conversationParams({ conversationType: 'teamChatChannels' }), inputs);
		sim.clearFaults();
		const channels = sim.channels().map((c) => ({ ...c, channel_id: c.id }));
		expect(channels.length).toBeGreaterThan(50);
		expect(jsonOf(items)).toEqual(inputs.flatMap(() => channels));
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(inputs.flatMap((_, i) => channels.map(() => i)));
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	});

	it.each([7, 8, 9])('Team Chat sessions, seed %i: every session of the range exactly once, in Zoom order', async (seed) => {
		const before = sim.tokenStats();
		const instants = MONTHS.map(([from, to]) => ({ from: `${from}T00:00:00Z`, to: `${to}T23:59:59Z` }));
		// The two expiries go to the months that span two pages; the random faults hit every month.
		const tally = installChaos(sim, { seed, kind: 'teamSessions', windows: instants.slice(-2).map((w) => w.from), tokenAt: [0, 1], pageAt: [1, 1] });
		const [items] = await messagesRunner(sim).execute(conversationParams({ conversationType: 'teamChatSessions' }));
		sim.clearFaults();
		const perMonth = instants.map((range) => sim.teamChatSessions(range) as Array<Record<string, unknown>>);
		expect(perMonth.slice(-2).every((sessions) => sessions.length > 50)).toBe(true);
		const expected = firstOfEach(perMonth, (s) => String(s.channel_id ?? s.peer_contact_email)).map((s) =>
			s.type === '1:1' ? { ...s, contact: s.peer_contact_email } : s,
		);
		expect(expected.length).toBe(63);
		expectExactlyOnce(items, (s) => String(s.channel_id ?? s.contact));
		expect(jsonOf(items)).toEqual(expected);
		expect(tally.injected.expireAccessToken).toBe(1);
		expect(tally.injected.expirePageToken).toBe(1);
		expect(tally.faults / tally.requests).toBeGreaterThan(0.12);
		expect(sim.tokenStats().refreshGrants - before.refreshGrants).toBe(1);
	});
});
