import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { checkTeamChatUserId } from '../parameters/validation';
import { todayIn } from '../reading/calendar';
import { MAX_PAGE_SIZE } from '../reading/pageSizes';
import { connectToZoom, createPacer, type ZoomAuthentication } from '../transport';
import { toNodeError } from '../transport/nodeErrors';
import { pickerPosition, pickerToken, showSessionIn } from './sessionPicker';

/**
 * The editor's resource-locator lists (n8n's listSearch). Each call reads a bounded part of a Zoom
 * list and hands the editor a `paginationToken` for the rest, which it sends back when the user
 * scrolls to the end. Errors go through the node's own toNodeError.
 */

/** Zoom's largest pages: the fewest requests per list. */
const SESSIONS_PAGE_SIZE = MAX_PAGE_SIZE.imChatSessions;
const CHANNELS_PAGE_SIZE = MAX_PAGE_SIZE.teamChatChannels;

async function connect(ctx: ILoadOptionsFunctions) {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as ZoomAuthentication;
	return await connectToZoom(ctx, authentication, {
		maxRetries: 2,
		maxRequestsPerSecond: 0,
		backoff: { baseDelayMs: 500, maxDelayMs: 5_000 },
		requestTimeoutMs: 15_000,
		pacer: createPacer(),
	});
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

/** Walks every page of one Zoom list (a filter must see every entry, not just the first page). */
async function collectAll<T>(
	fetchPage: (token: string | undefined) => Promise<{ entries: T[]; next: string }>,
	maxPages = 100,
): Promise<T[]> {
	const all: T[] = [];
	let token: string | undefined;
	const seen = new Set<string>();
	for (let page = 0; page < maxPages; page++) {
		const { entries, next } = await fetchPage(token);
		all.push(...entries);
		if (!next || seen.has(next)) break;
		seen.add(next);
		token = next;
	}
	return all;
}

/** Enough sessions for the editor's list to scroll: the editor asks for more only at its end. */
const MIN_SESSIONS_PER_CALL = 20;

/**
 * IM chat sessions of the connected user, newest first, filtered by name or id. Zoom lists sessions
 * only for a date range of at most one month, so each call reads whole month windows, newest first,
 * until it has enough sessions to fill the list, and hands the editor a token for the next window;
 * the editor sends it back when the user scrolls to the end (see sessionPicker.ts). Zoom's own page
 * tokens are followed within the call: they expire after 15 minutes, the editor's token does not.
 */
export async function searchSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	try {
		const { client } = await connect(this);
		const position = pickerPosition(paginationToken, todayIn('UTC', Date.now()));
		const { windows } = position;
		const results: INodeListSearchItems[] = [];
		const shown = new Set<string>();
		let next = 0;
		while (next < windows.length && results.length < MIN_SESSIONS_PER_CALL) {
			const window = windows[next];
			const where = { newest: position.startsAtToday && next === 0, oldest: window.from === position.firstDay };
			next++;
			const sessions = await collectAll(async (token) => {
				const qs: Record<string, string | number> = { from: window.from, to: window.to, page_size: SESSIONS_PAGE_SIZE };
				if (token) qs.next_page_token = token;
				const body = await client.get({ path: '/im/chat/sessions', qs });
				const entries = Array.isArray(body.sessions) ? (body.sessions as Array<Record<string, unknown>>) : [];
				return { entries, next: typeof body.next_page_token === 'string' ? body.next_page_token : '' };
			});
			for (const session of sessions) {
				const id = session.session_id;
				if (typeof id !== 'string' || id === '' || shown.has(id)) continue;
				if (!showSessionIn(session.last_message_sent_time, window, where)) continue;
				shown.add(id);
				if (!matches(filter, session.name, id)) continue;
				results.push({
					name: `${typeof session.name === 'string' && session.name ? session.name : id}${session.type ? ` (${String(session.type)})` : ''}`,
					value: id,
				});
			}
		}
		return next < windows.length ? { results, paginationToken: pickerToken(position, windows[next]) } : { results };
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

/**
 * Team Chat channels of the chosen user (GET /chat/users/{userId}/channels), filtered by name or id:
 * one Zoom page per call, and Zoom's `next_page_token` is the editor's pagination token. Zoom's page
 * tokens expire after 15 minutes: a list left open longer shows an error when scrolled further and
 * is read again when it is reopened, which is acceptable for a list of channels.
 */
export async function searchChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	try {
		// Checked before connecting, as the node does: Zoom refuses "me" for server-to-server apps.
		const userId = checkTeamChatUserId(
			this.getNodeParameter('userId', 'me') || 'me',
			this.getNodeParameter('authentication', 'oAuth2'),
		);
		const { client } = await connect(this);
		const qs: Record<string, string | number> = { page_size: CHANNELS_PAGE_SIZE };
		if (paginationToken) qs.next_page_token = paginationToken;
		const body = await client.get({ path: `/chat/users/${encodeURIComponent(userId)}/channels`, qs });
		const channels = Array.isArray(body.channels) ? (body.channels as Array<Record<string, unknown>>) : [];
		const results: INodeListSearchItems[] = channels
			.filter((c) => matches(filter, c.name, c.id))
			.map((c) => ({ name: String(c.name ?? c.id), value: String(c.id) }));
		const next = typeof body.next_page_token === 'string' ? body.next_page_token : '';
		// A token Zoom hands back unchanged would make the editor ask for the same page forever.
		return next && next !== paginationToken ? { results, paginationToken: next } : { results };
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}
