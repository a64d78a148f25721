import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { apiProperty } from '../../descriptions/common';
import { targetProperties } from '../../descriptions/conversation';
import * as getMany from './getMany.operation';
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
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many messages',
			description: 'Every message of one IM chat session or Team Chat channel or contact in a range of days',
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search messages',
			description: "Search Team Chat messages or files across the user's conversations or in one of them",
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
];

export const operations = { getAll: getMany.execute, search: search.execute };
