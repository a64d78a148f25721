import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { toNodeError } from '../transport/nodeErrors';
import type { RequestPacer } from '../transport/requestPacer';
import * as account from './account';
import * as conversation from './conversation';
import * as message from './message';
import type { BatchOperation, ItemOutcome, Operation, OperationContext } from './shared';

/** The node's resources, their operations, which code runs for the chosen pair, and the item loop. */

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Account', value: 'account', description: "The account's chat history (admin)" },
		{ name: 'Conversation', value: 'conversation', description: 'IM chat sessions, Team Chat channels and sessions' },
		{ name: 'Message', value: 'message', description: 'Messages of one conversation, or a Team Chat search' },
	],
	// A workflow saved before resources existed has no `resource`: it reads messages, as it did.
	default: 'message',
};

export const properties: INodeProperties[] = [resourceProperty, ...message.description, ...conversation.description, ...account.description];

const OPERATIONS: Record<string, Record<string, Operation | BatchOperation>> = {
	message: message.operations,
	conversation: conversation.operations,
	account: account.operations,
};

const DEFAULT_OPERATION: Record<string, string> = {
	message: message.operationProperty.default as string,
	conversation: conversation.operationProperty.default as string,
	account: account.operationProperty.default as string,
};

/** The operation chosen for all input items (resource and operation are not per item, as in n8n's own nodes). */
function chosenOperation(ctx: IExecuteFunctions): Operation | BatchOperation {
	const resource = ctx.getNodeParameter('resource', 0, 'message') as string;
	const operation = ctx.getNodeParameter('operation', 0, DEFAULT_OPERATION[resource] ?? '') as string;
	const run = Object.prototype.hasOwnProperty.call(OPERATIONS, resource) ? OPERATIONS[resource][operation] : undefined;
	if (run) return run;
	// n8n offers "Custom API Call" on nodes with a credential; its requests are the HTTP Request node's job.
	const hint =
		operation === '__CUSTOM_API_CALL__'
			? 'For a custom API call, use the HTTP Request node with the Zoom IM credential (Predefined Credential Type).'
			: undefined;
	throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of the resource "${resource}" is not supported by this node version`, {
		description: hint,
	});
}

/**
 * Runs the chosen operation for every input item, with its own parameters, and pairs each output
 * item with it. With Continue On Fail, a failing item yields one `{ error }` item and the others go
 * on; otherwise the error (a NodeOperationError for bad parameters, a NodeApiError for Zoom's
 * refusals) stops the run. An item's output goes out only once it is complete. A batch operation
 * (Send) runs all items itself and hands back one outcome per item, paired here the same way.
 */
export async function route(this: IExecuteFunctions, pacer: RequestPacer): Promise<INodeExecutionData[][]> {
	const run = chosenOperation(this);
	const context: OperationContext = { n8n: this, pacer };
	const output: INodeExecutionData[] = [];
	/** Item `i`'s output items, paired to it; or its error, as an item with Continue On Fail. */
	const emit = (i: number, outcome: ItemOutcome) => {
		if ('items' in outcome) {
			for (const item of outcome.items) output.push({ ...item, pairedItem: { item: i } });
			return;
		}
		const nodeError = toNodeError(this.getNode(), outcome.error, i);
		if (!this.continueOnFail()) throw nodeError;
		output.push({ json: { error: nodeError.message }, pairedItem: { item: i } });
	};
	if (typeof run !== 'function') {
		const outcomes = await run.batch(context);
		outcomes.forEach((outcome, i) => outcome !== undefined && emit(i, outcome));
		return [output];
	}
	const count = this.getInputData().length;
	for (let i = 0; i < count; i++) {
		emit(
			i,
			await run(context, i).then(
				(items): ItemOutcome => ({ items }),
				(error: unknown): ItemOutcome => ({ error }),
			),
		);
	}
	return [output];
}
