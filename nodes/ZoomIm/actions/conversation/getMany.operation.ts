import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import { teamChatUserProperty } from '../../descriptions/conversation';
import { connectionOptions, timezoneOption } from '../../descriptions/options';
import { dayRangeProperties, limitProperty, returnAllProperty } from '../../descriptions/paging';
import { readConnection, readDayRange, readLimit, readZone, type ConnectionParameters } from '../../parameters/itemParameters';
import { checkOneOf, checkRecentRange } from '../../parameters/operationChecks';
import { checkTeamChatUserId } from '../../parameters/validation';
import type { DayRange } from '../../reading/calendar';
import {
	listImChatSessions,
	listTeamChatChannels,
	listTeamChatSessions,
	type TeamChatSessionType,
} from '../../reading/conversationLists';
import type { ZoomEntry } from '../../reading/listPage';
import { MAX_PAGE_SIZE } from '../../reading/pageSizes';
import type { ZoomClient } from '../../transport/zoomClient';
import { connectItem, jsonItems, type OperationContext } from '../shared';

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
	teamChatUserProperty('list', teamChat),
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
	...dayRangeProperties().map((day) => ({ ...day, displayOptions: dated })),
	returnAllProperty,
	limitProperty,
	optionsProperty([...connectionOptions, timezoneOption]),
];

const SESSION_TYPES = ['all', '1:1', 'groupchat'] as const;

type Listing =
	| { kind: 'teamChatChannels'; userId: string }
	| { kind: 'teamChatSessions'; userId: string; sessionType: TeamChatSessionType; range: DayRange; zone: string }
	| { kind: 'imChatSessions'; range: DayRange };

/** Sessions of a range are Team Chat's only for its last 6 months; IM chat's for any range. */
const teamChatSessionsRange = (range: DayRange, from: unknown, zone: string, now: number) =>
	checkRecentRange(range, from, zone, 'Team Chat sessions', now);

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readListing(ctx: IExecuteFunctions, i: number) {
	const raw = ctx.getNodeParameter('options', i, {}) as ConnectionParameters;
	const connection = readConnection(ctx, i, raw);
	const kind: ConversationKind = checkOneOf(ctx.getNodeParameter('conversationType', i, 'imChatSessions'), KINDS, 'Conversations');
	const limit = readLimit(ctx, i);
	const readUserId = () => checkTeamChatUserId(ctx.getNodeParameter('userId', i, 'me'), connection.authentication);
	let listing: Listing;
	if (kind === 'teamChatChannels') {
		listing = { kind, userId: readUserId() };
	} else if (kind === 'teamChatSessions') {
		const userId = readUserId();
		const sessionType = checkOneOf(ctx.getNodeParameter('sessionType', i, 'all'), SESSION_TYPES, 'Session Type');
		const zone = readZone(ctx, raw);
		listing = { kind, userId, sessionType, zone, range: readDayRange(ctx, i, zone, teamChatSessionsRange) };
	} else {
		listing = { kind, range: readDayRange(ctx, i, readZone(ctx, raw)) };
	}
	return { connection, limit, listing };
}

async function list(client: ZoomClient, listing: Listing, limit: number | undefined): Promise<ZoomEntry[]> {
	switch (listing.kind) {
		case 'teamChatChannels':
			return await listTeamChatChannels(client, listing.userId, { pageSize: MAX_PAGE_SIZE.teamChatChannels, limit });
		case 'teamChatSessions':
			return await listTeamChatSessions(client, listing.userId, listing.sessionType, listing.range, listing.zone, {
				pageSize: MAX_PAGE_SIZE.teamChatSessions,
				limit,
			});
		default:
			return await listImChatSessions(client, listing.range, { pageSize: MAX_PAGE_SIZE.imChatSessions, limit });
	}
}

/** One output item per conversation. */
export async function execute(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const { connection, limit, listing } = readListing(context.n8n, i);
	const { client } = await connectItem(context, connection);
	return jsonItems([(await list(client, listing, limit)) as IDataObject[]]);
}
