import type { ZoomMessage } from '../reading/messages';
import { simplifyTeamChatMessage } from '../reading/teamChat';
import type { ZoomChatEvent } from './catalogue';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A Zoom event body whose shape the trigger can use: `event`, `payload.object`. */
export interface EventBody {
	event: string;
	event_ts?: unknown;
	payload: Json & { object: Json };
}

export function asEventBody(body: unknown): EventBody | undefined {
	if (!isObject(body) || typeof body.event !== 'string') return undefined;
	const payload = body.payload;
	if (!isObject(payload) || !isObject(payload.object)) return undefined;
	return body as unknown as EventBody;
}

/** Only events in these conversations (both empty: every conversation). */
export interface EventFilters {
	channelIds: string[];
	contacts: string[];
}

/** Splits a comma- or newline-separated list, trimmed, without empties. */
export function listOf(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(/[,\n]/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** The channel an event happened in, if it names one. */
function channelOf(object: Json): string | undefined {
	if (object.type === 'to_contact') return undefined;
	return text(object.channel_id);
}

/** Every way the event names the people of a direct conversation (the other party and the operator). */
function contactNamesOf(body: EventBody): string[] {
	const { object } = body.payload;
	if (channelOf(object)) return [];
	return [object.contact_email, object.contact_id, object.contact_member_id, body.payload.operator, body.payload.operator_id, body.payload.operator_member_id]
		.map(text)
		.filter((name): name is string => name !== undefined);
}

/**
 * Where the event happened, in the Zoom IM Messages node's output field: `channel_id`, or `contact`
 * (the contact filter's value that matched, as the Messages node returns the value the user gave;
 * otherwise Zoom's contact email or id). Undefined when the filters leave the event out.
 */
export function conversationOf(body: EventBody, filters: EventFilters): { channel_id: string } | { contact?: string } | undefined {
	const channel = channelOf(body.payload.object);
	const filtered = filters.channelIds.length > 0 || filters.contacts.length > 0;
	if (channel) {
		if (filtered && !filters.channelIds.includes(channel)) return undefined;
		return { channel_id: channel };
	}
	const names = contactNamesOf(body);
	const lower = names.map((name) => name.toLowerCase());
	const matched = filters.contacts.find((contact) => lower.includes(contact.toLowerCase()));
	if (filtered && matched === undefined) return undefined;
	const { object } = body.payload;
	const contact = matched ?? text(object.contact_email) ?? text(object.contact_id) ?? text(object.contact_member_id);
	return contact === undefined ? {} : { contact };
}

/**
 * The JSON text of a parsed value with every object's keys in code-point order and no spacing:
 * one text per value, however it was serialised.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
	}
	// JSON.parse only yields strings, finite numbers, booleans and null here.
	return JSON.stringify(value) ?? 'null';
}

/**
 * The key under which an event is recognised when Zoom delivers it again. Zoom publishes no event
 * id, and a few fields (name, `event_ts`, message id) do not tell events apart: two people reacting
 * to one message in the same millisecond share all three. So the key is the whole event, in a
 * canonical form: anything that tells two payloads apart (who, which emoji, which file) gives
 * another key, while a redelivery, the same bytes or the same event serialised again with other
 * spacing or key order, gives the same one.
 */
export function eventKey(body: EventBody, rawBody: Buffer | string): string {
	try {
		return canonicalJson(body);
	} catch {
		// Nesting too deep for the stack (a signed body, but not Zoom's): its exact bytes stand in.
		return `raw|${rawBody.toString()}`;
	}
}

/** A message event as the Zoom IM Messages node's simplified message (same field names). */
function messageFields(body: EventBody, event: ZoomChatEvent): Json {
	const { object } = body.payload;
	const message: ZoomMessage = {
		id: text(object.message_id) ?? text(object.id),
		message: object.message,
		sender: body.payload.operator,
		send_member_id: body.payload.operator_member_id,
		sender_display_name: object.sender_display_name,
		date_time: object.date_time,
		timestamp: object.timestamp,
		status: event.status,
		reply_main_message_id: object.reply_main_message_id ?? object.parent_msg_id,
		files: object.files,
	};
	const simplified = simplifyTeamChatMessage(message);
	if (simplified.sender_display_name === undefined) delete simplified.sender_display_name;
	if (simplified.sender_member_id === undefined) delete simplified.sender_member_id;
	return simplified;
}

function reactionFields(body: EventBody): Json {
	const { object } = body.payload;
	return {
		id: object.msg_id,
		emoji: object.emoji,
		operator: body.payload.operator,
		operator_member_id: body.payload.operator_member_id,
		message_date_time: object.msg_time,
		timestamp: object.timestamp,
	};
}

function fileFields(body: EventBody): Json {
	const { object } = body.payload;
	const files = (Array.isArray(object.files) ? (object.files as unknown[]) : []).filter(isObject);
	return {
		file_ids: files.map((file) => file.file_id),
		file_names: files.map((file) => file.file_name),
		operator: body.payload.operator,
		operator_member_id: body.payload.operator_member_id,
	};
}

/**
 * The item for an event. Simplify on: the fields of the Zoom IM Messages node's simplified output
 * (for message events; reactions and files have their own few fields) plus `channel_id` or
 * `contact`, `event` and `event_ts`. Simplify off: Zoom's body as it came.
 */
export function eventItemJson(body: EventBody, event: ZoomChatEvent, conversation: Json, simplify: boolean): Json {
	if (!simplify) return body as unknown as Json;
	const fields = event.kind === 'message' ? messageFields(body, event) : event.kind === 'reaction' ? reactionFields(body) : fileFields(body);
	return { ...fields, ...conversation, event: body.event, event_ts: body.event_ts };
}
