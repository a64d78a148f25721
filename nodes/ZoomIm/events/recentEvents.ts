import { createHash } from 'crypto';

/**
 * How many recent events one trigger remembers. Zoom redelivers an event after a 5xx or a timeout
 * 5, 20 and 60 minutes later; the record has to outlast that for the account's event rate.
 */
export const RECENT_EVENTS_CAPACITY = 1000;

/** A short, fixed-size stand-in for an event key, so that the stored record stays small. */
export function eventDigest(key: string): string {
	return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

/**
 * An insertion-ordered set of event digests that forgets the oldest beyond `capacity`.
 * `claim` checks and records in one synchronous step, so two deliveries of one event that are in
 * flight at the same time cannot both see it as new.
 */
export class RecentEvents {
	private readonly digests: Set<string>;

	constructor(
		initial: readonly string[] = [],
		private readonly capacity = RECENT_EVENTS_CAPACITY,
	) {
		this.digests = new Set(initial.slice(-capacity));
	}

	has(digest: string): boolean {
		return this.digests.has(digest);
	}

	/** Records `digest`; returns false if it was already there. */
	claim(digest: string): boolean {
		if (this.digests.has(digest)) return false;
		this.digests.add(digest);
		while (this.digests.size > this.capacity) {
			const oldest = this.digests.values().next().value as string;
			this.digests.delete(oldest);
		}
		return true;
	}

	/** Oldest first, for the workflow's static data. */
	toArray(): string[] {
		return [...this.digests];
	}
}

/** The static-data field that holds a trigger's record across restarts. */
export const STORED_FIELD = 'recentEvents';

/**
 * One delivery's decision: new unless this process (`memory`, shared by concurrent deliveries) or
 * the saved record (`stored`, which outlives restarts) has seen it. A new event is recorded in both;
 * the returned array is what to save.
 */
export function claimEvent(key: string, memory: RecentEvents, stored: unknown): { isNew: boolean; toStore: string[] } {
	const digest = eventDigest(key);
	const saved = new RecentEvents(Array.isArray(stored) ? stored.filter((d): d is string => typeof d === 'string') : []);
	if (saved.has(digest)) {
		memory.claim(digest);
		return { isNew: false, toStore: saved.toArray() };
	}
	const isNew = memory.claim(digest);
	saved.claim(digest);
	return { isNew, toStore: saved.toArray() };
}

/** Process-wide records, one per trigger (workflow, node and mode), kept as long as the process runs. */
export class RecentEventsRegistry {
	private readonly records = new Map<string, RecentEvents>();

	constructor(private readonly capacity = RECENT_EVENTS_CAPACITY) {}

	for(scope: string): RecentEvents {
		let record = this.records.get(scope);
		if (!record) {
			record = new RecentEvents([], this.capacity);
			this.records.set(scope, record);
		}
		return record;
	}
}
