import type { ZoomMessage } from './messages';
import { simplifyTeamChatMessage, type TeamChatTarget } from './teamChat';

/** The one conversation a node or trigger reads: an IM chat session, or a user's Team Chat channel or contact. */
export type ChatTarget =
	| { api: 'imChat'; sessionId: string }
	| { api: 'teamChat'; userId: string; conversation: TeamChatTarget };

/**
 * Turns Zoom's messages into output JSON: the message (for Team Chat simplified unless Simplify is
 * off) plus the field that names its conversation (`session_id`, `channel_id` or `contact`). The
 * message objects were parsed from Zoom's answers for this run alone and nothing else holds them,
 * so the field is added in place instead of copying each message.
 */
export function itemJsonBuilder(target: ChatTarget, simplify: boolean): (message: ZoomMessage) => ZoomMessage {
	if (target.api === 'imChat') {
		const sessionId = target.sessionId;
		return (message) => {
			message.session_id = sessionId;
			return message;
		};
	}
	const { conversation } = target;
	const field = 'toChannel' in conversation ? { channel_id: conversation.toChannel } : { contact: conversation.toContact };
	return (message) => Object.assign(simplify ? simplifyTeamChatMessage(message) : message, field);
}
