#!/usr/bin/env node
// The write side of /work/shared/tools/zoom-spec-check.mjs (which checks reads only): holds a Zoom simulator's
// Team Chat WRITE answers against Zoom's own OpenAPI schema (made with extract-zoom-openapi.py from Zoom's Team
// Chat reference). For each write it reports the status against the documented success status, the fields the
// answer has that Zoom's schema lacks, and, as a guard against invented request fields, the fields of the request
// it sent that Zoom's request schema lacks. Usage: node zoom-spec-check-writes.mjs OPENAPI.json SIM_API_BASE TOKEN CHANNEL_ID
import fs from 'node:fs';

const [specPath, base, token, channel] = process.argv.slice(2);
if (!channel) {
	console.error('usage: zoom-spec-check-writes.mjs OPENAPI.json SIM_API_BASE TOKEN CHANNEL_ID');
	process.exit(2);
}
const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
const op = (p, method) => spec.paths[p][method];
const successOf = (o) => Object.keys(o.responses).find((c) => c.startsWith('2'));
const responseSchema = (o, code) => o.responses[code]?.content?.['application/json']?.schema;
const requestProps = (o) => {
	const content = o.requestBody?.content ?? {};
	const schema = (content['application/json'] ?? content['multipart/form-data'])?.schema;
	return new Set([...Object.keys(schema?.properties ?? {}), ...(o.parameters ?? []).map((p) => p.name)]);
};
function compare(obj, schema, at, out) {
	if (!schema || typeof obj !== 'object' || obj === null) return;
	if (Array.isArray(obj)) {
		for (const x of obj) compare(x, schema.items, `${at}[]`, out);
		return;
	}
	const props = schema.properties ?? {};
	for (const k of Object.keys(obj)) if (!(k in props) && Object.keys(props).length) out.extra.add(`${at}.${k}`);
	for (const k of schema.required ?? []) if (!(k in obj)) out.missing.add(`${at}.${k}`);
	for (const [k, v] of Object.entries(obj)) if (props[k]) compare(v, props[k], `${at}.${k}`, out);
}

const auth = { authorization: `Bearer ${token}` };
const report = {};
async function check(name, specKey, method, url, init, sentFields) {
	const o = op(specKey, method);
	const res = await fetch(base + url, { method: method.toUpperCase(), ...init, headers: { ...auth, ...(init.headers ?? {}) } });
	const text = await res.text();
	const body = text ? JSON.parse(text) : undefined;
	const expected = successOf(o);
	const out = { extra: new Set(), missing: new Set() };
	if (body !== undefined) compare(body, responseSchema(o, expected), '', out);
	const allowed = requestProps(o);
	report[name] = {
		status: res.status,
		documented_status: Number(expected),
		empty_body: text === '',
		extra: [...out.extra].sort(),
		missing: [...out.missing].sort(),
		request_fields_not_in_spec: sentFields.filter((f) => !allowed.has(f)),
	};
	return body;
}

const jsonInit = (b) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
const multipart = (boundary, fields, file) => {
	let s = '';
	for (const [k, v] of Object.entries(fields)) s += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
	s += `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: text/plain\r\n\r\n${file.data}\r\n--${boundary}--\r\n`;
	return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: s };
};

const upload = await check('upload a file', '/chat/users/{userId}/files', 'post', '/chat/users/me/files?postToPersonalChat=false', multipart('b1', {}, { name: 'file', filename: 'spec.txt', data: 'spec check' }), ['userId', 'postToPersonalChat', 'file']);
const sendBody = {
	message: '@all spec check',
	to_channel: channel,
	at_items: [{ at_type: 2, start_position: 0, end_position: 3 }],
	rich_text: [{ start_position: 5, end_position: 9, format_type: 'Bold' }],
	file_ids: [upload.id],
};
const sent = await check('send a message', '/chat/users/{userId}/messages', 'post', '/chat/users/me/messages', jsonInit(sendBody), Object.keys(sendBody));
const reactBody = { action: 'add', emoji: 'U+1F600', to_channel: channel };
await check('react', '/chat/users/{userId}/messages/{messageId}/emoji_reactions', 'patch', `/chat/users/me/messages/${sent.id}/emoji_reactions`, jsonInit(reactBody), Object.keys(reactBody));
await check('get a message', '/chat/users/{userId}/messages/{messageId}', 'get', `/chat/users/me/messages/${sent.id}?to_channel=${encodeURIComponent(channel)}`, {}, ['to_channel']);
const updateBody = { message: 'spec check (edited)', to_channel: channel };
await check('update a message', '/chat/users/{userId}/messages/{messageId}', 'put', `/chat/users/me/messages/${sent.id}`, jsonInit(updateBody), Object.keys(updateBody));
await check('send a file', '/chat/users/{userId}/messages/files', 'post', '/chat/users/me/messages/files', multipart('b2', { to_channel: channel, reply_main_message_id: sent.id }, { name: 'files', filename: 'reply.txt', data: 'a reply' }), ['to_channel', 'reply_main_message_id', 'files']);
await check('delete a message', '/chat/users/{userId}/messages/{messageId}', 'delete', `/chat/users/me/messages/${sent.id}?to_channel=${encodeURIComponent(channel)}`, {}, ['to_channel']);
console.log(JSON.stringify(report, null, 1));
