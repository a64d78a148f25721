/** Zoom's refusals of Team Chat reads, explained: which app scope the read needs. */

const TEAM_CHAT_USER_PATH = /^\/chat\/users\/([^/]+)\/(messages|channels)$/;
/** Zoom's codes for a read the token may not make: 200 (no permission), 4700 / 4711 (scopes missing). */
const PERMISSION_CODES = new Set([200, 4700, 4711]);
const PERMISSION_TEXT = /permission|scope/i;

/**
 * Zoom refuses a Team Chat read that the app's scopes do not cover without naming the scope (e.g.
 * 400 code 200 "Unauthorized request. You do not have permission to access this user's chat
 * messages."), and only the app's scopes can fix it: so the error names the scope needed. Another
 * user's chat (any User ID but "me") needs the admin variant.
 */
export function teamChatScopeHint(
	path: string,
	status: number,
	zoom: { code?: number; message?: string },
): { note: string; description: string } | undefined {
	const match = TEAM_CHAT_USER_PATH.exec(path);
	if (!match || (status !== 400 && status !== 403)) return undefined;
	if (!(zoom.code !== undefined && PERMISSION_CODES.has(zoom.code)) && !PERMISSION_TEXT.test(zoom.message ?? '')) {
		return undefined;
	}
	let userId = match[1];
	try {
		userId = decodeURIComponent(userId);
	} catch {
		// keep it as sent
	}
	const [classic, granular, what] =
		match[2] === 'messages'
			? ['chat_message:read', 'team_chat:read:list_user_messages', 'messages']
			: ['chat_channel:read', 'team_chat:read:list_user_channels', 'channels'];
	if (userId.toLowerCase() === 'me') {
		return {
			note: `Reading Team Chat ${what} needs the Zoom app scope ${classic}.`,
			description: `Add ${classic} (granular: ${granular}) to the Zoom app's scopes in the Zoom App Marketplace, then reconnect the credential.`,
		};
	}
	return {
		note: `Reading another user's Team Chat ${what} needs the Zoom app scope ${classic}:admin.`,
		description:
			`User ID ${JSON.stringify(userId)} is read on behalf of another user: add ${classic}:admin (granular: ${granular}:admin) ` +
			"to the Zoom app's scopes in the Zoom App Marketplace, then reconnect the credential (a Server-to-Server app gets it with its next token). " +
			'The user the app acts for also needs a Zoom role that allows reading chat messages.',
	};
}
