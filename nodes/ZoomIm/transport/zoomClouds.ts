/**
 * Zoom's clouds and where each one's OAuth endpoints, REST API and file endpoints live. The one
 * place for these URLs: the credentials build their authorize and token URLs from it, the node its
 * API base URL and the base of its file uploads. Zoom's reference names https://file.zoom.us/v2;
 * for ZoomGov it names none: file.zoomgov.com follows its other hosts and is an assumption (README).
 */
export const ZOOM_CLOUDS = {
	global: { oauthBase: 'https://zoom.us', apiBase: 'https://api.zoom.us/v2', fileBase: 'https://file.zoom.us/v2' },
	government: { oauthBase: 'https://zoomgov.com', apiBase: 'https://api.zoomgov.com/v2', fileBase: 'https://file.zoomgov.com/v2' },
} as const;

/** A credential's `environment` that names no known cloud (not set, or an unknown value) is Global. */
export function zoomCloud(environment: unknown): (typeof ZOOM_CLOUDS)[keyof typeof ZOOM_CLOUDS] {
	return environment === 'government' ? ZOOM_CLOUDS.government : ZOOM_CLOUDS.global;
}

export function trimSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

/** An OAuth URL (`path` e.g. `/oauth/token`) for credential data with `environment` and `oauthBaseUrl`. */
export function oauthUrl(credentials: Record<string, unknown>, path: string): string {
	const environment = String(credentials.environment ?? 'global');
	if (environment === 'custom') return `${trimSlashes(String(credentials.oauthBaseUrl ?? ''))}${path}`;
	return `${zoomCloud(environment).oauthBase}${path}`;
}

/**
 * The same URL as an n8n expression over the credential's own fields (`fields` is `$self` in a
 * credential's properties, `$credentials` in its test request): hidden fields must be expressions,
 * because n8n ignores saved values of hidden fields.
 */
export function oauthUrlExpression(fields: string, path: string): string {
	const field = (name: string) => `${fields}["${name}"]`;
	return (
		`${field('environment')} === "custom" ? String(${field('oauthBaseUrl')}).replace(/\\/+$/, "") + "${path}" : ` +
		`${field('environment')} === "government" ? "${ZOOM_CLOUDS.government.oauthBase}${path}" : "${ZOOM_CLOUDS.global.oauthBase}${path}"`
	);
}
