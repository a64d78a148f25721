import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { apiProperty, authenticationProperty, optionsProperty, zoomCredentials } from './descriptions/common';
import { targetProperties } from './descriptions/conversation';
import { maxRequestsPerSecondOption, maxRetriesOption, retryDelayOption, simplifyOption } from './descriptions/options';
import { pageSizeProperties } from './descriptions/paging';
import { searchChannels, searchSessions } from './methods/listSearch';
import { toNodeError } from './transport/nodeErrors';
import { OneAtATime } from './trigger/oneAtATime';
import { pollZoom } from './trigger/poll';

/** Scheduled polls of one trigger node take turns (see OneAtATime). */
const scheduledPolls = new OneAtATime();

export class ZoomImMessagesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoom IM Messages Trigger',
		name: 'zoomImMessagesTrigger',
		icon: { light: 'file:../../icons/zoom.svg', dark: 'file:../../icons/zoom.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["api"] === "teamChat" ? "New Team Chat messages" : "New IM chat messages" }}',
		description: 'Starts the workflow with each new Zoom chat message, checked on a schedule',
		defaults: { name: 'Zoom IM Messages Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: zoomCredentials,
		properties: [
			authenticationProperty,
			apiProperty,
			...targetProperties,
			...pageSizeProperties,
			optionsProperty([
				maxRequestsPerSecondOption('Cap on the pace of the requests of one poll; 0 = automatic (learned from Zoom, shared with the other executions of the credential)'),
				maxRetriesOption,
				retryDelayOption,
				simplifyOption,
			]),
		],
	};

	methods = {
		listSearch: { searchSessions, searchChannels },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const run = async () => {
			try {
				return await pollZoom(this);
			} catch (error) {
				throw toNodeError(this.getNode(), error);
			}
		};
		// A manual test run does not touch the cursor; scheduled polls of one trigger take turns.
		if (this.getMode() === 'manual') return await run();
		return await scheduledPolls.run(`${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`, run, null);
	}
}
