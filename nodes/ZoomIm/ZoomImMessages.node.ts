import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as getMany from './actions/message/getMany.operation';
import { apiProperty, authenticationProperty, targetProperties, zoomCredentials } from './descriptions/common';
import { searchChannels, searchSessions } from './methods/listSearch';
import { createPacer } from './transport';

export class ZoomImMessages implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoom IM Messages',
		name: 'zoomImMessages',
		icon: { light: 'file:../../icons/zoom.svg', dark: 'file:../../icons/zoom.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["api"] === "teamChat" ? "Team Chat messages" : "IM chat messages" }}',
		description: 'Read Zoom chat messages (IM chat sessions and Team Chat channels or contacts)',
		defaults: { name: 'Zoom IM Messages' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: zoomCredentials,
		properties: [authenticationProperty, apiProperty, ...targetProperties, ...getMany.description],
	};

	methods = {
		listSearch: { searchSessions, searchChannels },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One pace for every request of this execution, across input items and windows.
		return await getMany.execute.call(this, createPacer());
	}
}
