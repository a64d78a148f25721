import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The conversation fields: the IM chat session, and the Team Chat user, channel or contact. */

/**
 * How far back the IM session picker looks (methods/sessionPicker.ts). Zoom lists IM chat sessions
 * only for a date range of at most one month (`GET /im/chat/sessions` requires `from` and `to`), so
 * every month costs at least one request of Zoom's "Heavy" kind (1 per second on free accounts). A
 * year covers every session that was used in the last year for at most 12 such requests when
 * nothing matches a search; older sessions are still read through By ID.
 */
export const SESSION_PICKER_MONTHS = 12;

/** The Team Chat channel, from the searchable list or by its id. */
export function channelLocator(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Channel',
		name: 'channelId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions,
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
	};
}

/** The contact of a one-to-one Team Chat conversation. */
export function contactProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Contact',
		name: 'contact',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. name@example.com',
		description: 'Email, user ID or member ID of the contact',
		displayOptions,
	};
}

/** Whose Team Chat an operation reads (`what`: "read", "search", "list"). */
export function teamChatUserProperty(what: string, displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: 'me',
		description: `Whose Team Chat to ${what}: "me" for the connected user (OAuth2 only), or a user ID or email (needed with Server-to-Server OAuth; admin apps)`,
		...(displayOptions ? { displayOptions } : {}),
	};
}

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
	teamChatUserProperty('read', { show: { api: ['teamChat'] } }),
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
	channelLocator({ show: { api: ['teamChat'], teamChatTarget: ['channel'] } }),
	contactProperty({ show: { api: ['teamChat'], teamChatTarget: ['contact'] } }),
];
