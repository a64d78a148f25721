import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	DEFAULTS,
	maxRequestsPerSecondOption,
	maxRetriesOption,
	requestTimeoutOption,
	retryDelayOption,
} from '../descriptions/common';
import { checkPaceAndRetry, type PaceAndRetryOptions } from '../parameters/nodeParameters';
import { checkPositiveNumber, checkTimezone } from '../parameters/validation';
import { connectToZoom, type ZoomAuthentication } from '../transport';
import { toNodeError } from '../transport/nodeErrors';
import type { RequestPacer } from '../transport/requestPacer';
import type { ZoomClient } from '../transport/zoomClient';

/** What the Search, Conversation and Account operations share: their options and their item loop. */

/** The pace, retry and timeout options every operation offers, with the node's defaults. */
export const connectionOptions: INodeProperties[] = [
	maxRequestsPerSecondOption(
		"Pace for all requests of this node. Zoom's limits are per account and shared by every app; 0 means no pacing.",
	),
	maxRetriesOption,
	requestTimeoutOption,
	retryDelayOption,
];

export const timezoneOption: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Europe/Berlin',
	description: "Timezone of the From and To days (IANA name). Empty uses the workflow's timezone.",
};

export interface ConnectionParameters extends PaceAndRetryOptions {
	requestTimeout?: number;
	timezone?: string;
}

export interface ItemConnection {
	authentication: ZoomAuthentication;
	paceAndRetry: ReturnType<typeof checkPaceAndRetry>;
	requestTimeout: number;
}

/** Reads and checks the credential choice and the pace/retry options of one item (nothing is sent). */
export function readConnection(ctx: IExecuteFunctions, i: number, raw: ConnectionParameters): ItemConnection {
	return {
		authentication: ctx.getNodeParameter('authentication', i, 'oAuth2') as ZoomAuthentication,
		paceAndRetry: checkPaceAndRetry(raw),
		requestTimeout: checkPositiveNumber(raw.requestTimeout ?? DEFAULTS.requestTimeout, 'Request Timeout (Ms)', { min: 1 }),
	};
}

/** The item's timezone: the Timezone option, or the workflow's. */
export function readZone(ctx: IExecuteFunctions, raw: ConnectionParameters): string {
	return raw.timezone ? checkTimezone(raw.timezone) : ctx.getTimezone();
}

/** Zoom's client for one item, on the execution's one pace (the same machinery as Message → Get Many). */
export async function connectItem(ctx: IExecuteFunctions, connection: ItemConnection, pacer: RequestPacer): Promise<ZoomClient> {
	const { client } = await connectToZoom(ctx, connection.authentication, {
		...connection.paceAndRetry,
		requestTimeoutMs: connection.requestTimeout,
		pacer,
	});
	return client;
}

/**
 * Runs `readItem` for every input item and pairs each JSON object it returns with that item. With
 * Continue On Fail, a failing item yields one `{ error }` item and the others go on; otherwise the
 * error (a NodeOperationError for bad parameters, a NodeApiError for Zoom's refusals) stops the run.
 */
export async function eachItem(
	ctx: IExecuteFunctions,
	readItem: (i: number) => Promise<IDataObject[][]>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const groups = await readItem(i);
			for (let g = 0; g < groups.length; g++) {
				for (const json of groups[g]) output.push({ json, pairedItem: { item: i } });
				groups[g] = []; // the output items are all that stays
			}
		} catch (error) {
			const nodeError = toNodeError(ctx.getNode(), error, i);
			if (ctx.continueOnFail()) {
				output.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
				continue;
			}
			throw nodeError;
		}
	}
	return [output];
}

/** Return All / Limit: undefined when every result is wanted. */
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
