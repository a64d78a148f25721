import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import { connectionOptions, timezoneOption } from '../../descriptions/options';
import { dayRangeProperties, limitProperty, pageSizeProperty, returnAllProperty } from '../../descriptions/paging';
import { readConnection, readDayRange, readLimit, readZone, type ConnectionParameters } from '../../parameters/itemParameters';
import { checkRecentRange } from '../../parameters/operationChecks';
import { checkPageSizeUpTo, checkPositiveNumber } from '../../parameters/validation';
import type { DayRange } from '../../reading/calendar';
import { readReportMessages, type ReportOptions } from '../../reading/chatReport';
import { MAX_PAGE_SIZE } from '../../reading/pageSizes';
import { connectItem, jsonItems, type OperationContext } from '../shared';

/**
 * Account → Get Many Messages: every message of every chat conversation of the account in a range
 * of days, from Zoom's chat history report (an admin read: scope report_chat:read:admin or
 * imchat:read:admin, Pro plan or higher).
 */

function includeOption(name: keyof ReportOptions, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'boolean', default: false, description };
}

/** Conversations read at the same time when the option is not set (Parallel Windows' automatic 0 does not apply here). */
const PARALLEL_SESSIONS_DEFAULT = 4;

export const description: INodeProperties[] = [
	{
		displayName:
			"Reads Zoom's chat history report for the whole account: an admin app (Server-to-Server OAuth, or OAuth2 of an admin) with the scope report_chat:read:admin or imchat:read:admin, on a Pro plan or higher. Zoom keeps the last 6 months.",
		name: 'accountNotice',
		type: 'notice',
		default: '',
	},
	...dayRangeProperties('. Zoom keeps the last 6 months.'),
	returnAllProperty,
	limitProperty,
	pageSizeProperty(
		MAX_PAGE_SIZE.reportMessages,
		MAX_PAGE_SIZE.reportMessages,
		"Messages per request to Zoom (the report allows at most 100; sessions are listed 300 at a time)",
	),
	optionsProperty([
		includeOption('includeBotMessages', 'Include Bot Messages', 'Whether to return the bot_message details of messages sent by bots'),
		includeOption(
			'includeCustomEmojiReactions',
			'Include Custom Emoji Reactions',
			'Whether to return the custom emoji reactions of each message',
		),
		includeOption(
			'includeDeleted',
			'Include Deleted Messages',
			'Whether to also return deleted messages (one item each, with report_list "deleted_messages")',
		),
		includeOption(
			'includeEdited',
			'Include Edited Messages',
			'Whether to also return edited messages (one item each, with report_list "edited_messages")',
		),
		includeOption('includeReactions', 'Include Reactions', 'Whether to return the emoji reactions of each message'),
		...connectionOptions,
		{
			displayName: 'Parallel Sessions',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 8, numberPrecision: 0 },
			default: PARALLEL_SESSIONS_DEFAULT,
			description: 'How many conversations are read at the same time when Return All is on',
		},
		timezoneOption,
	]),
];

interface AccountOptions extends ConnectionParameters, Partial<ReportOptions> {
	concurrency?: number;
}

/** The report is served for the last 6 months only. */
const reportRange = (range: DayRange, from: unknown, zone: string, now: number) =>
	checkRecentRange(range, from, zone, "Zoom's chat history report", now);

/** Reads and checks one item's parameters; throws ParameterProblem before anything is sent. */
function readExport(ctx: IExecuteFunctions, i: number) {
	const raw = ctx.getNodeParameter('options', i, {}) as AccountOptions;
	const connection = readConnection(ctx, i, raw);
	const zone = readZone(ctx, raw);
	const concurrency = checkPositiveNumber(raw.concurrency ?? PARALLEL_SESSIONS_DEFAULT, 'Parallel Sessions', { integer: true, min: 1 });
	const range = readDayRange(ctx, i, zone, reportRange);
	const limit = readLimit(ctx, i);
	const max = MAX_PAGE_SIZE.reportMessages;
	const pageSize = checkPageSizeUpTo(ctx.getNodeParameter('pageSize', i, max), max, "Zoom's chat report");
	const options: ReportOptions = {
		includeEdited: raw.includeEdited === true,
		includeDeleted: raw.includeDeleted === true,
		includeBotMessages: raw.includeBotMessages === true,
		includeReactions: raw.includeReactions === true,
		includeCustomEmojiReactions: raw.includeCustomEmojiReactions === true,
	};
	return { connection, range, options, settings: { pageSize, limit, concurrency } };
}

/**
 * One output item per message, as Zoom's report serves it, plus its conversation (`session_id`,
 * `session_name`, `session_type`, `channel_id` for a channel) and `report_list`, the list of Zoom's
 * answer it came from.
 */
export async function execute(context: OperationContext, i: number): Promise<INodeExecutionData[]> {
	const request = readExport(context.n8n, i);
	const { client } = await connectItem(context, request.connection);
	return jsonItems((await readReportMessages(client, request.range, request.options, request.settings)) as IDataObject[][]);
}
