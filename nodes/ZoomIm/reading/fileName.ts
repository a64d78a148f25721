/**
 * A file name from Zoom that the next node can use as it is: Zoom's `file_name` is whatever the
 * sender's client sent, and a node that writes files (Read/Write Files from Disk, an FTP or S3
 * upload) takes it as a path. So only the last path segment is kept, without control characters
 * or characters Windows refuses in names, and never "", "." or "..".
 */

/** The longest name kept, in UTF-16 code units (file systems allow about 255 bytes). */
const MAX_LENGTH = 200;
/** Used when nothing of Zoom's name is left. */
const FALLBACK = 'file';

export function safeFileName(raw: unknown): string {
	if (typeof raw !== 'string') return FALLBACK;
	const lastSegment = raw.split(/[/\\]/).pop() ?? '';
	// Control characters are removed: a name with a newline or NUL misleads logs and shells.
	const printable = [...lastSegment].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f').join('');
	const cleaned = printable.replace(/[<>:"|?*]/g, '_').trim();
	const name = cleaned.length > MAX_LENGTH ? cleaned.slice(0, MAX_LENGTH) : cleaned;
	return name === '' || name === '.' || name === '..' ? FALLBACK : name;
}
