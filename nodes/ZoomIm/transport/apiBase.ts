import { trimSlashes, zoomCloud } from './zoomClouds';

/** Where Zoom's REST API lives for a credential. */

/**
 * The API base URL (ending in /v2) for the credential data: a regional `api_url` from Zoom's
 * token answer wins (OAuth2 keeps it in `oauthTokenData`, server-to-server in `apiUrl`), then the
 * custom base, then the environment's.
 */
export function resolveApiBaseUrl(credentials: Record<string, unknown>): string {
	const tokenData = credentials.oauthTokenData as Record<string, unknown> | undefined;
	const regional = (tokenData && typeof tokenData.api_url === 'string' && tokenData.api_url) ||
		(typeof credentials.apiUrl === 'string' && credentials.apiUrl) ||
		'';
	if (regional) return `${trimSlashes(regional)}/v2`;
	const environment = typeof credentials.environment === 'string' ? credentials.environment : 'global';
	if (environment === 'custom') {
		const custom = typeof credentials.apiBaseUrl === 'string' ? credentials.apiBaseUrl.trim() : '';
		if (!custom) throw new Error('The credential uses custom URLs but its "API Base URL" is empty');
		return trimSlashes(custom);
	}
	return zoomCloud(environment).apiBase;
}

/** Secret values of a credential, so that they can be kept out of messages. */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	const tokenData = (credentials.oauthTokenData ?? {}) as Record<string, unknown>;
	return [credentials.clientSecret, credentials.accessToken, tokenData.access_token, tokenData.refresh_token]
		.filter((v): v is string => typeof v === 'string' && v.length > 0);
}
