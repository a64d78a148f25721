/** The runner's `poll`: the node's `poll()` in an n8n-core `PollContext`, as a trigger or a manual run. */
import type { INode, INodeExecutionData } from 'n8n-workflow';
import { Workflow, deepCopy } from 'n8n-workflow';

import type { RunnerBase } from './runner-base';
import type { NodeRunner } from './types';

export function createPoll(base: RunnerBase): NodeRunner['poll'] {
	const { core, nodeType, description, nodeTypes, workflowId, settings, makeNode, makeAdditionalData } = base;
	const poll: NodeRunner['poll'] = async (parameters, staticData, mode, opts = {}) => {
		if (!nodeType.poll) throw new Error(`Node type "${description.name}" has no poll()`);
		const node = makeNode(parameters);
		const key = `node:${node.name}`;
		// trigger: the active workflow's own static data, which n8n keeps in memory between polls
		// (and saves when a poll emits); manual: a copy, n8n does not save it after a test run.
		const workflow = new Workflow({
			id: workflowId,
			name: 'In-process test workflow',
			nodes: [node],
			connections: {},
			active: mode === 'trigger',
			nodeTypes,
			staticData: { [key]: mode === 'trigger' ? staticData : deepCopy(staticData) },
			settings: { executionOrder: 'v1', ...settings },
		});
		const wfNode = workflow.getNode(node.name) as INode;
		base.lastNode = wfNode;
		const additionalData = makeAdditionalData();
		let emitted: INodeExecutionData[][] | undefined;
		const context = new core.PollContext(
			workflow,
			wfNode,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : (opts.activation ?? 'activate'),
			(data) => {
				emitted = data;
			},
			(error) => {
				throw error;
			},
		);
		const result = (await nodeType.poll.call(context)) as INodeExecutionData[][] | null;
		// as PollTriggerExecutor does: a non-null result is emitted (and the static data saved)
		if (mode === 'trigger' && result !== null) context.__emit(result);
		return emitted ?? result;
	};
	return poll;
}
