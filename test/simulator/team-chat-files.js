'use strict';
/**
 * Team Chat file writes (Zoom serves them at https://file.zoom.us/v2; the simulator at its API
 * origin, `/v2` and `/eu/v2`): upload a file (POST /chat/users/{userId}/files, part `file`) to
 * send it later with `file_ids`, and send a file as a message (POST
 * /chat/users/{userId}/messages/files, part `files`). Uploaded bytes are kept, so a sent file's
 * download_url serves exactly them (round trip). Methods of ZoomSimulator.
 */
const { ApiError } = require('./common');
const { parseMultipart, MultipartError } = require('./multipart');
const { validationFailed, conversationOf } = require('./team-chat-writes');

/** Zoom: an upload "up to 1 GB"; a file sent as a message: images 16 MB, other files 20 MB (decimal MB: the stricter reading). */
const UPLOAD_LIMIT = 1000 * 1000 * 1000;
const IMAGE_LIMIT = 16 * 1000 * 1000;
const FILE_LIMIT = 20 * 1000 * 1000;
/** Zoom sends these as images ("All files are sent as common files except png, jpg, jpeg and gif"). */
const IMAGE_EXT = /\.(png|jpe?g|gif)$/i;

/** The simulator keeps at most this much of a file request in memory (option maxUploadBytes). */
const DEFAULT_MAX_UPLOAD_BYTES = 24 * 1024 * 1024;

function sizeText(bytes) {
	if (bytes % (1000 * 1000 * 1000) === 0) return `${bytes / (1000 * 1000 * 1000)} GB`;
	if (bytes % (1000 * 1000) === 0) return `${bytes / (1000 * 1000)} MB`;
	return `${bytes} bytes`;
}

/** Zoom's documented answer for a file that is too big (the wording of ${maxSize} is not documented). */
const tooBig = (bytes) => new ApiError(400, { code: 300, message: `Maximum file size exceeded: ${sizeText(bytes)}` });

class TeamChatFileMethods {
	_maxUploadBytes() {
		return this.options.maxUploadBytes !== undefined ? this.options.maxUploadBytes : DEFAULT_MAX_UPLOAD_BYTES;
	}

	/** The parsed multipart body of a file request; a body the simulator did not keep (over maxUploadBytes): 400 "Maximum file size exceeded". */
	_multipartOf(rec, raw) {
		if (rec.bodyTooLarge) throw tooBig(this._maxUploadBytes());
		try {
			const parsed = parseMultipart(raw || Buffer.alloc(0), rec.headers['content-type']);
			rec.multipart = { fields: { ...parsed.fields }, files: parsed.files.map((f) => ({ name: f.name, filename: f.filename, contentType: f.contentType, size: f.data.length })) };
			return parsed;
		} catch (err) {
			// Zoom documents no answer for a broken multipart body: a 400 code 300 that says why.
			if (err instanceof MultipartError) throw new ApiError(400, { code: 300, message: `Invalid multipart/form-data body: ${err.message}.` });
			throw err;
		}
	}

	/** Keeps a file's bytes under a new file id. */
	_storeUpload(user, file, extra = {}) {
		const fileId = this._writeIdRng.alnum(22);
		const up = { file_id: fileId, file_name: file.filename, file_size: file.data.length, bytes: Buffer.from(file.data), contentType: file.contentType, owner: user.id, ...extra };
		this._uploads.set(fileId, up);
		return up;
	}

	/** POST /chat/users/{userId}/files (part `file`, postToPersonalChat default true) → 201 {id}. */
	_handleUploadFile(userId, rec, raw) {
		const user = this._resolveUser(userId);
		this._checkWriteScope(rec, user, 'uploadFile');
		const { fields, files } = this._multipartOf(rec, raw);
		const parts = files.filter((f) => f.name === 'file');
		if (parts.length !== 1 || files.length !== 1) throw validationFailed(['file']);
		const flag = rec.query.postToPersonalChat !== undefined ? rec.query.postToPersonalChat : fields.postToPersonalChat;
		if (flag !== undefined && !/^(true|false)$/i.test(flag)) throw validationFailed(['postToPersonalChat']);
		if (parts[0].data.length > UPLOAD_LIMIT) throw tooBig(UPLOAD_LIMIT);
		const up = this._storeUpload(user, parts[0], { postedToPersonalChat: flag === undefined || flag.toLowerCase() === 'true' });
		return { status: 201, body: { id: up.file_id } };
	}

	/** POST /chat/users/{userId}/messages/files (one part `files`, to_channel | to_contact, reply_main_message_id) → 201 {id} of the message. */
	_handleSendFile(userId, rec, raw) {
		const user = this._resolveUser(userId);
		this._checkWriteScope(rec, user, 'sendFile');
		const { fields, files } = this._multipartOf(rec, raw);
		const parts = files.filter((f) => f.name === 'files');
		if (parts.length !== 1 || files.length !== 1) throw validationFailed(['files']);
		const file = parts[0];
		const limit = IMAGE_EXT.test(file.filename) ? IMAGE_LIMIT : FILE_LIMIT;
		if (file.data.length > limit) throw tooBig(limit);
		const { toChannel, toContact } = conversationOf(fields, 'Must provide either contact or channel parameter.');
		const dest = this._writeTarget(toChannel, toContact, { sending: true });
		const main = this._replyMain(dest.target, fields.reply_main_message_id || undefined);
		this._channelGate(dest.key, rec);
		const up = this._storeUpload(user, file, { postedToPersonalChat: false });
		const m = this._createTeamMessage(dest, user, { message: '', files: [{ file_id: up.file_id, file_name: up.file_name, file_size: up.file_size }], main }, this._nowMs());
		this._insertTeamMessage(dest.target, m);
		return { status: 201, body: { id: m.id } };
	}

	/** Oracle: the files uploaded or sent through the API, `{file_id, file_name, file_size, contentType, owner, postedToPersonalChat}` (bytes: fileContent). */
	uploadedFiles() {
		return [...this._uploads.values()].map(({ bytes, ...rest }) => ({ ...rest }));
	}
}

module.exports = { TeamChatFileMethods, DEFAULT_MAX_UPLOAD_BYTES, IMAGE_LIMIT, FILE_LIMIT, UPLOAD_LIMIT };
