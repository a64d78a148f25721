import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { RequestPacer } from '../transport/requestPacer';
import * as account from './account';
import * as conversation from './conversation';
import * as message from './message';

/** The node's resources, their operations, and which code runs for the chosen pair. */

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

type Execute = (this: IExecuteFunctions, pacer: RequestPacer) => Promise<INodeExecutionData[][]>;

const OPERATIONS: Record<string, Record<string, Execute>> = {
	message: message.operations,
	conversation: conversation.operations,
	account: account.operations,
};

const DEFAULT_OPERATION: Record<string, string> = {
	message: message.operationProperty.default as string,
	conversation: conversation.operationProperty.default as string,
	account: account.operationProperty.default as string,
};

/** Runs the chosen operation for all input items (resource and operation are not per item, as in n8n's own nodes). */
export async function route(this: IExecuteFunctions, pacer: RequestPacer): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0, 'message') as string;
	const operation = this.getNodeParameter('operation', 0, DEFAULT_OPERATION[resource] ?? '') as string;
	const run = Object.prototype.hasOwnProperty.call(OPERATIONS, resource) ? OPERATIONS[resource][operation] : undefined;
	if (!run) {
		// n8n offers "Custom API Call" on nodes with a credential; its requests are the HTTP Request node's job.
		const hint =
			operation === '__CUSTOM_API_CALL__'
				? 'For a custom API call, use the HTTP Request node with the Zoom IM credential (Predefined Credential Type).'
				: undefined;
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of the resource "${resource}" is not supported by this node version`, {
			description: hint,
		});
	}
	return await run.call(this, pacer);
}
