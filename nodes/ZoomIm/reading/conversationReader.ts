import type { ZoomClient, ZoomRequest } from '../transport/zoomClient';
import {
	dayRangeToUtcInstants,
	evenDayRuns,
	splitInstantRange,
	splitIntoDayRuns,
	splitIntoMonthWindows,
	type DayRange,
	type DayWindow,
} from './calendar';
import type { ChatTarget } from './chatTarget';
import { imChatMessagesRequest, imMessageFingerprint } from './imChat';
import { parseMessagesPage, type ZoomMessage } from './messages';
import { teamChatMessageFingerprint, teamChatMessagesRequest, type TeamChatQueryOptions } from './teamChat';
import { allOrFirstFailure, readWindow, readWindows, type Page } from './windowReader';
import { WorkPool } from './workPool';

export interface ReadSettings {
	/** page_size sent to Zoom (1..50). */
	pageSize: number;
	/** Most messages to return; undefined reads everything. */
	limit?: number;
	/**
	 * Most windows (or parts of windows) read at the same time when there is no limit; 0 =
	 * automatic, as many as the credential's learned pace and latency need.
	 */
	concurrency: number;
}

function windowLabel(window: DayWindow): string {
	return window.from === window.to ? window.from : `${window.from} to ${window.to}`;
}

/** How one API reads one range of a month window: a label for error messages, and the request for each page. */
interface WindowReading {
	label: string;
	request: (pageSize: number, pageToken: string | undefined) => ZoomRequest;
}

/** How one API reads a month window: whole (`parts` 1) or cut into at most `parts` consecutive ranges, oldest first. */
type ReadingsOf = (window: DayWindow, parts: number) => WindowReading[];

