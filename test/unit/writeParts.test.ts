/**
 * The pure parts of writing to Team Chat: the multipart body's bytes, the emoji form, mentions and
 * their positions, the checks of Send's fields, the scope named for a refused write, and where an
 * upload redirect may go.
 */
import { checkBinaryProperties, checkEmoji, checkRichText, checkScheduledTime, checkText } from '../../nodes/ZoomIm/parameters/writeParameters';
import { multipartBody } from '../../nodes/ZoomIm/transport/multipart';
import { teamChatScopeHint } from '../../nodes/ZoomIm/transport/scopeHints';
import { followUploadRedirects } from '../../nodes/ZoomIm/transport/uploadRedirects';
import { toZoomEmoji } from '../../nodes/ZoomIm/writing/emoji';
import { placeMentions } from '../../nodes/ZoomIm/writing/mentions';
import { sendBody } from '../../nodes/ZoomIm/writing/messageBody';

describe('multipartBody', () => {
	it('writes each part with its headers, CRLF line ends and the closing boundary (RFC 7578)', () => {
		const data = Buffer.from([0, 1, 2, 255]);
		const { data: body, contentType } = multipartBody(
			[
				{ name: 'to_channel', value: 'ch1' },
				{ name: 'file', fileName: 'a "b"\r\n.png', contentType: 'image/png', data },
			],
			'XYZ',
		);
		expect(contentType).toBe('multipart/form-data; boundary=XYZ');
		const expected = Buffer.concat([
			Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="to_channel"\r\n\r\nch1\r\n'),
			Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a %22b%22%0D%0A.png"\r\nContent-Type: image/png\r\n\r\n'),
			data,
			Buffer.from('\r\n--XYZ--\r\n'),
		]);
		expect(body.equals(expected)).toBe(true);
	});

	it('never lets a content type start a header of its own', () => {
		const { data } = multipartBody([{ name: 'file', fileName: 'x', contentType: 'text/plain\r\nX-Evil: 1', data: Buffer.from('a') }], 'B');
		expect(data.toString()).not.toContain('X-Evil');
		expect(data.toString()).toContain('Content-Type: application/octet-stream');
	});
});

describe('emoji', () => {
	it.each([
		['👍', 'U+1F44D'],
		['U+1F44D', 'U+1F44D'],
		['u+1f44d', 'U+1F44D'],
		['1F600', 'U+1F600'],
		['❤️', 'U+2764'],
		['👍🏽', 'U+1F44D U+1F3FD'],
	])('%s → %s', (input, expected) => {
		expect(toZoomEmoji(input)).toBe(expected);
	});

	it.each(['', 'thumbs up', ':+1:', 'U+D800', 'é'])('refuses %j', (input) => {
		expect(toZoomEmoji(input)).toBeUndefined();
		expect(() => checkEmoji(input)).toThrow(/"Emoji" is not an emoji/);
	});
});

describe('mentions', () => {
	it('finds "@Name" in the text; end_position is the last character (Zoom\'s example)', () => {
		const { text, atItems } = placeMentions('@Shrijana How are you?', [{ kind: 'person', contact: 'shri@example.com', name: 'Shrijana' }]);
		expect(text).toBe('@Shrijana How are you?');
		expect(atItems).toEqual([{ at_type: 1, at_contact: 'shri@example.com', start_position: 0, end_position: 8 }]);
	});

	it('appends a mention the text lacks, and @all; two mentions of one name take two places', () => {
		const { text, atItems } = placeMentions('Deploy done @Ann', [
			{ kind: 'person', contact: 'ann@x.com', name: 'Ann' },
			{ kind: 'person', contact: 'ann2@x.com', name: 'Ann' },
			{ kind: 'all' },
		]);
		expect(text).toBe('Deploy done @Ann @Ann @all');
		expect(atItems.map((a) => text.slice(a.start_position, a.end_position + 1))).toEqual(['@Ann', '@Ann', '@all']);
		expect(atItems.map((a) => a.start_position)).toEqual([12, 17, 22]);
		expect(atItems[2]).toEqual({ at_type: 2, start_position: 22, end_position: 25 });
	});

	it('names a person by the email when no name is given', () => {
		expect(placeMentions('', [{ kind: 'person', contact: 'bo@x.com' }]).text).toBe('@bo@x.com');
	});
});

