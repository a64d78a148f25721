'use strict';
/**
 * Sends webhook requests the way Zoom does (Zoom's webhook docs): a JSON body, `x-zm-request-timestamp`
 * (epoch seconds) and `x-zm-signature: v0=` + hex(HMAC-SHA256(secret token, `v0:{timestamp}:{body}`)).
 * Signed here with node:crypto, apart from the package's own code, so that tests check one against
 * the other. Everything it builds is a plain object; nothing is sent anywhere but the given URL.
 */
const crypto = require('node:crypto');

/** `v0=` + hex HMAC-SHA256 over `v0:{timestamp}:{body}`. */
function zoomSignatureOf(secretToken, timestamp, body) {
	return `v0=${crypto.createHmac('sha256', secretToken).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** hex HMAC-SHA256 of the plain token: the `encryptedToken` Zoom expects from a URL validation. */
function encryptedTokenOf(secretToken, plainToken) {
	return crypto.createHmac('sha256', secretToken).update(plainToken).digest('hex');
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/**
 * POSTs `body` (an object is serialised with JSON.stringify; a string is sent as it is) to `url`.
 * Options: `secretToken` (sign with it), `timestamp` (seconds as a string; default now),
 * `signature` (send this instead of the right one), `alterAfterSigning(body) → body` (change the
 * body after it was signed), `contentType` (default application/json).
 * Resolves with `{ status, text, json, ms }` (`json` undefined when the answer is not JSON).
 */
async function sendZoomWebhook(url, body, options = {}) {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	const timestamp = options.timestamp ?? nowSeconds();
	const signature = options.signature ?? (options.secretToken ? zoomSignatureOf(options.secretToken, timestamp, raw) : undefined);
	const sent = options.alterAfterSigning ? options.alterAfterSigning(raw) : raw;
	const headers = { 'content-type': options.contentType ?? 'application/json', 'x-zm-request-timestamp': timestamp, 'user-agent': 'Zoom Marketplace/1.0a' };
	if (signature !== undefined) headers['x-zm-signature'] = signature;
	const started = Date.now();
	const response = await fetch(url, { method: 'POST', headers, body: sent });
	const text = await response.text();
	const ms = Date.now() - started;
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json, ms };
}

/** Zoom's `endpoint.url_validation` body. */
function urlValidationBody(plainToken) {
	return { payload: { plainToken }, event_ts: Date.now(), event: 'endpoint.url_validation' };
}

let counter = 0;
/** A fresh upper-case message id shaped like Zoom's (a GUID). */
function messageId() {
	counter += 1;
	const hex = crypto.randomBytes(16).toString('hex').toUpperCase();
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 28)}${String(counter % 10000).padStart(4, '0')}`;
}

/**
 * A `team_chat.channel_message_posted` (or `…_updated` / `…_deleted` with `event`) body shaped like
 * the example in Zoom's Team Chat webhooks reference.
 */
function channelMessageEvent({ event = 'team_chat.channel_message_posted', id = messageId(), message = 'Hello from Zoom', channelId = 'ch-general', channelName = 'General', operator = 'alice@example.com', memberId = 'mbrA1ice0000000', eventTs = Date.now(), dateTime } = {}) {
	const timestamp = eventTs - 120;
	return {
		event,
		event_ts: eventTs,
		payload: {
			account_id: 'sim-account-id',
			operator,
			operator_id: 'sim-user-alice',
			operator_member_id: memberId,
			by_external_user: false,
			object: {
				message_id: id,
				date_time: dateTime ?? new Date(timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'),
				timestamp,
				channel_id: channelId,
				channel_name: channelName,
				channel_owner_account_id: 'sim-account-id',
				session_id: channelId,
				message,
			},
		},
	};
}

/** A `team_chat.dm_message_posted` body shaped like Zoom's example. */
function directMessageEvent({ event = 'team_chat.dm_message_posted', id = messageId(), message = 'Hi', operator = 'alice@example.com', contactEmail = 'bob@example.com', eventTs = Date.now() } = {}) {
	const timestamp = eventTs - 80;
	return {
		event,
		event_ts: eventTs,
		payload: {
			account_id: 'sim-account-id',
			operator,
			operator_id: 'sim-user-alice',
			operator_member_id: 'mbrA1ice0000000',
			by_external_user: false,
			object: {
				message_id: id,
				session_id: 'dm-session',
				date_time: new Date(timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'),
				timestamp,
				contact_email: contactEmail,
				contact_id: 'sim-user-bob',
				contact_member_id: 'mbrB0b9e8f7a6b5c',
				message,
			},
		},
	};
}

module.exports = {
	zoomSignatureOf,
	encryptedTokenOf,
	sendZoomWebhook,
	urlValidationBody,
	messageId,
	channelMessageEvent,
	directMessageEvent,
};
