import type { INodeProperties } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../reading/pageSizes';

/** How much an operation reads: From / To, Return All / Limit and Page Size, declared once. */

export function dayProperty(name: 'from' | 'to', description: string): INodeProperties {
	return {
		displayName: name === 'from' ? 'From' : 'To',
		name,
		type: 'dateTime',
		default: '',
		required: true,
		description,
	};
}

/** From and To with the descriptions most operations use (`fromNote` adds what the source keeps). */
export function dayRangeProperties(fromNote = ''): INodeProperties[] {
	return [
		dayProperty('from', `First day of the range (inclusive), in the chosen timezone${fromNote}`),
		dayProperty('to', 'Last day of the range (inclusive). A day in the future is treated as today.'),
	];
}

export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** A Page Size field from 1 to Zoom's maximum for the endpoint it feeds. */
export function pageSizeProperty(max: number, defaultSize: number, description: string): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max, numberPrecision: 0 },
		default: defaultSize,
		description,
	};
}

const TEAM_CHAT_PAGE_SIZE_NOTE = 'Messages per request to Zoom (Team Chat allows at most 50)';

/**
 * The Page Size a Get Many or the trigger uses when the workflow does not set one: Zoom's
 * documented maximum for the chosen API (fewest requests; the items are the same at any size).
 * n8n stores only values that differ from the default of the declaration it shows (the one whose
 * displayOptions match the saved `api`), so a workflow that never set Page Size gets 300 with IM
 * chat and 50 with Team Chat, and a value it saved (50 included, now that 50 is not IM chat's
 * default) is kept.
 */
export const DEFAULT_PAGE_SIZE = { imChat: MAX_PAGE_SIZE.imChat, teamChat: MAX_PAGE_SIZE.teamChat } as const;

/** Page Size of the Team Chat search (no API choice there). */
export const teamChatPageSizeProperty = pageSizeProperty(MAX_PAGE_SIZE.teamChat, DEFAULT_PAGE_SIZE.teamChat, TEAM_CHAT_PAGE_SIZE_NOTE);

/**
 * One `pageSize` parameter, declared once per API with that API's range and default (n8n shows,
 * and takes the default of, the one whose displayOptions match; saved workflows keep their single
 * `pageSize` value either way).
 */
export const pageSizeProperties: INodeProperties[] = [
	{
		...pageSizeProperty(
			MAX_PAGE_SIZE.imChat,
			DEFAULT_PAGE_SIZE.imChat,
			'Messages per request to Zoom (IM chat allows up to 300, the default: larger pages mean fewer requests)',
		),
		displayOptions: { show: { api: ['imChat'] } },
	},
	{ ...teamChatPageSizeProperty, displayOptions: { show: { api: ['teamChat'] } } },
];
