import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { DEFAULTS } from '../descriptions/options';
import { DEFAULT_PAGE_SIZE } from '../descriptions/paging';
import { checkPaceAndRetry, readChatTarget, type PaceAndRetryOptions } from '../parameters/nodeParameters';
import { checkPageSize } from '../parameters/validation';
import { addDays, todayIn } from '../reading/calendar';
import { itemJsonBuilder, type ChatTarget } from '../reading/chatTarget';
import { readChatMessages } from '../reading/conversationReader';
import { imMessageFingerprint } from '../reading/imChat';
import type { ZoomMessage } from '../reading/messages';
import { earliestTeamChatDay, teamChatMessageFingerprint } from '../reading/teamChat';
import { connectToZoom, createPacer, type ZoomAuthentication } from '../transport';
import { firstDayToRead, initialCursor, oldestFirst, selectNewMessages } from './pollCursor';
import { readSavedCursor } from './savedCursor';

/** One poll of the trigger: the messages that arrived since the previous poll, by the cursor. */

/** Messages a manual test run returns, so that the user can map fields. */
const SAMPLE_SIZE = 5;
/** Days a manual test run looks back for those samples. */
const SAMPLE_DAYS = 7;

interface TriggerOptions extends PaceAndRetryOptions {
	simplify?: boolean;
}

/** Where the cursor belongs; a cursor for another conversation is not reused. */
function cursorKey(target: ChatTarget): string {
	if (target.api === 'imChat') return `imChat:${target.sessionId}`;
	const { conversation } = target;
	const [kind, id] = 'toChannel' in conversation ? ['channel', conversation.toChannel] : ['contact', conversation.toContact];
	return `teamChat:${target.userId}:${kind}:${id}`;
}

/** Reads every message of the UTC days `firstDay` … `lastDay` of the trigger's conversation. */
type FetchDays = (firstDay: string, lastDay: string) => Promise<ZoomMessage[]>;

export async function pollZoom(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as ZoomAuthentication;
	const raw = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const paceAndRetry = checkPaceAndRetry(raw);
	const target = readChatTarget((name, fallback, options) => ctx.getNodeParameter(name, fallback, options));
	const pageSize = checkPageSize(ctx.getNodeParameter('pageSize', DEFAULT_PAGE_SIZE[target.api]), target.api);
	const { client } = await connectToZoom(ctx, authentication, {
		...paceAndRetry,
		requestTimeoutMs: DEFAULTS.requestTimeout,
		pacer: createPacer(),
	});

	const toJson = itemJsonBuilder(target, raw.simplify !== false);
	// Days are UTC here: the cursor is an instant, and Zoom's IM dates are UTC days.
	const fetchDays: FetchDays = async (firstDay, lastDay) =>
		(
			await readChatMessages(
				client,
				target,
				{ firstDay, lastDay, clamped: false, empty: false },
				{ pageSize, concurrency: DEFAULTS.concurrency, zone: 'UTC', includeDeletedAndEdited: false },
			)
		).flat();

	const now = Date.now();
	const messages =
		ctx.getMode() === 'manual'
			? await recentSample(fetchDays, todayIn('UTC', now))
			: await newMessages(ctx, target, fetchDays, now);
	// Items are built last, after the cursor's digests were taken from the messages as Zoom sent them.
	return messages.length ? [messages.map((m) => ({ json: toJson(m) as IDataObject }))] : null;
}

/**
 * A manual test run: the newest few messages, so that fields can be mapped. Today first; the six
 * days before only when today has too few. The cursor is not touched.
 */
async function recentSample(fetchDays: FetchDays, today: string): Promise<ZoomMessage[]> {
	let recent = await fetchDays(today, today);
	if (recent.length < SAMPLE_SIZE) {
		recent = [...(await fetchDays(addDays(today, -(SAMPLE_DAYS - 1)), addDays(today, -1))), ...recent];
	}
	return oldestFirst(recent).slice(-SAMPLE_SIZE);
}

/** A scheduled poll: the messages not emitted before, by the cursor in the workflow's static data. */
async function newMessages(ctx: IPollFunctions, target: ChatTarget, fetchDays: FetchDays, now: number): Promise<ZoomMessage[]> {
	const key = cursorKey(target);
	const fingerprint = target.api === 'teamChat' ? teamChatMessageFingerprint : imMessageFingerprint;
	const today = todayIn('UTC', now);
	const staticData = ctx.getWorkflowStaticData('node') as { cursor?: unknown };
	const saved = readSavedCursor(staticData.cursor, now);
	if (saved.kind === 'unreadable') {
		ctx.logger.warn(
			`Zoom IM Messages Trigger "${ctx.getNode().name}": the saved cursor cannot be read (${saved.why}); starting afresh, as on activation. Messages since its last successful check are not emitted.`,
		);
	}
	const cursor = saved.kind === 'cursor' ? saved.cursor : undefined;
	if (!cursor || cursor.key !== key) {
		// First poll after activation (or after the target changed, or a cursor that cannot be
		// read): remember where the chat is. n8n saves the static data right after the activation
		// poll, so this survives a restart.
		const yesterday = addDays(today, -1);
		staticData.cursor = initialCursor(key, await fetchDays(yesterday, today), fingerprint, yesterday, today, now);
		return [];
	}

	let firstDay = firstDayToRead(cursor, today);
	if (target.api === 'teamChat') {
		// Team Chat keeps only the last 6 months: after a longer pause, older days cannot be read
		// any more, and asking for them would fail every poll from then on.
		const earliest = earliestTeamChatDay('UTC', now);
		if (firstDay < earliest) firstDay = earliest;
	}
	const { fresh, next } = selectNewMessages(await fetchDays(firstDay, today), cursor, fingerprint, now, today);
	// The cursor moves only after Zoom was read successfully: a failed poll throws before this and
	// the next one reads the same range again. It is rewritten only when it changed (new messages,
	// the first poll of a new UTC day, or a saved cursor in an older form).
	if (next !== cursor || next !== staticData.cursor) staticData.cursor = next;
	return fresh;
}
