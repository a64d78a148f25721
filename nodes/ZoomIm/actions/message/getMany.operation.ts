import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	DEFAULTS,
	concurrencyOption,
	maxRequestsPerSecondOption,
	maxRetriesOption,
	optionsProperty,
	pageSizeProperties,
	requestTimeoutOption,
	retryDelayOption,
	simplifyOption,
} from '../../descriptions/common';
import { checkPaceAndRetry, readChatTarget, type PaceAndRetryOptions } from '../../parameters/nodeParameters';
import {
	checkLimit,
	checkPageSize,
	checkPositiveNumber,
	checkTeamChatRange,
	checkTimezone,
	resolveDayRange,
} from '../../parameters/validation';
import type { DayRange } from '../../reading/calendar';
import { itemJsonBuilder, type ChatTarget } from '../../reading/chatTarget';
import { readChatMessages } from '../../reading/conversationReader';
import type { ZoomMessage } from '../../reading/messages';
import { connectToZoom, type ZoomAuthentication } from '../../transport';
import { toNodeError } from '../../transport/nodeErrors';
import type { RequestPacer } from '../../transport/requestPacer';

const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/**
 * Message → Get Many: every message of one conversation in a range of days. The node has this one
 * operation; its fields follow the shared ones (authentication, API, conversation).
 */
export const description: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of the range (inclusive), in the chosen timezone',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the range (inclusive). A day in the future is treated as today.',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	limitProperty,
	...pageSizeProperties,
	optionsProperty([
		{
			displayName: 'Include Deleted and Edited Messages',
			name: 'includeDeletedAndEdited',
			type: 'boolean',
			default: false,
			description: 'Whether to also return messages that were edited or deleted (Team Chat only)',
		},
		maxRequestsPerSecondOption(
			"Cap on the pace of this node's requests. 0 = automatic: the node learns the account's limit from Zoom's answers. Set a lower number to leave room for other apps (Zoom's limits are per account).",
		),
		maxRetriesOption,
		concurrencyOption,
		requestTimeoutOption,
		retryDelayOption,
		simplifyOption,
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Europe/Berlin',
			description: "Timezone of the From and To days (IANA name). Empty uses the workflow's timezone.",
		},
	]),
];

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
	const concurrency = checkPositiveNumber(raw.concurrency ?? DEFAULTS.concurrency, 'Parallel Windows', { integer: true });
	const requestTimeout = checkPositiveNumber(raw.requestTimeout ?? DEFAULTS.requestTimeout, 'Request Timeout (Ms)', { min: 1 });
	const target = readChatTarget((name, fallback, options) => ctx.getNodeParameter(name, i, fallback, options));

	const from = ctx.getNodeParameter('from', i, undefined);
	const now = Date.now();
	const range = resolveDayRange(from, ctx.getNodeParameter('to', i, undefined), zone, now);
	if (target.api === 'teamChat') checkTeamChatRange(range, from, zone, now);
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : checkLimit(ctx.getNodeParameter('limit', i, limitProperty.default));
	const pageSize = checkPageSize(ctx.getNodeParameter('pageSize', i, DEFAULTS.pageSize), target.api);
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
export async function execute(
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
