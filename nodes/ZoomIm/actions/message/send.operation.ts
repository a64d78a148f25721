import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ParameterProblem } from '../../parameters/parameterProblem';
import { checkBinaryProperties, checkMentions, checkRichText, checkScheduledTime, checkText } from '../../parameters/writeParameters';
import { processClock, PROCESS_CONVERSATION_WINDOWS, type ZoomConnection } from '../../transport';
import { conversationKey } from '../../transport/conversationWindows';
import { multipartBody } from '../../transport/multipart';
import { toNodeError } from '../../transport/nodeErrors';
import { ZoomError } from '../../transport/errors';
import { WorkPool } from '../../reading/workPool';
import { filesPath, MAX_UPLOAD_BYTES, messagesPath, type OutgoingMessage } from '../../writing/messageBody';
import { placeMentions } from '../../writing/mentions';
import { DEFAULT_SEND_ONCE, sendOnce } from '../../writing/sendOnce';
import { connectItem, type ItemOutcome, type OperationContext } from '../shared';
import { conversationJson, readWriteItem, windowsGate, type WriteItem } from './writeItem';

/**
 * Message → Send, for all input items at once. Every item's fields are checked first: without
 * Continue On Fail, a bad item fails the run before anything is sent. Then each conversation
 * (channel or contact) sends its items one after the other, in input order, within Zoom's
 * per-channel windows, and conversations send in parallel as far as the account's pace allows.
 * Each message goes out once (writing/sendOnce.ts). Without Continue On Fail, the first failure
 * stops new sends, the ones under way end, and the run fails with it.
 */

interface SendPlan {
	index: number;
	target: WriteItem;
	message: Omit<OutgoingMessage, 'fileIds'>;
	binaryProperties: string[];
}

function readSendPlan(ctx: IExecuteFunctions, i: number): SendPlan {
	const { item: target, options } = readWriteItem(ctx, i);
	const binaryProperties = checkBinaryProperties(options.binaryProperties);
	for (const name of binaryProperties) {
		const binary = ctx.helpers.assertBinaryData(i, name);
		if (typeof binary.bytes === 'number' && binary.bytes > MAX_UPLOAD_BYTES) throw tooLarge(name, binary.bytes);
	}
	const written = checkText(ctx.getNodeParameter('text', i, ''), {
		required: binaryProperties.length === 0,
	});
	const { text, atItems } = placeMentions(written, checkMentions(options.mentions));
	// Mentions added at the end count too.
	checkText(text, { required: false }, 'Text (with the mentions added)');
	const replyTo = typeof options.replyToMessageId === 'string' ? options.replyToMessageId.trim() : '';
	return {
		index: i,
		target,
		binaryProperties,
		message: {
			userId: target.userId,
			conversation: target.conversation,
			text,
			replyTo: replyTo || undefined,
			atItems,
			richText: checkRichText(options.richText, text),
			scheduledTime: checkScheduledTime(options.scheduledTime, ctx.getTimezone(), Date.now()),
		},
	};
}

function tooLarge(property: string, bytes: number): ParameterProblem {
	return new ParameterProblem(
		'Files (Binary Properties)',
		property,
		`names a file of ${bytes} bytes: Zoom uploads files of at most 1 GB (${MAX_UPLOAD_BYTES} bytes)`,
	);
}

/**
 * Each file of the item, uploaded to the user's files (not posted to the personal chat), in order;
 * their ids. Uploads are retried like reads: one repeated after a lost answer leaves at most an
 * unused copy in the user's files, never a second message.
 */
async function uploadFiles(
	ctx: IExecuteFunctions,
	plan: SendPlan,
	zoom: ZoomConnection,
): Promise<Array<{ property: string; fileName: string; fileId: string; bytes: number }>> {
	const uploaded = [];
	for (const property of plan.binaryProperties) {
		const binary = ctx.helpers.assertBinaryData(plan.index, property);
		const data = await ctx.helpers.getBinaryDataBuffer(plan.index, property);
		if (data.length > MAX_UPLOAD_BYTES) throw tooLarge(property, data.length);
		const fileName = binary.fileName ?? property;
		const body = multipartBody([{ name: 'file', fileName, contentType: binary.mimeType, data }]);
		const answer = await zoom.client.request({
			method: 'POST',
			baseUrl: zoom.fileBaseUrl(),
			path: filesPath(plan.target.userId),
			qs: { postToPersonalChat: 'false' },
			raw: body,
		});
		if (typeof answer.id !== 'string' || answer.id === '') {
			throw new ZoomError(`Zoom accepted the file "${fileName}" but its answer has no file id`, { kind: 'invalidResponse' });
		}
		uploaded.push({
			property,
			fileName,
			fileId: answer.id,
			bytes: data.length,
		});
	}
	return uploaded;
}

