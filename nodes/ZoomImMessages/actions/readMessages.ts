import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/nodeErrors';
import type { ZoomMessage } from '../../shared/imChatApi';
import { readImChatMessages, readTeamChatMessages } from '../../shared/readMessages';
import { simplifyTeamChatMessage, type TeamChatTarget } from '../../shared/teamChatApi';
import {
	checkIdentifier,
	checkLimit,
	checkPageSize,
	checkPositiveNumber,
	checkTimezone,
	resolveDayRange,
	type DayRange,
} from '../../shared/validation';
import { connectToZoom, type ZoomAuthentication } from '../transport';
import type { RequestPacer } from '../../shared/requestPacer';

interface ItemOptions {
	timezone?: string;
	maxRequestsPerSecond?: number;
	maxRetries?: number;
	retryDelay?: number;
	concurrency?: number;
	requestTimeout?: number;
	includeDeletedAndEdited?: boolean;
	simplify?: boolean;
}

type Target =
	| { api: 'imChat'; sessionId: string }
	| { api: 'teamChat'; userId: string; target: TeamChatTarget; targetField: IDataObject };

interface ItemRequest {
	authentication: ZoomAuthentication;
	target: Target;
	range: DayRange;
	zone: string;
	limit?: number;
	pageSize: number;
	options: Required<Omit<ItemOptions, 'timezone'>>;
}

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readItemRequest(ctx: IExecuteFunctions, i: number): ItemRequest {
	const authentication = ctx.getNodeParameter('authentication', i, 'oAuth2') as ZoomAuthentication;
	const api = ctx.getNodeParameter('api', i, 'imChat') as string;
	const raw = ctx.getNodeParameter('options', i, {}) as ItemOptions;

	const zone = raw.timezone ? checkTimezone(raw.timezone) : ctx.getTimezone();
	const options = {
		maxRequestsPerSecond: checkPositiveNumber(raw.maxRequestsPerSecond ?? 10, 'Max Requests per Second'),
		maxRetries: checkPositiveNumber(raw.maxRetries ?? 5, 'Max Retries', { integer: true }),
		retryDelay: checkPositiveNumber(raw.retryDelay ?? 1000, 'Retry Delay (Ms)'),
		concurrency: checkPositiveNumber(raw.concurrency ?? 4, 'Parallel Windows', { integer: true, min: 1 }),
		requestTimeout: checkPositiveNumber(raw.requestTimeout ?? 30000, 'Request Timeout (Ms)', { min: 1 }),
		includeDeletedAndEdited: raw.includeDeletedAndEdited === true,
		simplify: raw.simplify !== false,
	};

	let target: Target;
	if (api === 'teamChat') {
		const userId = checkIdentifier(ctx.getNodeParameter('userId', i, 'me'), 'User ID');
		const kind = ctx.getNodeParameter('teamChatTarget', i, 'channel') as string;
		if (kind === 'contact') {
			const contact = checkIdentifier(ctx.getNodeParameter('contact', i, ''), 'Contact', { pathSegment: false });
			target = { api, userId, target: { toContact: contact }, targetField: { contact } };
		} else {
			const channelId = checkIdentifier(
				ctx.getNodeParameter('channelId', i, '', { extractValue: true }),
				'Channel',
				{ pathSegment: false },
			);
			target = { api, userId, target: { toChannel: channelId }, targetField: { channel_id: channelId } };
		}
	} else {
		target = {
			api: 'imChat',
			sessionId: checkIdentifier(ctx.getNodeParameter('sessionId', i, '', { extractValue: true }), 'Session'),
		};
	}

	const range = resolveDayRange(ctx.getNodeParameter('from', i, undefined), ctx.getNodeParameter('to', i, undefined), zone);
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : checkLimit(ctx.getNodeParameter('limit', i, 50));
	const pageSize = checkPageSize(ctx.getNodeParameter('pageSize', i, 50));
	return { authentication, target, range, zone, limit, pageSize, options };
}

async function readItem(ctx: IExecuteFunctions, request: ItemRequest, pacer: RequestPacer): Promise<ZoomMessage[][]> {
	const { client } = await connectToZoom(ctx, request.authentication, {
		maxRetries: request.options.maxRetries,
		maxRequestsPerSecond: request.options.maxRequestsPerSecond,
		backoff: { baseDelayMs: request.options.retryDelay, maxDelayMs: 60_000 },
		requestTimeoutMs: request.options.requestTimeout,
		pacer,
	});
	const settings = { pageSize: request.pageSize, limit: request.limit, concurrency: request.options.concurrency };
	const { target } = request;
	if (target.api === 'imChat') {
		return await readImChatMessages(client, target.sessionId, request.range, settings);
	}
	return await readTeamChatMessages(
		client,
		{
			userId: target.userId,
			target: target.target,
			includeDeletedAndEdited: request.options.includeDeletedAndEdited,
			zone: request.zone,
		},
		request.range,
		settings,
	);
}

/**
 * One output item per message, for every input item with its own parameters. With Continue On
 * Fail, a failing input item yields one `{ error }` item and the others go on.
 */
export async function executeReadMessages(
	this: IExecuteFunctions,
	pacer: RequestPacer,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		try {
			const request = readItemRequest(this, i);
			const windows = await readItem(this, request, pacer);
			const { target } = request;
			// The message objects were parsed from Zoom's answers for this call alone and nothing else
			// holds them once reading is done: the field is added in place, without copying each message.
			for (let w = 0; w < windows.length; w++) {
				for (const message of windows[w]) {
					let json: IDataObject;
					if (target.api === 'imChat') {
						json = message as IDataObject;
						json.session_id = target.sessionId;
					} else {
						json = (request.options.simplify ? simplifyTeamChatMessage(message) : message) as IDataObject;
						Object.assign(json, target.targetField);
					}
					output.push({ json, pairedItem: { item: i } });
				}
				windows[w] = []; // the output items are all that stays
			}
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, i);
			if (this.continueOnFail()) {
				output.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
				continue;
			}
			throw nodeError;
		}
	}
	return [output];
}
