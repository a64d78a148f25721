import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import * as getManyMessages from './getManyMessages.operation';

/** Resource "Account": the account-wide chat history (admin). */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{
			name: 'Get Many Messages',
			value: 'getAllMessages',
			action: 'Get many messages of the account',
			description: "Every message of every conversation of the account in a range of days (Zoom's chat history report)",
		},
	],
	default: 'getAllMessages',
};

export const description: INodeProperties[] = [
	operationProperty,
	...updateDisplayOptions({ show: { resource: ['account'], operation: ['getAllMessages'] } }, getManyMessages.description),
];

export const operations = { getAllMessages: getManyMessages.execute };
