import {
	NodeConnectionTypes,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { ZOOM_CHAT_EVENTS } from './events/catalogue';
import { decideDelivery } from './events/delivery';
import { listOf } from './events/eventItem';
import { claimEvent, RecentEventsRegistry, STORED_FIELD } from './events/recentEvents';

/**
 * Events seen by this n8n process, per trigger: two deliveries of one event in flight at the same
 * time both read the same saved static data, so only a record shared in memory tells them apart.
 */
const recentInProcess = new RecentEventsRegistry();

const WHERE_THE_TOKEN_IS =
	'In the Zoom App Marketplace open your app → Features → Access (General App) or Feature (webhook-only app): copy the <b>Secret Token</b> into the credential, then under <b>Event Subscriptions</b> paste this node\'s Production URL as the Event notification endpoint URL, tick the events chosen here, activate (publish) this workflow, and then click Validate.';

const WHERE_THE_TOKEN_IS_PLAIN = WHERE_THE_TOKEN_IS.replace(/<\/?b>/g, '');

/**
 * The credential's Test: Zoom offers no call that proves a Secret Token (only its signatures on
 * real events do), so the test checks that one is filled in and says where it comes from.
 */
async function checkSecretToken(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const token = credential.data?.secretToken;
	if (typeof token !== 'string' || token.trim() === '') {
		return { status: 'Error', message: `No Secret Token. ${WHERE_THE_TOKEN_IS_PLAIN}` };
	}
	if (token !== token.trim()) {
		return { status: 'Error', message: 'The Secret Token starts or ends with spaces; copy it again from the Zoom app' };
	}
	return {
		status: 'OK',
		message: `Saved. Zoom's signature on each event proves the token: if Zoom's Validate fails, copy the Secret Token again. ${WHERE_THE_TOKEN_IS_PLAIN}`,
	};
}

export class ZoomImEventsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoom IM Events Trigger',
		name: 'zoomImEventsTrigger',
		icon: { light: 'file:../../icons/zoom.svg', dark: 'file:../../icons/zoom.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length + " Zoom chat event(s)" }}',
		description: 'Starts the workflow the moment Zoom reports a chat message, edit, deletion, reaction or file (webhook)',
		defaults: { name: 'Zoom IM Events Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zoomImWebhookApi', required: true, testedBy: 'checkSecretToken' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The node writes Zoom's answer itself, before the workflow runs.
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		triggerPanel: {
			header: 'Waiting for a Zoom chat event',
			executionsHelp: {
				inactive: `Post a message in Zoom now: the event shows here. ${WHERE_THE_TOKEN_IS} For testing, use the Test URL instead and activate the workflow afterwards.`,
				active: `The workflow starts for each event Zoom sends to the Production URL. ${WHERE_THE_TOKEN_IS}`,
			},
			// n8n answers 404 on the Production URL of an inactive workflow, so Zoom's Validate can only
			// succeed after activation.
			activationHint: 'Activate (publish) the workflow first, then click Validate in the Zoom app: n8n answers on the Production URL only while the workflow is active.',
		},
		properties: [
			{
				displayName: `Zoom signs every event with the app's Secret Token; requests without a valid signature are refused. ${WHERE_THE_TOKEN_IS}`,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: ZOOM_CHAT_EVENTS.map(({ name, value }) => ({ name, value })),
				// Must equal DEFAULT_EVENTS (a unit test checks): the lint wants a literal array here.
				default: ['team_chat.channel_message_posted', 'team_chat.dm_message_posted'],
				required: true,
				description: 'The Zoom events that start the workflow; tick the same ones in the Zoom app\'s Event Subscriptions',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Channel IDs',
						name: 'channelIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 7886237a99ff44499add640d98606264',
						description: 'Only events in these channels (comma-separated IDs). With contacts set too, an event in either starts the workflow.',
					},
					{
						displayName: 'Contacts',
						name: 'contacts',
						type: 'string',
						default: '',
						placeholder: 'e.g. bob@example.com',
						description: 'Only direct-message events with these people (comma-separated emails, user IDs or member IDs)',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: true,
						description: 'Whether to return the fields of the Zoom IM Messages node\'s output (ID, message, sender, date_time, …) instead of Zoom\'s raw event',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { checkSecretToken },
	};

	/**
	 * Zoom's Event Subscriptions are set up in the Zoom app (there is no API to register an endpoint),
	 * so activation has nothing to register or remove on Zoom's side.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const credentials = await this.getCredentials('zoomImWebhookApi');
		const options = this.getNodeParameter('options', {}) as { channelIds?: string; contacts?: string; simplify?: boolean };
		const outcome = decideDelivery(
			{ headers: request.headers, rawBody: Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined },
			{
				secretToken: typeof credentials.secretToken === 'string' ? credentials.secretToken : '',
				events: this.getNodeParameter('events', []) as string[],
				filters: { channelIds: listOf(options.channelIds), contacts: listOf(options.contacts) },
				simplify: options.simplify !== false,
				nowMs: Date.now(),
			},
		);
		// Zoom needs its answer within 3 s: it is sent now, whatever the workflow does afterwards.
		response.status(outcome.status).json(outcome.body);
		if (outcome.kind !== 'event') return { noWebhookResponse: true };

		const staticData = this.getWorkflowStaticData('node');
		const scope = [this.getWorkflow().id ?? '', this.getNode().name, this.getMode()].join('\u0000');
		const { isNew, toStore } = claimEvent(outcome.key, recentInProcess.for(scope), staticData[STORED_FIELD]);
		staticData[STORED_FIELD] = toStore;
		if (!isNew) return { noWebhookResponse: true };
		return { noWebhookResponse: true, workflowData: [[{ json: outcome.json as never, pairedItem: { item: 0 } }]] };
	}
}
