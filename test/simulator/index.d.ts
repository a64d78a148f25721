/** Type declarations for the Zoom simulator (test/simulator/index.js, plain CommonJS). */

export type ImOrder = 'asc' | 'desc';

export interface ZoomSimulatorOptions {
	/** PRNG seed for the generated data (default 42). */
	seed?: number;
	/** Delay added to every request, in ms (default 0). */
	latencyMs?: number;
	/** Clock used for token expiry, page-token expiry and "today" defaults (default () => new Date()). A Date, epoch ms or luxon DateTime. */
	now?: () => Date | number | { toMillis(): number };
	/** If set: at most N API requests (not token/authorize requests) per sliding second; beyond -> 429 QPS with Retry-After: 1. */
	rateLimitPerSecond?: number;
	/** The clock of the rateLimitPerSecond limiter, ms (default Date.now: real time, whatever `now` says). */
	rateLimitClock?: () => number;
	/** Page tokens expire this long after they were issued, by the `now` clock (default 15 min). */
	pageTokenTtlMs?: number;
	/** IM message order (default 'asc': oldest first; same-second messages in stable order). 'desc' is the exact reverse. */
	imOrder?: ImOrder;
	/** Team Chat message order (default 'desc': newest first). */
	teamChatOrder?: ImOrder;
	/** If true, every token answer (and issueTokens()) has api_url = `${url}/eu`. */
	apiUrlInTokenResponse?: boolean;
	/** If true, a list that ends exactly on a full page still gets a next_page_token leading to an empty last page (Zoom quirk). Default false. */
	trailingEmptyPage?: boolean;
	/** Only 'default'. */
	dataset?: 'default';
	/** Scopes of server-to-server tokens (space separated), instead of `imchat:read chat_message:read:admin chat_channel:read:admin`. */
	accountScope?: string;
	/** Report API: `edited_messages` / `deleted_messages` on every page of a session instead of its first page only. */
	reportChangesOnEveryPage?: boolean;
	/** Fixed port (default 0 = random free port). */
	port?: number;
	/** Listen address (default '127.0.0.1'). */
	host?: string;
	/** File downloads answer 302 to the file host (another origin, no token needed) unless false (default true). */
	fileRedirect?: boolean;
	/** 'bearer' (default): download_url `{origin}/file/{id}` behind the token; 'signed': Zoom's documented `{origin}/file/download/{id}?filename=…&jwt=…`, no token needed. */
	fileLinks?: 'bearer' | 'signed';
	/** How long a signed download link lives, by the `now` clock (default 1 hour). */
	signedLinkTtlMs?: number;
	/** The origin download_urls name (default: the simulator's own), for links that point elsewhere. */
	fileLinkOrigin?: string;
	/** Zoom's per-channel send limits (10/1 s, 30/10 s, 60/100 s, 450/1,000 s; blocks of 10/30/60/300 s), also per 1:1 conversation (default true). */
	channelSendLimits?: boolean;
	/** Multiplies every send-limit window and block (default 1; e.g. 0.02 for a benchmark on a clock scaled the same way). */
	channelLimitScale?: number;
	/** A send-limit 429 carries Retry-After with the block's remaining whole seconds (default false: Zoom documents none). */
	channelRetryAfter?: boolean;
	/** Monotonic ms clock of the send limits (default performance.now()), for tests. */
	channelClock?: () => number;
	/** At most this many bytes of a file request are kept; past it: 400 code 300 "Maximum file size exceeded: …" (default 24 MiB). */
	maxUploadBytes?: number;
}

