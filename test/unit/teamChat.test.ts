/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: rethrows unexpected errors so that the test fails */
/**
 * Team Chat's pure logic: Simplify over the message Zoom's list endpoint sends, a page without
 * `messages`, and the 6-month rule (the earliest day read, and the check before any request).
 */
import { DateTime } from 'luxon';

import { checkTeamChatRange, resolveDayRange } from '../../nodes/ZoomIm/parameters/validation';
import { parseMessagesPage } from '../../nodes/ZoomIm/reading/messages';
import {
	TEAM_CHAT_READABLE_DAYS,
	earliestTeamChatDay,
	emojiCharacter,
	simplifyTeamChatMessage,
	teamChatMessagesRequest,
} from '../../nodes/ZoomIm/reading/teamChat';
import { ParameterProblem } from '../../nodes/ZoomIm/parameters/parameterProblem';
import { ZoomError } from '../../nodes/ZoomIm/transport/errors';

/** A message the way Zoom's list endpoint documents it (send_member_id, first file repeated). */
const zoomMessage = {
	id: 'EAB58B01-B35F-4F97-BA69-F9650F54679A',
	message: 'hello, world!',
	sender: 'jchill@example.com',
	send_member_id: 'R4VM29Oj0fVM2hhEmSKVM2hhezJT',
	sender_display_name: 'Tom',
	date_time: '2026-10-02T21:39:50Z',
	timestamp: 1791063590388,
	status: 'Normal',
	message_type: 'file_and_text',
	files: [
		{ file_id: 'f1', file_name: 'example.jpg', file_size: 3966, download_url: 'https://zoom.us/file/download/f1' },
		{ file_id: 'f2', file_name: 'notes.txt', file_size: 12, download_url: 'https://zoom.us/file/download/f2' },
	],
	file_id: 'f1',
	file_name: 'example.jpg',
	file_size: 3966,
	download_url: 'https://zoom.us/file/download/f1',
	reactions: [{ emoji: 'U+1F600', total_count: 2, senders: [{ user_id: 'v4iyWT1LTfy8QvPG4GTvdg', member_id: 'R4VM' }, { member_id: 'X9' }] }],
};

