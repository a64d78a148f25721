import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { itemJsonBuilder, type ChatTarget } from '../shared/chatTarget';
import { addDays, todayIn } from '../shared/dates';
import { imMessageFingerprint, type ZoomMessage } from '../shared/imChatApi';
import { toNodeError } from '../shared/nodeErrors';
import { firstDayToRead, initialCursor, oldestFirst, selectNewMessages, type PollCursor } from '../shared/pollCursor';
import { readChatMessages } from '../shared/readMessages';
import { earliestTeamChatDay, teamChatMessageFingerprint } from '../shared/teamChatApi';
import { checkPageSize } from '../shared/validation';
import {
	apiProperty,
	authenticationProperty,
	maxRetriesOption,
	pageSizeProperties,
	retryDelayOption,
	simplifyOption,
	targetProperties,
} from '../ZoomImMessages/description';
import { searchChannels, searchSessions } from '../ZoomImMessages/methods/listSearch';
import { checkPaceAndRetry, readChatTarget, zoomCredentials, type PaceAndRetryOptions } from '../ZoomImMessages/parameters';
import { connectToZoom, createPacer, type ZoomAuthentication } from '../ZoomImMessages/transport';

/** Messages a manual test run returns, so that the user can map fields. */
const SAMPLE_SIZE = 5;
/** Days a manual test run looks back for those samples. */
const SAMPLE_DAYS = 7;

interface TriggerOptions extends PaceAndRetryOptions {
	simplify?: boolean;
}

export class ZoomImMessagesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoom IM Messages Trigger',
		name: 'zoomImMessagesTrigger',
		icon: { light: 'file:../../icons/zoom.svg', dark: 'file:../../icons/zoom.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["api"] === "teamChat" ? "New Team Chat messages" : "New IM chat messages" }}',
		description: 'Starts the workflow with each new Zoom chat message, checked on a schedule',
		defaults: { name: 'Zoom IM Messages Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: zoomCredentials,
		properties: [
			authenticationProperty,
			apiProperty,
			...targetProperties,
			...pageSizeProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Max Requests per Second',
						name: 'maxRequestsPerSecond',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 10,
						description: 'Pace for the requests of one poll; 0 means no pacing',
					},
					maxRetriesOption,
					retryDelayOption,
					simplifyOption,
				],
			},
		],
	};

	methods = {
		listSearch: { searchSessions, searchChannels },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const run = async () => {
			try {
				return await pollZoom(this);
			} catch (error) {
				throw toNodeError(this.getNode(), error);
			}
		};
		// A manual test run does not touch the cursor; scheduled polls of one trigger take turns.
		if (this.getMode() === 'manual') return await run();
		return await oneAtATime(`${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`, run, null);
	}
}

/**
 * Scheduled polls in progress or waiting, per workflow and trigger node. n8n starts a poll on
 * schedule even while the previous one still runs (a slow Zoom, retries, a long catch-up); two
 * polls reading the same cursor would emit the same messages twice. So a poll waits for the one
 * in progress and then reads the cursor that poll left; a third one is not needed (the waiting
 * one will see everything) and returns `whenBusy` at once.
 */
const pollQueues = new Map<string, { tail: Promise<void>; pending: number }>();

async function oneAtATime<T>(key: string, run: () => Promise<T>, whenBusy: T): Promise<T> {
	const queue = pollQueues.get(key) ?? { tail: Promise.resolve(), pending: 0 };
	if (queue.pending >= 2) return whenBusy;
	queue.pending++;
	pollQueues.set(key, queue);
	const previous = queue.tail;
	let release = () => {};
	queue.tail = new Promise<void>((resolve) => (release = resolve));
	try {
		await previous;
		return await run();
	} finally {
		release();
		queue.pending--;
		if (queue.pending === 0) pollQueues.delete(key);
	}
}

/** Where the cursor belongs; a cursor for another conversation is not reused. */
function cursorKey(target: ChatTarget): string {
	if (target.api === 'imChat') return `imChat:${target.sessionId}`;
	const { conversation } = target;
	const [kind, id] = 'toChannel' in conversation ? ['channel', conversation.toChannel] : ['contact', conversation.toContact];
	return `teamChat:${target.userId}:${kind}:${id}`;
}

async function pollZoom(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as ZoomAuthentication;
	const raw = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const paceAndRetry = checkPaceAndRetry(raw);
	const target = readChatTarget((name, fallback, options) => ctx.getNodeParameter(name, fallback, options));
	const pageSize = checkPageSize(ctx.getNodeParameter('pageSize', 50), target.api);
	const { client } = await connectToZoom(ctx, authentication, {
		...paceAndRetry,
		requestTimeoutMs: 30_000,
		pacer: createPacer(),
	});

	const key = cursorKey(target);
	const fingerprint = target.api === 'teamChat' ? teamChatMessageFingerprint : imMessageFingerprint;
	const toJson = itemJsonBuilder(target, raw.simplify !== false);
	// Days are UTC here: the cursor is an instant, and Zoom's IM dates are UTC days.
	const fetchDays = async (firstDay: string, lastDay: string): Promise<ZoomMessage[]> =>
		(
			await readChatMessages(
				client,
				target,
				{ firstDay, lastDay, clamped: false, empty: false },
				{ pageSize, concurrency: 4, zone: 'UTC', includeDeletedAndEdited: false },
			)
		).flat();

	const now = Date.now();
	const today = todayIn('UTC', now);
	// Items are built last, after the cursor's digests were taken from the messages as Zoom sent them.
	const emit = (messages: ZoomMessage[]) => [messages.map((m) => ({ json: toJson(m) as IDataObject }))];

	if (ctx.getMode() === 'manual') {
		// A test run: the newest few messages, so that fields can be mapped. Today first; the six
		// days before only when today has too few. The cursor is not touched.
		let recent = await fetchDays(today, today);
		if (recent.length < SAMPLE_SIZE) {
			recent = [...(await fetchDays(addDays(today, -(SAMPLE_DAYS - 1)), addDays(today, -1))), ...recent];
		}
		const sample = oldestFirst(recent).slice(-SAMPLE_SIZE);
		return sample.length ? emit(sample) : null;
	}

	const staticData = ctx.getWorkflowStaticData('node') as { cursor?: PollCursor };
	const cursor = staticData.cursor;
	if (!cursor || cursor.key !== key) {
		// First poll after activation (or after the target changed): remember where the chat is.
		// n8n saves the static data right after the activation poll, so this survives a restart.
		const yesterday = addDays(today, -1);
		staticData.cursor = initialCursor(key, await fetchDays(yesterday, today), fingerprint, yesterday, today);
		return null;
	}

	let firstDay = firstDayToRead(cursor, today);
	if (target.api === 'teamChat') {
		// Team Chat keeps only the last 6 months: after a longer pause, older days cannot be read
		// any more, and asking for them would fail every poll from then on.
		const earliest = earliestTeamChatDay('UTC', now);
		if (firstDay < earliest) firstDay = earliest;
	}
	const fetched = await fetchDays(firstDay, today);
	const { fresh, next } = selectNewMessages(fetched, cursor, fingerprint, today);
	// The cursor moves only after Zoom was read successfully: a failed poll throws before this and
	// the next one reads the same range again. It is rewritten only when it changed (new messages,
	// or the first poll of a new UTC day).
	if (next !== cursor) staticData.cursor = next;
	return fresh.length ? emit(fresh) : null;
}
