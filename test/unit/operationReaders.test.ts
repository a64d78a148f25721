import { checkRecentRange, checkSearchKey } from '../../nodes/ZoomIm/parameters/operationChecks';
import { readReportMessages, reportMessagesRequest } from '../../nodes/ZoomIm/reading/chatReport';
import { listImChatSessions, listTeamChatSessions } from '../../nodes/ZoomIm/reading/conversationLists';
import { teamChatSearchRequest } from '../../nodes/ZoomIm/reading/messageSearch';
import { ParameterProblem } from '../../nodes/ZoomIm/parameters/parameterProblem';
import type { ZoomClient, ZoomRequest } from '../../nodes/ZoomIm/transport/zoomClient';

/** A client that answers each request with `answer(request)` and records what was asked. */
function fakeClient(answer: (request: ZoomRequest) => Record<string, unknown>) {
	const requests: ZoomRequest[] = [];
	const client = {
		get: async (request: ZoomRequest) => {
			requests.push(request);
			return answer(request);
		},
	} as unknown as ZoomClient;
	return { client, requests };
}

const range = (firstDay: string, lastDay: string) => ({ firstDay, lastDay, clamped: false, empty: false });

describe('conversation lists', () => {
	it('IM chat sessions: one month window per request, each session once (at its first window)', async () => {
		const byWindow: Record<string, string[]> = { '2026-01-15': ['a', 'b'], '2026-02-15': ['b', 'c'], '2026-03-15': ['a'] };
		const { client, requests } = fakeClient((r) => ({
			next_page_token: '',
			sessions: byWindow[String(r.qs.from)].map((id) => ({ session_id: id, name: id.toUpperCase() })),
		}));
		const sessions = await listImChatSessions(client, range('2026-01-15', '2026-03-20'), { pageSize: 300 });
		expect(sessions.map((s) => s.session_id)).toEqual(['a', 'b', 'c']);
		expect(requests.map((r) => [r.qs.from, r.qs.to])).toEqual([
			['2026-01-15', '2026-02-14'],
			['2026-02-15', '2026-03-14'],
			['2026-03-15', '2026-03-20'],
		]);
	});

	it('IM chat sessions: a window that completes the limit is the last one read', async () => {
		const { client, requests } = fakeClient((r) => ({ next_page_token: '', sessions: [{ session_id: `s-${String(r.qs.from)}` }, { session_id: 'same' }] }));
		const sessions = await listImChatSessions(client, range('2026-01-01', '2026-06-30'), { pageSize: 300, limit: 3 });
		expect(sessions.map((s) => s.session_id)).toEqual(['s-2026-01-01', 'same', 's-2026-02-01']);
		expect(requests).toHaveLength(2);
	});

	it('Team Chat sessions: always sends from/to (Zoom defaults them to today), adds contact to one-to-one chats', async () => {
		const { client, requests } = fakeClient(() => ({
			next_page_token: '',
			sessions: [
				{ name: 'bob@example.com', type: '1:1', peer_contact_email: 'bob@example.com' },
				{ name: 'General', type: 'groupchat', channel_id: 'ch-1' },
			],
		}));
		const sessions = await listTeamChatSessions(client, 'me', '1:1', range('2026-03-01', '2026-04-30'), 'Europe/Berlin', { pageSize: 50 });
		expect(sessions).toEqual([
			{ name: 'bob@example.com', type: '1:1', peer_contact_email: 'bob@example.com', contact: 'bob@example.com' },
			{ name: 'General', type: 'groupchat', channel_id: 'ch-1' },
		]);
		expect(requests.map((r) => r.qs)).toEqual([
			{ from: '2026-02-28T23:00:00Z', to: '2026-03-31T21:59:59Z', page_size: 50, type: '1:1' },
			{ from: '2026-03-31T22:00:00Z', to: '2026-04-30T21:59:59Z', page_size: 50, type: '1:1' },
		]);
	});
});

