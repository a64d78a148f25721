import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import {
	concurrencyOption,
	DEFAULTS,
	maxRequestsPerSecondOption,
	maxRetriesOption,
	requestTimeoutOption,
	retryDelayOption,
	simplifyOption,
	timezoneOption,
} from '../../descriptions/options';
import { dayRangeProperties, DEFAULT_PAGE_SIZE, limitProperty, pageSizeProperties, returnAllProperty } from '../../descriptions/paging';
import { readConnection, readDayRange, readLimit, readZone, type ConnectionParameters, type ItemConnection } from '../../parameters/itemParameters';
import { readChatTarget } from '../../parameters/nodeParameters';
import { checkThreadReplies } from '../../parameters/operationChecks';
import { checkPageSize, checkPositiveNumber, checkTeamChatRange } from '../../parameters/validation';
import type { DayRange } from '../../reading/calendar';
import { itemJsonBuilder, type ChatTarget } from '../../reading/chatTarget';
import { readChatMessages } from '../../reading/conversationReader';
import type { ZoomMessage } from '../../reading/messages';
import { groupThreadReplies, type ThreadRepliesMode } from '../../reading/threads';
import type { ZoomClient } from '../../transport/zoomClient';
import { connectItem, type OperationContext } from '../shared';
import { fileAttacher } from './attachFiles';

/** Options of Team Chat only (IM chat has no threads, files or voice formats): shown with Team Chat. */
const teamChatOnly = { show: { '/api': ['teamChat'] } };

const teamChatOptions: Record<'downloadFiles' | 'maxFileSizeMb' | 'threadReplies' | 'voiceAsMp4', INodeProperties> = {
	downloadFiles: {
		displayName: 'Download Files',
		name: 'downloadFiles',
		type: 'boolean',
		default: false,
		displayOptions: teamChatOnly,
		description:
			"Whether to put each file of a message into the item's binary data (file_0, file_1, …), fetched with the credential. Each file is also listed in file_downloads.",
	},
	maxFileSizeMb: {
		displayName: 'Max File Size (MB)',
		name: 'maxFileSizeMb',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100,
		displayOptions: teamChatOnly,
		description: 'With Download Files: a larger file is not downloaded; file_downloads lists it with the reason. 0 means no limit.',
	},
	threadReplies: {
		displayName: 'Thread Replies',
		name: 'threadReplies',
		type: 'options',
		default: 'all',
		displayOptions: teamChatOnly,
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
	voiceAsMp4: {
		displayName: 'Voice Messages as MP4',
		name: 'voiceAsMp4',
		type: 'boolean',
		default: false,
		displayOptions: teamChatOnly,
		description: "Whether Zoom should give voice messages' files as MP4 audio (audio/mp4)",
	},
};

/**
 * Message → Get Many: every message of one conversation in a range of days. Its fields follow the
 * conversation fields (API, session or channel or contact), under the names they had before
 * resources existed.
 */
export const description: INodeProperties[] = [
	...dayRangeProperties(),
	returnAllProperty,
	limitProperty,
	...pageSizeProperties,
	optionsProperty([
		teamChatOptions.downloadFiles,
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
		teamChatOptions.maxFileSizeMb,
		maxRetriesOption,
		concurrencyOption,
		requestTimeoutOption,
		retryDelayOption,
		simplifyOption,
		teamChatOptions.threadReplies,
		timezoneOption,
		teamChatOptions.voiceAsMp4,
	]),
];

interface ItemOptions extends ConnectionParameters {
	concurrency?: number;
	includeDeletedAndEdited?: boolean;
	simplify?: boolean;
	threadReplies?: string;
	downloadFiles?: boolean;
	maxFileSizeMb?: number;
	voiceAsMp4?: boolean;
}

interface ItemRequest {
	connection: ItemConnection;
	target: ChatTarget;
	range: DayRange;
	zone: string;
	limit?: number;
	pageSize: number;
	concurrency: number;
	includeDeletedAndEdited: boolean;
	simplify: boolean;
	threadReplies: ThreadRepliesMode;
	downloadFiles: boolean;
	maxFileSizeMb: number;
	voiceAsMp4: boolean;
}

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readItemRequest(ctx: IExecuteFunctions, i: number): ItemRequest {
	const raw = ctx.getNodeParameter('options', i, {}) as ItemOptions;
	const zone = readZone(ctx, raw);
	const connection = readConnection(ctx, i, raw);
	const concurrency = checkPositiveNumber(raw.concurrency ?? DEFAULTS.concurrency, 'Parallel Windows', { integer: true });
	const target = readChatTarget((name, fallback, options) => ctx.getNodeParameter(name, i, fallback, options));
	// Thread replies, files and voice formats exist in Team Chat only; IM chat ignores these options.
	const teamChat = target.api === 'teamChat';
	const range = readDayRange(ctx, i, zone, teamChat ? checkTeamChatRange : undefined);
	const limit = readLimit(ctx, i);
	const pageSize = checkPageSize(ctx.getNodeParameter('pageSize', i, DEFAULT_PAGE_SIZE[target.api]), target.api);
	const threadReplies = teamChat ? checkThreadReplies(raw.threadReplies) : 'all';
	const maxFileSizeMb = checkPositiveNumber(raw.maxFileSizeMb ?? 100, 'Max File Size (MB)');
	return {
		connection,
		target,
		range,
		zone,
		limit,
		pageSize,
		concurrency,
		includeDeletedAndEdited: raw.includeDeletedAndEdited === true,
		simplify: raw.simplify !== false,
		threadReplies,
		downloadFiles: teamChat && raw.downloadFiles === true,
		maxFileSizeMb,
		voiceAsMp4: teamChat && raw.voiceAsMp4 === true,
	};
}

/** The messages of the item's conversation and range, one array per window (or one, grouped). */
async function readMessages(client: ZoomClient, request: ItemRequest): Promise<ZoomMessage[][]> {
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
	return request.threadReplies === 'grouped' ? [groupThreadReplies(windows.flat())] : windows;
}

/**
 * One output item per message, oldest window first. With Download Files, each message's files go
 * into its binary data; a file that cannot be fetched fails the whole input item (the router sends
 * an item's output only once it is complete).
 */
export async function execute(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const request = readItemRequest(context.n8n, i);
	const { client, secrets, apiBaseUrl } = await connectItem(context, request.connection);
	const windows = await readMessages(client, request);
	const toJson = itemJsonBuilder(request.target, request.simplify);
	const attach = request.downloadFiles ? fileAttacher(context, request.connection, secrets, apiBaseUrl(), request.maxFileSizeMb) : undefined;
	const items: INodeExecutionData[] = [];
	for (let w = 0; w < windows.length; w++) {
		for (const message of windows[w]) {
			const item: INodeExecutionData = { json: toJson(message) as IDataObject };
			// Planned from Zoom's object (`message`, which toJson leaves its files and download URLs).
			if (attach) await attach(message, item);
			items.push(item);
		}
		windows[w] = []; // the output items are all that stays
	}
	return items;
}