export type RequestKind =
	| 'imSessions'
	| 'imMessages'
	| 'channels'
	| 'teamMessages'
	| 'teamSessions'
	| 'reportSessions'
	| 'reportMessages'
	/** GET /chat/users/{userId}/messages/{messageId}/thread */
	| 'thread'
	| 'token'
	| 'authorize'
	| 'user'
	/** GET /file/{fileId}: a download_url, behind the Bearer token. */
	| 'fileDownload'
	/** GET /cdn/{fileId}?sig=…: where a download redirects to (the file host). */
	| 'fileContent'
	/** POST /chat/users/{userId}/messages */
	| 'sendMessage'
	/** GET /chat/users/{userId}/messages/{messageId} */
	| 'getMessage'
	/** PUT /chat/users/{userId}/messages/{messageId} */
	| 'updateMessage'
	/** DELETE /chat/users/{userId}/messages/{messageId} */
	| 'deleteMessage'
	/** PATCH /chat/users/{userId}/messages/{messageId}/emoji_reactions */
	| 'reactMessage'
	/** POST /chat/users/{userId}/files (multipart, part `file`) */
	| 'uploadFile'
	/** POST /chat/users/{userId}/messages/files (multipart, part `files`) */
	| 'sendFile'
	| 'fileSignedDownload'
	| 'other';

export type FaultType =
	| 'http'
	| 'rateLimit'
	| 'serverError'
	| 'reset'
	| 'hang'
	| 'expireAccessToken'
	| 'expirePageToken'
	| 'nonJson'
	| 'missingMessages'
	| 'repeatToken'
	| 'hugePage'
	| 'echoAuth'
	| 'latency'
	| 'cutBody'
	| 'stallBody'
	| 'gzipBomb'
	| 'processedThenReset'
	| 'processedThenHang'
	| 'processedThenError';

export type RecordedRequest = {
	/** 0-based request number since the simulator was created (not reset by clearRequests). */
	index: number;
	method: string;
	/** req.url as received (path + query, still encoded). */
	url: string;
	/** Decoded pathname without query, e.g. '/v2/im/chat/sessions/équipe-é' or '/eu/v2/...'. */
	path: string;
	/** Pathname as received (percent-encoded). */
	rawPath: string;
	/** Query parameters (URLSearchParams semantics; last value wins for repeated keys). */
	query: Record<string, string>;
	/** Request headers, lower-case names, values as received (not redacted). */
	headers: Record<string, string | string[] | undefined>;
	region: 'global' | 'eu';
	kind: RequestKind;
	/** HTTP status answered; 0 when the connection was dropped (reset/hang); undefined while pending. */
	status: number | undefined;
	/** The fault type applied to this request ('rateLimit' also for real QPS limiting). */
	faulted: FaultType | undefined;
	/** true when answered 429 by the rateLimitPerSecond limiter. */
	qpsLimited?: boolean;
	/** Date.now() when the request arrived / was answered. */
	startedAt: number;
	endedAt: number | undefined;
	/** Request body as text (token requests), if any. Not for the multipart file endpoints: see bodyBytes / multipart. */
	body: string | undefined;
	/** File endpoints: the body's size in bytes, and its parts (without their bytes) once parsed. */
	bodyBytes?: number;
	bodyTooLarge?: boolean;
	multipart?: { fields: Record<string, string>; files: Array<{ name: string; filename: string; contentType: string; size: number }> };
	/** The status the request was handled with before a processedThen… fault lost its answer. */
	processedStatus?: number;
	/** true when refused by the per-channel send limits. */
	channelLimited?: boolean;
};

export interface FaultMatch {
	kind?: RequestKind | RequestKind[];
	/** Substring of the decoded or raw path. */
	pathIncludes?: string;
	method?: string;
	region?: 'global' | 'eu';
	when?: (req: RecordedRequest) => boolean;
}

