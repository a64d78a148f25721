import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

/** Resource "Conversation": what there is to read. */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['conversation'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many conversations',
			description: "List IM chat sessions, Team Chat channels or Team Chat sessions, one item per conversation",
		},
	],
	default: 'getAll',
};

export const description: INodeProperties[] = [
	operationProperty,
	...updateDisplayOptions({ show: { resource: ['conversation'], operation: ['getAll'] } }, getMany.description),
];

export const operations = { getAll: getMany.execute };
