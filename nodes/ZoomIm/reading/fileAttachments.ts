import { ZoomError } from '../transport/errors';
import { safeFileName } from './fileName';
import type { ZoomMessage } from './messages';
import { messageFiles } from './teamChat';

/**
 * Which files of an output item "Download Files" fetches, and under which binary property each
 * lands: `file_0`, `file_1`, … in the order of the message's files (then its replies' files, when
 * replies are grouped under it). Each file is listed in the item's `file_downloads`, with its
 * property, or with `binary_property: null` and the reason it was skipped: a file is never
 * dropped without a trace.
 */

export interface FileDownloadEntry {
	message_id: unknown;
	file_id: unknown;
	/** A safe base name (see safeFileName): what the binary data is called too. */
	file_name: string;
	/** Zoom's own name, only when file_name had to differ from it. */
	zoom_file_name?: unknown;
	file_size: unknown;
	binary_property: string | null;
	/** Why the file was not downloaded (only then). */
	skipped?: string;
}

export interface PlannedDownload {
	entry: FileDownloadEntry;
	property: string;
	downloadUrl: string;
	/** Names the file in error messages, without its URL. */
	what: string;
}

export function describeFile(fileName: unknown, fileId: unknown, messageId: unknown): string {
	return `file ${JSON.stringify(String(fileName ?? '(no name)'))} (id ${String(fileId ?? 'unknown')}) of message ${String(messageId ?? 'unknown')}`;
}

export function tooLargeReason(maxFileSizeMb: number): string {
	return `larger than Max File Size (${maxFileSizeMb} MB)`;
}

/** The item's messages whose files count: the message, then its grouped replies. */
function messagesOf(message: ZoomMessage): ZoomMessage[] {
	const replies = Array.isArray(message.replies) ? (message.replies as ZoomMessage[]) : [];
	return [message, ...replies];
}

/**
 * Plans the downloads of one output item. `maxBytes` undefined means no cap; a file whose Zoom
 * `file_size` is above it is skipped (listed with the reason). A file without a download_url is an
 * error: Zoom always sends one, and skipping it silently could lose a file.
 */
export function planFileDownloads(
	message: ZoomMessage,
	maxFileSizeMb: number,
): { entries: FileDownloadEntry[]; downloads: PlannedDownload[] } {
	const maxBytes = maxFileSizeMb > 0 ? maxFileSizeMb * 1024 * 1024 : undefined;
	const entries: FileDownloadEntry[] = [];
	const downloads: PlannedDownload[] = [];
	const seen = new Set<string>();
	for (const source of messagesOf(message)) {
		for (const file of messageFiles(source)) {
			const key = `${String(source.id)}|${String(file.file_id)}`;
			if (file.file_id !== undefined && seen.has(key)) continue;
			seen.add(key);
			const what = describeFile(file.file_name, file.file_id, source.id);
			const entry: FileDownloadEntry = {
				message_id: source.id,
				file_id: file.file_id,
				file_name: safeFileName(file.file_name),
				file_size: file.file_size,
				binary_property: null,
			};
			if (entry.file_name !== file.file_name) entry.zoom_file_name = file.file_name;
			entries.push(entry);
			if (maxBytes !== undefined && typeof file.file_size === 'number' && file.file_size > maxBytes) {
				entry.skipped = tooLargeReason(maxFileSizeMb);
				continue;
			}
			if (typeof file.download_url !== 'string' || file.download_url === '') {
				throw new ZoomError(`Zoom sent no download_url for ${what}`, {
					kind: 'invalidResponse',
					description: 'The file cannot be downloaded without it; nothing was skipped silently.',
				});
			}
			const property = `file_${downloads.length}`;
			entry.binary_property = property;
			downloads.push({ entry, property, downloadUrl: file.download_url, what });
		}
	}
	return { entries, downloads };
}
