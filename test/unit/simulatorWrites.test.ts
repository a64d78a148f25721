/**
 * Tests of the Zoom simulator's Team Chat writes (test/simulator/team-chat-writes.js,
 * team-chat-files.js, multipart.js): every write endpoint over real HTTP, Zoom's documented
 * answers and errors, the round trip into the read endpoints, reactions as a set, the write
 * scopes, the file endpoints' multipart bodies and the processed-then-lost faults.
 */
import { ZoomSimulator, type SentMessage, type TeamChatMessage } from '../simulator';
import { fetchAnswer, type FetchAnswer } from '../support/fetch-answer';
import { installWriteChaos, isProcessedKind, WRITE_MAX_STREAK, type WriteChaosKind } from '../support/write-chaos';
import { installChaos } from '../support/chaos';

type Json = Record<string, unknown> & {
	id?: string;
	code?: number;
	message?: string;
	errors?: Array<{ field: string; message: string }>;
	messages?: TeamChatMessage[];
	next_page_token?: string;
	reactions?: Array<Record<string, unknown>>;
};

type Answer = FetchAnswer<Json>;
const call = async (url: string, init?: RequestInit): Promise<Answer> => await fetchAnswer<Json>(url, init);

/** Mutable clock for the `now` option. */
class Clock {
	ms = Date.parse('2026-11-01T12:00:00.250Z');
	now = () => new Date(this.ms);
	advance(ms: number) {
		this.ms += ms;
	}
}

const NOW_ISO = '2026-11-01T12:00:00Z';
const BEFORE_NOW = '2026-11-01T11:59:00Z';

