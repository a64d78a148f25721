/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: the secret tokens are fake fixtures */
/**
 * The Zoom IM Events Trigger's pure logic: Zoom's signature and URL-validation HMACs (against vectors
 * computed here with node:crypto, not with the code under test), the refusals, the 5-minute replay
 * window, the de-duplication record, and what an event becomes as an item.
 */
import { createHmac } from 'node:crypto';

import { DEFAULT_EVENTS, ZOOM_CHAT_EVENTS } from '../../nodes/ZoomIm/events/catalogue';
import { decideDelivery, MAX_BODY_BYTES, type DeliverySettings } from '../../nodes/ZoomIm/events/delivery';
import { canonicalJson } from '../../nodes/ZoomIm/events/eventItem';
import { isFreshTimestamp, REPLAY_WINDOW_MS } from '../../nodes/ZoomIm/events/replayWindow';
import { claimEvent, RecentEvents, RecentEventsRegistry } from '../../nodes/ZoomIm/events/recentEvents';
import { signaturesMatch, urlValidationAnswer, zoomSignature } from '../../nodes/ZoomIm/events/signature';
import { ZoomImEventsTrigger } from '../../nodes/ZoomIm/ZoomImEventsTrigger.node';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import { channelMessageEvent, directMessageEvent, urlValidationBody } from '../support/zoom-webhook-sender';

const SECRET = 'z8yCxjabcdEFGHfp8uQ-secret-token';
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const NOW_S = String(NOW / 1000);

/** Zoom's rule, written out here: v0= + hex HMAC-SHA256(secret, "v0:{ts}:{body}"). */
const expectedSignature = (secret: string, ts: string, body: string) =>
	'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');

const settings = (over: Partial<DeliverySettings> = {}): DeliverySettings => ({
	secretToken: SECRET,
	events: DEFAULT_EVENTS,
	filters: { channelIds: [], contacts: [] },
	simplify: true,
	nowMs: NOW,
	...over,
});

/** A request as Zoom sends it: signed over exactly these bytes at `ts`. */
const signed = (body: unknown, { ts = NOW_S, secret = SECRET } = {}) => {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	return {
		headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': expectedSignature(secret, ts, raw) },
		rawBody: Buffer.from(raw, 'utf8'),
	};
};

describe('signatures', () => {
	it('signs v0:{timestamp}:{raw body} with HMAC-SHA256 of the secret token, as Zoom does', () => {
		const body = '{"event":"team_chat.channel_message_posted","payload":{"object":{"message":"héllo ✓"}}}';
		expect(zoomSignature(SECRET, '1701432000', Buffer.from(body, 'utf8'))).toBe(expectedSignature(SECRET, '1701432000', body));
		expect(zoomSignature(SECRET, '1701432000', body)).toMatch(/^v0=[0-9a-f]{64}$/);
	});

	it('answers a URL validation with the plain token and hex HMAC-SHA256(secret, plain token)', () => {
		const plainToken = 'qgg8vlvZRS6UYooatFL8Aw';
		expect(urlValidationAnswer(SECRET, plainToken)).toEqual({
			plainToken,
			encryptedToken: createHmac('sha256', SECRET).update(plainToken).digest('hex'),
		});
	});

	it('compares equal strings as equal and any difference (content or length) as different', () => {
		const good = expectedSignature(SECRET, NOW_S, '{}');
		expect(signaturesMatch(good, good)).toBe(true);
		expect(signaturesMatch(good.slice(0, -1) + (good.endsWith('0') ? '1' : '0'), good)).toBe(false);
		expect(signaturesMatch(good + '0', good)).toBe(false);
		expect(signaturesMatch('', good)).toBe(false);
	});
});

