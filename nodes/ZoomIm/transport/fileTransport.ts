import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { fetchFile, type FileDownloadSettings, type StoreFile } from './fileDownload';
import { credentialIdentity, credentialTypeFor, type ZoomAuthentication } from './index';
import { n8nSender } from './n8nHttp';
import type { RequestPacer } from './requestPacer';

/** Any Medium-category path: downloads share that pace. */
const DOWNLOAD_PACE_PATH = '/chat/files';

export interface FileTransportOptions extends Omit<FileDownloadSettings, 'idleMs'> {
	authentication: ZoomAuthentication;
	requestTimeoutMs: number;
	maxRequestsPerSecond: number;
	pacer: RequestPacer;
}

/**
 * The n8n glue for file downloads: each hop through the one send into n8n's request helpers
 * (n8nHttp.ts), as a stream, never letting the helper follow a redirect (it would carry the token
 * to the other origin). Hops with the token go with the credential (n8n adds the token and
 * refreshes it on 401 on the throwing path); hops without it through the plain helper.
 */
export function fileDownloader(
	ctx: IExecuteFunctions,
	options: FileTransportOptions,
): <T>(downloadUrl: string, what: string, store: StoreFile<T>) => Promise<T | undefined> {
	const credentialType = credentialTypeFor(options.authentication);
	// Zoom publishes no rate limit for downloads: they take turns in the credential's pace for the
	// messages endpoints (so they never burst), and what Zoom answers them teaches it like any request.
	const pace = options.pacer.forCredential(credentialIdentity(ctx, credentialType))(DOWNLOAD_PACE_PATH);
	const send = n8nSender(ctx, credentialType, options.requestTimeoutMs);
	return async (downloadUrl, what, store) =>
		await fetchFile(
			{
				send: async (hop) => await send({ url: hop.url, download: true }, { withToken: hop.withToken, refreshing: hop.refreshing }),
				sleep,
				takeTurn: async () => await pace.acquire(options.maxRequestsPerSecond),
			},
			{ ...options, idleMs: options.requestTimeoutMs },
			downloadUrl,
			what,
			store,
		);
}
