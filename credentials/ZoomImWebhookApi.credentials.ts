import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The Secret Token of a Zoom app's Event Subscriptions. Zoom signs every webhook request with it
 * and the Zoom IM Events Trigger checks each signature; the token itself is never sent anywhere.
 */
export class ZoomImWebhookApi implements ICredentialType {
	name = 'zoomImWebhookApi';

	displayName = 'Zoom IM Webhook API';

	icon: Icon = { light: 'file:../icons/zoom.svg', dark: 'file:../icons/zoom.dark.svg' };

	documentationUrl = 'https://developers.zoom.us/docs/api/webhooks/';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Token',
			name: 'secretToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In the Zoom App Marketplace: your app → Features → Access → Secret Token (General Apps), or the Feature page of a Server-to-Server or webhook-only app. Zoom signs every event with it.',
		},
	];
}
