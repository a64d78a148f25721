import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { oauthUrlExpression } from '../nodes/ZoomIm/transport/zoomClouds';
import { zoomEnvironmentProperties } from './zoomEnvironment';

/**
 * Zoom OAuth2 (authorization code). Zoom wants the client id/secret as HTTP Basic on the token
 * endpoint and rotates refresh tokens on every refresh; n8n stores the new pair itself.
 *
 * The hidden authorize/token URLs are expressions over the visible `environment` fields, so the
 * refresh on 401 goes to the chosen Zoom cloud (n8n 2.x ignores saved values of hidden fields).
 */
export class ZoomImOAuth2Api implements ICredentialType {
	name = 'zoomImOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoom IM OAuth2 API';

	icon: Icon = { light: 'file:../icons/zoom.svg', dark: 'file:../icons/zoom.dark.svg' };

	documentationUrl = 'https://developers.zoom.us/docs/integrations/oauth/';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		...zoomEnvironmentProperties('Base of the authorize and token URLs: {base}/oauth/authorize and {base}/oauth/token'),
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${oauthUrlExpression('$self', '/oauth/authorize')} }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${oauthUrlExpression('$self', '/oauth/token')} }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// Zoom grants the scopes configured on the app; none are requested in the URL.
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
