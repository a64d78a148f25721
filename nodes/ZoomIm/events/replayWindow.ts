/** How far `x-zm-request-timestamp` may be from now, either way: older requests are replays. */
export const REPLAY_WINDOW_MS = 5 * 60 * 1000;

/**
 * Whether Zoom's request timestamp (epoch seconds, digits only) is within the replay window of
 * `nowMs`. Anything that is not a plain number of seconds is refused.
 */
export function isFreshTimestamp(timestamp: string | undefined, nowMs: number): boolean {
	if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
	return Math.abs(nowMs - Number(timestamp) * 1000) <= REPLAY_WINDOW_MS;
}
