import type { IExecuteFunctions } from 'n8n-workflow';

import { readConnection, type ConnectionParameters, type ItemConnection } from '../../parameters/itemParameters';
import { readWriteTarget } from '../../parameters/writeParameters';
import type { TeamChatTarget } from '../../reading/teamChat';
import { classifyResponse } from '../../transport/retryPolicy';
import { readZoomErrorBody } from '../../transport/errors';
import type { ConversationTurn } from '../../transport/conversationWindows';
import type { AttemptGate, HttpAnswer } from '../../transport/zoomClient';

/** What Send, Get, Update, Delete and React read for every item: the connection and the conversation. */

export interface WriteItem {
	connection: ItemConnection;
	userId: string;
	conversation: TeamChatTarget;
}

export function readWriteItem(
	ctx: IExecuteFunctions,
	i: number,
): {
	item: WriteItem;
	options: ConnectionParameters & Record<string, unknown>;
} {
	const options = ctx.getNodeParameter('options', i, {}) as ConnectionParameters & Record<string, unknown>;
	const connection = readConnection(ctx, i, options);
	const { userId, conversation } = readWriteTarget((name, fallback, extra) => ctx.getNodeParameter(name, i, fallback, extra));
	return { item: { connection, userId, conversation }, options };
}

/** The conversation's field in an output item: `channel_id` or `contact`, as Get Many writes it. */
export function conversationJson(conversation: TeamChatTarget): { channel_id: string } | { contact: string } {
	return 'toChannel' in conversation ? { channel_id: conversation.toChannel } : { contact: conversation.toContact };
}

/**
 * A send's passage through its conversation's windows (conversationWindows.ts): each attempt waits
 * for its turn and tells the windows how it ended; a 429 blocks the conversation for Zoom's
 * Retry-After, or Zoom's next block length when it sent none.
 */
export function windowsGate(turn: () => Promise<ConversationTurn>): AttemptGate {
	return {
		before: async () => {
			const taken = await turn();
			return {
				after: (answer: HttpAnswer | undefined) => {
					if (answer?.status !== 429) return taken.done();
					const verdict = classifyResponse(429, answer.headers, readZoomErrorBody(answer.body), false, Date.now());
					taken.done({
						rateLimited: true,
						retryAfterMs: verdict.action === 'retry' ? verdict.retryAfterMs : undefined,
					});
				},
			};
		},
	};
}
