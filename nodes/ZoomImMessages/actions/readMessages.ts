import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { itemJsonBuilder, type ChatTarget } from '../../shared/chatTarget';
import { toNodeError } from '../../shared/nodeErrors';
import type { ZoomMessage } from '../../shared/imChatApi';
import { readChatMessages } from '../../shared/readMessages';
import type { RequestPacer } from '../../shared/requestPacer';
import {
	checkLimit,
	checkPageSize,
	checkPositiveNumber,
	checkTeamChatRange,
	checkTimezone,
	resolveDayRange,
	type DayRange,
} from '../../shared/validation';
import { checkPaceAndRetry, readChatTarget, type PaceAndRetryOptions } from '../parameters';
import { connectToZoom, type ZoomAuthentication } from '../transport';

interface ItemOptions extends PaceAndRetryOptions {
	timezone?: string;
	concurrency?: number;
	requestTimeout?: number;
	includeDeletedAndEdited?: boolean;
	simplify?: boolean;
}

interface ItemRequest {
	authentication: ZoomAuthentication;
	target: ChatTarget;
	range: DayRange;
	zone: string;
	limit?: number;
	pageSize: number;
	paceAndRetry: ReturnType<typeof checkPaceAndRetry>;
	concurrency: number;
	requestTimeout: number;
	includeDeletedAndEdited: boolean;
	simplify: boolean;
}

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readItemRequest(ctx: IExecuteFunctions, i: number): ItemRequest {
	const authentication = ctx.getNodeParameter('authentication', i, 'oAuth2') as ZoomAuthentication;
	const raw = ctx.getNodeParameter('options', i, {}) as ItemOptions;

	const zone = raw.timezone ? checkTimezone(raw.timezone) : ctx.getTimezone();
	const paceAndRetry = checkPaceAndRetry(raw);
	const concurrency = checkPositiveNumber(raw.concurrency ?? 4, 'Parallel Windows', { integer: true, min: 1 });
	const requestTimeout = checkPositiveNumber(raw.requestTimeout ?? 30000, 'Request Timeout (Ms)', { min: 1 });
	const target = readChatTarget((name, fallback, options) => ctx.getNodeParameter(name, i, fallback, options));

	const from = ctx.getNodeParameter('from', i, undefined);
	const now = Date.now();
	const range = resolveDayRange(from, ctx.getNodeParameter('to', i, undefined), zone, now);
	if (target.api === 'teamChat') checkTeamChatRange(range, from, zone, now);
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : checkLimit(ctx.getNodeParameter('limit', i, 50));
	const pageSize = checkPageSize(ctx.getNodeParameter('pageSize', i, 50), target.api);
	return {
		authentication,
		target,
		range,
		zone,
		limit,
		pageSize,
		paceAndRetry,
		concurrency,
		requestTimeout,
		includeDeletedAndEdited: raw.includeDeletedAndEdited === true,
		simplify: raw.simplify !== false,
	};
}

async function readItem(ctx: IExecuteFunctions, request: ItemRequest, pacer: RequestPacer): Promise<ZoomMessage[][]> {
	const { client } = await connectToZoom(ctx, request.authentication, {
		...request.paceAndRetry,
		requestTimeoutMs: request.requestTimeout,
		pacer,
	});
	return await readChatMessages(client, request.target, request.range, {
		pageSize: request.pageSize,
		limit: request.limit,
		concurrency: request.concurrency,
		zone: request.zone,
		includeDeletedAndEdited: request.includeDeletedAndEdited,
	});
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
			const toJson = itemJsonBuilder(request.target, request.simplify);
			for (let w = 0; w < windows.length; w++) {
				for (const message of windows[w]) {
					output.push({ json: toJson(message) as IDataObject, pairedItem: { item: i } });
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
