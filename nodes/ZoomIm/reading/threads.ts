import type { ZoomMessage } from './messages';

/**
 * What the node does with Team Chat thread replies, which Zoom returns inline (each marked by
 * `reply_main_message_id`):
 * - `all`: every message, replies included, in Zoom's order (the node's output before this option);
 * - `mainOnly`: main messages only (Zoom's `exclude_child_message=true`: no reply is even read);
 * - `grouped`: one item per main message with its replies under `replies`.
 */
export type ThreadRepliesMode = 'all' | 'mainOnly' | 'grouped';

export const THREAD_REPLIES_MODES: readonly ThreadRepliesMode[] = ['all', 'mainOnly', 'grouped'];

function timestampOf(message: ZoomMessage): number {
	return typeof message.timestamp === 'number' ? message.timestamp : 0;
}

/**
 * Puts each reply under its main message, from the inline replies that were read (no extra
 * request). A main message keeps its place and gets `replies` (oldest first; an empty list when
 * it has none, so the field is always there). A reply whose main message is not among `messages`
 * (sent before the range, or beyond the Limit) stays an item of its own, still naming its main
 * message: nothing read is dropped.
 */
export function groupThreadReplies(messages: ZoomMessage[]): ZoomMessage[] {
	const mains = new Map<string, ZoomMessage[]>();
	for (const message of messages) {
		if (message.reply_main_message_id === undefined && typeof message.id === 'string') mains.set(message.id, []);
	}
	const top: ZoomMessage[] = [];
	for (const message of messages) {
		const mainId = message.reply_main_message_id;
		const replies = typeof mainId === 'string' ? mains.get(mainId) : undefined;
		if (replies) replies.push(message);
		else top.push(message);
	}
	for (const message of top) {
		if (message.reply_main_message_id !== undefined || typeof message.id !== 'string') continue;
		const replies = mains.get(message.id) ?? [];
		replies.sort((a, b) => timestampOf(a) - timestampOf(b));
		message.replies = replies;
	}
	return top;
}