describe('simplifyTeamChatMessage', () => {
	it("reads Zoom's send_member_id into the output's sender_member_id, and each file once", () => {
		expect(simplifyTeamChatMessage({ ...zoomMessage })).toEqual({
			id: 'EAB58B01-B35F-4F97-BA69-F9650F54679A',
			message: 'hello, world!',
			sender: 'jchill@example.com',
			sender_member_id: 'R4VM29Oj0fVM2hhEmSKVM2hhezJT',
			sender_display_name: 'Tom',
			date_time: '2026-10-02T21:39:50Z',
			timestamp: 1791063590388,
			status: 'Normal',
			file_names: ['example.jpg', 'notes.txt'],
			reactions: [
				{
					emoji: 'U+1F600',
					emoji_character: '😀',
					total_count: 2,
					senders: [{ user_id: 'v4iyWT1LTfy8QvPG4GTvdg', member_id: 'R4VM' }, { member_id: 'X9' }],
				},
			],
		});
	});

	it('keeps the status key as null when Zoom sends no status (without Include Deleted and Edited Messages)', () => {
		const withoutStatus: Record<string, unknown> = { ...zoomMessage };
		delete withoutStatus.status;
		const simplified = simplifyTeamChatMessage(withoutStatus);
		expect(Object.keys(simplified)).toContain('status');
		expect(simplified.status).toBeNull();
	});

	it('names mentions from at_items and marks bot messages', () => {
		const simplified = simplifyTeamChatMessage({
			...zoomMessage,
			at_items: [
				{ at_contact: 'u1', at_contact_member_id: 'm1', at_type: 1, start_position: 0, end_position: 8 },
				{ at_type: 2, start_position: 10, end_position: 13 },
			],
			bot_message: { head: { text: 'Build passed' } },
		});
		expect(simplified.mentions).toEqual([
			{ type: 'contact', user_id: 'u1', member_id: 'm1', start_position: 0, end_position: 8 },
			{ type: 'channel', user_id: null, member_id: null, start_position: 10, end_position: 13 },
		]);
		expect(simplified.is_bot_message).toBe(true);
		expect(simplified.bot_message).toEqual({ head: { text: 'Build passed' } });
		const plain = simplifyTeamChatMessage({ ...zoomMessage });
		expect(Object.keys(plain)).not.toContain('mentions');
		expect(Object.keys(plain)).not.toContain('is_bot_message');
	});

	it('takes a file given only at the top level, and gives an empty list without files', () => {
		const without = (message: Record<string, unknown>, ...keys: string[]) =>
			Object.fromEntries(Object.entries(message).filter(([key]) => !keys.includes(key)));
		const topLevelOnly = without(zoomMessage, 'files');
		expect(simplifyTeamChatMessage(topLevelOnly).file_names).toEqual(['example.jpg']);
		const none = without(topLevelOnly, 'file_id', 'file_name', 'file_size', 'download_url');
		expect(simplifyTeamChatMessage(none).file_names).toEqual([]);
		expect(simplifyTeamChatMessage({ ...none, files: [] }).file_names).toEqual([]);
	});

	it('says which message a reply answers, and has no reply fields for a main message', () => {
		const simplified = simplifyTeamChatMessage({ ...zoomMessage, reply_main_message_id: 'M1', reply_main_message_timestamp: 1 });
		expect(simplified.reply_main_message_id).toBe('M1');
		expect(simplified.reply_main_message_timestamp).toBe(1);
		expect(JSON.stringify(simplified)).not.toContain('object Object');
		expect(Object.keys(simplifyTeamChatMessage({ ...zoomMessage }))).not.toContain('reply_main_message_id');
	});
});

describe("emojiCharacter: Zoom's U+ code as characters", () => {
	it.each([
		['U+1F600', '😀'],
		['u+1f44d', '👍'],
		['U+2764 U+FE0F', '❤️'],
		['U+2764-U+FE0F', '❤️'],
		['U+2764_FE0F', '❤️'],
		['U+2764,U+FE0F', '❤️'],
		['U+2764U+FE0F', '❤️'],
		['U+1F468 U+200D U+1F4BB', '👨‍💻'],
		['👍', '👍'],
	])('%s → %s', (code, character) => {
		expect(emojiCharacter(code)).toBe(character);
	});

	it.each([['smile'], [''], ['U+'], ['U+110000'], ['U+D800'], ['U+1F600 xyz'], [42], [undefined]])('%p has no character', (code) => {
		expect(emojiCharacter(code)).toBeUndefined();
	});
});

describe('teamChatMessagesRequest: the query for the message parts', () => {
	const range = { from: '2026-10-01T00:00:00Z', to: '2026-10-31T23:59:59Z' };
	it('sends exclude_child_message and download_file_formats only when asked', () => {
		const plain = teamChatMessagesRequest('me', { toChannel: 'c' }, range, 50, undefined, { includeDeletedAndEdited: false });
		expect(plain.qs).toEqual({ from: range.from, to: range.to, page_size: 50, to_channel: 'c' });
		const all = teamChatMessagesRequest('me', { toContact: 'x@example.com' }, range, 10, 'T', {
			includeDeletedAndEdited: true,
			excludeChildMessage: true,
			voiceAsMp4: true,
		});
		expect(all.qs).toEqual({
			from: range.from,
			to: range.to,
			page_size: 10,
			to_contact: 'x@example.com',
			include_deleted_and_edited_message: true,
			exclude_child_message: true,
			download_file_formats: 'audio/mp4',
			next_page_token: 'T',
		});
	});
});