export type Fault = {
	/** Scripted faults only. */
	match?: FaultMatch;
	/** How many matching requests it applies to (default 1; Infinity allowed). */
	times?: number;
	/** Skip this many matching requests first (default 0). */
	after?: number;
} & (
	| { type: 'http'; status?: number; body?: unknown; headers?: Record<string, string> }
	| {
			type: 'rateLimit';
			daily?: boolean;
			/**
			 * Retry-After header value, verbatim (seconds or a date-time). When undefined: omitted for QPS,
			 * and for daily limits the next UTC midnight by the `now` clock as an HTTP date.
			 */
			retryAfter?: number | string;
			/** X-RateLimit-Limit (default 30 QPS / 10000 daily). */
			limit?: number;
			headers?: Record<string, string>;
	  }
	| { type: 'serverError'; status?: 500 | 502 | 503 | 504 | number; format?: 'json' | 'html'; body?: unknown; headers?: Record<string, string> }
	| { type: 'reset' }
	| { type: 'hang'; ms?: number }
	| { type: 'expireAccessToken' }
	| { type: 'expirePageToken' }
	| { type: 'nonJson'; status?: number }
	| { type: 'missingMessages' }
	| { type: 'repeatToken' }
	| { type: 'hugePage'; count?: number; pad?: boolean }
	| { type: 'echoAuth' }
	| { type: 'latency'; ms: number }
	| { type: 'cutBody' }
	| { type: 'stallBody'; ms?: number }
	| { type: 'gzipBomb'; bytes?: number }
	/** The request takes effect, then the connection is reset (no answer). */
	| { type: 'processedThenReset' }
	/** The request takes effect, then no answer; the socket is destroyed after `ms` (default 60000). */
	| { type: 'processedThenHang'; ms?: number }
	/** The request takes effect, then a 5xx instead of its answer (500 JSON; 502/503/504 HTML unless `format`). */
	| { type: 'processedThenError'; status?: number; format?: 'json' | 'html'; body?: unknown; headers?: Record<string, string> }
);

/** The object returned by addFault (live counters). */
export type FaultHandle = Fault & { seen: number; applied: number; times: number; after: number };

/** A type alias (not an interface) so that it is assignable to Record<string, unknown>. */
export type TokenAnswer = {
	access_token: string;
	refresh_token?: string;
	token_type: 'bearer';
	expires_in: number;
	scope: string;
	api_url?: string;
};

export type TokenStats = {
	refreshGrants: number;
	accountCredentialsGrants: number;
	authorizationCodeGrants: number;
	rejectedRefreshes: number;
	accessTokensIssued: number;
	currentRefreshTokens: string[];
};

export type ImSession = {
	session_id: string;
	name: string;
	type: 'Group' | '1:1';
};

export type ImMessage = {
	date_time: string;
	sender: string;
	message: string;
};

export type Channel = {
	id: string;
	jid: string;
	name: string;
	type: number;
	channel_settings: Record<string, unknown>;
};

export type TeamChatFile = {
	file_id: string;
	file_name: string;
	file_size: number;
	download_url: string;
};

export type TeamChatReactionSender = { user_id?: string; member_id: string };

export type TeamChatReaction = {
	emoji: string;
	total_count: number;
	senders: TeamChatReactionSender[];
};

export type TeamChatMessage = {
	id: string;
	message: string;
	sender: string;
	/** Zoom's name on the list endpoint (not sender_member_id). */
	send_member_id: string;
	sender_display_name: string;
	date_time: string;
	timestamp: number;
	/** Only with include_deleted_and_edited_message=true (Zoom's rule). */
	status?: 'Normal' | 'Edited' | 'Deleted';
	files?: TeamChatFile[];
	/** The first file again, at the top level (only with files). */
	file_id?: string;
	file_name?: string;
	file_size?: number;
	download_url?: string;
	reactions?: TeamChatReaction[];
	at_items?: TeamChatMention[];
	bot_message?: Record<string, unknown>;
	reply_main_message_id?: string;
	reply_main_message_timestamp?: number;
	/** Only for messages sent through the API with rich_text / interactive_cards. */
	rich_text?: Array<{ start_position: number; end_position: number; format_type: string; format_attr?: string }>;
	interactive_cards?: Array<{ card_id: string; card_json: string }>;
};

export type TeamChatMention = {
	at_contact?: string;
	at_contact_member_id?: string;
	/** 1: a contact, 2: the channel. */
	at_type: 1 | 2;
	start_position: number;
	end_position: number;
};

