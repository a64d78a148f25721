import { DEFAULTS } from '../descriptions/options';
import type { ChatTarget } from '../reading/chatTarget';
import type { ConnectionOptions } from '../transport';
import { checkIdentifier, checkPositiveNumber, checkTeamChatUserId } from './validation';

/**
 * Reading and checking the parameters that the Zoom IM Messages node and its trigger share, so
 * that both name a bad value the same way. Each check throws ParameterProblem (naming the field
 * by its display name) before anything is sent.
 */

/** getNodeParameter of one input item (node) or of a poll (trigger). */
export type ParameterReader = (name: string, fallback: unknown, options?: { extractValue?: boolean }) => unknown;

/** The conversation the parameters name: an IM chat session, or a Team Chat channel or contact. */
export function readChatTarget(get: ParameterReader): ChatTarget {
	if (get('api', 'imChat') !== 'teamChat') {
		return { api: 'imChat', sessionId: checkIdentifier(get('sessionId', '', { extractValue: true }), 'Session') };
	}
	const userId = checkTeamChatUserId(get('userId', 'me'), get('authentication', 'oAuth2'));
	if (get('teamChatTarget', 'channel') === 'contact') {
		const contact = checkIdentifier(get('contact', ''), 'Contact', { pathSegment: false });
		return { api: 'teamChat', userId, conversation: { toContact: contact } };
	}
	const channelId = checkIdentifier(get('channelId', '', { extractValue: true }), 'Channel', { pathSegment: false });
	return { api: 'teamChat', userId, conversation: { toChannel: channelId } };
}

/** The pace and retry options that both nodes offer. */
export interface PaceAndRetryOptions {
	maxRequestsPerSecond?: number;
	maxRetries?: number;
	retryDelay?: number;
}

export function checkPaceAndRetry(
	raw: PaceAndRetryOptions,
): Pick<ConnectionOptions, 'maxRequestsPerSecond' | 'maxRetries' | 'backoff'> {
	return {
		maxRequestsPerSecond: checkPositiveNumber(raw.maxRequestsPerSecond ?? DEFAULTS.maxRequestsPerSecond, 'Max Requests per Second'),
		maxRetries: checkPositiveNumber(raw.maxRetries ?? DEFAULTS.maxRetries, 'Max Retries', { integer: true }),
		// Retry-After from Zoom is honoured up to the same 60 s.
		backoff: { baseDelayMs: checkPositiveNumber(raw.retryDelay ?? DEFAULTS.retryDelay, 'Retry Delay (Ms)'), maxDelayMs: 60_000 },
	};
}