describe('message search requests', () => {
	const instants = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T23:59:59Z' };
	it('searches every conversation without to_channel / to_contact', () => {
		expect(teamChatSearchRequest({ userId: 'me', searchType: 'file', searchKey: 'a/b' }, instants, 50, undefined)).toEqual({
			path: '/chat/users/me/messages',
			qs: { search_type: 'file', search_key: 'a/b', ...instants, page_size: 50 },
		});
	});
	it('searches one channel and follows a page token', () => {
		expect(teamChatSearchRequest({ userId: 'a@b.c', conversation: { toChannel: 'ch' }, searchType: 'message', searchKey: 'x' }, instants, 10, 'T').qs).toEqual({
			search_type: 'message',
			search_key: 'x',
			...instants,
			page_size: 10,
			to_channel: 'ch',
			next_page_token: 'T',
		});
	});
});

describe('chat report', () => {
	const none = { includeEdited: false, includeDeleted: false, includeBotMessages: false, includeReactions: false, includeCustomEmojiReactions: false };

	it("sends Zoom's include options only when asked", () => {
		const window = { from: '2026-03-01', to: '2026-03-31' };
		expect(reportMessagesRequest('s/1', window, 100, undefined, none)).toEqual({ path: '/report/chat/sessions/s%2F1', qs: { ...window, page_size: 100 } });
		expect(reportMessagesRequest('s', window, 100, 'T', { ...none, includeEdited: true, includeDeleted: true, includeReactions: true, includeBotMessages: true }).qs).toEqual({
			...window,
			page_size: 100,
			include_fields: 'edited_messages,deleted_messages',
			include_bot_message: true,
			include_reactions: true,
			next_page_token: 'T',
		});
	});

	it('keeps each edited or deleted entry once when Zoom repeats the lists on every page', async () => {
		const messages = [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }];
		const { client } = fakeClient((r) => {
			if (r.path === '/report/chat/sessions') return { next_page_token: '', sessions: [{ id: 'S', name: 'N', type: 'Group', channel_id: 'C' }] };
			const offset = r.qs.next_page_token ? Number(r.qs.next_page_token) : 0;
			return {
				next_page_token: offset + 2 < messages.length ? String(offset + 2) : '',
				messages: messages.slice(offset, offset + 2),
				edited_messages: [{ id: 'm2', action_timestamp: 5 }],
				deleted_messages: [{ id: 'd1', action_timestamp: 6 }],
			};
		});
		const [items] = await readReportMessages(client, range('2026-03-01', '2026-03-31'), { ...none, includeEdited: true, includeDeleted: true }, { pageSize: 2, concurrency: 1 });
		const session = { session_id: 'S', session_name: 'N', session_type: 'Group', channel_id: 'C' };
		expect(items).toEqual([
			{ id: 'm1', report_list: 'messages', ...session },
			{ id: 'm2', report_list: 'messages', ...session },
			{ id: 'm3', report_list: 'messages', ...session },
			{ id: 'm2', action_timestamp: 5, report_list: 'edited_messages', ...session },
			{ id: 'd1', action_timestamp: 6, report_list: 'deleted_messages', ...session },
		]);
	});
});

describe('operation parameter checks', () => {
	it('refuses an empty or too long search key, naming the field', () => {
		expect(() => checkSearchKey('')).toThrow(new ParameterProblem('Search Key', '', 'is empty: enter the text to search for'));
		expect(() => checkSearchKey('x'.repeat(257))).toThrow(/"Search Key" is too long: Zoom takes at most 256 characters/);
		expect(checkSearchKey('x'.repeat(256))).toHaveLength(256);
	});

	it('refuses a From more than 178 days back, naming the earliest day', () => {
		const now = Date.parse('2026-06-20T12:00:00Z');
		expect(() => checkRecentRange(range('2025-12-23', '2026-01-31'), '2025-12-23', 'UTC', 'the report', now)).toThrow(
			/"From" is too far back for the report: .* the earliest day this node reads is 2025-12-24 \(UTC\)/,
		);
		expect(() => checkRecentRange(range('2025-12-24', '2026-01-31'), '2025-12-24', 'UTC', 'the report', now)).not.toThrow();
	});
});