type DateLike = string | number | Date;

export type TeamChatTarget = { toChannel: string; toContact?: undefined } | { toContact: string; toChannel?: undefined };

export type TeamChatQuery = TeamChatTarget & {
	userId?: string;
	/** Inclusive, whole-second granularity. Omitted = unbounded. */
	from?: DateLike;
	to?: DateLike;
	includeDeletedAndEdited?: boolean;
	/** As exclude_child_message=true: main messages only. */
	excludeChildMessage?: boolean;
	/** As download_file_formats=audio/mp4: voice messages' download_url asks for mp4. */
	voiceAsMp4?: boolean;
};

export type NewTeamChatMessage = TeamChatTarget & {
	message?: string;
	sender?: string;
	/** Either date_time (ISO) or timestamp (ms); default: the `now` clock. */
	date_time?: DateLike;
	timestamp?: DateLike;
	status?: 'Normal' | 'Edited' | 'Deleted';
	id?: string;
	send_member_id?: string;
	sender_display_name?: string;
	files?: Array<{ file_id?: string; file_name: string; file_size?: number }>;
	/** Senders as emails of the dataset's people (served as {user_id, member_id}) or as served objects. */
	reactions?: Array<{ emoji: string; total_count?: number; senders?: Array<string | TeamChatReactionSender> }>;
	reply_main_message_id?: string;
	reply_main_message_timestamp?: number;
	at_items?: TeamChatMention[];
	bot_message?: Record<string, unknown>;
};

export declare class ZoomSimulator {
	constructor(options?: ZoomSimulatorOptions);
	/** Current options; writable (e.g. sim.options.imOrder = 'desc', sim.options.apiUrlInTokenResponse = true). */
	options: Required<Omit<ZoomSimulatorOptions, 'rateLimitPerSecond'>> & { rateLimitPerSecond: number | undefined };
	readonly client: { clientId: string; clientSecret: string; accountId: string };
	/** Set by start(). */
	url: string;
	port: number;
	apiBaseUrl: string;
	oauthBaseUrl: string;
	regionalApiBaseUrl: string;
	/** Set by start(): the file host that downloads redirect to (another port: another origin). */
	fileHostUrl: string;
	readonly requests: RecordedRequest[];

	start(): Promise<void>;
	stop(): Promise<void>;

	/**
	 * Default scopes `imchat:read chat_message:read chat_channel:read chat_message:write`; `readOnly`
	 * leaves out `chat_message:write`; `scope` replaces them (e.g. to add chat_message:read:admin); refreshing keeps them.
	 */
	issueTokens(options?: { scope?: string; readOnly?: boolean }): TokenAnswer & { refresh_token: string };
	expireAccessTokens(): void;
	tokenStats(): TokenStats;

	clearRequests(): void;
	setLatency(ms: number): void;
	addFault(fault: Fault): FaultHandle;
	setFaultHook(hook: ((req: RecordedRequest, index: number) => Fault | undefined) | undefined): void;
	clearFaults(): void;