/** A multipart/form-data body written by hand, so that the tests control every byte. */
function multipart(boundary: string, parts: Array<{ name: string; filename?: string; type?: string; data: string | Buffer }>, close = true): Buffer {
	const chunks: Buffer[] = [];
	for (const p of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
		if (p.filename !== undefined) head += `; filename="${p.filename}"`;
		head += '\r\n';
		if (p.type) head += `Content-Type: ${p.type}\r\n`;
		chunks.push(Buffer.from(head + '\r\n'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n'));
	}
	if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return Buffer.concat(chunks);
}

describe('ZoomSimulator Team Chat writes', () => {
	const clock = new Clock();
	const sim = new ZoomSimulator({ seed: 42, now: clock.now, channelSendLimits: false });
	let token = '';
	const api = (path: string, init: RequestInit = {}, t = token) =>
		call(`${sim.apiBaseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${t}`, ...(init.headers as Record<string, string>) } });
	const json = (method: string, path: string, body: unknown, t = token) =>
		api(path, { method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }, t);
	const send = (body: Record<string, unknown>, t = token, userId = 'me') => json('POST', `/chat/users/${userId}/messages`, body, t);
	const list = (qs: string, t = token) => api(`/chat/users/me/messages?page_size=50&${qs}`, {}, t);
	const upload = (body: Buffer, boundary: string, path = '/chat/users/me/files', t = token) =>
		api(path, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body }, t);

	beforeAll(async () => {
		await sim.start();
		token = sim.issueTokens().access_token;
	});
	afterAll(async () => {
		await sim.stop();
	});
	afterEach(() => sim.clearFaults());

	describe('send', () => {
		test('answers 201 {id}; the message is listed newest first, from a little before it, with the token user as sender', async () => {
			const a = await send({ message: 'first write', to_channel: 'ch-general' });
			const b = await send({ message: 'second write', to_channel: 'ch-general' });
			expect(a.status).toBe(201);
			expect(Object.keys(a.json!)).toEqual(['id']);
			expect(b.json!.id).not.toBe(a.json!.id);
			const r = await list(`to_channel=ch-general&from=${BEFORE_NOW}`);
			expect(r.status).toBe(200);
			const owner = { sender: 'owner@example.com', send_member_id: 'mbr0wner7f3a9c21', sender_display_name: 'Olivia Owner' };
			const expected = { date_time: NOW_ISO, timestamp: clock.ms, ...owner };
			expect(r.json!.messages).toEqual([
				{ id: b.json!.id, message: 'second write', ...expected },
				{ id: a.json!.id, message: 'first write', ...expected },
			]);
		});

		test('to a contact: listed in that 1:1 conversation (contact by email, user id or member id)', async () => {
			const byId = await send({ message: 'to bob by id', to_contact: 'sim-user-bob' });
			const byMember = await send({ message: 'to bob by member id', to_contact: 'mbrB0b9e8f7a6b5c' });
			expect([byId.status, byMember.status]).toEqual([201, 201]);
			const r = await list(`to_contact=bob@example.com&from=${BEFORE_NOW}`);
			expect(r.json!.messages!.map((m) => m.message)).toEqual(['to bob by member id', 'to bob by id']);
		});

		test('a reply carries reply_main_message_id and the main message timestamp; mentions and rich text come back in the list shape', async () => {
			clock.advance(1000);
			const main = await send({ message: 'main', to_channel: 'ch-random' });
			clock.advance(1000);
			const reply = await send({
				message: '@Bob Brown look',
				to_channel: 'ch-random',
				reply_main_message_id: main.json!.id,
				at_items: [{ at_contact: 'bob@example.com', at_type: 1, start_position: 0, end_position: 9 }],
				rich_text: [{ start_position: 11, end_position: 15, format_type: 'Bold' }],
			});
			expect(reply.status).toBe(201);
			const r = await list(`to_channel=ch-random&from=${BEFORE_NOW}`);
			const served = r.json!.messages!.find((m) => m.id === reply.json!.id)!;
			expect(served).toMatchObject({
				reply_main_message_id: main.json!.id,
				reply_main_message_timestamp: clock.ms - 1000,
				at_items: [{ at_contact: 'sim-user-bob', at_contact_member_id: 'mbrB0b9e8f7a6b5c', at_type: 1, start_position: 0, end_position: 9 }],
				rich_text: [{ start_position: 11, end_position: 15, format_type: 'Bold' }],
			});
			// The thread endpoint reads the same conversation.
			const thread = await api(`/chat/users/me/messages/${main.json!.id}/thread?to_channel=ch-random&from=${BEFORE_NOW}`);
			expect(thread.json).toMatchObject({ total: 1, messages: [{ msg_id: main.json!.id, is_reply: false }, { msg_id: reply.json!.id, is_reply: true, message: '@Bob Brown look' }] });
			// A reply to a reply: Zoom's 5402; to a message that does not exist: 5301 (Zoom documents none: assumed).
			expect((await send({ message: 'x', to_channel: 'ch-random', reply_main_message_id: reply.json!.id })).json).toEqual({ code: 5402, message: 'This only supports replies to a main message.' });
			const unknown = await send({ message: 'x', to_channel: 'ch-random', reply_main_message_id: 'no-such-message' });
			expect([unknown.status, unknown.json]).toEqual([400, { code: 5301, message: 'Message sending failed.' }]);
		});

		test('validation: Zoom\'s "Validation Failed." with the fields at fault', async () => {
			const failed = (...fields: string[]) => ({ code: 300, message: 'Validation Failed.', errors: fields.map((field) => ({ field, message: 'Invalid field.' })) });
			const tooLong = await send({ message: 'x'.repeat(1025), to_channel: 'ch-general' });
			expect([tooLong.status, tooLong.json]).toEqual([400, failed('message')]);
			expect((await send({ message: 'y'.repeat(1024), to_channel: 'ch-general' })).status).toBe(201);
			expect((await send({ to_channel: 'ch-general' })).json).toEqual(failed('message'));
			expect((await send({ message: 'x', to_channel: 'ch-general', file_ids: ['1', '2', '3', '4', '5', '6', '7'] })).json).toEqual(failed('file_ids'));
			expect((await send({ message: 'x', to_channel: 'ch-general', rich_text: [{ start_position: 0, end_position: 1, format_type: 'Blink' }] })).json).toEqual(failed('rich_text'));
			expect((await send({ message: 'x'.repeat(1025), to_channel: 'ch-general', at_items: [{ at_type: 3 }] })).json).toEqual(failed('message', 'at_items'));
			const notJson = await json('POST', '/chat/users/me/messages', '{"message":');
			expect([notJson.status, notJson.json]).toEqual([400, { code: 300, message: 'Request Body should be a valid JSON object.' }]);
		});

		test('targets: neither / both, unknown channel and contact, a channel the user is not in, an archived channel', async () => {
			expect((await send({ message: 'x' })).json).toEqual({ code: 300, message: 'Must provide either contact or channel parameter.' });
			expect((await send({ message: 'x', to_channel: 'ch-general', to_contact: 'bob@example.com' })).status).toBe(400);
			const noChannel = await send({ message: 'x', to_channel: 'ch-nope' });
			expect([noChannel.status, noChannel.json]).toEqual([404, { code: 4130, message: 'Channel does not exist: ch-nope.' }]);
			const noContact = await send({ message: 'x', to_contact: 'nobody@example.com' });
			expect([noContact.status, noContact.json]).toEqual([404, { code: 1001, message: 'User does not exist: nobody@example.com.' }]);
			const notMember = await send({ message: 'x', to_channel: 'ch-not-member' });
			expect([notMember.status, notMember.json]).toEqual([400, { code: 5301, message: 'Message sending failed.' }]);
			sim.addTeamChatChannel({ id: 'ch-archived', name: 'Old project', archived: true });
			const archived = await send({ message: 'x', to_channel: 'ch-archived' });
			expect([archived.status, archived.json]).toEqual([400, { code: 5420, message: 'Can not send message to an archived channel.' }]);
			expect(sim.sentMessages({ channel: 'ch-archived' })).toEqual([]);
		});

		test('scheduled_time: 30 minutes to 180 days ahead; a draft is answered with an id and listed from its time on', async () => {
			const wrong = { code: 300, message: 'Invalid parameter: send_time. The time requirement is more than 30 minutes from now and within 180 days.' };
			const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19) + 'Z';
			const base = Math.floor(clock.ms / 1000) * 1000;
			expect((await send({ message: 'x', to_channel: 'ch-empty', scheduled_time: iso(base + 29 * 60 * 1000) })).json).toEqual(wrong);
			expect((await send({ message: 'x', to_channel: 'ch-empty', scheduled_time: iso(base + 181 * 24 * 3600 * 1000) })).json).toEqual(wrong);
			expect((await send({ message: 'x', to_channel: 'ch-empty', scheduled_time: '2026-11-01 13:00' })).json).toEqual(wrong);
			const at = base + 2 * 3600 * 1000;
			const draft = await send({ message: 'later', to_channel: 'ch-empty', scheduled_time: iso(at) });
			expect(draft.status).toBe(201);
			const far = `to_channel=ch-empty&from=${BEFORE_NOW}&to=2026-11-02T00:00:00Z`;
			expect((await list(far)).json!.messages).toBeUndefined();
			expect((await api(`/chat/users/me/messages/${draft.json!.id}?to_channel=ch-empty`)).status).toBe(400);
			expect(sim.sentMessages({ channel: 'ch-empty' })).toMatchObject([{ id: draft.json!.id, scheduled: true }]);
			const saved = clock.ms;
			clock.ms = at;
			// Two hours later the first token has expired: a fresh one.
			const r = await list(far, sim.issueTokens().access_token);
			expect(r.json!.messages).toMatchObject([{ id: draft.json!.id, message: 'later', timestamp: at, date_time: iso(at) }]);
			clock.ms = saved;
		});
	});

	describe('get one, update, delete', () => {
		let id = '';
		let sentAt = 0;
		beforeAll(async () => {
			sentAt = clock.ms;
			id = (await send({ message: 'to be changed', to_channel: 'ch-general' })).json!.id!;
		});

		test('get one: the message in the get-one shape; an unknown one: 400 code 300 "Channel does not exist: <id>"', async () => {
			const r = await api(`/chat/users/me/messages/${id}?to_channel=ch-general`);
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ id, message: 'to be changed', sender: 'owner@example.com', send_member_id: 'mbr0wner7f3a9c21', sender_display_name: 'Olivia Owner', date_time: new Date(sentAt).toISOString().slice(0, 19) + 'Z', timestamp: sentAt });
			const unknown = await api('/chat/users/me/messages/nope?to_channel=ch-general');
			expect([unknown.status, unknown.json]).toEqual([400, { code: 300, message: 'Channel does not exist: nope' }]);
			expect((await api(`/chat/users/me/messages/${id}`)).json).toEqual({ code: 300, message: 'Must provide either "contact" or "channel" parameter.' });
			expect((await api(`/chat/users/me/messages/${id}?to_channel=ch-nope`)).status).toBe(404);
		});

		test('update: 204; like the seeded edited messages, listed (new text, status Edited) only with include_deleted_and_edited_message', async () => {
			const r = await json('PUT', `/chat/users/me/messages/${id}`, { message: 'changed', to_channel: 'ch-general' });
			expect([r.status, r.text]).toEqual([204, '']);
			const plain = (await list(`to_channel=ch-general&from=${BEFORE_NOW}`)).json!.messages!.map((m) => m.id);
			expect(plain).not.toContain(id);
			const withStatus = (await list(`to_channel=ch-general&from=${BEFORE_NOW}&include_deleted_and_edited_message=true`)).json!.messages!.find((m) => m.id === id)!;
			expect(withStatus).toMatchObject({ message: 'changed', status: 'Edited' });
			// Get one serves the new text (it has no status field).
			expect((await api(`/chat/users/me/messages/${id}?to_channel=ch-general`)).json).toMatchObject({ id, message: 'changed' });
			// The prose says "as a query parameter": the target is read from the query too.
			expect((await json('PUT', `/chat/users/me/messages/${id}?to_channel=ch-general`, { message: 'changed again' })).status).toBe(204);
			expect(sim.sentMessages({ channel: 'ch-general' }).find((m) => m.id === id)).toMatchObject({ text: 'to be changed', message: 'changed again', status: 'Edited' });
		});

		test('update errors: unknown message, another sender, files on a plain message, too long', async () => {
			const unknown = await json('PUT', '/chat/users/me/messages/nope', { message: 'x', to_channel: 'ch-general' });
			expect([unknown.status, unknown.json]).toEqual([400, { code: 300, message: 'Message does not exist: nope.' }]);
			const someone = sim.teamChatMessages({ toChannel: 'ch-general', from: '2026-10-01T00:00:00Z' }).find((m) => m.sender !== 'owner@example.com')!;
			const notSender = await json('PUT', `/chat/users/me/messages/${someone.id}`, { message: 'x', to_channel: 'ch-general' });
			expect([notSender.status, notSender.json]).toEqual([400, { code: 200, message: 'Only the sender of this message can make updates.' }]);
			const files = await json('PUT', `/chat/users/me/messages/${id}`, { file_ids: ['abc'], to_channel: 'ch-general' });
			expect(files.json).toEqual({ code: 300, message: 'A plain text message that is sent without any files is not allowed to update with the file.' });
			expect((await json('PUT', `/chat/users/me/messages/${id}`, { message: 'x'.repeat(1025), to_channel: 'ch-general' })).json!.errors).toEqual([{ field: 'message', message: 'Invalid field.' }]);
		});

		test('delete: 204; gone from lists and get one, listed as Deleted with the include flag; deleting again: 400 code 300', async () => {
			const victim = (await send({ message: 'delete me', to_channel: 'ch-general' })).json!.id!;
			const someone = sim.teamChatMessages({ toChannel: 'ch-general', from: '2026-10-01T00:00:00Z' }).find((m) => m.sender !== 'owner@example.com')!;
			expect((await api(`/chat/users/me/messages/${someone.id}?to_channel=ch-general`, { method: 'DELETE' })).json).toEqual({ code: 200, message: 'Only the sender of this message can make updates.' });
			expect((await api(`/chat/users/me/messages/${victim}`, { method: 'DELETE' })).json).toEqual({ code: 300, message: 'You must provide the "to_contact" or the "to_channel" query parameter.' });
			const r = await api(`/chat/users/me/messages/${victim}?to_channel=ch-general`, { method: 'DELETE' });
			expect([r.status, r.text]).toEqual([204, '']);
			const ids = (await list(`to_channel=ch-general&from=${BEFORE_NOW}`)).json!.messages!.map((m) => m.id);
			expect(ids).not.toContain(victim);
			const all = (await list(`to_channel=ch-general&from=${BEFORE_NOW}&include_deleted_and_edited_message=true`)).json!.messages!;
			expect(all.find((m) => m.id === victim)).toMatchObject({ message: 'delete me', status: 'Deleted' });
			expect((await api(`/chat/users/me/messages/${victim}?to_channel=ch-general`)).json).toEqual({ code: 300, message: `Channel does not exist: ${victim}` });
			const again = await api(`/chat/users/me/messages/${victim}?to_channel=ch-general`, { method: 'DELETE' });
			expect([again.status, again.json]).toEqual([400, { code: 300, message: `Channel does not exist: ${victim}` }]);
		});
	});

	describe('emoji reactions', () => {
		const react = (id: string, action: string, emoji: string, t = token, userId = 'me') =>
			json('PATCH', `/chat/users/${userId}/messages/${id}/emoji_reactions`, { action, emoji, to_channel: 'ch-general' }, t);

		test('a user\'s reactions are a set: adding twice keeps one, removing one not added changes nothing', async () => {
			const id = (await send({ message: 'react to me', to_channel: 'ch-general' })).json!.id!;
			expect((await react(id, 'add', 'U+1F600')).status).toBe(204);
			expect((await react(id, 'add', 'u+1f600')).status).toBe(204);
			const admin = sim.issueTokens({ scope: 'chat_message:write:admin' }).access_token;
			expect((await react(id, 'add', 'U+1F600', admin, 'bob@example.com')).status).toBe(204);
			expect((await react(id, 'remove', 'U+2705')).status).toBe(204);
			const listed = (await list(`to_channel=ch-general&from=${BEFORE_NOW}`)).json!.messages!.find((m) => m.id === id)!;
			expect(listed.reactions).toEqual([
				{
					emoji: 'U+1F600',
					total_count: 2,
					senders: [
						{ user_id: 'sim-user-1', member_id: 'mbr0wner7f3a9c21' },
						{ user_id: 'sim-user-bob', member_id: 'mbrB0b9e8f7a6b5c' },
					],
				},
			]);
			const one = await api(`/chat/users/me/messages/${id}?to_channel=ch-general`);
			expect(one.json!.reactions).toEqual([{ emoji: 'U+1F600', total_count: 2, user_ids: ['sim-user-1', 'sim-user-bob'], member_ids: ['mbr0wner7f3a9c21', 'mbrB0b9e8f7a6b5c'] }]);
			expect((await react(id, 'remove', 'U+1F600')).status).toBe(204);
			expect((await react(id, 'remove', 'U+1F600')).status).toBe(204);
			expect((await api(`/chat/users/me/messages/${id}?to_channel=ch-general`)).json!.reactions).toEqual([{ emoji: 'U+1F600', total_count: 1, user_ids: ['sim-user-bob'], member_ids: ['mbrB0b9e8f7a6b5c'] }]);
			expect((await react(id, 'remove', 'U+1F600', admin, 'bob@example.com')).status).toBe(204);
			expect((await api(`/chat/users/me/messages/${id}?to_channel=ch-general`)).json!.reactions).toBeUndefined();
			// Edited only by the text, not by reactions.
			const withStatus = (await list(`to_channel=ch-general&from=${BEFORE_NOW}&include_deleted_and_edited_message=true`)).json!.messages!.find((m) => m.id === id)!;
			expect(withStatus.status).toBe('Normal');
		});

		test('errors: bad action or emoji, unknown message', async () => {
			const id = (await send({ message: 'x', to_channel: 'ch-general' })).json!.id!;
			expect((await react(id, 'toggle', 'U+1F600')).json).toEqual({ code: 300, message: 'Validation Failed.', errors: [{ field: 'action', message: 'Invalid field.' }] });
			expect((await react(id, 'add', '😀')).json!.errors).toEqual([{ field: 'emoji', message: 'Invalid field.' }]);
			expect((await react('nope', 'add', 'U+1F600')).json).toEqual({ code: 300, message: 'Message does not exist: nope' });
		});
	});

	describe('scopes', () => {
		test('user tokens carry chat_message:write by default; a read-only token: 400 code 4711', async () => {
			expect(sim.issueTokens().scope.split(' ')).toContain('chat_message:write');
			const readOnly = sim.issueTokens({ readOnly: true });
			expect(readOnly.scope).toBe('imchat:read chat_message:read chat_channel:read');
			const r = await send({ message: 'x', to_channel: 'ch-general' }, readOnly.access_token);
			expect([r.status, r.json]).toEqual([400, { code: 4711, message: 'Invalid access token, does not contain scopes:[chat_message:write, team_chat:write:user_message].' }]);
			// The granular scope of one write allows that write only.
			const granular = sim.issueTokens({ scope: 'team_chat:write:user_message' }).access_token;
			const sent = await send({ message: 'granular', to_channel: 'ch-general' }, granular);
			expect(sent.status).toBe(201);
			expect((await api(`/chat/users/me/messages/${sent.json!.id}?to_channel=ch-general`, { method: 'DELETE' }, granular)).json!.code).toBe(4711);
			// Reading does not need a write scope.
			expect((await api(`/chat/users/me/messages/${sent.json!.id}?to_channel=ch-general`, {}, readOnly.access_token)).status).toBe(200);
		});

		test("another user's chat needs the :admin write scope; the message is then that user's", async () => {
			const plain = await send({ message: 'as bob', to_channel: 'ch-general' }, token, 'bob@example.com');
			expect(plain.json).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[chat_message:write:admin, team_chat:write:user_message:admin].' });
			const admin = sim.issueTokens({ scope: 'chat_message:write:admin' }).access_token;
			const r = await send({ message: 'as bob', to_channel: 'ch-general' }, admin, 'bob@example.com');
			expect(r.status).toBe(201);
			expect((await api(`/chat/users/me/messages/${r.json!.id}?to_channel=ch-general`)).json).toMatchObject({ sender: 'bob@example.com', send_member_id: 'mbrB0b9e8f7a6b5c' });
		});

		test('server-to-server tokens have no write scope unless accountScope adds it; `me` is nobody for them', async () => {
			const s2s = async (scope?: string) => {
				const s = new ZoomSimulator({ seed: 42, now: clock.now, ...(scope ? { accountScope: scope } : {}) });
				await s.start();
				const res = await call(`${s.oauthBaseUrl}/oauth/token?grant_type=account_credentials&account_id=sim-account-id`, {
					method: 'POST',
					headers: { authorization: 'Basic ' + Buffer.from('sim-client-id:sim-client-secret').toString('base64') },
				});
				const t = String(res.json!.access_token);
				const post = (userId: string) =>
					call(`${s.apiBaseUrl}/chat/users/${userId}/messages`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'x', to_channel: 'ch-general' }) });
				const answers = [await post('owner@example.com'), await post('me')];
				await s.stop();
				return answers.map((a) => [a.status, a.json!.code]);
			};
			expect(await s2s()).toEqual([[400, 4711], [404, 1001]]);
			expect(await s2s('imchat:read chat_message:read:admin chat_channel:read:admin chat_message:write:admin')).toEqual([[201, undefined], [404, 1001]]);
		});
	});

	describe('files', () => {
		test('upload (part `file`) then send with file_ids: listed with files[], and the download serves the uploaded bytes', async () => {
			const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
			const up = await upload(multipart('b0undary', [{ name: 'file', filename: 'Résumé (v2).pdf', type: 'application/pdf', data: bytes }]), 'b0undary', '/chat/users/me/files?postToPersonalChat=false');
			expect(up.status).toBe(201);
			expect(Object.keys(up.json!)).toEqual(['id']);
			const fileId = up.json!.id!;
			expect(sim.uploadedFiles().find((f) => f.file_id === fileId)).toMatchObject({ file_name: 'Résumé (v2).pdf', file_size: 3000, postedToPersonalChat: false, owner: 'sim-user-1' });
			const sent = await send({ message: 'with a file', to_channel: 'ch-random', file_ids: [fileId] });
			expect(sent.status).toBe(201);
			const m = (await list(`to_channel=ch-random&from=${BEFORE_NOW}`)).json!.messages!.find((x) => x.id === sent.json!.id)!;
			expect(m.files).toEqual([{ file_id: fileId, file_name: 'Résumé (v2).pdf', file_size: 3000, download_url: `${sim.url}/file/${fileId}` }]);
			expect(m.file_id).toBe(fileId);
			const redirect = await fetch(m.files![0].download_url, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
			expect(redirect.status).toBe(302);
			const content = await fetch(redirect.headers.get('location')!);
			expect(Buffer.from(await content.arrayBuffer()).equals(bytes)).toBe(true);
			expect(sim.fileContent(fileId).equals(bytes)).toBe(true);
			// Unknown file ids: Zoom's 5404 (documented for update, applied to send too).
			expect((await send({ message: 'x', to_channel: 'ch-random', file_ids: ['nope'] })).json).toEqual({ code: 5404, message: 'File does not exist: nope.' });
		});

		test('send a file (part `files`, to_channel | to_contact, reply_main_message_id): 201 {id}, listed and downloadable', async () => {
			const main = (await send({ message: 'thread for a file', to_contact: 'bob@example.com' })).json!.id!;
			const bytes = Buffer.from('col1,col2\r\n1,2\r\n');
			const r = await upload(
				multipart('xyz', [
					{ name: 'to_contact', data: 'bob@example.com' },
					{ name: 'reply_main_message_id', data: main },
					{ name: 'files', filename: 'data.csv', type: 'text/csv', data: bytes },
				]),
				'xyz',
				'/chat/users/me/messages/files',
			);
			expect(r.status).toBe(201);
			const m = (await list(`to_contact=bob@example.com&from=${BEFORE_NOW}`)).json!.messages!.find((x) => x.id === r.json!.id)!;
			expect(m).toMatchObject({ message: '', reply_main_message_id: main, files: [{ file_name: 'data.csv', file_size: bytes.length }] });
			const content = await fetch(`${sim.fileHostUrl}/cdn/${m.files![0].file_id}?sig=x`);
			expect(content.status).toBe(403);
			expect(sim.fileContent(m.files![0].file_id).equals(bytes)).toBe(true);
			expect(sim.sentMessages({ contact: 'bob@example.com' }).at(-1)).toMatchObject({ id: r.json!.id, files: [{ file_name: 'data.csv' }] });
			const none = await upload(multipart('xyz', [{ name: 'files', filename: 'a.txt', data: 'a' }]), 'xyz', '/chat/users/me/messages/files');
			expect(none.json).toEqual({ code: 300, message: 'Must provide either contact or channel parameter.' });
		});

		test('multipart edge cases: no boundary, truncated body, a part without a name, the wrong part name', async () => {
			const body = multipart('abc', [{ name: 'file', filename: 'a.txt', data: 'hello' }]);
			const noBoundary = await api('/chat/users/me/files', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body });
			expect([noBoundary.status, noBoundary.json!.code]).toEqual([400, 300]);
			expect(noBoundary.json!.message).toMatch(/boundary/);
			const truncated = await upload(body.subarray(0, body.length - 12), 'abc');
			expect(truncated.json!.message).toMatch(/truncated/);
			const unclosed = await upload(multipart('abc', [{ name: 'file', filename: 'a.txt', data: 'hello' }], false), 'abc');
			expect(unclosed.json!.message).toMatch(/truncated/);
			const noName = Buffer.from('--abc\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\nhello\r\n--abc--\r\n');
			expect((await upload(noName, 'abc')).json!.message).toMatch(/no name/);
			const wrongPart = await upload(multipart('abc', [{ name: 'files', filename: 'a.txt', data: 'hello' }]), 'abc');
			expect(wrongPart.json).toEqual({ code: 300, message: 'Validation Failed.', errors: [{ field: 'file', message: 'Invalid field.' }] });
			// A bad token on the file endpoints: Zoom documents 400 (not 401) code 124.
			const badToken = await upload(body, 'abc', '/chat/users/me/files', 'not-a-token');
			expect([badToken.status, badToken.json]).toEqual([400, { code: 124, message: 'Invalid access token.' }]);
			expect(sim.requests.at(-1)!.body).toBeUndefined();
		});

		test('sizes: past maxUploadBytes and past 16 MB for an image (20 MB for other files): 400 "Maximum file size exceeded"', async () => {
			const small = new ZoomSimulator({ seed: 42, now: clock.now, maxUploadBytes: 1000 });
			await small.start();
			try {
				const t = small.issueTokens().access_token;
				const body = multipart('abc', [{ name: 'file', filename: 'a.bin', data: Buffer.alloc(2000) }]);
				const r = await call(`${small.apiBaseUrl}/chat/users/me/files`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'multipart/form-data; boundary=abc' }, body });
				expect([r.status, r.json]).toEqual([400, { code: 300, message: 'Maximum file size exceeded: 1000 bytes' }]);
				expect(small.requests.at(-1)).toMatchObject({ bodyBytes: body.length, bodyTooLarge: true });
				expect(small.uploadedFiles()).toEqual([]);
			} finally {
				await small.stop();
			}
			const image = Buffer.alloc(16 * 1000 * 1000 + 1);
			const big = await upload(multipart('abc', [{ name: 'to_channel', data: 'ch-empty' }, { name: 'files', filename: 'big.png', type: 'image/png', data: image }]), 'abc', '/chat/users/me/messages/files');
			expect([big.status, big.json]).toEqual([400, { code: 300, message: 'Maximum file size exceeded: 16 MB' }]);
			const doc = await upload(multipart('abc', [{ name: 'to_channel', data: 'ch-empty' }, { name: 'files', filename: 'big.pdf', data: image }]), 'abc', '/chat/users/me/messages/files');
			expect(doc.status).toBe(201);
		});
	});

	describe('faults', () => {
		const sentTexts = (channel: string) => sim.sentMessages({ channel }).map((m: SentMessage) => m.text);

		test('processedThenReset / processedThenError: the message is created once, the answer lost', async () => {
			sim.addFault({ match: { kind: 'sendMessage' }, type: 'processedThenReset' });
			await expect(send({ message: 'lost in a reset', to_channel: 'ch-filler-01' })).rejects.toThrow();
			sim.addFault({ match: { kind: 'sendMessage' }, type: 'processedThenError', status: 503 });
			const e = await send({ message: 'lost in a 503', to_channel: 'ch-filler-01' });
			expect(e.status).toBe(503);
			expect(e.headers.get('content-type')).toBe('text/html');
			expect(sentTexts('ch-filler-01')).toEqual(['lost in a reset', 'lost in a 503']);
			const listed = (await list(`to_channel=ch-filler-01&from=${BEFORE_NOW}`)).json!.messages!.map((m) => m.message);
			expect(listed.sort()).toEqual(['lost in a 503', 'lost in a reset']);
			expect(sim.requests.filter((r) => r.kind === 'sendMessage').slice(-2).map((r) => [r.status, r.processedStatus])).toEqual([[0, 201], [503, 201]]);
		});

		test('processedThenHang: the message is created, no answer comes (the client times out)', async () => {
			sim.addFault({ match: { kind: 'sendMessage' }, type: 'processedThenHang', ms: 60000 });
			await expect(
				call(`${sim.apiBaseUrl}/chat/users/me/messages`, {
					method: 'POST',
					headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
					body: JSON.stringify({ message: 'lost in a stall', to_channel: 'ch-filler-02' }),
					signal: AbortSignal.timeout(300),
				}),
			).rejects.toThrow();
			expect(sentTexts('ch-filler-02')).toEqual(['lost in a stall']);
		});

		test('refusals before processing (429 with Retry-After, 503) create nothing', async () => {
			sim.addFault({ match: { kind: 'sendMessage' }, type: 'rateLimit', retryAfter: 2 });
			const limited = await send({ message: 'refused', to_channel: 'ch-filler-03' });
			expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
			sim.addFault({ match: { kind: 'sendMessage' }, type: 'serverError', status: 503 });
			expect((await send({ message: 'refused', to_channel: 'ch-filler-03' })).status).toBe(503);
			expect(sentTexts('ch-filler-03')).toEqual([]);
		});

		test('write chaos: seeded per write and attempt, at most WRITE_MAX_STREAK faults in a row; a lookup before each retry gives each text exactly once', async () => {
			/** What an exactly-once client does: on a lost answer, look the text up before sending again. */
			async function sendOnce(s: ZoomSimulator, t: string, text: string): Promise<WriteChaosKind[]> {
				const seen: WriteChaosKind[] = [];
				for (let attempt = 0; attempt < 10; attempt++) {
					let status = 0;
					try {
						status = (
							await call(`${s.apiBaseUrl}/chat/users/me/messages`, {
								method: 'POST',
								headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
								body: JSON.stringify({ message: text, to_channel: 'ch-empty' }),
							})
						).status;
					} catch {
						status = 0;
					}
					if (status === 201) return seen;
					seen.push(s.requests.filter((r) => r.kind === 'sendMessage').at(-1)!.faulted as WriteChaosKind);
					const found = await call(`${s.apiBaseUrl}/chat/users/me/messages?to_channel=ch-empty&page_size=50&from=${BEFORE_NOW}`, { headers: { authorization: `Bearer ${t}` } });
					if ((found.json!.messages ?? []).some((m) => m.message === text)) return seen;
				}
				throw new Error(`not sent: ${text}`);
			}
			const texts = Array.from({ length: 12 }, (_, i) => `chaos text ${i}`);
			const run = async () => {
				// Without the send limits: twelve sends in a second would break the 10-per-second window.
				const s = new ZoomSimulator({ seed: 42, now: clock.now, channelSendLimits: false });
				await s.start();
				try {
					const t = s.issueTokens().access_token;
					const tally = installWriteChaos(s, { seed: 7, rate: 0.5, only: ['processedThenReset', 'processedThenError503', 'refusedServerError503'] });
					const faults: WriteChaosKind[][] = [];
					for (const text of texts) faults.push(await sendOnce(s, t, text));
					return { tally, faults, sent: s.sentMessages({ channel: 'ch-empty' }).map((m) => m.text) };
				} finally {
					await s.stop();
				}
			};
			const a = await run();
			const b = await run();
			expect(a.tally.faults).toBeGreaterThan(0);
			expect(b.tally.injected).toEqual(a.tally.injected);
			expect(b.faults).toEqual(a.faults);
			for (const f of a.faults) expect(f.length).toBeLessThanOrEqual(WRITE_MAX_STREAK);
			expect(a.faults.flat().some((k) => isProcessedKind(k))).toBe(true);
			// Each text exactly once, in order, although some sends were processed and their answers lost.
			expect(a.sent).toEqual(texts);
		});

		test('installChaos with `writes`: writes get the write chaos, reads keep the read plan of the seed', async () => {
			const decisions = (withWrites: boolean) => {
				const s = new ZoomSimulator({ seed: 1 });
				let hook: ((req: never) => unknown) | undefined;
				(s as unknown as { setFaultHook: (h: typeof hook) => void }).setFaultHook = (h) => (hook = h);
				installChaos(s, { seed: 3, kind: 'teamMessages', windows: ['2026-10-01T00:00:00Z'], ...(withWrites ? { writes: { rate: 1 } } : {}) });
				const read = (n: number) => ({ kind: 'teamMessages', query: { from: '2026-10-01T00:00:00Z', ...(n > 5 ? { next_page_token: 't' } : {}) }, headers: { authorization: 'Bearer a' } });
				const write = { kind: 'sendMessage', method: 'POST', path: '/v2/chat/users/me/messages', body: '{"message":"a"}', query: {}, headers: {} };
				const out: unknown[] = [];
				let writeFaults = 0;
				for (let n = 0; n < 30; n++) {
					out.push(hook!(read(n) as never));
					if (withWrites && hook!(write as never) !== undefined) writeFaults++;
				}
				if (withWrites) expect(writeFaults).toBeGreaterThan(0);
				return out;
			};
			const readsAlone = decisions(false);
			expect(decisions(true)).toEqual(readsAlone);
		});
	});
});
