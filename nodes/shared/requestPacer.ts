/**
 * Client-side pace shared by every request of one node execution: requests are given start slots
 * at least `1000 / maxPerSecond` ms apart, whichever window, page or retry they belong to. Zoom's
 * rate limits are per account and shared by all apps, so a long pull must leave room for others.
 */
export class RequestPacer {
	private nextSlotMs = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly now: () => number,
		private readonly sleep: (ms: number) => Promise<void>,
	) {}

	/** Waits for this request's slot. `maxPerSecond` <= 0 disables pacing. */
	async acquire(maxPerSecond: number): Promise<void> {
		if (!(maxPerSecond > 0)) return;
		const interval = 1000 / maxPerSecond;
		const now = this.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + interval;
		if (slot > now) await this.sleep(slot - now);
	}
}
