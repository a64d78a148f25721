import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { properties, route } from './actions/router';
import { authenticationProperty, zoomCredentials } from './descriptions/common';
import { searchChannels, searchSessions } from './methods/listSearch';
import { createPacer } from './transport';

export class ZoomImMessages implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoom IM Messages',
		name: 'zoomImMessages',
		icon: { light: 'file:../../icons/zoom.svg', dark: 'file:../../icons/zoom.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] === "account" ? "Account messages (report)" : $parameter["resource"] === "conversation" ? "Conversations" : $parameter["operation"] === "search" ? "Search Team Chat" : ["send", "get", "update", "delete", "react"].includes($parameter["operation"]) ? ({ send: "Send", get: "Get", update: "Update", delete: "Delete", react: "React to" })[$parameter["operation"]] + " a Team Chat message" : $parameter["api"] === "teamChat" ? "Team Chat messages" : "IM chat messages" }}',
		description:
			'Read and write Zoom chat: messages of IM chat sessions and Team Chat channels or contacts, Team Chat search, the list of conversations and the account-wide chat history; send, reply in a thread, update, delete and react to Team Chat messages',
		defaults: { name: 'Zoom IM Messages' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: zoomCredentials,
		properties: [authenticationProperty, ...properties],
	};

	methods = {
		listSearch: { searchSessions, searchChannels },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One pace for every request of this execution, across input items and windows.
		return await route.call(this, createPacer());
	}
}
