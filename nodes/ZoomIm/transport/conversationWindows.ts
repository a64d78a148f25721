import type { PaceClock } from './paceSettings';

/**
 * Zoom's per-channel send limits, kept (issue 21). Besides the account's Medium budget, Zoom lets a
 * channel take at most 10 messages in 1 s, 30 in 10 s, 60 in 100 s and 450 in 1,000 s, and blocks
 * sending to it for 10, 30, 60 or 300 s past one of them. The same windows are kept for a contact:
 * Zoom publishes none for one-to-one chats, so being safe costs nothing there but speed.
 *
 * Each conversation (credential, user, channel or contact) has one turn at a time: a send takes the
 * turn, goes out, and when it ends (answered or failed) its end time is recorded and the turn is
 * passed on. Zoom counts a message when it arrives, which is somewhere between the send and its
 * answer: recording the END keeps every pair of sends `window` apart at Zoom too, however the
 * latency varies. The earliest time of the next send is then computed from the recorded times (the
 * greedy schedule), not found by trying. Pure: the clock and sleep are passed in.
 */

export interface SendWindow {
	count: number;
	ms: number;
}

/** Zoom's published per-channel windows (Team Chat API, "Send a chat message", to_channel). */
export const CHANNEL_WINDOWS: readonly SendWindow[] = [
	{ count: 10, ms: 1_000 },
	{ count: 30, ms: 10_000 },
	{ count: 60, ms: 100_000 },
	{ count: 450, ms: 1_000_000 },
];

/** What Zoom blocks for past each window, longest last: the wait after a 429 that says nothing (see blocked). */
export const CHANNEL_BLOCKS_MS: readonly number[] = [10_000, 30_000, 60_000, 300_000];

/** Added to each window: Zoom may count on a coarser clock than ours (whole milliseconds or seconds). */
export const WINDOW_MARGIN_MS = 20;

/**
 * The earliest time (ms, on the clock of `ends`) a send may start after sends that ended at `ends`
 * (ascending), so that no window ever holds more than its count: for each window, the send `count`
 * places back must have ended a whole window (plus margin) before.
 */
export function earliestSend(ends: readonly number[], windows: readonly SendWindow[], marginMs = WINDOW_MARGIN_MS): number {
	let earliest = Number.NEGATIVE_INFINITY;
	for (const window of windows) {
		if (ends.length < window.count) continue;
		earliest = Math.max(earliest, ends[ends.length - window.count] + window.ms + marginMs);
	}
	return earliest;
}

/** A send's turn in its conversation: say when it ended (and whether Zoom refused it with a 429). */
export interface ConversationTurn {
	/**
	 * The send is over: its end is recorded and the next send may take the turn. `rateLimited`: Zoom
	 * answered 429; `retryAfterMs` is its Retry-After, if it sent one.
	 */
	done(outcome?: { rateLimited: boolean; retryAfterMs?: number }): void;
}

interface Conversation {
	ends: number[];
	blockedUntil: number;
	/** 429s in a row: each waits for the next of Zoom's block lengths. */
	refusals: number;
	queue: Promise<void>;
}

export class ConversationWindows {
	private readonly conversations = new Map<string, Conversation>();

	constructor(
		private readonly clock: PaceClock,
		private readonly windows: readonly SendWindow[] = CHANNEL_WINDOWS,
		private readonly blocksMs: readonly number[] = CHANNEL_BLOCKS_MS,
	) {}

	private conversation(key: string): Conversation {
		let conversation = this.conversations.get(key);
		if (!conversation) {
			conversation = { ends: [], blockedUntil: Number.NEGATIVE_INFINITY, refusals: 0, queue: Promise.resolve() };
			this.conversations.set(key, conversation);
		}
		return conversation;
	}

	/** When the next send to `key` may start, from what is recorded now. */
	earliest(key: string): number {
		const conversation = this.conversation(key);
		return Math.max(conversation.blockedUntil, earliestSend(conversation.ends, this.windows));
	}

	/**
	 * Resolves once the conversation's windows would let a send start (without taking its turn):
	 * a caller that holds a share of the account's parallelism waits here first, so that a channel
	 * waiting for its windows does not keep other conversations from sending.
	 */
	async windowsOpen(key: string): Promise<void> {
		for (;;) {
			const wait = this.earliest(key) - this.clock.now();
			if (wait <= 0) return;
			await this.clock.sleep(wait);
		}
	}

	/**
	 * Waits for the conversation's turn (one send at a time) and for its windows, then resolves: the
	 * caller sends and calls `done` when the send is over, whatever became of it.
	 */
	async turn(key: string): Promise<ConversationTurn> {
		const conversation = this.conversation(key);
		const previous = conversation.queue;
		let release!: () => void;
		conversation.queue = new Promise<void>((resolve) => {
			release = resolve;
		});
		await previous;
		let ready = false;
		try {
			for (;;) {
				const wait = this.earliest(key) - this.clock.now();
				if (wait <= 0) break;
				await this.clock.sleep(wait);
			}
			ready = true;
		} finally {
			// A sleep that failed (an execution cancelled) must not keep the conversation's turn.
			if (!ready) release();
		}
		let over = false;
		return {
			done: (outcome) => {
				if (over) return;
				over = true;
				this.record(conversation, outcome);
				release();
			},
		};
	}

	private record(conversation: Conversation, outcome: { rateLimited: boolean; retryAfterMs?: number } | undefined): void {
		const now = this.clock.now();
		// A refused or failed send may still count at Zoom: every attempt takes its place in the windows.
		conversation.ends.push(now);
		const longest = this.windows.reduce((max, w) => Math.max(max, w.ms), 0);
		const keepFrom = now - longest - WINDOW_MARGIN_MS;
		while (conversation.ends.length > 0 && conversation.ends[0] < keepFrom) conversation.ends.shift();
		if (!outcome?.rateLimited) {
			conversation.refusals = 0;
			return;
		}
		// Zoom documents nothing that tells a channel's block from the account's per-second limit: its
		// Retry-After if it sent one, else the next of its block lengths (10 s, 30 s, 60 s, 300 s).
		const ladder = this.blocksMs[Math.min(conversation.refusals, this.blocksMs.length - 1)];
		conversation.refusals++;
		conversation.blockedUntil = Math.max(conversation.blockedUntil, now + (outcome.retryAfterMs ?? ladder));
	}
}

/**
 * The key of a conversation's windows. Zoom blocks a CHANNEL, whoever sends: a channel's key is the
 * credential and the channel (not the user). A contact's conversation is the user's with that contact.
 */
export function conversationKey(
	credential: { type: string; id: string | undefined },
	userId: string,
	conversation: { toChannel: string } | { toContact: string },
): string {
	const target = 'toChannel' in conversation ? ['channel', conversation.toChannel] : ['contact', userId.toLowerCase(), conversation.toContact.toLowerCase()];
	return JSON.stringify([credential.type, credential.id ?? '', ...target]);
}
