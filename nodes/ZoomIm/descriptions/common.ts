import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/**
 * What the Zoom IM Messages node and its trigger share at the top of their descriptions: the
 * credential slots, Authentication and API (names fixed by the contract), and the Options collection.
 */

/** The credential slots of both nodes: one per Authentication choice (names fixed by the contract). */
export const zoomCredentials: INodeCredentialDescription[] = [
	{
		name: 'zoomImOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: 'zoomImServerToServerOAuthApi',
		required: true,
		displayOptions: { show: { authentication: ['serverToServer'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2', value: 'oAuth2', description: 'A Zoom OAuth app connected to a user' },
		{
			name: 'Server-to-Server OAuth',
			value: 'serverToServer',
			description: 'A Zoom Server-to-Server OAuth app of the account',
		},
	],
	default: 'oAuth2',
};

export const apiProperty: INodeProperties = {
	displayName: 'API',
	name: 'api',
	type: 'options',
	options: [
		{
			name: 'IM Chat',
			value: 'imChat',
			description: 'Messages of one IM chat session (Zoom marks this API as deprecated)',
		},
		{
			name: 'Team Chat',
			value: 'teamChat',
			description: 'Messages of a Team Chat channel or a conversation with a contact',
		},
	],
	default: 'imChat',
};

/** The Options collection of a node, holding `options` in the order the editor lists them. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options };
}