	sessions(): ImSession[];
	imMessages(sessionId: string, fromYmd: string, toYmd: string): ImMessage[];
	/** A new, empty IM chat session, listed after the others. */
	addImSession(session: { session_id: string; name?: string; type?: ImSession['type'] }): ImSession;
	addImMessage(sessionId: string, message: { date_time: DateLike; sender?: string; message?: string }): ImMessage;
	channels(userId?: string): Channel[];
	teamChatMessages(query: TeamChatQuery): TeamChatMessage[];
	/** As the list endpoint serves it by default (without `status`). */
	addTeamChatMessage(message: NewTeamChatMessage): TeamChatMessage;
	/** GET /chat/users/{userId}/sessions for [from, to] (inclusive to the second), all pages. */
	teamChatSessions(query: { userId?: string; type?: '1:1' | 'groupchat'; from: DateLike; to: DateLike }): TeamChatSession[];
	/** The Team Chat search (search_type / search_key), all pages; without toChannel / toContact across every conversation. */
	teamChatSearch(query: {
		userId?: string;
		toChannel?: string;
		toContact?: string;
		searchType: 'message' | 'file';
		searchKey: string;
		from?: DateLike;
		to?: DateLike;
	}): TeamChatMessage[];
	/** GET /report/chat/sessions for the UTC days (no one-month or six-month rule here). */
	reportSessions(fromYmd: string, toYmd: string): ReportSession[];
	/** GET /report/chat/sessions/{sessionId} for the UTC days, all pages. */
	reportMessages(
		sessionId: string,
		fromYmd: string,
		toYmd: string,
		options?: { edited?: boolean; deleted?: boolean; reactions?: boolean; bot?: boolean },
	): { messages: ReportMessage[]; edited_messages?: ReportMessage[]; deleted_messages?: ReportMessage[] };
	/** The bytes a file's download serves: exactly file_size bytes (for a file uploaded through the API, its bytes). */
	fileContent(fileId: string): Buffer;
	/** Every message created through the API (send, send a file), in creation order, optionally for one conversation. */
	sentMessages(filter?: { channel?: string; contact?: string }): SentMessage[];
	/** The per-channel (and per-contact) send limits so far. Times are of the `channelClock` (ms). */
	channelSendStats(): ChannelSendStats;
	/** Files uploaded (POST /files) or sent (POST /messages/files) through the API, without their bytes (see fileContent). */
	uploadedFiles(): UploadedFile[];
	/** Adds a channel (listed after the others); `member: false`: the user is not in it (send: 400 5301); `archived`: send 400 5420. */
	addTeamChatChannel(channel: { id: string; name?: string; type?: number; member?: boolean; archived?: boolean }): Channel;
}

export type SentMessage = {
	id: string;
	/** The text as sent. */
	text: string;
	/** The text now (after updates). */
	message: string;
	status: 'Normal' | 'Edited' | 'Deleted';
	toChannel?: string;
	/** The contact's email. */
	toContact?: string;
	timestamp: number;
	/** A scheduled message whose time has not come. */
	scheduled: boolean;
	files?: Array<{ file_id: string; file_name: string; file_size: number }>;
};

export type ChannelSendCounts = {
	acceptedSends: number;
	refusedSends: number;
	blocks: number;
	firstAcceptAt?: number;
	lastAcceptAt?: number;
	blockedUntil?: number;
};

export type ChannelSendStats = {
	blocks: number;
	refusedSends: number;
	acceptedSends: number;
	/** By conversation: `ch:<channelId>` or `ct:<contact's user id>`. */
	conversations: Record<string, ChannelSendCounts>;
};

export type UploadedFile = {
	file_id: string;
	file_name: string;
	file_size: number;
	contentType: string;
	/** The user id of the uploader. */
	owner: string;
	postedToPersonalChat: boolean;
};

export type TeamChatSession = {
	name: string;
	type: '1:1' | 'groupchat';
	last_message_sent_time: string;
	channel_id?: string;
	peer_contact_email?: string;
	peer_contact_user_id?: string;
	peer_contact_member_id?: string;
};

export type ReportSession = {
	id: string;
	name: string;
	type: 'Group' | '1:1';
	last_message_sent_time: string;
	channel_id?: string;
	status?: string;
	member_emails?: string[];
	has_external_member?: boolean;
};

export type ReportMessage = Record<string, unknown> & { id: string; date_time: string; timestamp: number; message: string; sender: string };

export type Person = {
	email: string;
	id: string;
	member_id: string;
	display_name: string;
	first_name: string;
	last_name: string;
};

/** Texts that stress encoders (each appears at least once in grp-eng). */
export declare const SPECIAL_TEXTS: readonly string[];
/** Senders of the seeded data; PEOPLE[0] is the user `me` (owner@example.com). */
export declare const PEOPLE: readonly Person[];
