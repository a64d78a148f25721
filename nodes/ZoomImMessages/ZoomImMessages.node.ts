import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeReadMessages } from './actions/readMessages';
import { searchChannels, searchSessions } from './methods/listSearch';
import { zoomCredentials } from './parameters';
import { createPacer } from './transport';
import { messagesNodeProperties } from './ZoomImMessages.description';

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
		properties: messagesNodeProperties,
	};

	methods = {
		listSearch: { searchSessions, searchChannels },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One pace for every request of this execution, across input items and windows.
		return await executeReadMessages.call(this, createPacer());
	}
}
