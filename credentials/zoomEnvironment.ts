import type { INodeProperties } from 'n8n-workflow';

import { ZOOM_CLOUDS } from '../nodes/ZoomIm/transport/zoomClouds';

/**
 * The Zoom cloud a credential talks to, shared by both credentials: global (zoom.us), government
 * (zoomgov.com) or custom URLs for proxies, private clouds and tests.
 */
export function zoomEnvironmentProperties(oauthBaseDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Global (Zoom.us)', value: 'global' },
				{ name: 'Government (ZoomGov.com)', value: 'government' },
				{ name: 'Custom URLs', value: 'custom', description: 'For proxies, private clouds and tests' },
			],
			default: 'global',
		},
		{
			displayName: 'OAuth Base URL',
			name: 'oauthBaseUrl',
			type: 'string',
			default: '',
			placeholder: ZOOM_CLOUDS.global.oauthBase,
			description: oauthBaseDescription,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: ZOOM_CLOUDS.global.apiBase,
			description: 'Base URL of the REST API, including /v2',
			displayOptions: { show: { environment: ['custom'] } },
		},
	];
}
