'use strict';
/**
 * The Team Chat endpoints: users (GET /users/{userId}), channels, messages and file downloads,
 * with the scope checks for another user's chat. Methods of ZoomSimulator.
 */
const { isoSec } = require('./dataset');
const { createHash } = require('node:crypto');
const { ApiError, HUGE_PAGE_COUNT, invalidParam } = require('./common');
const { booleanParam, parsePageSize, inSecondRange, teamChatConversation, teamChatRange } = require('./params');

/**
 * Team Chat serves "only past chat messages in recent 6 months". Zoom does not say how it counts
 * them; the simulator takes the strictest usual reading, 180 days before its `now`, to the second.
 */

class TeamChatMethods {
	_resolveUser(userId) {
		const u = this._data.user;
		const id = String(userId);
		if (id === 'me' || id === u.id || id.toLowerCase() === u.email.toLowerCase()) return u;
		// The other people of the dataset are users of the same account.
		const other = this._people.find((p) => p.id === id || p.email.toLowerCase() === id.toLowerCase());
		if (other) return other;
		throw new ApiError(404, { code: 1001, message: `User does not exist: ${id}.` });
	}

	/**
	 * A token reads its own user's chat (`me`, the owner) with the plain scope. Another user's chat
	 * needs the `:admin` variant (classic or granular); without it Zoom refuses with `denied`.
	 */
	_checkUserScope(rec, user, adminScopes, denied) {
		if (user === this._data.user) return;
		const scopes = this._scopesOf(rec.headers);
		if (adminScopes.some((s) => scopes.includes(s))) return;
		throw new ApiError(denied.status, denied.body);
	}

	_userObject(u) {
		return {
			id: u.id,
			first_name: u.first_name,
			last_name: u.last_name,
			display_name: u.display_name,
			email: u.email,
			type: 1,
			account_id: this.client.accountId,
			member_id: u.member_id,
			timezone: 'UTC',
			status: 'active',
		};
	}

	_channelObject(c) {
		return { id: c.id, jid: c.jid, name: c.name, type: c.type, channel_settings: { ...c.channel_settings } };
	}

	_handleChannels(userId, rec, fault) {
		const user = this._resolveUser(userId);
		// Zoom documents no refusal for this endpoint; this one is its wording for POST /chat/channels/search.
		this._checkUserScope(rec, user, ['chat_channel:read:admin', 'team_chat:read:list_user_channels:admin'], {
			status: 403,
			body: { code: 200, message: "No permission to access user's channels." },
		});
		const pageSize = parsePageSize(rec.query.page_size, 10);
		const list = this._data.channels;
		const binding = `channels|${user.id}|${pageSize}`;
		const { items, next } = this._page(list, (c) => c.id, binding, pageSize, rec, fault);
		/** @type {any} */
		const body = { total_records: list.length, page_size: pageSize, next_page_token: next, channels: items.map((c) => this._channelObject(c)) };
		if (fault && fault.type === 'missingMessages') delete body.channels;
		return body;
	}

	_findContact(value) {
		const v = String(value).toLowerCase();
		return this._data.contacts.find((c) => c.person.email.toLowerCase() === v || c.person.id.toLowerCase() === v || c.person.member_id.toLowerCase() === v);
	}

	/** The stored messages of a Team Chat target (throws ApiError 404 if unknown). */
	_teamTarget(toChannel, toContact) {
		if (toChannel !== undefined) {
			const c = this._channelsById.get(toChannel);
			if (!c) throw new ApiError(404, { code: 4130, message: `Channel does not exist: ${toChannel}.` });
			return c;
		}
		const c = this._findContact(toContact);
		if (!c) throw new ApiError(404, { code: 1001, message: `User does not exist: ${toContact}.` });
		return c;
	}

	_teamOrdered(target, fromMs, toMs_, include, excludeChildren = false) {
		const out = [];
		for (const m of target.messages) {
			if (!include && m.status !== 'Normal') continue;
			if (excludeChildren && m.reply_main_message_id !== undefined) continue;
			if (!inSecondRange(m.timestamp, fromMs, toMs_)) continue;
			out.push(m);
		}
		return this.options.teamChatOrder === 'asc' ? out : out.reverse();
	}

