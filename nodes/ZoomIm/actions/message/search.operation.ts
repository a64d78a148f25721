import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import { channelLocator, contactProperty, teamChatUserProperty } from '../../descriptions/conversation';
import { concurrencyOption, connectionOptions, DEFAULTS, simplifyOption, timezoneOption } from '../../descriptions/options';
import { dayRangeProperties, DEFAULT_PAGE_SIZE, limitProperty, returnAllProperty, teamChatPageSizeProperty } from '../../descriptions/paging';
import { readConnection, readDayRange, readLimit, readZone, type ConnectionParameters } from '../../parameters/itemParameters';
import { checkSearchKey, checkSearchType, checkOneOf } from '../../parameters/operationChecks';
import { checkIdentifier, checkPageSizeUpTo, checkPositiveNumber, checkTeamChatRange, checkTeamChatUserId } from '../../parameters/validation';
import type { ZoomMessage } from '../../reading/messages';
import { searchTeamChatMessages, type MessageSearch } from '../../reading/messageSearch';
import { MAX_PAGE_SIZE } from '../../reading/pageSizes';
import { simplifyTeamChatMessage, type TeamChatTarget } from '../../reading/teamChat';
import { connectItem, jsonItems, type OperationContext } from '../shared';

/**
 * Message → Search (Team Chat): Zoom's message or file search in a range of days, across all of
 * the user's channels and contacts or in one of them.
 */
export const description: INodeProperties[] = [
	teamChatUserProperty('search'),
	{
		displayName: 'Search In',
		name: 'searchIn',
		type: 'options',
		options: [
			{ name: 'All Conversations', value: 'all', description: "Every channel and contact of the user, in one search per month" },
			{ name: 'Channel', value: 'channel', description: 'One channel' },
			{ name: 'Contact', value: 'contact', description: 'One one-to-one conversation' },
		],
		default: 'all',
	},
	channelLocator({ show: { searchIn: ['channel'] } }),
	contactProperty({ show: { searchIn: ['contact'] } }),
	{
		displayName: 'Search For',
		name: 'searchType',
		type: 'options',
		options: [
			{ name: 'Files', value: 'file', description: 'Messages with a file whose name matches' },
			{ name: 'Messages', value: 'message', description: 'Messages whose text matches' },
		],
		default: 'message',
	},
	{
		displayName: 'Search Key',
		name: 'searchKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. invoice',
		description: 'The text to search for (at most 256 characters)',
	},
	...dayRangeProperties('. Team Chat keeps the last 6 months.'),
	returnAllProperty,
	limitProperty,
	teamChatPageSizeProperty,
	optionsProperty([...connectionOptions, concurrencyOption, simplifyOption, timezoneOption]),
];

interface SearchOptions extends ConnectionParameters {
	concurrency?: number;
	simplify?: boolean;
}

const SEARCH_IN = ['all', 'channel', 'contact'] as const;

/** The conversation searched: all of the user's, or one channel or contact. */
function readConversation(ctx: IExecuteFunctions, i: number): TeamChatTarget | undefined {
	const searchIn = checkOneOf(ctx.getNodeParameter('searchIn', i, 'all'), SEARCH_IN, 'Search In');
	if (searchIn === 'channel') {
		return { toChannel: checkIdentifier(ctx.getNodeParameter('channelId', i, '', { extractValue: true }), 'Channel', { pathSegment: false }) };
	}
	if (searchIn === 'contact') {
		return { toContact: checkIdentifier(ctx.getNodeParameter('contact', i, ''), 'Contact', { pathSegment: false }) };
	}
	return undefined;
}

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readSearch(ctx: IExecuteFunctions, i: number) {
	const raw = ctx.getNodeParameter('options', i, {}) as SearchOptions;
	const connection = readConnection(ctx, i, raw);
	const zone = readZone(ctx, raw);
	const concurrency = checkPositiveNumber(raw.concurrency ?? DEFAULTS.concurrency, 'Parallel Windows', { integer: true });
	const userId = checkTeamChatUserId(ctx.getNodeParameter('userId', i, 'me'), connection.authentication);
	const search: MessageSearch = {
		userId,
		conversation: readConversation(ctx, i),
		searchType: checkSearchType(ctx.getNodeParameter('searchType', i, 'message')),
		searchKey: checkSearchKey(ctx.getNodeParameter('searchKey', i, '')),
	};
	const range = readDayRange(ctx, i, zone, checkTeamChatRange);
	const limit = readLimit(ctx, i);
	const pageSize = checkPageSizeUpTo(ctx.getNodeParameter('pageSize', i, DEFAULT_PAGE_SIZE.teamChat), MAX_PAGE_SIZE.teamChat, 'Team Chat');
	return { connection, search, range, settings: { pageSize, limit, concurrency, zone }, simplify: raw.simplify !== false };
}

/** One output item per matching message, simplified unless Simplify is off, with the conversation searched. */
export async function execute(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const request = readSearch(context.n8n, i);
	const { client } = await connectItem(context, request.connection);
	const windows = await searchTeamChatMessages(client, request.search, request.range, request.settings);
	const { conversation } = request.search;
	const field = conversation ? ('toChannel' in conversation ? { channel_id: conversation.toChannel } : { contact: conversation.toContact }) : {};
	const toJson = (message: ZoomMessage) => ({ ...(request.simplify ? simplifyTeamChatMessage(message) : message), ...field }) as IDataObject;
	return jsonItems(windows.map((messages) => messages.map(toJson)));
}
