import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemConnection } from '../../parameters/itemParameters';
import { planFileDownloads, tooLargeReason } from '../../reading/fileAttachments';
import type { ZoomMessage } from '../../reading/messages';
import { apiOriginOf } from '../../transport/downloadTrust';
import { fileDownloader } from '../../transport/fileTransport';
import type { OperationContext } from '../shared';

/** Download Files of Message → Get Many: a message's files into its item's binary data. */

/** The MIME type n8n records: the answer's, unless it says nothing specific (then n8n guesses from the file name). */
function mimeTypeOf(contentType: string | undefined): string | undefined {
	return contentType && contentType !== 'application/octet-stream' && contentType !== 'binary/octet-stream' ? contentType : undefined;
}

type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/**
 * Each planned file of a message, one after the other, streamed into n8n's binary data (n8n keeps
 * it in memory or on disk, by its binary data mode). The item's JSON lists every file in
 * `file_downloads`. A file that cannot be fetched fails the input item.
 */
export function fileAttacher(
	context: OperationContext,
	connection: ItemConnection,
	secrets: string[],
	apiBaseUrl: string,
	maxFileSizeMb: number,
): (message: ZoomMessage, item: INodeExecutionData) => Promise<void> {
	const { n8n } = context;
	const download = fileDownloader(n8n, {
		authentication: connection.authentication,
		requestTimeoutMs: connection.requestTimeout,
		...connection.paceAndRetry,
		pacer: context.pacer,
		secrets,
		apiOrigin: apiOriginOf(apiBaseUrl),
		maxBytes: maxFileSizeMb * 1024 * 1024,
	});
	return async (message, item) => {
		const { entries, downloads } = planFileDownloads(message, maxFileSizeMb);
		const binary: IBinaryKeyData = {};
		for (const planned of downloads) {
			const fileName = typeof planned.entry.file_name === 'string' ? planned.entry.file_name : undefined;
			const stored = await download(
				planned.downloadUrl,
				planned.what,
				async (file) => await n8n.helpers.prepareBinaryData(file.body as BinaryInput, fileName, mimeTypeOf(file.contentType)),
			);
			if (stored === undefined) {
				// Zoom's file_size understated the file: the cap still holds.
				planned.entry.binary_property = null;
				planned.entry.skipped = tooLargeReason(maxFileSizeMb);
				continue;
			}
			binary[planned.property] = stored;
		}
		item.json.file_downloads = entries as unknown as IDataObject[];
		if (Object.keys(binary).length > 0) item.binary = binary;
	};
}