/** When Zoom says a message was sent, in ms (for the order of a window's parts), if it says. */
function sentAtMs(message: ZoomMessage): number | undefined {
	if (typeof message.timestamp === 'number') return message.timestamp;
	const ms = typeof message.date_time === 'string' ? Date.parse(message.date_time) : Number.NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A split window's parts (read oldest part first) joined in Zoom's order for the whole window:
 * oldest part first when Zoom serves oldest first, newest part first when it serves newest first.
 * Zoom's order shows inside any part whose first and last messages differ in time. Undefined when
 * no part shows it and more than one part holds messages: then the order cannot be told.
 */
function joinParts(parts: ZoomMessage[][]): ZoomMessage[] | undefined {
	const filled = parts.filter((part) => part.length > 0);
	if (filled.length <= 1) return filled[0] ?? [];
	for (const part of filled) {
		const first = sentAtMs(part[0]);
		const last = sentAtMs(part[part.length - 1]);
		if (first === undefined || last === undefined || first === last) continue;
		return first < last ? parts.flat() : [...parts].reverse().flat();
	}
	return undefined;
}

/** What reading one month window needs: the client's pages, the settings, the parts of a window. */
interface MonthReading {
	settings: ReadSettings;
	fetchPage: (reading: WindowReading, pageSize: number, pageToken: string | undefined) => Promise<Page<ZoomMessage>>;
	fingerprint: (message: ZoomMessage) => string;
	readingsOf: ReadingsOf;
}

/** Reads one range page by page (from `firstPage` when it was read already), up to `remaining`. */
async function readRange(
	month: MonthReading,
	reading: WindowReading,
	remaining: number | undefined,
	afterPage: () => void,
	firstPage?: Page<ZoomMessage>,
): Promise<ZoomMessage[]> {
	const pageSize = remaining === undefined ? month.settings.pageSize : Math.min(month.settings.pageSize, remaining);
	return await readWindow({
		label: reading.label,
		limit: remaining,
		fingerprint: month.fingerprint,
		firstPage,
		fetchPage: async (pageToken) => {
			const page = await month.fetchPage(reading, pageSize, pageToken);
			afterPage();
			return page;
		},
	});
}

/** A first page that says more follow: a next_page_token, and as many messages as were asked for. */
function moreFullPagesFollow(first: Page<ZoomMessage>, pageSize: number): boolean {
	return first.nextPageToken !== '' && first.messages.length >= pageSize;
}

/**
 * One month window without a limit, in the pool: its first page, then the rest whole, or, when
 * that page is full and more follow and the pace's rate (Zoom's published starting budget in a
 * fresh process, what Zoom accepted in a warm one) at the latency observed keeps at least two lanes
 * busy per window, as shorter ranges in parallel, one per lane (only as many parts as lanes are free for them: a
 * part beyond that waits for a lane and costs its extra request for nothing).
 */
async function readMonthInParts(month: MonthReading, pool: WorkPool, window: DayWindow, lanesPerWindow: () => number): Promise<ZoomMessage[]> {
	const afterPage = () => pool.poke();
	const reading = month.readingsOf(window, 1)[0];
	const first = await pool.run(async () => {
		const page = await month.fetchPage(reading, month.settings.pageSize, undefined);
		afterPage();
		return page;
	});
	// Decided on this first answer, with the lanes the pace allows now (a fresh process included).
	const lanes = moreFullPagesFollow(first, month.settings.pageSize) ? lanesPerWindow() : 1;
	const parts = lanes > 1 ? month.readingsOf(window, lanes) : [];
	const readWhole = async () => await pool.run(async () => await readRange(month, reading, undefined, afterPage, first), { front: true });
	if (parts.length <= 1) return await readWhole();
	const partMessages = await allOrFirstFailure(
		pool,
		parts.map(async (part) => await pool.run(async () => await readRange(month, part, undefined, afterPage), { front: true })),
	);
	// Zoom's order could not be told from the parts: read the window whole, in its order.
	return joinParts(partMessages) ?? (await readWhole());
}

/**
 * Every message in the day range, as one array per month window (oldest window first, Zoom's
 * order inside a window). With a limit, windows are read one after another and no page beyond it.
 *
 * Without one, windows run in parallel, as many requests at a time as the credential's pace keeps
 * busy, and a window may be read in parts (readMonthInParts): each part costs at most one request
 * more than its share (its last page may be partly full), and the first page is the one request
 * more of the window. Windows that fit in one page, and ranges whose windows already keep the pace
 * busy, are never split.
 */
async function readMonthWindows(
	client: ZoomClient,
	range: DayRange,
	settings: ReadSettings,
	fingerprint: (message: ZoomMessage) => string,
	readingsOf: ReadingsOf,
): Promise<ZoomMessage[][]> {
	if (range.empty) return [];
	const windows = splitIntoMonthWindows(range.firstDay, range.lastDay);
	const month: MonthReading = {
		settings,
		fingerprint,
		readingsOf,
		// An answer for an empty range may come without `messages`: Team Chat's schema makes the list
		// optional, and IM chat's reference does not say it is always there.
		fetchPage: async ({ label, request }, pageSize, pageToken) =>
			parseMessagesPage(await client.get(request(pageSize, pageToken)), pageSize, label, { listOptional: true }),
	};
	const whole = (window: DayWindow) => readingsOf(window, 1)[0];
	if (settings.limit !== undefined) {
		const readLimited = async (reading: WindowReading, remaining: number | undefined) => await readRange(month, reading, remaining, () => {});
		return await readWindows(windows.map(whole), readLimited, { limit: settings.limit, concurrency: 1 });
	}
	const cap = settings.concurrency > 0 ? settings.concurrency : Number.POSITIVE_INFINITY;
	const parallelism = client.parallelism(whole(windows[0]).request(settings.pageSize, undefined).path);
	const pool = new WorkPool(() => Math.min(cap, parallelism.workers()));
	const lanesPerWindow = () => Math.floor(Math.min(cap, parallelism.lanes()) / windows.length);
	return await allOrFirstFailure(pool, windows.map(async (window) => await readMonthInParts(month, pool, window, lanesPerWindow)));
}

export interface ChatReadSettings extends ReadSettings, TeamChatQueryOptions {
	/** Team Chat: the timezone whose calendar days the range names. */
	zone: string;
}

/**
 * Every message of the conversation in the day range, one array per month window. Team Chat is
 * read in the same month windows as IM chat (each window's first day 00:00:00 to last day
 * 23:59:59 in the chosen zone, as UTC instants), which keeps requests small and lets windows run
 * in parallel.
 */
export async function readChatMessages(
	client: ZoomClient,
	target: ChatTarget,
	range: DayRange,
	settings: ChatReadSettings,
): Promise<ZoomMessage[][]> {
	if (target.api === 'imChat') {
		const { sessionId } = target;
		// IM chat takes whole days: a window is cut into runs of days, all of the same length (give
		// or take a day): a run of 3 days among runs of 2 would take half as long again as the others.
		return await readMonthWindows(client, range, settings, imMessageFingerprint, (window, parts) =>
			splitIntoDayRuns(window, evenDayRuns(window, parts)).map((days) => ({
				label: `session ${JSON.stringify(sessionId)}, ${windowLabel(days)}`,
				request: (pageSize, pageToken) => imChatMessagesRequest(sessionId, days, pageSize, pageToken),
			})),
		);
	}
	const { userId, conversation } = target;
	const conversationLabel =
		'toChannel' in conversation ? `channel ${conversation.toChannel}` : `contact ${conversation.toContact}`;
	return await readMonthWindows(
		client,
		range,
		settings,
		teamChatMessageFingerprint,
		// Team Chat takes any instant: a window is cut into equal spans of whole seconds.
		(window, parts) => {
			const instants = dayRangeToUtcInstants(window.from, window.to, settings.zone);
			const spans = parts > 1 ? splitInstantRange(instants, parts) : [instants];
			return spans.map((span) => ({
				label: `${conversationLabel}, ${spans.length > 1 ? `${span.from} to ${span.to}` : windowLabel(window)}`,
				request: (pageSize: number, pageToken: string | undefined) =>
					teamChatMessagesRequest(userId, conversation, span, pageSize, pageToken, settings),
			}));
		},
	);
}
