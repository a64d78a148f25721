import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import { checkOneOf, checkRecentRange } from '../../parameters/operationChecks';
import { checkLimit, checkTeamChatUserId, resolveDayRange } from '../../parameters/validation';
import {
	LIST_PAGE_SIZE,
	listImChatSessions,
	listTeamChatChannels,
	listTeamChatSessions,
	type TeamChatSessionType,
} from '../../reading/conversationLists';
import type { ZoomEntry } from '../../reading/listPage';
import type { DayRange } from '../../reading/calendar';
import type { RequestPacer } from '../../transport/requestPacer';
import type { ZoomClient } from '../../transport/zoomClient';
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
 * Conversation → Get Many: the conversations there are to read, one item each, with the ids that
 * Message → Get Many takes (`session_id`; `channel_id`; `contact` or `channel_id`).
 */
const KINDS = ['imChatSessions', 'teamChatChannels', 'teamChatSessions'] as const;
type ConversationKind = (typeof KINDS)[number];

const dated = { show: { conversationType: ['imChatSessions', 'teamChatSessions'] } };
const teamChat = { show: { conversationType: ['teamChatChannels', 'teamChatSessions'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Conversations',
		name: 'conversationType',
		type: 'options',
		options: [
			{
				name: 'IM Chat Sessions',
				value: 'imChatSessions',
				description: 'IM chat sessions with messages in the range of days (their session_id is the Session of Message → Get Many)',
			},
			{
				name: 'Team Chat Channels',
				value: 'teamChatChannels',
				description: "The user's Team Chat channels (channel_id)",
			},
			{
				name: 'Team Chat Sessions',
				value: 'teamChatSessions',
				description: "The user's one-to-one and group chats with activity in the range of days (contact or channel_id)",
			},
		],
		default: 'imChatSessions',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: 'me',
		description:
			'Whose Team Chat to list: "me" for the connected user (OAuth2 only), or a user ID or email (needed with Server-to-Server OAuth; admin apps)',
		displayOptions: teamChat,
	},
	{
		displayName: 'Session Type',
		name: 'sessionType',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Group', value: 'groupchat' },
			{ name: 'One-to-One', value: '1:1' },
		],
		default: 'all',
		displayOptions: { show: { conversationType: ['teamChatSessions'] } },
	},
	{ ...dayProperty('from', 'First day of the range (inclusive), in the chosen timezone'), displayOptions: dated },
	{ ...dayProperty('to', 'Last day of the range (inclusive). A day in the future is treated as today.'), displayOptions: dated },
	returnAllProperty,
	limitProperty,
	optionsProperty([...connectionOptions, timezoneOption]),
];

const SESSION_TYPES = ['all', '1:1', 'groupchat'] as const;

type Listing =
	| { kind: 'teamChatChannels'; userId: string }
	| { kind: 'teamChatSessions'; userId: string; sessionType: TeamChatSessionType; range: DayRange; zone: string }
	| { kind: 'imChatSessions'; range: DayRange };

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readListing(ctx: IExecuteFunctions, i: number) {
	const raw = ctx.getNodeParameter('options', i, {}) as ConnectionParameters;
	const connection = readConnection(ctx, i, raw);
	const kind: ConversationKind = checkOneOf(ctx.getNodeParameter('conversationType', i, 'imChatSessions'), KINDS, 'Conversations');
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : checkLimit(ctx.getNodeParameter('limit', i, limitProperty.default));
	const readUserId = () => checkTeamChatUserId(ctx.getNodeParameter('userId', i, 'me'), connection.authentication);
	const readRange = (zone: string) => {
		const from = ctx.getNodeParameter('from', i, undefined);
		const now = Date.now();
		const range = resolveDayRange(from, ctx.getNodeParameter('to', i, undefined), zone, now);
		if (kind === 'teamChatSessions') checkRecentRange(range, from, zone, 'Team Chat sessions', now);
		return range;
	};
	let listing: Listing;
	if (kind === 'teamChatChannels') {
		listing = { kind, userId: readUserId() };
	} else if (kind === 'teamChatSessions') {
		const userId = readUserId();
		const sessionType = checkOneOf(ctx.getNodeParameter('sessionType', i, 'all'), SESSION_TYPES, 'Session Type');
		const zone = readZone(ctx, raw);
		listing = { kind, userId, sessionType, zone, range: readRange(zone) };
	} else {
		listing = { kind, range: readRange(readZone(ctx, raw)) };
	}
	return { connection, limit, listing };
}

async function list(client: ZoomClient, listing: Listing, limit: number | undefined): Promise<ZoomEntry[]> {
	switch (listing.kind) {
		case 'teamChatChannels':
			return await listTeamChatChannels(client, listing.userId, { pageSize: LIST_PAGE_SIZE.teamChatChannels, limit });
		case 'teamChatSessions':
			return await listTeamChatSessions(client, listing.userId, listing.sessionType, listing.range, listing.zone, {
				pageSize: LIST_PAGE_SIZE.teamChatSessions,
				limit,
			});
		default:
			return await listImChatSessions(client, listing.range, { pageSize: LIST_PAGE_SIZE.imChatSessions, limit });
	}
}

/** One output item per conversation, paired with its input item. */
export async function execute(this: IExecuteFunctions, pacer: RequestPacer): Promise<INodeExecutionData[][]> {
	return await eachItem(this, async (i) => {
		const { connection, limit, listing } = readListing(this, i);
		const client = await connectItem(this, connection, pacer);
		return [(await list(client, listing, limit)) as IDataObject[]];
	});
}
