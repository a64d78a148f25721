import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { InputProblem, ZoomError } from './errors';

/**
 * The one place where the pure modules' errors become what n8n shows: bad parameters are a
 * NodeOperationError, anything Zoom said (or failed to say) a NodeApiError carrying the HTTP
 * status and Zoom's code and message.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InputProblem) return new NodeOperationError(node, error.message, { itemIndex });
	if (error instanceof ZoomError) {
		const apiError = new NodeApiError(
			node,
			{
				code: error.zoomCode ?? null,
				message: error.zoomMessage ?? error.message,
				httpStatus: error.httpStatus ?? null,
				kind: error.kind,
			} as JsonObject,
			{
				message: error.message,
				description: error.description,
				httpCode: error.httpStatus !== undefined ? String(error.httpStatus) : undefined,
				itemIndex,
			},
		);
		// NodeApiError swaps a message that mentions a network code (ECONNRESET, ECONNABORTED, …) for a
		// generic sentence; ours says how many attempts were made and what the last answer was.
		apiError.message = error.message;
		return apiError;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
