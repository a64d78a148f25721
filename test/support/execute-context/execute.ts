/** The runner's `execute`: the node's `execute()` in an n8n-core `ExecuteContext`, after a manual trigger. */
import { randomUUID } from 'node:crypto';
import type {
	IExecuteData,
	INode,
	INodeExecutionData,
	IRunExecutionData,
	ITaskDataConnections,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData, isNodeClassInstance } from 'n8n-workflow';

import { INPUT_NODE_NAME, INPUT_NODE_TYPE, type RunnerBase } from './runner-base';
import type { NodeRunner } from './types';

export function createExecute(base: RunnerBase): NodeRunner['execute'] {
	const { core, nodeType, description, nodeTypes, workflowId, settings, makeNode, makeAdditionalData } = base;
	const execute: NodeRunner['execute'] = async (parameters, inputItems, opts = {}) => {
		const given: INodeExecutionData[] = inputItems ?? [{ json: {} }];
		const items: INodeExecutionData[] = given.map((item, index) => ({
			...item,
			pairedItem: item.pairedItem ?? { item: index },
		}));
		const node = makeNode(
			parameters,
			opts.continueOnFail ? { onError: 'continueRegularOutput' } : {},
		);
		const inputNode: INode = {
			id: randomUUID(),
			name: INPUT_NODE_NAME,
			type: INPUT_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			id: workflowId,
			name: 'In-process test workflow',
			nodes: [inputNode, node],
			connections: {
				[INPUT_NODE_NAME]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
			},
			active: false,
			nodeTypes,
			settings: { executionOrder: 'v1', ...settings },
		});
		const wfNode = workflow.getNode(node.name) as INode;
		base.lastNode = wfNode;

		const runExecutionData: IRunExecutionData = createRunExecutionData({
			resultData: {
				runData: {
					[INPUT_NODE_NAME]: [
						{
							startTime: Date.now(),
							executionIndex: 0,
							executionTime: 0,
							executionStatus: 'success',
							source: [],
							data: { main: [items] },
						},
					],
				},
				lastNodeExecuted: INPUT_NODE_NAME,
			},
		});
		const inputData: ITaskDataConnections = { main: [items] };
		const executeData: IExecuteData = {
			node: wfNode,
			data: inputData,
			source: { main: [{ previousNode: INPUT_NODE_NAME, previousNodeOutput: 0, previousNodeRun: 0 }] },
		};
		const additionalData = makeAdditionalData({ executionId: base.nextExecutionId() });
		const abortController = new AbortController();
		if (opts.signal) {
			if (opts.signal.aborted) abortController.abort();
			else opts.signal.addEventListener('abort', () => abortController.abort(), { once: true });
		}
		const closeFunctions: Array<() => Promise<void>> = [];
		const context = new core.ExecuteContext(
			workflow,
			wfNode,
			additionalData,
			opts.mode ?? 'manual',
			runExecutionData,
			0,
			items,
			inputData,
			executeData,
			closeFunctions,
			abortController.signal,
		);
		// as WorkflowExecute.executeNode does
		if (!nodeType.execute) throw new Error(`Node type "${description.name}" has no execute()`);
		try {
			const data = isNodeClassInstance(nodeType)
				? await nodeType.execute(context)
				: await nodeType.execute.call(context);
			return data as INodeExecutionData[][];
		} finally {
			await Promise.allSettled(closeFunctions.map(async (fn) => await fn()));
		}
	};
	return execute;
}
