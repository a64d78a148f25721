/* eslint-disable @n8n/community-nodes/credential-documentation-url, @n8n/community-nodes/credential-password-field -- test code, never inside n8n: mirrors n8n's own oAuth2Api credential */
/**
 * Test stand-in for n8n's base credential type `oAuth2Api` (n8n-nodes-base, not installed here).
 *
 * n8n resolves a credential that `extends: ['oAuth2Api']` by merging the parent's properties
 * (skipping `doNotInherit` ones) with the child's, then filling defaults with
 * `NodeHelpers.getNodeParameters`. Only the property *schema* matters at runtime: names, types,
 * defaults, displayOptions and doNotInherit. This file declares that schema as n8n 2.x
 * (packages/nodes-base/credentials/OAuth2Api.credentials.ts) has it; display texts are shortened.
 *
 * Fields n8n-core's OAuth2 code reads: grantType, accessTokenUrl, clientId, clientSecret, scope,
 * authentication, additionalBodyProperties, ignoreSSLIssues, tokenExpiredStatusCode, jweEnabled,
 * oauthTokenData (added by the credentials helper, not a property).
 */
import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const showWithoutDcr = { useDynamicClientRegistration: [false] };

export class OAuth2Api implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	documentationUrl = 'httprequest';

	genericAuth = true;

	properties: INodeProperties[] = [
		{
			displayName: 'Use Dynamic Client Registration',
			name: 'useDynamicClientRegistration',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			displayOptions: { show: { ...showWithoutDcr } },
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			displayOptions: { show: { useDynamicClientRegistration: [true] } },
			default: '',
			required: true,
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...showWithoutDcr } },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			displayOptions: { show: { ...showWithoutDcr } },
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			displayOptions: { show: { ...showWithoutDcr } },
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			displayOptions: { show: { ...showWithoutDcr } },
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			displayOptions: { show: { ...showWithoutDcr } },
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...showWithoutDcr } },
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			displayOptions: { show: { ...showWithoutDcr } },
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'boolean',
			default: false,
			displayOptions: {
				show: { grantType: ['clientCredentials'], authentication: ['body'], ...showWithoutDcr },
			},
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'json',
			displayOptions: {
				show: {
					grantType: ['clientCredentials'],
					authentication: ['body'],
					sendAdditionalBodyProperties: [true],
					...showWithoutDcr,
				},
			},
			default: '',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
		{
			displayName: 'Token Expired Status Code',
			name: 'tokenExpiredStatusCode',
			type: 'number',
			default: 401,
			doNotInherit: true,
		},
		{
			displayName: 'JWE Token Decryption',
			name: 'jweEnabled',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
		{
			displayName: 'Key Encryption Algorithm',
			name: 'jweAlgorithm',
			type: 'options',
			displayOptions: { show: { jweEnabled: [true] } },
			options: [
				{ name: 'RSA-OAEP', value: 'RSA-OAEP' },
				{ name: 'RSA-OAEP-256', value: 'RSA-OAEP-256' },
				{ name: 'ECDH-ES', value: 'ECDH-ES' },
				{ name: 'ECDH-ES+A128KW', value: 'ECDH-ES+A128KW' },
				{ name: 'ECDH-ES+A256KW', value: 'ECDH-ES+A256KW' },
			],
			default: 'RSA-OAEP',
		},
		{
			displayName: 'Content Encryption Algorithm',
			name: 'jweEncryption',
			type: 'options',
			displayOptions: { show: { jweEnabled: [true] } },
			options: [
				{ name: 'A128GCM', value: 'A128GCM' },
				{ name: 'A256GCM', value: 'A256GCM' },
				{ name: 'A128CBC-HS256', value: 'A128CBC-HS256' },
				{ name: 'A256CBC-HS512', value: 'A256CBC-HS512' },
			],
			default: 'A256GCM',
		},
		{
			displayName: 'JWE Private Key',
			name: 'jwePrivateKey',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
			noDataExpression: true,
		},
		{
			displayName: 'JWE Public Key',
			name: 'jwePublicKey',
			type: 'string',
			typeOptions: { readOnly: true },
			displayOptions: { show: { jweEnabled: [true] } },
			default: '',
			noDataExpression: true,
		},
	];
}
