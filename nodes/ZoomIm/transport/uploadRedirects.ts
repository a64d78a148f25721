import { mayCarryToken } from './downloadTrust';
import { ZoomError } from './errors';
import type { HttpAnswer } from './http';
import { headerValue } from './retryPolicy';

/**
 * Zoom's upload endpoints ask the caller to follow 30x redirects and to keep the Authorization
 * header on the way. The token goes on only to a Zoom host over https (or the credential's own API
 * origin, see downloadTrust.ts); a redirect anywhere else fails the upload before the file is sent
 * there. Every hop re-posts the same body (the upload has not happened yet).
 */

const MAX_HOPS = 5;

function isRedirect(status: number): boolean {
	return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function locationOf(answer: HttpAnswer): string | undefined {
	const text = headerValue(answer.headers, 'location');
	return text ? text : undefined;
}

function readUrl(location: string, base: string): URL | undefined {
	try {
		return new URL(location, base);
	} catch {
		return undefined;
	}
}

export async function followUploadRedirects(url: string, apiOrigin: string, post: (url: string) => Promise<HttpAnswer>): Promise<HttpAnswer> {
	let current = url;
	for (let hop = 0; ; hop++) {
		const answer = await post(current);
		const location = isRedirect(answer.status) ? locationOf(answer) : undefined;
		if (location === undefined) return answer;
		if (hop >= MAX_HOPS) {
			throw new ZoomError(`Zoom redirected the file upload more than ${MAX_HOPS} times`, { kind: 'invalidResponse', httpStatus: answer.status });
		}
		const next = readUrl(location, current);
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
