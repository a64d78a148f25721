import type { INodeProperties } from 'n8n-workflow';

import {
	apiProperty,
	authenticationProperty,
	maxRetriesOption,
	pageSizeProperties,
	retryDelayOption,
	simplifyOption,
	targetProperties,
} from './description';

/** Parameters of the Zoom IM Messages node, in the order the editor shows them. */
export const messagesNodeProperties: INodeProperties[] = [
	authenticationProperty,
	apiProperty,
	...targetProperties,
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of the range (inclusive), in the chosen timezone',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the range (inclusive). A day in the future is treated as today.',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	...pageSizeProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Deleted and Edited Messages',
				name: 'includeDeletedAndEdited',
				type: 'boolean',
				default: false,
				description: 'Whether to also return messages that were edited or deleted (Team Chat only)',
			},
			{
				displayName: 'Max Requests per Second',
				name: 'maxRequestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					"Pace for all requests of this node. Zoom's limits are per account and shared by every app; 0 means no pacing.",
			},
			maxRetriesOption,
			{
				displayName: 'Parallel Windows',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 8, numberPrecision: 0 },
				default: 4,
				description: 'How many one-month windows are read at the same time when Return All is on',
			},
			{
				displayName: 'Request Timeout (Ms)',
				name: 'requestTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30000,
				description: 'How long to wait for one answer from Zoom before retrying',
			},
			retryDelayOption,
			simplifyOption,
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Berlin',
				description: "Timezone of the From and To days (IANA name). Empty uses the workflow's timezone.",
			},
		],
	},
];