describe('replay window', () => {
	it('accepts timestamps up to 5 minutes either side of now and refuses anything further or malformed', () => {
		const s = (ms: number) => String(Math.floor(ms / 1000));
		expect(REPLAY_WINDOW_MS).toBe(300_000);
		expect(isFreshTimestamp(s(NOW), NOW)).toBe(true);
		expect(isFreshTimestamp(s(NOW - 300_000), NOW)).toBe(true);
		expect(isFreshTimestamp(s(NOW + 300_000), NOW)).toBe(true);
		expect(isFreshTimestamp(s(NOW - 301_000), NOW)).toBe(false);
		expect(isFreshTimestamp(s(NOW + 301_000), NOW)).toBe(false);
		for (const bad of [undefined, '', '17e8', '-1', ' 1764590400', '1764590400.5', String(NOW)]) {
			expect(isFreshTimestamp(bad, NOW)).toBe(false);
		}
	});
});

describe('decideDelivery', () => {
	const event = channelMessageEvent({ id: 'MSG-1', eventTs: NOW - 500, message: 'deploy done' });

	it('accepts a signed, fresh event that is selected', () => {
		const outcome = decideDelivery(signed(event), settings());
		expect(outcome.kind).toBe('event');
		expect(outcome.status).toBe(200);
	});

	it('refuses with 401 "invalid signature" and nothing else for every forged, altered, stale or unsigned request', () => {
		const raw = JSON.stringify(event);
		const good = signed(event);
		const cases: Array<[string, { headers: Record<string, string | string[] | undefined>; rawBody: Buffer | undefined }, DeliverySettings?]> = [
			['wrong secret', signed(event, { secret: 'another-secret' })],
			['body altered after signing', { ...good, rawBody: Buffer.from(raw.replace('deploy done', 'deploy DONE')) }],
			['timestamp altered after signing', { ...good, headers: { ...good.headers, 'x-zm-request-timestamp': String(NOW / 1000 - 1) } }],
			['old timestamp (6 minutes), correctly signed', signed(event, { ts: String(NOW / 1000 - 360) })],
			['future timestamp (6 minutes), correctly signed', signed(event, { ts: String(NOW / 1000 + 360) })],
			['no signature', { ...good, headers: { 'x-zm-request-timestamp': NOW_S } }],
			['no timestamp', { ...good, headers: { 'x-zm-signature': good.headers['x-zm-signature'] } }],
			['signature repeated', { ...good, headers: { ...good.headers, 'x-zm-signature': [good.headers['x-zm-signature'], good.headers['x-zm-signature']] } }],
			['signature without v0=', { ...good, headers: { ...good.headers, 'x-zm-signature': good.headers['x-zm-signature'].slice(3) } }],
			['no raw body', { ...good, rawBody: undefined }],
			['empty secret token', good, settings({ secretToken: '' })],
			['unsigned URL validation', { headers: { 'x-zm-request-timestamp': NOW_S }, rawBody: Buffer.from(JSON.stringify(urlValidationBody('abc'))) }],
		];
		for (const [what, request, s] of cases) {
			expect({ what, outcome: decideDelivery(request, s ?? settings()) }).toEqual({
				what,
				outcome: { kind: 'refused', status: 401, body: { message: 'invalid signature' } },
			});
		}
	});

	it('refuses a body larger than the limit even when signed', () => {
		const big = { ...event, padding: 'x'.repeat(MAX_BODY_BYTES) };
		expect(decideDelivery(signed(big), settings()).kind).toBe('refused');
	});

	it('answers a signed URL validation with the HMAC of the plain token', () => {
		const outcome = decideDelivery(signed(urlValidationBody('qgg8vlvZRS6UYooatFL8Aw')), settings());
		expect(outcome).toEqual({
			kind: 'validation',
			status: 200,
			body: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw', encryptedToken: createHmac('sha256', SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex') },
		});
	});

	it('acknowledges but starts nothing for authentic bodies that are not JSON, not events, not selected or filtered out', () => {
		const ignoredKinds = [
			decideDelivery(signed('{"event": "team_chat.channel_message_posted", '), settings()),
			decideDelivery(signed('[1,2,3]'), settings()),
			decideDelivery(signed({ event: 'team_chat.channel_message_posted' }), settings()),
			decideDelivery(signed(urlValidationBody('')), settings()),
			decideDelivery(signed({ ...event, event: 'meeting.started' }), settings()),
			decideDelivery(signed(channelMessageEvent({ event: 'team_chat.channel_message_deleted' })), settings()),
			decideDelivery(signed(event), settings({ filters: { channelIds: ['ch-other'], contacts: [] } })),
			decideDelivery(signed(event), settings({ filters: { channelIds: [], contacts: ['bob@example.com'] } })),
		];
		for (const outcome of ignoredKinds) expect(outcome).toMatchObject({ kind: 'ignored', status: 200, body: { received: true } });
	});

	it('passes events of a filtered channel or contact, naming the contact as the user gave it', () => {
		expect(decideDelivery(signed(event), settings({ filters: { channelIds: ['ch-general'], contacts: [] } }))).toMatchObject({
			kind: 'event',
			json: { channel_id: 'ch-general' },
		});
		const dm = directMessageEvent({ id: 'DM-1', contactEmail: 'Bob@Example.com', eventTs: NOW });
		const filtered = settings({ events: ['team_chat.dm_message_posted'], filters: { channelIds: ['ch-general'], contacts: ['bob@example.com'] } });
		expect(decideDelivery(signed(dm), filtered)).toMatchObject({ kind: 'event', json: { contact: 'bob@example.com' } });
		// A message bob sends (bob is the operator) is in the conversation with bob too.
		const fromBob = directMessageEvent({ operator: 'bob@example.com', contactEmail: 'me@example.com', eventTs: NOW });
		expect(decideDelivery(signed(fromBob), filtered)).toMatchObject({ kind: 'event', json: { contact: 'bob@example.com' } });
	});
});