	_handleTeamMessages(userId, rec, fault) {
		const user = this._resolveUser(userId);
		this._checkUserScope(rec, user, ['chat_message:read:admin', 'team_chat:read:list_user_messages:admin'], {
			status: 400,
			body: { code: 200, message: "Unauthorized request. You do not have permission to access this user's chat messages." },
		});
		const q = rec.query;
		const { toChannel, toContact } = teamChatConversation(q, { required: true });
		const { fromMs, toMs: toMs_ } = teamChatRange(q, this._nowMs());
		const pageSize = parsePageSize(q.page_size, 10);
		const include = booleanParam(q, 'include_deleted_and_edited_message');
		const excludeChildren = booleanParam(q, 'exclude_child_message');
		const formats = q.download_file_formats;
		if (formats !== undefined && formats !== 'audio/mp4') throw invalidParam('download_file_formats');
		const target = this._teamTarget(toChannel, toContact);
		const list = this._teamOrdered(target, fromMs, toMs_, include, excludeChildren);
		const binding = `teamMessages|${user.id}|${toChannel !== undefined ? 'ch:' + toChannel : 'ct:' + toContact}|${q.from || ''}|${q.to || ''}|${pageSize}|${include}|${excludeChildren}|${formats || ''}`;
		const { items, next } = this._page(list, (m) => m.seq, binding, pageSize, rec, fault);
		const messages = items.map((m) => this._serveTeam(m, { withStatus: include, voiceAsMp4: formats === 'audio/mp4' }));
		if (fault && fault.type === 'hugePage' && fault.pad !== false) {
			const count = fault.count || HUGE_PAGE_COUNT;
			const ts = fromMs !== undefined ? fromMs : toMs_;
			for (let i = messages.length; i < count; i++) {
				messages.push({
					id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
					message: `hugePage filler ${i + 1}`,
					sender: 'flood@example.com',
					send_member_id: 'mbrFlood',
					sender_display_name: 'Flood',
					date_time: isoSec(Math.floor(ts / 1000)),
					timestamp: ts,
					...(include ? { status: 'Normal' } : {}),
				});
			}
		}
		/** @type {any} */
		const body = {
			from: q.from !== undefined ? q.from : '',
			to: q.to !== undefined ? q.to : isoSec(Math.floor(toMs_ / 1000)),
			page_size: pageSize,
			next_page_token: next,
			messages,
		};
		// `messages` is optional in Zoom's schema: an empty page may come without it.
		if (messages.length === 0 || (fault && fault.type === 'missingMessages')) delete body.messages;
		return body;
	}

	/** A reaction's sender as Zoom lists it: `{user_id, member_id}` (user_id only for people of the account). */
	_reactionSender(sender) {
		if (sender && typeof sender === 'object') return { ...sender };
		const person = this._people.find((p) => p.email.toLowerCase() === String(sender).toLowerCase());
		return person ? { user_id: person.id, member_id: person.member_id } : { member_id: String(sender) };
	}

	/**
	 * One message as the list endpoint serves it. `status` only with
	 * include_deleted_and_edited_message=true (Zoom: "only then is status returned"); with
	 * download_file_formats=audio/mp4 a voice message's download_url asks for the mp4 conversion.
	 */
	_serveTeam(m, { withStatus = false, voiceAsMp4 = false } = {}) {
		/** @type {any} */
		const o = {
			id: m.id,
			message: m.message,
			sender: m.sender,
			send_member_id: m.sender_member_id,
			sender_display_name: m.sender_display_name,
			date_time: m.date_time,
			timestamp: m.timestamp,
		};
		if (withStatus) o.status = m.status;
		if (m.message_type !== undefined) o.message_type = m.message_type;
		if (m.files && m.files.length) {
			o.files = m.files.map((f) => ({
				file_id: f.file_id,
				file_name: f.file_name,
				file_size: f.file_size,
				download_url: this._downloadUrl(f, voiceAsMp4 && isVoiceFile(f)),
			}));
			// Zoom repeats the first file at the top level of the message.
			Object.assign(o, o.files[0]);
		}
		if (m.reactions) o.reactions = m.reactions.map((r) => ({ emoji: r.emoji, total_count: r.total_count, senders: r.senders.map((x) => this._reactionSender(x)) }));
		if (m.at_items) o.at_items = m.at_items.map((a) => ({ ...a }));
		if (m.bot_message !== undefined) o.bot_message = JSON.parse(JSON.stringify(m.bot_message));
		if (m.reply_main_message_id !== undefined) {
			o.reply_main_message_id = m.reply_main_message_id;
			o.reply_main_message_timestamp = m.reply_main_message_timestamp;
		}
		// Only messages sent through the API have these (the seeded data has none).
		if (m.rich_text) o.rich_text = m.rich_text.map((r) => ({ ...r }));
		if (m.interactive_cards) o.interactive_cards = m.interactive_cards.map((c) => ({ ...c }));
		return o;
	}

	/**
	 * A file's download_url. `fileLinks: 'bearer'` (the default): `{origin}/file/{fileId}`, behind the
	 * Bearer token, redirecting to the file host. `'signed'`: Zoom's documented shape,
	 * `{origin}/file/download/{fileId}?filename=…&jwt=…`, signed and expiring (`signedLinkTtlMs`,
	 * default 1 hour, by the `now` clock), no token needed. `{origin}` is the simulator's own, or
	 * `fileLinkOrigin` when set (links that point elsewhere).
	 */
	_downloadUrl(f, mp4 = false) {
		const origin = this.options.fileLinkOrigin || this.url || 'http://127.0.0.1:0';
		if (this.options.fileLinks !== 'signed') return `${origin}/file/${f.file_id}${mp4 ? '?format=mp4' : ''}`;
		const ttl = this.options.signedLinkTtlMs !== undefined ? this.options.signedLinkTtlMs : 60 * 60 * 1000;
		return `${origin}/file/download/${encodeURIComponent(f.file_id)}?filename=${encodeURIComponent(f.file_name)}&jwt=${this._linkJwt(f.file_id, this._nowMs() + ttl)}${mp4 ? '&format=mp4' : ''}`;
	}

