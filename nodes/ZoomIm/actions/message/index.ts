import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { apiProperty } from '../../descriptions/common';
import { targetProperties } from '../../descriptions/conversation';
import { writingProperties } from '../../descriptions/writing';
import { executeDelete, executeGet, executeReact, executeUpdate } from './change.operations';
import * as getMany from './getMany.operation';
import { executeSendBatch } from './send.operation';
import * as search from './search.operation';

/**
 * Resource "Message". Get Many is the default and shows the fields the node had before resources
 * existed, under the same names, so a workflow saved then (with neither `resource` nor
 * `operation`) runs exactly as it did.
 */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a message',
			description: 'Delete a Team Chat message the user sent',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a message',
			description: 'One Team Chat message by its ID',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many messages',
			description: 'Every message of one IM chat session or Team Chat channel or contact in a range of days',
		},
		{
			name: 'React',
			value: 'react',
			action: 'React to a message',
			description: 'Add or remove an emoji reaction on a Team Chat message',
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search messages',
			description: "Search Team Chat messages or files across the user's conversations or in one of them",
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send a message',
			description: 'Send a Team Chat message to a channel or a contact, or reply in a thread, with mentions, styles and files',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a message',
			description: 'Change the text of a Team Chat message the user sent',
		},
	],
	default: 'getAll',
};

export const description: INodeProperties[] = [
	operationProperty,
	...updateDisplayOptions({ show: { resource: ['message'], operation: ['getAll'] } }, [
		apiProperty,
		...targetProperties,
		...getMany.description,
	]),
	...updateDisplayOptions({ show: { resource: ['message'], operation: ['search'] } }, search.description),
	...writingProperties,
];

export const operations = {
	getAll: getMany.execute,
	search: search.execute,
	send: { batch: executeSendBatch },
	get: executeGet,
	update: executeUpdate,
	delete: executeDelete,
	react: executeReact,
};