describe('event items', () => {
	/** Zoom's own example of team_chat.channel_message_posted (Team Chat webhooks reference). */
	const zoomExample = {
		event: 'team_chat.channel_message_posted',
		event_ts: 1626230691572,
		payload: {
			account_id: 'AAAAAABBBB',
			operator: 'user@example.com',
			operator_id: 'z8yCxjabcdEFGHfp8uQ',
			operator_member_id: 'R4VM29Oj0fVM2hhEmSKVM2hhezJTezJTKVM2hezJT2hezJ',
			by_external_user: false,
			object: {
				files: [{ file_id: '56bed9orRnOSEnBoX_HQvA', file_name: 'Screenshot 2023-12-22 at 11.21.38 AM.png', file_size: 23025, OS_file_type: 'PNG', file_message_type: 'image' }],
				message_id: '508CD4CF-4FFD-4644-BFB2-264C5C5600D7',
				date_time: '2020-02-10T21:39:50Z',
				timestamp: 1581370790388,
				channel_id: 'qrstuvwxyz67890',
				channel_owner_account_id: 'lmnop12345abcdefghijk',
				session_id: 'abcdefghijklmnop12345',
				channel_name: 'Team Chat',
				message: '@Jill Chill, this is a test message',
				reply_main_message_id: 'AC619306-3DB6-4918-A11F-DB9489BB814E',
			},
		},
	};
	const at = (body: { event_ts: number }) => settings({ nowMs: body.event_ts, events: ZOOM_CHAT_EVENTS.map((e) => e.value) });
	const tsOf = (body: { event_ts: number }) => String(Math.floor(body.event_ts / 1000));

	it('Simplify gives the Zoom IM Messages node\'s simplified fields (same names) plus channel_id, event and event_ts', () => {
		const outcome = decideDelivery(signed(zoomExample, { ts: tsOf(zoomExample) }), at(zoomExample));
		if (outcome.kind !== 'event') throw new Error(`expected an event, got ${outcome.kind}`);
		// The same message as the list API would serve it, simplified by the tests' own account.
		const asListed = simplifiedTeamChatMessage({
			id: '508CD4CF-4FFD-4644-BFB2-264C5C5600D7',
			message: '@Jill Chill, this is a test message',
			sender: 'user@example.com',
			send_member_id: 'R4VM29Oj0fVM2hhEmSKVM2hhezJTezJTKVM2hezJT2hezJ',
			date_time: '2020-02-10T21:39:50Z',
			timestamp: 1581370790388,
			status: 'Normal',
			reply_main_message_id: 'AC619306-3DB6-4918-A11F-DB9489BB814E',
			files: [{ file_name: 'Screenshot 2023-12-22 at 11.21.38 AM.png' }],
		});
		delete asListed.sender_display_name; // Zoom's events do not carry the display name
		expect(outcome.json).toEqual({ ...asListed, channel_id: 'qrstuvwxyz67890', event: 'team_chat.channel_message_posted', event_ts: 1626230691572 });
	});

	it('Simplify off returns Zoom\'s event body unchanged', () => {
		const outcome = decideDelivery(signed(zoomExample, { ts: tsOf(zoomExample) }), { ...at(zoomExample), simplify: false });
		expect(outcome).toMatchObject({ kind: 'event', json: zoomExample });
	});

	it('maps edits and deletions to the status the Messages node shows (Edited, Deleted)', () => {
		for (const [event, status] of [
			['team_chat.channel_message_updated', 'Edited'],
			['team_chat.channel_message_deleted', 'Deleted'],
			['chat_message.deleted', 'Deleted'],
		]) {
			const body = { ...zoomExample, event };
			expect(decideDelivery(signed(body, { ts: tsOf(body) }), at(body))).toMatchObject({ kind: 'event', json: { status, event } });
		}
	});

	it('maps a legacy chat_message.replied (id, parent_msg_id) and a direct message (contact)', () => {
		const legacy = {
			event: 'chat_message.replied',
			event_ts: 1626230691572,
			payload: {
				account_id: 'AAAAAABBBB',
				operator: 'user@example.com',
				operator_id: 'z8yCxjabcdEFGHfp8uQ',
				object: { id: '6dfgdfgdg444447b0egga', type: 'to_contact', date_time: '2020-02-10T21:39:50Z', timestamp: 1581370790388, session_id: 's', contact_email: 'user2@example.com', message: 'Hello world.', parent_msg_id: 'DE159' },
			},
		};
		expect(decideDelivery(signed(legacy, { ts: tsOf(legacy) }), at(legacy))).toMatchObject({
			kind: 'event',
			json: { id: '6dfgdfgdg444447b0egga', message: 'Hello world.', sender: 'user@example.com', reply_main_message_id: 'DE159', contact: 'user2@example.com', status: 'Normal' },
		});
	});

	it('maps reactions and file events to their own few fields', () => {
		const reaction = {
			event: 'team_chat.channel_reaction_added',
			event_ts: 1703872343211,
			payload: { account_id: 'A', operator: 'user@example.com', operator_id: 'u', operator_member_id: 'm', object: { emoji: 'U+1f44c', emoji_time: '2023-12-29T17:52:23Z', msg_time: '2023-12-29T17:51:33Z', msg_id: 'B88C3A45', channel_id: '7886', timestamp: 1703872343211 } },
		};
		expect(decideDelivery(signed(reaction, { ts: tsOf(reaction) }), at(reaction))).toMatchObject({
			kind: 'event',
			json: { id: 'B88C3A45', emoji: 'U+1f44c', operator: 'user@example.com', channel_id: '7886', event: 'team_chat.channel_reaction_added' },
		});
		const file = {
			event: 'team_chat.file_shared',
			event_ts: 1626230691572,
			payload: { account_id: 'A', operator: 'user@example.com', operator_id: 'u', operator_member_id: 'm', object: { type: 'to_channel', channel_id: 'q', files: [{ file_id: 'f1', file_name: 'file1.txt' }, { file_id: 'f2', file_name: 'file2.txt' }] } },
		};
		expect(decideDelivery(signed(file, { ts: tsOf(file) }), at(file))).toMatchObject({
			kind: 'event',
			json: { file_ids: ['f1', 'f2'], file_names: ['file1.txt', 'file2.txt'], channel_id: 'q' },
		});
	});

	describe('each event once, and no event lost to another', () => {
		/** Reorders every object's keys (deepest first), as a serialiser other than Zoom's first one might. */
		const reversedKeys = (value: unknown): unknown => {
			if (Array.isArray(value)) return value.map(reversedKeys);
			if (typeof value !== 'object' || value === null) return value;
			return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
		};
		/** One trigger's life: every delivery is decided and claimed as the node does it. */
		const trigger = () => {
			const memory = new RecentEvents();
			let stored: unknown;
			return (raw: string, eventTs: number): boolean => {
				const outcome = decideDelivery(signed(raw, { ts: String(Math.floor(eventTs / 1000)) }), settings({ nowMs: eventTs, events: ZOOM_CHAT_EVENTS.map((e) => e.value) }));
				if (outcome.kind !== 'event') throw new Error(`expected an event, got ${outcome.kind}`);
				const { isNew, toStore } = claimEvent(outcome.key, memory, stored);
				stored = toStore;
				return isNew;
			};
		};
		const reaction = (operator: string, memberId: string, emoji: string) => ({
			event: 'team_chat.channel_reaction_added',
			event_ts: 1703872343211,
			payload: { account_id: 'A', operator, operator_id: `id-${operator}`, operator_member_id: memberId, object: { emoji, emoji_time: '2023-12-29T17:52:23Z', msg_time: '2023-12-29T17:51:33Z', msg_id: 'B88C3A45', channel_id: '7886', timestamp: 1703872343211 } },
		});

		it('starts two reactions to one message in the same millisecond, by different people or with different emoji', () => {
			const deliver = trigger();
			expect(deliver(JSON.stringify(reaction('ann@example.com', 'mA', 'U+1F44D')), 1703872343211)).toBe(true);
			expect(deliver(JSON.stringify(reaction('bob@example.com', 'mB', 'U+1F44D')), 1703872343211)).toBe(true);
			expect(deliver(JSON.stringify(reaction('ann@example.com', 'mA', 'U+1F600')), 1703872343211)).toBe(true);
		});

		it('starts two file events of one millisecond that differ only in a file name', () => {
			const file = (name: string) => ({
				event: 'team_chat.file_shared',
				event_ts: 1626230691572,
				payload: { account_id: 'A', operator: 'u@example.com', operator_id: 'u', operator_member_id: 'm', object: { type: 'to_channel', channel_id: 'q', files: [{ file_id: 'f1', file_name: name }] } },
			});
			const deliver = trigger();
			expect(deliver(JSON.stringify(file('a.txt')), 1626230691572)).toBe(true);
			expect(deliver(JSON.stringify(file('b.txt')), 1626230691572)).toBe(true);
		});

		it('does not start a redelivery: the same bytes, other spacing, or the keys in another order', () => {
			const deliver = trigger();
			const body = reaction('ann@example.com', 'mA', 'U+1F44D');
			expect(deliver(JSON.stringify(body), body.event_ts)).toBe(true);
			expect(deliver(JSON.stringify(body), body.event_ts)).toBe(false);
			expect(deliver(JSON.stringify(body, null, 2), body.event_ts)).toBe(false);
			const reordered = JSON.stringify(reversedKeys(body));
			expect(reordered).not.toBe(JSON.stringify(body));
			expect(deliver(reordered, body.event_ts)).toBe(false);
			// Zoom's message example too, with an edit of the same message a new event.
			expect(deliver(JSON.stringify(zoomExample), zoomExample.event_ts)).toBe(true);
			expect(deliver(JSON.stringify(reversedKeys(zoomExample)), zoomExample.event_ts)).toBe(false);
			expect(deliver(JSON.stringify({ ...zoomExample, event: 'team_chat.channel_message_updated' }), zoomExample.event_ts)).toBe(true);
		});

		it('keys canonically: sorted keys, no spacing, Unicode kept, arrays in order', () => {
			expect(canonicalJson(JSON.parse('{ "b": [2, {"d":1,"c":"é"}], "a": null }'))).toBe('{"a":null,"b":[2,{"c":"é","d":1}]}');
			expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
		});
	});
});

