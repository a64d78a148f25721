import type { INodeProperties } from 'n8n-workflow';

import { optionsProperty } from './common';
import { channelLocator, contactProperty, teamChatUserProperty } from './conversation';
import { connectionOptions, simplifyOption } from './options';

/**
 * The fields of Message → Send, Get, Update, Delete and React (Team Chat only). The conversation
 * fields have the names and pickers of Get Many (`userId`, `teamChatTarget`, `channelId`,
 * `contact`), so a workflow maps them the same way. The descriptions are written for people and
 * for an AI agent choosing the values.
 */

const WRITES = ['send', 'get', 'update', 'delete', 'react'];
const show = (operations: string[]) => ({
	show: { resource: ['message'], operation: operations },
});

export const conversationFields: INodeProperties[] = [
	{
		...teamChatUserProperty('act in', show(WRITES)),
		description:
			'Whose Team Chat to act in (the sender of a new message): "me" for the connected user (OAuth2 only), or a user ID or email (needed with Server-to-Server OAuth)',
	},
	{
		displayName: 'Conversation',
		name: 'teamChatTarget',
		type: 'options',
		options: [
			{ name: 'Channel', value: 'channel' },
			{
				name: 'Contact',
				value: 'contact',
				description: 'A one-to-one conversation',
			},
		],
		default: 'channel',
		description: 'Whether the message is in a channel or in a one-to-one conversation with a contact',
		displayOptions: show(WRITES),
	},
	{
		...channelLocator({
			show: {
				resource: ['message'],
				operation: WRITES,
				teamChatTarget: ['channel'],
			},
		}),
		description: 'The Team Chat channel (the user must be a member of it)',
	},
	contactProperty({
		show: {
			resource: ['message'],
			operation: WRITES,
			teamChatTarget: ['contact'],
		},
	}),
];

export const messageIdProperty: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 8cfaf567-bf5a-4acc-b4f2-88b3d371aca5',
	description: 'The message ID, as in the output of Get Many, Search or Send',
	displayOptions: show(['get', 'update', 'delete', 'react']),
};

export const textProperty: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	description: 'The text of the message, at most 1,024 characters (an emoji counts 2). Mentions chosen under Options are found in it by their "@Name", or added at its end.',
	displayOptions: show(['send', 'update']),
};

export const reactionProperties: INodeProperties[] = [
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 👍 or U+1F44D',
		description: 'The emoji itself (👍) or its Unicode code point (U+1F44D)',
		displayOptions: show(['react']),
	},
	{
		displayName: 'Action',
		name: 'reactionAction',
		type: 'options',
		options: [
			{ name: 'Add', value: 'add', description: "Add the user's reaction" },
			{
				name: 'Remove',
				value: 'remove',
				description: "Remove the user's reaction",
			},
		],
		default: 'add',
		displayOptions: show(['react']),
	},
];

const sendOnlyOptions: INodeProperties[] = [
	{
		displayName: 'Reply To Message ID',
		name: 'replyToMessageId',
		type: 'string',
		default: '',
		description:
			"To answer in a thread: the message ID of the thread's main message (for a reply in it, its reply_main_message_id). Empty: a new message.",
	},
	{
		displayName: 'Mentions',
		name: 'mentions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add mention',
		description: 'People (or everyone in the channel) to @mention. Each "@Name" is found in the text, or added at its end.',
		options: [
			{
				displayName: 'Mention',
				name: 'mention',
				values: [
					{
						displayName: 'Who',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'Person', value: 'person' },
							{ name: 'Everyone in the Channel (@All)', value: 'all' },
						],
						default: 'person',
					},
					{
						displayName: 'Email or Member ID',
						name: 'contact',
						type: 'string',
						default: '',
						placeholder: 'e.g. name@example.com',
						displayOptions: { show: { kind: ['person'] } },
					},
					{
						displayName: 'Name in Text',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Jane Doe',
						description: 'The name after "@" in the text. Empty: the email or ID for a person, "all" for everyone.',
					},
				],
			},
		],
	},
	{
		displayName: 'Rich Text',
		name: 'richText',
		type: 'json',
		default: '[]',
		description:
			'Zoom\'s rich_text styles as JSON: a list of {"start_position", "end_position", "format_type", "format_attr"} (Bold, Italic, Strikethrough, Underline, BulletedList, NumberedList, Quote, FontSize s/m/l, FontColor and BackgroundColor RRGGBB, LeftIndent pixels, Paragraph h1/h2/h3, AddLink URL)',
	},
	{
		displayName: 'Scheduled Time',
		name: 'scheduledTime',
		type: 'dateTime',
		default: '',
		description: "When Zoom should send the message: more than 30 minutes ahead and within 180 days. Empty: now. Zoom's answer is then a draft's ID.",
	},
	{
		displayName: 'Files (Binary Properties)',
		name: 'binaryProperties',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, attachment',
		description: "Names of the input item's binary data to attach, separated by commas (at most 6 files, each up to 1 GB)",
	},
];

/** The Options of each writing operation: Send's own fields, and the connection options of every request. */
export const sendOptionsProperty: INodeProperties = {
	...optionsProperty([...sendOnlyOptions, ...connectionOptions]),
	displayOptions: show(['send']),
};
export const getOptionsProperty: INodeProperties = {
	...optionsProperty([...connectionOptions, simplifyOption]),
	displayOptions: show(['get']),
};
export const changeOptionsProperty: INodeProperties = {
	...optionsProperty(connectionOptions),
	displayOptions: show(['update', 'delete', 'react']),
};

export const writingProperties: INodeProperties[] = [
	...conversationFields,
	messageIdProperty,
	textProperty,
	...reactionProperties,
	sendOptionsProperty,
	getOptionsProperty,
	changeOptionsProperty,
];
