/**
 * Client-side pace shared by every request of one node execution: requests are let go one at a
 * time, at least `1000 / maxPerSecond` ms apart, whichever window, page or retry they belong to.
 * Zoom's rate limits are per account and shared by all apps, so a long pull must leave room for
 * others.
 *
 * The gap is measured from when the previous request was really let go, not from when it was
 * scheduled: when the process is busy and timers fire late, the requests that were waiting do not
 * go out together (a burst that Zoom would count against its per-second limit).
 */
export class RequestPacer {
	private lastReleaseMs = Number.NEGATIVE_INFINITY;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly now: () => number,
		private readonly sleep: (ms: number) => Promise<void>,
	) {}

	/** Waits for this request's turn. `maxPerSecond` <= 0 disables pacing. */
	async acquire(maxPerSecond: number): Promise<void> {
		if (!(maxPerSecond > 0)) return;
		const interval = 1000 / maxPerSecond;
		const previous = this.queue;
		let done!: () => void;
		this.queue = new Promise<void>((resolve) => {
			done = resolve;
		});
		try {
			await previous;
			const earliest = this.lastReleaseMs + interval;
			const now = this.now();
			if (earliest > now) await this.sleep(earliest - now);
			this.lastReleaseMs = Math.max(this.now(), earliest);
		} finally {
			done();
		}
	}
}