export async function executeSendBatch(context: OperationContext): Promise<ItemOutcome[]> {
	const { n8n } = context;
	const count = n8n.getInputData().length;
	const continueOnFail = n8n.continueOnFail();
	const outcomes: ItemOutcome[] = new Array<ItemOutcome>(count);

	const plans: SendPlan[] = [];
	for (let i = 0; i < count; i++) {
		try {
			plans.push(readSendPlan(n8n, i));
		} catch (error) {
			if (!continueOnFail) throw toNodeError(n8n.getNode(), error, i);
			outcomes[i] = { error };
		}
	}

	// One connection per distinct set of connection fields (usually one for the whole run).
	const connections = new Map<string, Promise<ZoomConnection>>();
	const connect = (plan: SendPlan) => {
		const key = JSON.stringify(plan.target.connection);
		let connection = connections.get(key);
		if (!connection) {
			connection = connectItem(context, plan.target.connection);
			connections.set(key, connection);
		}
		return connection;
	};

	// Conversations in parallel, as many as the account's pace keeps busy (asked again after each send).
	let workers = () => 1;
	let paceKnown = false;
	const pool = new WorkPool(() => workers());
	const claimed = new Set<string>();
	let failure: { index: number; error: unknown } | undefined;

	const sendItem = async (plan: SendPlan): Promise<INodeExecutionData[]> => {
		const zoom = await connect(plan);
		if (!paceKnown) {
			paceKnown = true;
			const parallelism = zoom.client.parallelism(messagesPath(plan.target.userId));
			workers = () => parallelism.workers();
			pool.poke();
		}
		const files = await uploadFiles(n8n, plan, zoom);
		const message: OutgoingMessage = {
			...plan.message,
			fileIds: files.map((f) => f.fileId),
		};
		const key = conversationKey(zoom.credential, message.userId, message.conversation);
		const gate = windowsGate(async () => await PROCESS_CONVERSATION_WINDOWS.turn(key));
		const { maxRetries } = plan.target.connection.paceAndRetry;
		const sent = await sendOnce(
			message,
			claimed,
			{
				post: async (path, body) => await zoom.client.request({ method: 'POST', path, qs: {}, body }, { idempotent: false, gate }),
				list: async (path, qs) => await zoom.client.get({ path, qs }),
				now: () => Date.now(),
				sleep: async (ms) => await processClock.sleep(ms),
			},
			{ ...DEFAULT_SEND_ONCE, maxRounds: maxRetries + 1 },
		);
		const json: IDataObject = {
			id: sent.id,
			recovered: sent.recovered,
			user_id: message.userId,
			...conversationJson(message.conversation),
			message: message.text,
		};
		if (message.replyTo) json.reply_main_message_id = message.replyTo;
		if (message.atItems?.length) json.at_items = message.atItems as unknown as IDataObject[];
		if (message.richText?.length) json.rich_text = message.richText as unknown as IDataObject[];
		if (files.length > 0)
			json.files = files.map((f) => ({
				binary_property: f.property,
				file_name: f.fileName,
				file_id: f.fileId,
				bytes: f.bytes,
			}));
		if (message.scheduledTime) {
			// Zoom's id is then a draft's.
			json.scheduled_time = message.scheduledTime;
			json.is_draft = true;
		}
		return [{ json }];
	};

	/** Waits until `plan`'s conversation may send; an outcome when connecting failed. */
	const windowsOpen = async (plan: SendPlan): Promise<ItemOutcome | undefined> => {
		try {
			const zoom = await connect(plan);
			await PROCESS_CONVERSATION_WINDOWS.windowsOpen(conversationKey(zoom.credential, plan.target.userId, plan.target.conversation));
			return undefined;
		} catch (error) {
			if (!continueOnFail) failure ??= { index: plan.index, error };
			return { error };
		}
	};

	const queues = new Map<string, SendPlan[]>();
	for (const plan of plans) {
		const key = JSON.stringify([plan.target.connection.authentication, plan.target.userId.toLowerCase(), plan.target.conversation]);
		const queue = queues.get(key) ?? [];
		queue.push(plan);
		queues.set(key, queue);
	}
	await Promise.all(
		[...queues.values()].map(async (queue) => {
			for (const plan of queue) {
				if (failure) return;
				// Wait for the conversation's windows before taking a share of the account's parallelism.
				const opened = await windowsOpen(plan);
				if (opened) {
					outcomes[plan.index] = opened;
					continue;
				}
				outcomes[plan.index] = await pool.run(async () => {
					try {
						return { items: await sendItem(plan) };
					} catch (error) {
						if (!continueOnFail) failure ??= { index: plan.index, error };
						return { error };
					}
				});
			}
		}),
	);
	if (failure) throw toNodeError(n8n.getNode(), failure.error, failure.index);
	return outcomes;
}