describe("Send's checks", () => {
	it('refuses text over 1,024 characters, counted as UTF-16 units (what Zoom may count), before anything is sent', () => {
		expect(checkText('a'.repeat(1024), { required: true })).toHaveLength(1024);
		expect(() => checkText('a'.repeat(1025), { required: true })).toThrow(/"Text" is 1025 characters long: Zoom accepts at most 1024/);
		// 512 emoji are 1,024 UTF-16 units: allowed under either reading of Zoom's limit.
		expect(checkText('😀'.repeat(512), { required: true })).toHaveLength(1024);
		// 513 emoji are 513 code points but 1,026 units: a server counting units would refuse them.
		expect(() => checkText('😀'.repeat(513), { required: true })).toThrow(
			/"Text" is 513 characters long, 1026 as Zoom may count them \(an emoji counts 2\): Zoom accepts at most 1024/,
		);
		expect(() => checkText('  ', { required: true })).toThrow(/"Text" is empty/);
		expect(checkText('', { required: false })).toBe('');
	});

	it('refuses more than 6 files and names given twice', () => {
		expect(checkBinaryProperties(' data, b ,c')).toEqual(['data', 'b', 'c']);
		expect(() => checkBinaryProperties('a,b,c,d,e,f,g')).toThrow(/names 7 files: Zoom sends at most 6/);
		expect(() => checkBinaryProperties('a,a')).toThrow(/twice/);
	});

	it('checks rich text: known styles, positions inside the text, the attribute each style needs', () => {
		expect(checkRichText('[{"start_position":0,"end_position":5,"format_type":"Bold"}]', 'Hello')).toEqual([
			{ start_position: 0, end_position: 5, format_type: 'Bold' },
		]);
		expect(checkRichText([{ start_position: 0, end_position: 1, format_type: 'FontColor', format_attr: 'FFC0CB' }], 'Hello')[0].format_attr).toBe(
			'FFC0CB',
		);
		expect(() => checkRichText('not json', 'x')).toThrow(/"Rich Text" is not JSON/);
		expect(() => checkRichText([{ start_position: 0, end_position: 9, format_type: 'Bold' }], 'Hello')).toThrow(/outside the text of 5 characters/);
		expect(() => checkRichText([{ start_position: 0, end_position: 1, format_type: 'Shiny' }], 'Hello')).toThrow(/format_type "Shiny"/);
		expect(() => checkRichText([{ start_position: 0, end_position: 1, format_type: 'AddLink', format_attr: 'ftp://x' }], 'Hello')).toThrow(
			/AddLink needs format_attr a URL/,
		);
	});

	it('checks Scheduled Time against 30 minutes (plus 2 of margin) and 180 days ahead, and gives Zoom its format', () => {
		const now = Date.parse('2026-06-20T12:00:00Z');
		expect(checkScheduledTime('2026-06-20T12:40:00', 'Europe/Berlin', now - 3 * 3600_000)).toBe('2026-06-20T10:40:00Z');
		expect(checkScheduledTime('2026-06-20T12:33:00Z', 'UTC', now)).toBe('2026-06-20T12:33:00Z');
		expect(() => checkScheduledTime('2026-06-20T12:31:00Z', 'UTC', now)).toThrow(/"Scheduled Time" is too soon/);
		expect(() => checkScheduledTime('2026-12-31T12:00:00Z', 'UTC', now)).toThrow(/too far ahead/);
		expect(checkScheduledTime('', 'UTC', now)).toBeUndefined();
	});

	it("builds Zoom's body with only what was given", () => {
		expect(sendBody({ userId: 'me', conversation: { toContact: 'a@x.com' }, text: 'hi' })).toEqual({ message: 'hi', to_contact: 'a@x.com' });
		expect(
			sendBody({
				userId: 'me',
				conversation: { toChannel: 'c' },
				text: 'hi',
				replyTo: 'r',
				fileIds: ['f'],
				scheduledTime: 'T',
				atItems: [{ at_type: 2, start_position: 0, end_position: 3 }],
			}),
		).toEqual({
			message: 'hi',
			to_channel: 'c',
			reply_main_message_id: 'r',
			file_ids: ['f'],
			scheduled_time: 'T',
			at_items: [{ at_type: 2, start_position: 0, end_position: 3 }],
		});
	});
});

describe('write scopes', () => {
	it('names the classic and the granular scope of each write, admin for another user', () => {
		const denied = { code: 4711, message: 'Invalid access token, does not contain scopes:[chat_message:write]' };
		expect(teamChatScopeHint('/chat/users/me/messages', 400, denied, 'POST')?.note).toBe(
			'Sending Team Chat messages needs the Zoom app scope chat_message:write (granular: team_chat:write:user_message).',
		);
		expect(teamChatScopeHint('/chat/users/a%40x.com/messages/m1', 400, denied, 'DELETE')?.note).toBe(
			"Deleting another user's Team Chat messages needs the Zoom app scope chat_message:write:admin (granular: team_chat:delete:user_message:admin).",
		);
		expect(teamChatScopeHint('/chat/users/me/messages/m1/emoji_reactions', 400, denied, 'PATCH')?.description).toContain(
			'team_chat:update:message_emoji',
		);
		expect(teamChatScopeHint('/chat/users/me/files', 400, denied, 'POST')?.description).toContain('team_chat:write:files');
		expect(teamChatScopeHint('/chat/users/me/messages', 400, { code: 5301, message: 'Message sending failed.' }, 'POST')).toBeUndefined();
	});
});

describe('upload redirects', () => {
	const answer = (status: number, location?: string) => ({ status, headers: location ? { location } : {}, body: status === 201 ? '{"id":"f"}' : '' });

	it('follows a redirect to a Zoom host over https, posting again there', async () => {
		const posted: string[] = [];
		const result = await followUploadRedirects('https://file.zoom.us/v2/chat/users/me/files', '', async (url) => {
			posted.push(url);
			return posted.length === 1 ? answer(307, 'https://us01file.zoom.us/up') : answer(201);
		});
		expect(result.status).toBe(201);
		expect(posted).toEqual(['https://file.zoom.us/v2/chat/users/me/files', 'https://us01file.zoom.us/up']);
	});

	it.each(['https://evil.example/up', 'http://file.zoom.us/up', 'https://zoom.us.evil.example/up'])('refuses %s before sending there', async (to) => {
		const posted: string[] = [];
		await expect(
			followUploadRedirects('https://file.zoom.us/v2/x', '', async (url) => {
				posted.push(url);
				return answer(302, to);
			}),
		).rejects.toThrow(/not a Zoom host over https/);
		expect(posted).toHaveLength(1);
	});
});
