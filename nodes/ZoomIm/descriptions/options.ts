import type { INodeProperties } from 'n8n-workflow';

/** The options the operations and the trigger offer, declared once, and their defaults. */

/**
 * "Max Requests per Second": a cap on the pace the node learns from Zoom's answers. 0 (the default,
 * also what an emptied field means) leaves the pace automatic. What it caps differs between the
 * operations and the trigger, hence the description.
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

export const timezoneOption: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Europe/Berlin',
	description: "Timezone of the From and To days (IANA name). Empty uses the workflow's timezone.",
};

/** The pace, retry and timeout options of the Search, Conversation and Account operations. */
export const connectionOptions: INodeProperties[] = [
	maxRequestsPerSecondOption(
		"Pace for all requests of this node. Zoom's limits are per account and shared by every app; 0 means no pacing.",
	),
	maxRetriesOption,
	requestTimeoutOption,
	retryDelayOption,
];

const defaultOf = (property: INodeProperties) => property.default as number;

/** The defaults above, for the checks to use when an option is not set: the same values the editor shows. */
export const DEFAULTS = {
	maxRequestsPerSecond: defaultOf(maxRequestsPerSecondOption('')),
	maxRetries: defaultOf(maxRetriesOption),
	retryDelay: defaultOf(retryDelayOption),
	concurrency: defaultOf(concurrencyOption),
	requestTimeout: defaultOf(requestTimeoutOption),
};
