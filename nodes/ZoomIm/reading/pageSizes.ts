/**
 * The largest `page_size` Zoom documents for each endpoint the package reads (see
 * ZOOM-API-FACTS.md): the one owner of these numbers. The editor's field limits, the parameter
 * checks and the lists all read them from here.
 */
export const MAX_PAGE_SIZE = {
	/** GET /im/chat/sessions/{sessionId}: IM chat messages. */
	imChat: 300,
	/** GET /chat/users/{userId}/messages (and its search): Team Chat messages. */
	teamChat: 50,
	/** GET /im/chat/sessions: the IM chat sessions of a month. */
	imChatSessions: 300,
	/** GET /chat/users/{userId}/channels. */
	teamChatChannels: 50,
	/** GET /chat/users/{userId}/sessions. */
	teamChatSessions: 50,
	/** GET /report/chat/sessions. */
	reportSessions: 300,
	/** GET /report/chat/sessions/{sessionId}. */
	reportMessages: 100,
} as const;
