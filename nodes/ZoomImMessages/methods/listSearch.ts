import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { connectToZoom, createPacer, type ZoomAuthentication } from '../transport';

const LIST_PAGE_SIZE = 50;

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

/**
 * Walks every page of a Zoom list endpoint (the editor's list is short, but a filter must see
 * every session, not just the first page).
 */
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

/** IM chat sessions of the connected user (GET /im/chat/sessions), filtered by name or id. */
export async function searchSessions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { client } = await connect(this);
	const sessions = await collectAll(async (token) => {
		const body = await client.get({
			path: '/im/chat/sessions',
			qs: token ? { page_size: LIST_PAGE_SIZE, next_page_token: token } : { page_size: LIST_PAGE_SIZE },
		});
		const entries = Array.isArray(body.sessions) ? (body.sessions as Array<Record<string, unknown>>) : [];
		return { entries, next: typeof body.next_page_token === 'string' ? body.next_page_token : '' };
	});
	const results: INodeListSearchItems[] = sessions
		.filter((s) => matches(filter, s.name, s.session_id))
		.map((s) => ({
			name: `${String(s.name ?? s.session_id)}${s.type ? ` (${String(s.type)})` : ''}`,
			value: String(s.session_id),
		}));
	return { results };
}

/** Team Chat channels of the chosen user (GET /chat/users/{userId}/channels), filtered by name or id. */
export async function searchChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { client } = await connect(this);
	const userId = String(this.getNodeParameter('userId', 'me') || 'me');
	const channels = await collectAll(async (token) => {
		const body = await client.get({
			path: `/chat/users/${encodeURIComponent(userId)}/channels`,
			qs: token ? { page_size: LIST_PAGE_SIZE, next_page_token: token } : { page_size: LIST_PAGE_SIZE },
		});
		const entries = Array.isArray(body.channels) ? (body.channels as Array<Record<string, unknown>>) : [];
		return { entries, next: typeof body.next_page_token === 'string' ? body.next_page_token : '' };
	});
	const results: INodeListSearchItems[] = channels
		.filter((c) => matches(filter, c.name, c.id))
		.map((c) => ({ name: String(c.name ?? c.id), value: String(c.id) }));
	return { results };
}
