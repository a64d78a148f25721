import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOption, DEFAULTS, optionsProperty, simplifyOption } from '../../descriptions/common';
import { checkPageSizeUpTo, checkSearchKey, checkSearchType, checkOneOf } from '../../parameters/operationChecks';
import {
	checkIdentifier,
	checkLimit,
	checkPositiveNumber,
	checkTeamChatRange,
	checkTeamChatUserId,
	resolveDayRange,
} from '../../parameters/validation';
import { MAX_PAGE_SIZE, type ZoomMessage } from '../../reading/messages';
import { searchTeamChatMessages, type MessageSearch } from '../../reading/messageSearch';
import { simplifyTeamChatMessage, type TeamChatTarget } from '../../reading/teamChat';
import type { RequestPacer } from '../../transport/requestPacer';
import {
	connectionOptions,
	connectItem,
	dayProperty,
	eachItem,
	limitProperty,
	readConnection,
	readZone,
	returnAllProperty,
	timezoneOption,
	type ConnectionParameters,
} from '../shared';

/**
 * Message → Search (Team Chat): Zoom's message or file search in a range of days, across all of
 * the user's channels and contacts or in one of them.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: 'me',
		description:
			'Whose Team Chat to search: "me" for the connected user (OAuth2 only), or a user ID or email (needed with Server-to-Server OAuth; admin apps)',
	},
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
	{
		displayName: 'Channel',
		name: 'channelId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { searchIn: ['channel'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchChannels', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 5f3b7c9e2d1a4b6c8e0f' },
		],
	},
	{
		displayName: 'Contact',
		name: 'contact',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. name@example.com',
		description: 'Email, user ID or member ID of the contact',
		displayOptions: { show: { searchIn: ['contact'] } },
	},
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
	dayProperty('from', 'First day of the range (inclusive), in the chosen timezone. Team Chat keeps the last 6 months.'),
	dayProperty('to', 'Last day of the range (inclusive). A day in the future is treated as today.'),
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE.teamChat, numberPrecision: 0 },
		default: 50,
		description: 'Messages per request to Zoom (Team Chat allows at most 50)',
	},
	optionsProperty([...connectionOptions, concurrencyOption, simplifyOption, timezoneOption]),
];

interface SearchOptions extends ConnectionParameters {
	concurrency?: number;
	simplify?: boolean;
}

const SEARCH_IN = ['all', 'channel', 'contact'] as const;

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readSearch(ctx: IExecuteFunctions, i: number) {
	const raw = ctx.getNodeParameter('options', i, {}) as SearchOptions;
	const connection = readConnection(ctx, i, raw);
	const zone = readZone(ctx, raw);
	const concurrency = checkPositiveNumber(raw.concurrency ?? DEFAULTS.concurrency, 'Parallel Windows', { integer: true });
	const userId = checkTeamChatUserId(ctx.getNodeParameter('userId', i, 'me'), connection.authentication);
	const searchIn = checkOneOf(ctx.getNodeParameter('searchIn', i, 'all'), SEARCH_IN, 'Search In');
	let conversation: TeamChatTarget | undefined;
	if (searchIn === 'channel') {
		conversation = { toChannel: checkIdentifier(ctx.getNodeParameter('channelId', i, '', { extractValue: true }), 'Channel', { pathSegment: false }) };
	} else if (searchIn === 'contact') {
		conversation = { toContact: checkIdentifier(ctx.getNodeParameter('contact', i, ''), 'Contact', { pathSegment: false }) };
	}
	const search: MessageSearch = {
		userId,
		conversation,
		searchType: checkSearchType(ctx.getNodeParameter('searchType', i, 'message')),
		searchKey: checkSearchKey(ctx.getNodeParameter('searchKey', i, '')),
	};
	const from = ctx.getNodeParameter('from', i, undefined);
	const now = Date.now();
	const range = resolveDayRange(from, ctx.getNodeParameter('to', i, undefined), zone, now);
	checkTeamChatRange(range, from, zone, now);
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : checkLimit(ctx.getNodeParameter('limit', i, limitProperty.default));
	const pageSize = checkPageSizeUpTo(ctx.getNodeParameter('pageSize', i, 50), MAX_PAGE_SIZE.teamChat, 'Team Chat');
	return { connection, search, range, settings: { pageSize, limit, concurrency, zone }, simplify: raw.simplify !== false };
}

/** One output item per matching message, simplified unless Simplify is off, with the conversation searched. */
export async function execute(this: IExecuteFunctions, pacer: RequestPacer): Promise<INodeExecutionData[][]> {
	return await eachItem(this, async (i) => {
		const request = readSearch(this, i);
		const client = await connectItem(this, request.connection, pacer);
		const windows = await searchTeamChatMessages(client, request.search, request.range, request.settings);
		const { conversation } = request.search;
		const field = conversation ? ('toChannel' in conversation ? { channel_id: conversation.toChannel } : { contact: conversation.toContact }) : {};
		const toJson = (message: ZoomMessage) => ({ ...(request.simplify ? simplifyTeamChatMessage(message) : message), ...field }) as IDataObject;
		return windows.map((messages) => messages.map(toJson));
	});
}