	/** A JWT-shaped signed token for a download link: `{fid, exp}` (exp in ms), HMAC'd with the seed. */
	_linkJwt(fileId, expMs) {
		const b64 = (x) => Buffer.from(JSON.stringify(x)).toString('base64url');
		const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ fid: fileId, exp: expMs })}`;
		return `${unsigned}.${createHash('sha256').update(`${this.options.seed}|${unsigned}`).digest('base64url')}`;
	}

	/**
	 * GET /file/download/{fileId}?filename=…&jwt=… (Zoom's documented download link): the bytes when the
	 * jwt is this file's, unexpired and correctly signed, with or without a Bearer token; otherwise 403
	 * (Zoom documents no answer for a bad or expired link).
	 */
	_handleSignedFile(fileId, rec) {
		const f = this._findFile(fileId);
		const jwt = typeof rec.query.jwt === 'string' ? rec.query.jwt : '';
		const [head, payload, signature] = jwt.split('.');
		let claims;
		try {
			claims = JSON.parse(Buffer.from(payload || '', 'base64url').toString('utf8'));
		} catch {
			claims = undefined;
		}
		const signed = signature !== undefined && createHash('sha256').update(`${this.options.seed}|${head}.${payload}`).digest('base64url') === signature;
		if (!f || !signed || !claims || claims.fid !== fileId) return { status: 403, body: { code: 403, message: 'Invalid download link.' } };
		if (!(claims.exp > this._nowMs())) return { status: 403, body: { code: 403, message: 'The download link has expired.' } };
		return this._fileAnswer(f, rec.query.format === 'mp4' && isVoiceFile(f));
	}

	/** The stored file with this id, from any conversation, or undefined. */
	_findFile(fileId) {
		for (const c of [...this._data.channels, ...this._data.contacts]) {
			for (const m of c.messages) {
				if (!m.files) continue;
				const f = m.files.find((x) => x.file_id === fileId);
				if (f) return f;
			}
		}
		return undefined;
	}

	/**
	 * GET /file/{fileId} (a download_url, behind the Bearer token). Zoom "may redirect": unless
	 * `fileRedirect` is off, the answer is a 302 to the file host (a second server, so another
	 * origin) with a signed, short-lived URL that needs no token.
	 */
	_handleFile(fileId, rec) {
		const f = this._findFile(fileId);
		if (!f) return { status: 404, body: { code: 404, message: `File does not exist: ${fileId}.` } };
		const mp4 = rec.query.format === 'mp4' && isVoiceFile(f);
		if (this.options.fileRedirect === false) return this._fileAnswer(f, mp4);
		const location = `${this.fileHostUrl}/cdn/${encodeURIComponent(fileId)}?sig=${this._fileSignature(fileId)}${mp4 ? '&format=mp4' : ''}`;
		return { status: 302, body: '', headers: { location } };
	}

	/** GET /cdn/{fileId}?sig=… on the file host: the bytes, no token needed (nor expected). */
	_handleFileContent(fileId, rec) {
		const f = this._findFile(fileId);
		if (!f || rec.query.sig !== this._fileSignature(fileId)) return { status: 403, body: '<Error><Code>AccessDenied</Code></Error>', headers: { 'content-type': 'application/xml' } };
		return this._fileAnswer(f, rec.query.format === 'mp4' && isVoiceFile(f));
	}

	_fileSignature(fileId) {
		return createHash('sha256').update(`${this.options.seed}|${fileId}`).digest('hex').slice(0, 32);
	}

	_fileAnswer(f, mp4) {
		const body = this.fileContent(f.file_id);
		return {
			status: 200,
			body,
			headers: {
				'content-type': mp4 ? 'audio/mp4' : contentTypeOf(f.file_name),
				'content-length': String(body.length),
				'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`,
			},
		};
	}
}

/** Voice messages of the dataset: the files Zoom converts with download_file_formats=audio/mp4. */
function isVoiceFile(f) {
	return /\.amr$/i.test(f.file_name);
}

const CONTENT_TYPES = { pdf: 'application/pdf', png: 'image/png', csv: 'text/csv', txt: 'text/plain', svg: 'image/svg+xml', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', amr: 'audio/amr' };

/** What the file host sends as Content-Type: the type of the extension, or application/octet-stream. */
function contentTypeOf(fileName) {
	const ext = /\.([a-z0-9]+)$/i.exec(fileName);
	return (ext && CONTENT_TYPES[ext[1].toLowerCase()]) || 'application/octet-stream';
}

module.exports = { TeamChatMethods, contentTypeOf };
