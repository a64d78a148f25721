import { chatEvent, URL_VALIDATION_EVENT } from './catalogue';
import { asEventBody, conversationOf, eventItemJson, eventKey, type EventFilters } from './eventItem';
import { isFreshTimestamp } from './replayWindow';
import { signaturesMatch, urlValidationAnswer, zoomSignature } from './signature';

/** Zoom's chat events are a few kB; anything far larger is not from Zoom and is not read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The longest plain token answered (Zoom's are about 22 characters; Zoom documents no limit). */
const MAX_PLAIN_TOKEN_LENGTH = 1024;

export interface DeliveryRequest {
	/** Lower-case header names, as Node.js gives them. */
	headers: Record<string, string | string[] | undefined>;
	/** The body exactly as received; undefined when n8n did not keep it. */
	rawBody: Buffer | undefined;
}

export interface DeliverySettings {
	secretToken: string;
	events: readonly string[];
	filters: EventFilters;
	simplify: boolean;
	nowMs: number;
}

/** The one answer to every refused request: it does not say which check failed. */
export const REFUSED_BODY = { message: 'invalid signature' } as const;

export type DeliveryOutcome =
	| { kind: 'refused'; status: 401; body: typeof REFUSED_BODY }
	| { kind: 'validation'; status: 200; body: { plainToken: string; encryptedToken: string } }
	/** Authentic, but not an event this trigger starts on (not ticked, filtered out, unusable). */
	| { kind: 'ignored'; status: 200; body: { received: true }; why: string }
	| { kind: 'event'; status: 200; body: { received: true }; key: string; json: Record<string, unknown> };

const refused = (): DeliveryOutcome => ({ kind: 'refused', status: 401, body: REFUSED_BODY });
const ignored = (why: string): DeliveryOutcome => ({ kind: 'ignored', status: 200, body: { received: true }, why });

const header = (request: DeliveryRequest, name: string): string | undefined => {
	const value = request.headers[name];
	return typeof value === 'string' ? value : undefined;
};

/**
 * Decides what to do with one request to the trigger's URL, before anything starts:
 * 1. refuse (401) unless the body is at most MAX_BODY_BYTES, the timestamp is within the replay
 *    window and `x-zm-signature` is the HMAC of timestamp and raw body under the secret token;
 * 2. answer Zoom's URL validation (also signed by Zoom; answering unsigned ones would let anyone
 *    obtain the HMAC of a string of their choosing, i.e. forge signatures);
 * 3. ignore (200) an authentic body that is not JSON, not an event ticked in `events`, or outside
 *    the filters;
 * 4. otherwise an event, with its de-duplication key and its item.
 */
export function decideDelivery(request: DeliveryRequest, settings: DeliverySettings): DeliveryOutcome {
	const { rawBody } = request;
	if (!settings.secretToken || !rawBody || rawBody.length > MAX_BODY_BYTES) return refused();
	const timestamp = header(request, 'x-zm-request-timestamp');
	const signature = header(request, 'x-zm-signature');
	if (!timestamp || !signature || !isFreshTimestamp(timestamp, settings.nowMs)) return refused();
	if (!signaturesMatch(signature, zoomSignature(settings.secretToken, timestamp, rawBody))) return refused();

	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return ignored('the body is not JSON');
	}
	const envelope = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
	if (envelope.event === URL_VALIDATION_EVENT) {
		const payload = envelope.payload as Record<string, unknown> | undefined;
		const plainToken = payload?.plainToken;
		if (typeof plainToken !== 'string' || plainToken === '' || plainToken.length > MAX_PLAIN_TOKEN_LENGTH) {
			return ignored('a URL validation without a plain token');
		}
		return { kind: 'validation', status: 200, body: urlValidationAnswer(settings.secretToken, plainToken) };
	}
	const body = asEventBody(parsed);
	if (!body) return ignored('not a Zoom event body');
	const event = chatEvent(body.event);
	if (!event || !settings.events.includes(event.value)) return ignored(`event ${String(body.event)} is not selected`);
	const conversation = conversationOf(body, settings.filters);
	if (!conversation) return ignored('outside the channel and contact filters');
	return {
		kind: 'event',
		status: 200,
		body: { received: true },
		key: eventKey(body, rawBody),
		json: eventItemJson(body, event, conversation, settings.simplify),
	};
}