describe('de-duplication record', () => {
	it('starts each event once: a repeat in the same process, and a repeat after a restart (saved record only)', () => {
		const memory = new RecentEvents();
		const first = claimEvent('k1', memory, undefined);
		expect(first.isNew).toBe(true);
		expect(claimEvent('k1', memory, first.toStore).isNew).toBe(false);
		// A concurrent repeat read the saved record before the first was saved: memory still knows it.
		expect(claimEvent('k1', memory, []).isNew).toBe(false);
		// After a restart the memory is empty; the saved record still knows it.
		expect(claimEvent('k1', new RecentEvents(), first.toStore).isNew).toBe(false);
		expect(claimEvent('k2', new RecentEvents(), first.toStore)).toMatchObject({ isNew: true });
		expect(claimEvent('k2', new RecentEvents(), first.toStore).toStore).toHaveLength(2);
	});

	it('keeps only the newest `capacity` events, forgetting the oldest first', () => {
		const record = new RecentEvents([], 3);
		for (const d of ['a', 'b', 'c', 'd']) expect(record.claim(d)).toBe(true);
		expect(record.toArray()).toEqual(['b', 'c', 'd']);
		expect(record.claim('a')).toBe(true);
		expect(record.claim('d')).toBe(false);
		expect(new RecentEvents(['1', '2', '3', '4', '5'], 2).toArray()).toEqual(['4', '5']);
	});

	it('stores short digests (not the message ids) and ignores junk in the saved record', () => {
		const { toStore } = claimEvent('team_chat.channel_message_posted|1|MSG', new RecentEvents(), [42, null, 'x']);
		expect(toStore[0]).toBe('x');
		expect(toStore[1]).toMatch(/^[0-9a-f]{24}$/);
	});

	it('keeps one record per trigger scope', () => {
		const registry = new RecentEventsRegistry();
		registry.for('wf1\u0000Trigger').claim('d');
		expect(registry.for('wf1\u0000Trigger').has('d')).toBe(true);
		expect(registry.for('wf2\u0000Trigger').has('d')).toBe(false);
	});
});

