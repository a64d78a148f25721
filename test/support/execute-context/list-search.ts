/** The runner's `listSearch`: a `methods.listSearch` method in an n8n-core `LoadOptionsContext`. */
import { NodeHelpers, Workflow, deepCopy } from 'n8n-workflow';

import type { RunnerBase } from './runner-base';
import type { NodeRunner } from './types';

export function createListSearch(base: RunnerBase): NodeRunner['listSearch'] {
	const { core, nodeType, description, typeVersion, nodeTypes, makeNode, makeAdditionalData } = base;
	const listSearch: NodeRunner['listSearch'] = async (
		methodName,
		filter,
		paginationToken,
		parameters = {},
		opts = {},
	) => {
		const method = nodeType.methods?.listSearch?.[methodName];
		if (typeof method !== 'function') {
			throw new Error(`Node type "${description.name}" has no listSearch method "${methodName}"`);
		}
		// as DynamicNodeParametersService.getResourceLocatorResults does: a one-node workflow
		// named Temp-Node, no workflow settings, the editor's current parameters in additionalData
		const currentNodeParameters =
			NodeHelpers.getNodeParameters(
				description.properties,
				deepCopy(parameters),
				true,
				false,
				{ typeVersion },
				description,
			) ?? {};
		const node = makeNode(parameters, { id: 'uuid-1234', name: 'Temp-Node', position: [0, 0] });
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const wfNode = workflow.nodes['Temp-Node'];
		base.lastNode = wfNode;
		const additionalData = makeAdditionalData({ currentNodeParameters });
		const context = new core.LoadOptionsContext(workflow, wfNode, additionalData, opts.path ?? 'parameters');
		return await method.call(context, filter, paginationToken);
	};
	return listSearch;
}
