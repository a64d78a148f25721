import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { SESSION_PICKER_MONTHS } from '../methods/sessionPicker';
import { MAX_PAGE_SIZE } from '../reading/messages';

/**
 * What the Zoom IM Messages node and its trigger share in their descriptions: the credential slots,
 * the parameters and the options (names fixed by the contract).
 */

/** The credential slots of both nodes: one per Authentication choice (names fixed by the contract). */
export const zoomCredentials: INodeCredentialDescription[] = [
	{
		name: 'zoomImOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: 'zoomImServerToServerOAuthApi',
		required: true,
		displayOptions: { show: { authentication: ['serverToServer'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2', value: 'oAuth2', description: 'A Zoom OAuth app connected to a user' },
		{
			name: 'Server-to-Server OAuth',
			value: 'serverToServer',
			description: 'A Zoom Server-to-Server OAuth app of the account',
		},
	],
	default: 'oAuth2',
};

export const apiProperty: INodeProperties = {
	displayName: 'API',
	name: 'api',
	type: 'options',
	options: [
		{
			name: 'IM Chat',
			value: 'imChat',
			description: 'Messages of one IM chat session (Zoom marks this API as deprecated)',
		},
		{
			name: 'Team Chat',
			value: 'teamChat',
			description: 'Messages of a Team Chat channel or a conversation with a contact',
		},
	],
	default: 'imChat',
};

export const targetProperties: INodeProperties[] = [
	{
		displayName: 'Session',
		name: 'sessionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The IM chat session to read. From List shows the sessions with messages in the last ${SESSION_PICKER_MONTHS} months, newest first; By ID works for any session.`,
		displayOptions: { show: { api: ['imChat'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchSessions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 6a87a3f7-4d92-4d6c-8f2a-1b0c9d7e2f11',
			},
		],
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: 'me',
		description:
			'Whose Team Chat to read: "me" for the connected user (OAuth2 only), or a user ID or email (needed with Server-to-Server OAuth; admin apps)',
		displayOptions: { show: { api: ['teamChat'] } },
	},
	{
		displayName: 'Conversation',
		name: 'teamChatTarget',
		type: 'options',
		options: [
			{ name: 'Channel', value: 'channel' },
			{ name: 'Contact', value: 'contact', description: 'A one-to-one conversation' },
		],
		default: 'channel',
		displayOptions: { show: { api: ['teamChat'] } },
	},
	{
		displayName: 'Channel',
		name: 'channelId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { api: ['teamChat'], teamChatTarget: ['channel'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchChannels', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5f3b7c9e2d1a4b6c8e0f',
			},
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
		displayOptions: { show: { api: ['teamChat'], teamChatTarget: ['contact'] } },
	},
];

/**
 * One `pageSize` parameter, shown with the range of the chosen API (n8n shows the one whose
 * displayOptions match; saved workflows keep their single `pageSize` value either way).
 */
export const pageSizeProperties: INodeProperties[] = [
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE.imChat, numberPrecision: 0 },
		default: 50,
		description: 'Messages per request to Zoom (IM chat allows up to 300; larger pages mean fewer requests)',
		displayOptions: { show: { api: ['imChat'] } },
	},
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE.teamChat, numberPrecision: 0 },
		default: 50,
		description: 'Messages per request to Zoom (Team Chat allows at most 50)',
		displayOptions: { show: { api: ['teamChat'] } },
	},
];

/** The Options collection of a node, holding `options` in the order the editor lists them. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options };
}

/**
 * "Max Requests per Second": a cap on the pace the node learns from Zoom's answers. 0 (the default,
 * also what an emptied field means) leaves the pace automatic. What it caps differs between the
 * node and the trigger, hence the description.
 */
export function maxRequestsPerSecondOption(description: string): INodeProperties {
	return {
		displayName: 'Max Requests per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description,
	};
}

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 5,
	description: 'How often one request is retried after a rate limit, server error or dropped connection',
};

export const retryDelayOption: INodeProperties = {
	displayName: 'Retry Delay (Ms)',
	name: 'retryDelay',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1000,
	description:
		'Wait before the first retry; it doubles with each further retry (up to 60 s) unless Zoom sends Retry-After',
};

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return only the fields people usually map instead of the raw data (Team Chat only)',
};

/** Node options whose defaults the trigger also uses, as fixed settings. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Parallel Windows',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description:
		'Most date windows read at the same time when Return All is on. 0 = automatic: as many as the learned pace and Zoom’s latency need (a range with few months is then read in shorter parts).',
};

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Ms)',
	name: 'requestTimeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 30000,
	description: 'How long to wait for one answer from Zoom before retrying',
};

const defaultOf = (property: INodeProperties) => property.default as number;

/** The defaults above, for the checks to use when an option is not set: the same values the editor shows. */
export const DEFAULTS = {
	pageSize: defaultOf(pageSizeProperties[0]),
	maxRequestsPerSecond: defaultOf(maxRequestsPerSecondOption('')),
	maxRetries: defaultOf(maxRetriesOption),
	retryDelay: defaultOf(retryDelayOption),
	concurrency: defaultOf(concurrencyOption),
	requestTimeout: defaultOf(requestTimeoutOption),
};
