import { sleep, type IExecuteFunctions, type IHttpRequestOptions } from 'n8n-workflow';

import { fetchFile, type DownloadedFile, type FileDownloadSettings, type FileHop } from './fileDownload';
import { credentialIdentity, credentialTypeFor, toTransportError, type ZoomAuthentication } from './index';
import type { RequestPacer } from './requestPacer';

/** Any Medium-category path: downloads share that pace. */
const DOWNLOAD_PACE_PATH = '/chat/files';

export interface FileTransportOptions extends FileDownloadSettings {
	authentication: ZoomAuthentication;
	requestTimeoutMs: number;
	maxRequestsPerSecond: number;
	pacer: RequestPacer;
}

/**
 * The n8n glue for file downloads: each hop through n8n's request helpers, as a stream, never
 * letting the helper follow a redirect (it would carry the token to the other origin). Hops with
 * the token go through httpRequestWithAuthentication (n8n adds the token and refreshes it on
 * 401 on the throwing path); hops without it through the plain httpRequest.
 */
export function fileDownloader(
	ctx: IExecuteFunctions,
	options: FileTransportOptions,
): (downloadUrl: string, what: string) => Promise<DownloadedFile> {
	const credentialType = credentialTypeFor(options.authentication);
	// Zoom publishes no rate limit for downloads: they take turns in the credential's pace for the
	// messages endpoints (so they never burst) without teaching it anything.
	const pace = options.pacer.forCredential(credentialIdentity(ctx, credentialType))(DOWNLOAD_PACE_PATH);
	const send = async (hop: FileHop) => {
		const request: IHttpRequestOptions = {
			method: 'GET',
			url: hop.url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: !hop.refreshing,
			disableFollowRedirect: true,
			timeout: options.requestTimeoutMs,
		};
		try {
			const response = (hop.withToken
				? await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, request)
				: await ctx.helpers.httpRequest(request)) as { statusCode: number; headers?: Record<string, string>; body: unknown };
			return { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			throw toTransportError(error);
		}
	};
	return async (downloadUrl, what) =>
		await fetchFile(
			{ send, sleep, takeTurn: async () => (await pace.acquire(options.maxRequestsPerSecond)).settle({ kind: 'noAnswer' }) },
			options,
			downloadUrl,
			what,
		);
}