describe('node description', () => {
	const description = new ZoomImEventsTrigger().description;

	it('offers every catalogued event and defaults to the two "message posted" events', () => {
		const events = description.properties.find((p) => p.name === 'events')!;
		expect(events.type).toBe('multiOptions');
		expect(events.default).toEqual(DEFAULT_EVENTS);
		expect(DEFAULT_EVENTS).toEqual(['team_chat.channel_message_posted', 'team_chat.dm_message_posted']);
		expect((events.options ?? []).map((o) => ('value' in o ? o.value : undefined))).toEqual(ZOOM_CHAT_EVENTS.map((e) => e.value));
		expect(ZOOM_CHAT_EVENTS.map((e) => e.value)).toEqual(
			expect.arrayContaining(['chat_message.sent', 'chat_message.updated', 'chat_message.deleted', 'chat_message.replied', 'team_chat.file_shared', 'team_chat.file_deleted']),
		);
	});

	it('tells the user to activate first and have Zoom validate afterwards (n8n answers 404 on an inactive Production URL)', () => {
		const { triggerPanel } = new ZoomImEventsTrigger().description;
		const hint = typeof triggerPanel === 'object' ? String(triggerPanel.activationHint) : '';
		expect(hint.indexOf('Activate')).toBeGreaterThanOrEqual(0);
		expect(hint.indexOf('Activate')).toBeLessThan(hint.indexOf('Validate'));
		expect(hint).not.toMatch(/once zoom validates/i);
	});

	it('is a POST webhook with the zoomImWebhookApi credential', () => {
		expect(description.name).toBe('zoomImEventsTrigger');
		expect(description.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', name: 'default' })]);
		expect(description.credentials).toEqual([expect.objectContaining({ name: 'zoomImWebhookApi', required: true })]);
	});
});

describe("the credential's Test", () => {
	const { checkSecretToken } = new ZoomImEventsTrigger().methods.credentialTest;
	const test = async (secretToken: unknown) =>
		await checkSecretToken.call({} as never, { id: '1', name: 'Zoom IM webhook', type: 'zoomImWebhookApi', data: { secretToken } } as never);

	it('refuses an empty token or one with spaces around it and says where the token is in the Zoom app', async () => {
		for (const bad of ['', '   ', undefined, ` ${SECRET}`]) {
			const result = await test(bad);
			expect(result.status).toBe('Error');
		}
		expect((await test('')).message).toMatch(/Features → Access.*Secret Token/);
	});

	it('accepts a token, explaining that Zoom\'s signatures are what prove it', async () => {
		const result = await test(SECRET);
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/Secret Token/);
		expect(result.message).not.toContain(SECRET);
	});
});
