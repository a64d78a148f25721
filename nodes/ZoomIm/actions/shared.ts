import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemConnection } from '../parameters/itemParameters';
import { connectToZoom, type ZoomConnection } from '../transport';
import type { RequestPacer } from '../transport/requestPacer';

/** The shape of every operation, and what they share to reach Zoom. */

/** What an operation gets besides its input item: n8n's execution and the execution's one pace. */
export interface OperationContext {
	n8n: IExecuteFunctions;
	/** One pace for every request of this execution, across input items and windows. */
	pacer: RequestPacer;
}

/**
 * One operation for one input item: its output items (JSON, and binary data where it has some).
 * The router pairs them with the input item and handles Continue On Fail.
 */
export type Operation = (context: OperationContext, itemIndex: number) => Promise<INodeExecutionData[]>;

/** What became of one input item of a batch operation: its output items, or its error. */
export type ItemOutcome = { items: INodeExecutionData[] } | { error: unknown };

/**
 * An operation that needs all input items at once (Message → Send: every item checked before
 * anything is sent, conversations sent in parallel). It resolves with one outcome per input item,
 * in input order; without Continue On Fail it throws the first failure itself (after stopping).
 */
export interface BatchOperation {
	batch: (context: OperationContext) => Promise<ItemOutcome[]>;
}

/** Zoom's client for one item, on the execution's one pace, and the credential's secrets. */
export async function connectItem(context: OperationContext, connection: ItemConnection): Promise<ZoomConnection> {
	return await connectToZoom(context.n8n, connection.authentication, {
		...connection.paceAndRetry,
		requestTimeoutMs: connection.requestTimeout,
		pacer: context.pacer,
	});
}

/** Output items of plain JSON objects, in order (each array emptied as it goes: the items are all that stays). */
export function jsonItems(groups: IDataObject[][]): INodeExecutionData[] {
	const items: INodeExecutionData[] = [];
	for (let g = 0; g < groups.length; g++) {
		for (const json of groups[g]) items.push({ json });
		groups[g] = [];
	}
	return items;
}
