import { ZoomError } from '../transport/errors';
import type { Page } from './windowReader';

/** One message as Zoom sent it (IM chat or Team Chat). */
export type ZoomMessage = Record<string, unknown>;

/** Fields every Zoom page answer carries besides its list. */
const PAGE_FIELDS = ['next_page_token', 'page_size', 'from', 'to', 'date'];

/**
 * Checks one page of messages from Zoom: a `messages` array of objects, no more of them than
 * asked for, and a string (or absent) `next_page_token`.
 *
 * `listOptional` (Team Chat, whose schema makes `messages` optional): a page answer without the
 * list and without a next page is an empty last page. Anything else without the list is refused:
 * taking it for "no messages" could silently drop a page.
 */
export function parseMessagesPage(
	body: Record<string, unknown>,
	pageSize: number,
	what: string,
	{ listOptional = false }: { listOptional?: boolean } = {},
): Page<ZoomMessage> {
	let { messages } = body;
	if (
		messages === undefined &&
		listOptional &&
		!body.next_page_token &&
		PAGE_FIELDS.some((field) => field in body)
	) {
		messages = [];
	}
	if (!Array.isArray(messages)) {
		throw new ZoomError(`Zoom's answer for ${what} has no messages list`, {
			kind: 'invalidResponse',
			description: `Expected a "messages" array; got keys: ${Object.keys(body).slice(0, 10).join(', ') || 'none'}.`,
		});
	}
	if (messages.length > pageSize) {
		throw new ZoomError(`Zoom returned ${messages.length} messages for ${what}, more than the page size of ${pageSize}`, {
			kind: 'invalidResponse',
			description: 'The answer does not follow the requested page size; stopped rather than trust it.',
		});
	}
	for (const message of messages) {
		if (typeof message !== 'object' || message === null || Array.isArray(message)) {
			throw new ZoomError(`Zoom's answer for ${what} holds a message that is not an object`, {
				kind: 'invalidResponse',
			});
		}
	}
	const token = body.next_page_token;
	if (token !== undefined && token !== null && typeof token !== 'string') {
		throw new ZoomError(`Zoom's answer for ${what} has a next_page_token that is not a string`, {
			kind: 'invalidResponse',
		});
	}
	return { messages: messages as ZoomMessage[], nextPageToken: token ?? '' };
}
