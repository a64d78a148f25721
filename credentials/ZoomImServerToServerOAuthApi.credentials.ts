import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { oauthUrl, oauthUrlExpression } from '../nodes/ZoomIm/transport/zoomClouds';
import { zoomEnvironmentProperties } from './zoomEnvironment';

/**
 * Zoom Server-to-Server OAuth: no user consent, the app fetches its own access token with
 * `grant_type=account_credentials`. n8n keeps the token in the hidden, expirable `accessToken`
 * field and runs `preAuthentication` again when Zoom answers 401 (tokens live one hour).
 */
export class ZoomImServerToServerOAuthApi implements ICredentialType {
	name = 'zoomImServerToServerOAuthApi';

	displayName = 'Zoom IM Server-to-Server OAuth API';

	icon: Icon = { light: 'file:../icons/zoom.svg', dark: 'file:../icons/zoom.dark.svg' };

	documentationUrl = 'https://developers.zoom.us/docs/internal-apps/s2s-oauth/';

	properties: INodeProperties[] = [
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		...zoomEnvironmentProperties('Base of the token URL: {base}/oauth/token'),
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Regional API URL',
			name: 'apiUrl',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const answer = (await this.helpers.httpRequest({
			method: 'POST',
			url: oauthUrl(credentials, '/oauth/token'),
			qs: { grant_type: 'account_credentials', account_id: String(credentials.accountId ?? '') },
			auth: { username: String(credentials.clientId ?? ''), password: String(credentials.clientSecret ?? '') },
			json: true,
		})) as { access_token?: string; api_url?: string };
		return { accessToken: answer.access_token ?? '', apiUrl: answer.api_url ?? '' };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	/**
	 * Test = fetch a token: Zoom grants one only for this client id, secret and account id. No API
	 * call, because none works for every server-to-server app: Zoom refuses `me` for them, and any
	 * other endpoint depends on the scopes and users of the account. The HTTP Basic client
	 * authentication (`auth`) replaces the Bearer header n8n adds to every request of this credential.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			// The token URL of preAuthentication above, as an n8n expression.
			url: `={{ ${oauthUrlExpression('$credentials', '/oauth/token')} }}`,
			qs: { grant_type: 'account_credentials', account_id: '={{ $credentials.accountId }}' },
			auth: { username: '={{ $credentials.clientId }}', password: '={{ $credentials.clientSecret }}' },
		},
	};
}
