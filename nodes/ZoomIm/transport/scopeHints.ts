/** Zoom's refusals of Team Chat requests, explained: which app scope the request needs. */

/** Zoom's codes for a request the token may not make: 200 (no permission), 4700 / 4711 (scopes missing). */
const PERMISSION_CODES = new Set([200, 4700, 4711]);
const PERMISSION_TEXT = /permission|scope/i;

interface ScopeNeed {
	method: string;
	path: RegExp;
	/** What the request does, for the sentence ("Reading Team Chat messages"), and for another user's chat. */
	doing: string;
	doingForOther: string;
	classic: string;
	granular: string;
}

/** From Zoom's Team Chat reference (OpenAPI JSON): the classic scope and the granular one of each request. */
const NEEDS: readonly ScopeNeed[] = [
	{
		method: 'GET',
		path: /^\/chat\/users\/([^/]+)\/messages$/,
		doing: 'Reading Team Chat messages',
		doingForOther: "Reading another user's Team Chat messages",
		classic: 'chat_message:read',
		granular: 'team_chat:read:list_user_messages',
	},
	{
		method: 'GET',
		path: /^\/chat\/users\/([^/]+)\/channels$/,
		doing: 'Reading Team Chat channels',
		doingForOther: "Reading another user's Team Chat channels",
		classic: 'chat_channel:read',
		granular: 'team_chat:read:list_user_channels',
	},
	{
		method: 'GET',
		path: /^\/chat\/users\/([^/]+)\/messages\/[^/]+$/,
		doing: 'Reading a Team Chat message',
		doingForOther: "Reading another user's Team Chat message",
		classic: 'chat_message:read',
		granular: 'team_chat:read:user_message',
	},
	{
		method: 'POST',
		path: /^\/chat\/users\/([^/]+)\/messages$/,
		doing: 'Sending Team Chat messages',
		doingForOther: 'Sending Team Chat messages as another user',
		classic: 'chat_message:write',
		granular: 'team_chat:write:user_message',
	},
	{
		method: 'PUT',
		path: /^\/chat\/users\/([^/]+)\/messages\/[^/]+$/,
		doing: 'Updating Team Chat messages',
		doingForOther: "Updating another user's Team Chat messages",
		classic: 'chat_message:write',
		granular: 'team_chat:update:user_message',
	},
	{
		method: 'DELETE',
		path: /^\/chat\/users\/([^/]+)\/messages\/[^/]+$/,
		doing: 'Deleting Team Chat messages',
		doingForOther: "Deleting another user's Team Chat messages",
		classic: 'chat_message:write',
		granular: 'team_chat:delete:user_message',
	},
	{
		method: 'PATCH',
		path: /^\/chat\/users\/([^/]+)\/messages\/[^/]+\/emoji_reactions$/,
		doing: 'Reacting to Team Chat messages',
		doingForOther: 'Reacting to Team Chat messages as another user',
		classic: 'chat_message:write',
		granular: 'team_chat:update:message_emoji',
	},
	{
		method: 'POST',
		path: /^\/chat\/users\/([^/]+)\/files$/,
		doing: 'Uploading files to Team Chat',
		doingForOther: 'Uploading files to Team Chat as another user',
		classic: 'chat_message:write',
		granular: 'team_chat:write:files',
	},
];

/**
 * Zoom refuses a Team Chat request that the app's scopes do not cover without always naming the
 * scope (e.g. 400 code 200 "Unauthorized request. You do not have permission to access this user's
 * chat messages."), and only the app's scopes can fix it: so the error names the scope needed, both
 * the classic one and the granular one (an app has one kind or the other). Another user's chat (any
 * User ID but "me") needs the admin variants.
 */
export function teamChatScopeHint(
	path: string,
	status: number,
	zoom: { code?: number; message?: string },
	method = 'GET',
): { note: string; description: string } | undefined {
	if (status !== 400 && status !== 403) return undefined;
	const need = NEEDS.find((n) => n.method === method.toUpperCase() && n.path.test(path));
	if (!need) return undefined;
	if (!(zoom.code !== undefined && PERMISSION_CODES.has(zoom.code)) && !PERMISSION_TEXT.test(zoom.message ?? '')) {
		return undefined;
	}
	let userId = need.path.exec(path)![1];
	try {
		userId = decodeURIComponent(userId);
	} catch {
		// keep it as sent
	}
	const { doing, doingForOther, classic, granular } = need;
	// Reads kept their sentence from before writes existed; a write names both kinds of scope at once.
	const granularToo = (admin: string) => (method.toUpperCase() === 'GET' ? '' : ` (granular: ${granular}${admin})`);
	if (userId.toLowerCase() === 'me') {
		return {
			note: `${doing} needs the Zoom app scope ${classic}${granularToo('')}.`,
			description: `Add ${classic} (granular: ${granular}) to the Zoom app's scopes in the Zoom App Marketplace, then reconnect the credential.`,
		};
	}
	return {
		note: `${doingForOther} needs the Zoom app scope ${classic}:admin${granularToo(':admin')}.`,
		description:
			`User ID ${JSON.stringify(userId)} acts on behalf of another user: add ${classic}:admin (granular: ${granular}:admin) ` +
			"to the Zoom app's scopes in the Zoom App Marketplace, then reconnect the credential (a Server-to-Server app gets it with its next token). " +
			'The user the app acts for also needs a Zoom role that allows it (Chat Messages: Edit, for writes).',
	};
}
