import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { checkEmoji, checkMessageId, checkReactionAction, checkText } from '../../parameters/writeParameters';
import { simplifyTeamChatMessage } from '../../reading/teamChat';
import type { ZoomMessage } from '../../reading/messages';
import { ZoomError } from '../../transport/errors';
import { toNodeError } from '../../transport/nodeErrors';
import type { HttpAnswer } from '../../transport/zoomClient';
import { conversationFields, messagesPath } from '../../writing/messageBody';
import { connectItem, type OperationContext } from '../shared';
import { conversationJson, readWriteItem } from './writeItem';

/**
 * Message → Get, Update, Delete and React: one request per item on one message. Update (PUT) sets
 * the text, React adds or removes one reaction, Delete removes: repeating any of them changes
 * nothing more, so they are retried like reads. Delete needs one more rule: after an attempt that
 * may have deleted the message (no answer, or a 5xx), Zoom's "does not exist" (400, code 300) on
 * the retry means it was deleted.
 */

/** Message → Get: one message, as Get Many gives it (simplified unless Simplify is off). */
export async function executeGet(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const { item, options } = readWriteItem(context.n8n, i);
	const messageId = checkMessageId(context.n8n.getNodeParameter('messageId', i, ''));
	const { client } = await connectItem(context, item.connection);
	const message = (await client.get({
		path: messagesPath(item.userId, messageId),
		qs: conversationFields(item.conversation),
	})) as ZoomMessage;
	const json = options.simplify === false ? message : simplifyTeamChatMessage(message);
	return [
		{
			json: { ...json, ...conversationJson(item.conversation) } as IDataObject,
		},
	];
}

/** Message → Update: the message's new text. */
export async function executeUpdate(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const { item } = readWriteItem(context.n8n, i);
	const messageId = checkMessageId(context.n8n.getNodeParameter('messageId', i, ''));
	const text = checkText(context.n8n.getNodeParameter('text', i, ''), {
		required: true,
	});
	const { client } = await connectItem(context, item.connection);
	await client.request(
		{
			method: 'PUT',
			path: messagesPath(item.userId, messageId),
			qs: {},
			body: { message: text, ...conversationFields(item.conversation) },
		},
		{ emptyAnswer: true },
	);
	return [
		{
			json: {
				id: messageId,
				updated: true,
				message: text,
				...conversationJson(item.conversation),
			},
		},
	];
}

/** Message → React: adds or removes the user's reaction. */
export async function executeReact(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const { item } = readWriteItem(context.n8n, i);
	const messageId = checkMessageId(context.n8n.getNodeParameter('messageId', i, ''));
	const emoji = checkEmoji(context.n8n.getNodeParameter('emoji', i, ''));
	const action = checkReactionAction(context.n8n.getNodeParameter('reactionAction', i, 'add'));
	const { client } = await connectItem(context, item.connection);
	await client.request(
		{
			method: 'PATCH',
			path: `${messagesPath(item.userId, messageId)}/emoji_reactions`,
			qs: {},
			body: { action, emoji, ...conversationFields(item.conversation) },
		},
		{ emptyAnswer: true },
	);
	return [
		{
			json: {
				id: messageId,
				action,
				emoji,
				...conversationJson(item.conversation),
			},
		},
	];
}

/** An attempt that may have reached Zoom and been carried out: no HTTP answer, or a 5xx. */
function mayHaveActed(answer: HttpAnswer | undefined): boolean {
	return answer === undefined || answer.status >= 500;
}

/** Message → Delete. */
export async function executeDelete(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const { item } = readWriteItem(context.n8n, i);
	const messageId = checkMessageId(context.n8n.getNodeParameter('messageId', i, ''));
	const { client } = await connectItem(context, item.connection);
	let earlierMayHaveActed = false;
	let attemptMayHaveActed = false;
	const gate = {
		before: async () => {
			earlierMayHaveActed ||= attemptMayHaveActed;
			return {
				after: (answer: HttpAnswer | undefined) => {
					attemptMayHaveActed = mayHaveActed(answer);
				},
			};
		},
	};
	const failure = await client
		.request(
			{
				method: 'DELETE',
				path: messagesPath(item.userId, messageId),
				qs: conversationFields(item.conversation),
			},
			{ emptyAnswer: true, gate },
		)
		.then(
			() => undefined,
			(error: unknown) => ({ error }),
		);
	const goneAfterOurAttempt = (error: unknown) => error instanceof ZoomError && error.httpStatus === 400 && error.zoomCode === 300 && earlierMayHaveActed;
	if (failure && !goneAfterOurAttempt(failure.error)) throw toNodeError(context.n8n.getNode(), failure.error, i);
	return [
		{
			json: {
				id: messageId,
				deleted: true,
				...conversationJson(item.conversation),
			},
		},
	];
}
