import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

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
import { planFileDownloads, tooLargeReason } from '../../reading/fileAttachments';
import type { ZoomMessage } from '../../reading/messages';
import { THREAD_REPLIES_MODES, groupThreadReplies, type ThreadRepliesMode } from '../../reading/threads';
import { connectToZoom, type ZoomAuthentication } from '../../transport';
import { ParameterProblem } from '../../transport/errors';
import { fileDownloader } from '../../transport/fileTransport';
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
			displayName: 'Download Files',
			name: 'downloadFiles',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/api': ['teamChat'] } },
			description:
				"Whether to put each file of a message into the item's binary data (file_0, file_1, …), fetched with the credential. Each file is also listed in file_downloads.",
		},
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
		{
			displayName: 'Max File Size (MB)',
			name: 'maxFileSizeMb',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 100,
			displayOptions: { show: { '/api': ['teamChat'] } },
			description:
				'With Download Files: a larger file is not downloaded; file_downloads lists it with the reason. 0 means no limit.',
		},
		maxRetriesOption,
		concurrencyOption,
		requestTimeoutOption,
		retryDelayOption,
		simplifyOption,
		{
			displayName: 'Thread Replies',
			name: 'threadReplies',
			type: 'options',
			default: 'all',
			displayOptions: { show: { '/api': ['teamChat'] } },
			options: [
				{ name: 'All Messages', value: 'all', description: 'Every message, replies included, one item each' },
				{
					name: 'Main Messages Only',
					value: 'mainOnly',
					description: 'Only messages that start a thread or stand alone (Zoom leaves the replies out)',
				},
				{
					name: 'Main Messages With Their Replies',
					value: 'grouped',
					description: 'One item per main message, its replies of the range under "replies"',
				},
			],
			description: 'What to do with thread replies, which Zoom returns among the messages',
		},
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Europe/Berlin',
			description: "Timezone of the From and To days (IANA name). Empty uses the workflow's timezone.",
		},
		{
			displayName: 'Voice Messages as MP4',
			name: 'voiceAsMp4',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/api': ['teamChat'] } },
			description: "Whether Zoom should give voice messages' files as MP4 audio (audio/mp4)",
		},
	]),
];

interface ItemOptions extends PaceAndRetryOptions {
	timezone?: string;
	concurrency?: number;
	requestTimeout?: number;
	includeDeletedAndEdited?: boolean;
	simplify?: boolean;
	threadReplies?: string;
	downloadFiles?: boolean;
	maxFileSizeMb?: number;
	voiceAsMp4?: boolean;
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
	threadReplies: ThreadRepliesMode;
	downloadFiles: boolean;
	maxFileSizeMb: number;
	voiceAsMp4: boolean;
}

function checkThreadReplies(value: unknown): ThreadRepliesMode {
	if (value === undefined || value === '') return 'all';
	if (THREAD_REPLIES_MODES.includes(value as ThreadRepliesMode)) return value as ThreadRepliesMode;
	throw new ParameterProblem('Thread Replies', value, `is not one of ${THREAD_REPLIES_MODES.map((m) => JSON.stringify(m)).join(', ')}`);
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
	// Thread replies, files and voice formats exist in Team Chat only; IM chat ignores these options.
	const teamChat = target.api === 'teamChat';
	const threadReplies = teamChat ? checkThreadReplies(raw.threadReplies) : 'all';
	const maxFileSizeMb = checkPositiveNumber(raw.maxFileSizeMb ?? 100, 'Max File Size (MB)');
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
		threadReplies,
		downloadFiles: teamChat && raw.downloadFiles === true,
		maxFileSizeMb,
		voiceAsMp4: teamChat && raw.voiceAsMp4 === true,
	};
}

async function readItem(
	ctx: IExecuteFunctions,
	request: ItemRequest,
	pacer: RequestPacer,
): Promise<{ windows: ZoomMessage[][]; secrets: string[] }> {
	const { client, secrets } = await connectToZoom(ctx, request.authentication, {
		...request.paceAndRetry,
		requestTimeoutMs: request.requestTimeout,
		pacer,
	});
	const windows = await readChatMessages(client, request.target, request.range, {
		pageSize: request.pageSize,
		limit: request.limit,
		concurrency: request.concurrency,
		zone: request.zone,
		includeDeletedAndEdited: request.includeDeletedAndEdited,
		excludeChildMessage: request.threadReplies === 'mainOnly',
		voiceAsMp4: request.voiceAsMp4,
	});
	// Grouping needs the replies of every window: a reply may come a month after its main message.
	return { windows: request.threadReplies === 'grouped' ? [groupThreadReplies(windows.flat())] : windows, secrets };
}

/** The MIME type n8n records: the answer's, unless it says nothing specific (then n8n guesses from the file name). */
function mimeTypeOf(contentType: string | undefined): string | undefined {
	return contentType && contentType !== 'application/octet-stream' && contentType !== 'binary/octet-stream' ? contentType : undefined;
}

type Download = ReturnType<typeof fileDownloader>;

/**
 * Download Files: each planned file of the message, one after the other, streamed into n8n's
 * binary data (n8n keeps it in memory or on disk, by its binary data mode). The item's JSON
 * lists every file in `file_downloads`. A file that cannot be fetched fails the input item.
 */
async function attachFiles(
	ctx: IExecuteFunctions,
	message: ZoomMessage,
	item: INodeExecutionData,
	maxFileSizeMb: number,
	download: Download,
): Promise<void> {
	const { entries, downloads } = planFileDownloads(message, maxFileSizeMb);
	const binary: IBinaryKeyData = {};
	for (const planned of downloads) {
		const file = await download(planned.downloadUrl, planned.what);
		if (maxFileSizeMb > 0 && file.contentLength !== undefined && file.contentLength > maxFileSizeMb * 1024 * 1024) {
			// Zoom's file_size understated the file: the cap still holds.
			(file.body as { destroy?: () => void }).destroy?.();
			planned.entry.binary_property = null;
			planned.entry.skipped = tooLargeReason(maxFileSizeMb);
			continue;
		}
		binary[planned.property] = await ctx.helpers.prepareBinaryData(
			file.body as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
			planned.entry.file_name,
			mimeTypeOf(file.contentType),
		);
	}
	item.json.file_downloads = entries as unknown as IDataObject[];
	if (Object.keys(binary).length > 0) item.binary = binary;
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
			const { windows, secrets } = await readItem(this, request, pacer);
			const toJson = itemJsonBuilder(request.target, request.simplify);
			const download = request.downloadFiles
				? fileDownloader(this, {
						authentication: request.authentication,
						requestTimeoutMs: request.requestTimeout,
						maxRequestsPerSecond: request.paceAndRetry.maxRequestsPerSecond,
						maxRetries: request.paceAndRetry.maxRetries,
						backoff: request.paceAndRetry.backoff,
						pacer,
						secrets,
					})
				: undefined;
			// This input item's output, kept apart until it is complete: a file that cannot be fetched
			// fails the whole input item, so none of its items may have gone out before.
			const itemOutput: INodeExecutionData[] = [];
			for (let w = 0; w < windows.length; w++) {
				for (const message of windows[w]) {
					const item: INodeExecutionData = { json: toJson(message) as IDataObject, pairedItem: { item: i } };
					// Planned from Zoom's object (`message`, which toJson leaves its files and download URLs).
					if (download) await attachFiles(this, message, item, request.maxFileSizeMb, download);
					itemOutput.push(item);
				}
				windows[w] = []; // the output items are all that stays
			}
			for (const item of itemOutput) output.push(item);
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