describe('parseMessagesPage: Team Chat answers without `messages`', () => {
	const what = 'channel c, 2026-10-01 to 2026-10-31';
	const teamChat = { listOptional: true };

	it('an answer for an empty range without the list is an empty last page', () => {
		const empty = { from: '2026-10-01T00:00:00Z', to: '2026-10-31T23:59:59Z', page_size: 50, next_page_token: '' };
		expect(parseMessagesPage(empty, 50, what, teamChat)).toEqual({ messages: [], nextPageToken: '' });
		expect(parseMessagesPage({ page_size: 50 }, 50, what, teamChat)).toEqual({ messages: [], nextPageToken: '' });
	});

	it('refuses what is not a Zoom page, and a page that promises more without a list', () => {
		const refused = (body: Record<string, unknown>, options = teamChat) => {
			try {
				parseMessagesPage(body, 50, what, options);
			} catch (error) {
				if (error instanceof ZoomError) return error.kind;
				throw error;
			}
			return 'accepted';
		};
		expect(refused({})).toBe('invalidResponse');
		expect(refused({ code: 300, message: 'x' })).toBe('invalidResponse');
		expect(refused({ page_size: 50, messages: null })).toBe('invalidResponse');
		expect(refused({ page_size: 50, messages: 'none' })).toBe('invalidResponse');
		expect(refused({ page_size: 50, next_page_token: 'more' })).toBe('invalidResponse');
		// IM chat keeps requiring the list.
		expect(refused({ page_size: 50, next_page_token: '' }, { listOptional: false })).toBe('invalidResponse');
	});
});

describe('the 6-month rule', () => {
	const at = (iso: string) => Date.parse(iso);

	it('reads back to 178 days before today in the chosen timezone', () => {
		expect(TEAM_CHAT_READABLE_DAYS).toBe(178);
		expect(earliestTeamChatDay('UTC', at('2026-12-01T13:00:00Z'))).toBe('2026-06-06');
		// Already 2 December in Kiritimati (UTC+14).
		expect(earliestTeamChatDay('Pacific/Kiritimati', at('2026-12-01T13:00:00Z'))).toBe('2026-06-07');
		expect(earliestTeamChatDay('America/Los_Angeles', at('2026-12-01T05:00:00Z'))).toBe('2026-06-05');
	});

	it('never asks for an instant Zoom could refuse under its strictest reading (180 days), with most of a day in hand', () => {
		const zones = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'];
		let smallestMarginMs = Infinity;
		for (let now = at('2026-01-01T00:00:00Z'); now < at('2027-01-01T00:00:00Z'); now += 7 * 3600_000 + 13 * 60_000) {
			for (const zone of zones) {
				const firstInstant = DateTime.fromISO(earliestTeamChatDay(zone, now), { zone }).startOf('day').toMillis();
				smallestMarginMs = Math.min(smallestMarginMs, firstInstant - (now - 180 * 86_400_000));
			}
		}
		expect(smallestMarginMs).toBeGreaterThanOrEqual(22 * 3600_000);
	});

	it('refuses a range that starts earlier, naming "From", the value and the earliest day', () => {
		const now = at('2026-12-01T13:00:00Z');
		const check = (from: string, zone = 'UTC') => () => checkTeamChatRange(resolveDayRange(from, '2026-11-30', zone, now), from, zone, now);
		expect(check('2026-06-06')).not.toThrow();
		expect(check('2026-06-05')).toThrow(ParameterProblem);
		expect(check('2026-06-05')).toThrow(
			'The value "2026-06-05" of "From" is too far back for Team Chat: Zoom keeps only the last 6 months, and the earliest day this node can read is 2026-06-06 (UTC). Set "From" to 2026-06-06 or later.',
		);
		expect(check('2026-06-06', 'Pacific/Kiritimati')).toThrow(/earliest day this node can read is 2026-06-07 \(Pacific\/Kiritimati\)/);
		// A range entirely in the future reads nothing, so there is nothing to refuse.
		expect(() => checkTeamChatRange(resolveDayRange('2027-01-01', '2027-01-02', 'UTC', now), '2027-01-01', 'UTC', now)).not.toThrow();
	});
});
