import { mayCarryToken } from './downloadTrust';
import { ZoomError } from './errors';
import { redirectLocation, type HttpAnswer } from './http';

/**
 * Zoom's upload endpoints ask the caller to follow 30x redirects and to keep the Authorization
 * header on the way. The token goes on only to a Zoom host over https (or the credential's own API
 * origin, see downloadTrust.ts); a redirect anywhere else fails the upload before the file is sent
 * there. Every hop re-posts the same body (the upload has not happened yet).
 */

const MAX_HOPS = 5;

export async function followUploadRedirects(url: string, apiOrigin: string, post: (url: string) => Promise<HttpAnswer>): Promise<HttpAnswer> {
	let current = url;
	for (let hop = 0; ; hop++) {
		const answer = await post(current);
		const location = redirectLocation(answer);
		if (location === undefined) return answer;
		if (hop >= MAX_HOPS) {
			throw new ZoomError(`Zoom redirected the file upload more than ${MAX_HOPS} times`, { kind: 'invalidResponse', httpStatus: answer.status });
		}
		const next = URL.canParse(location, current) ? new URL(location, current) : undefined;
		if (next === undefined) {
			throw new ZoomError('Zoom redirected the file upload to an address that cannot be read', { kind: 'invalidResponse', httpStatus: answer.status });
		}
		if (!mayCarryToken(next, apiOrigin)) {
			throw new ZoomError(`The file upload was redirected to ${next.origin}, which is not a Zoom host over https: not followed, so that the token does not go there`, {
				kind: 'invalidResponse',
				httpStatus: answer.status,
				description: "Zoom's file endpoints redirect only to Zoom's own hosts. Check the credential's API Base URL or any proxy in between.",
			});
		}
		current = next.href;
	}
}
