/** What an event is about, which decides how it becomes an item. */
export type EventKind = 'message' | 'reaction' | 'file';

export interface ZoomChatEvent {
	/** Zoom's event name, as sent in the body's `event` and stored in the `events` parameter. */
	value: string;
	name: string;
	kind: EventKind;
	/** The message's `status` in the Zoom IM Messages node's output, for message events. */
	status?: 'Normal' | 'Edited' | 'Deleted';
}

/** The Team Chat events this trigger starts on (Zoom's Team Chat webhooks), newest names first. */
export const ZOOM_CHAT_EVENTS: readonly ZoomChatEvent[] = [
	{ value: 'team_chat.channel_message_posted', name: 'Channel Message Posted', kind: 'message', status: 'Normal' },
	{ value: 'team_chat.channel_message_updated', name: 'Channel Message Updated', kind: 'message', status: 'Edited' },
	{ value: 'team_chat.channel_message_deleted', name: 'Channel Message Deleted', kind: 'message', status: 'Deleted' },
	{ value: 'team_chat.dm_message_posted', name: 'Direct Message Posted', kind: 'message', status: 'Normal' },
	{ value: 'team_chat.dm_message_updated', name: 'Direct Message Updated', kind: 'message', status: 'Edited' },
	{ value: 'team_chat.dm_message_deleted', name: 'Direct Message Deleted', kind: 'message', status: 'Deleted' },
	{ value: 'team_chat.channel_reaction_added', name: 'Channel Reaction Added', kind: 'reaction' },
	{ value: 'team_chat.channel_reaction_removed', name: 'Channel Reaction Removed', kind: 'reaction' },
	{ value: 'team_chat.dm_reaction_added', name: 'Direct Message Reaction Added', kind: 'reaction' },
	{ value: 'team_chat.dm_reaction_removed', name: 'Direct Message Reaction Removed', kind: 'reaction' },
	{ value: 'team_chat.file_shared', name: 'File Shared', kind: 'file' },
	{ value: 'team_chat.file_deleted', name: 'File Deleted', kind: 'file' },
	{ value: 'chat_message.sent', name: 'Legacy: Chat Message Sent', kind: 'message', status: 'Normal' },
	{ value: 'chat_message.updated', name: 'Legacy: Chat Message Updated', kind: 'message', status: 'Edited' },
	{ value: 'chat_message.deleted', name: 'Legacy: Chat Message Deleted', kind: 'message', status: 'Deleted' },
	{ value: 'chat_message.replied', name: 'Legacy: Chat Message Replied', kind: 'message', status: 'Normal' },
];

/** The `events` parameter's default: a new message in a channel or a direct conversation. */
export const DEFAULT_EVENTS = ['team_chat.channel_message_posted', 'team_chat.dm_message_posted'];

/** Zoom's endpoint check, answered by the trigger itself and never a workflow start. */
export const URL_VALIDATION_EVENT = 'endpoint.url_validation';

const BY_VALUE = new Map(ZOOM_CHAT_EVENTS.map((event) => [event.value, event]));

export function chatEvent(value: unknown): ZoomChatEvent | undefined {
	return typeof value === 'string' ? BY_VALUE.get(value) : undefined;
}
