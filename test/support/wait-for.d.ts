export interface WaitForOptions {
	/** Give up (throw) after this long; default 10 s. */
	timeoutMs?: number;
	/** Pause between two calls of the probe; default 100 ms. */
	intervalMs?: number;
	/** What is awaited, for the timeout's message. */
	what?: string;
	/** More text for the timeout's message (e.g. a log tail), read only when it times out. */
	detail?: () => string;
}

/** Polls `probe` until it returns something other than undefined, null or false (returned), or throws after `timeoutMs`. */
export declare function waitFor<T>(
	probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
	options?: WaitForOptions,
): Promise<T>;
