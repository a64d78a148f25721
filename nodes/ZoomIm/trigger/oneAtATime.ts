/**
 * Runs jobs that share a key one at a time, with at most one waiting: a job that finds one running
 * and one already waiting is not run and gets `whenBusy` at once (the waiting one will do its work).
 *
 * The trigger's scheduled polls use it, keyed by workflow and node: n8n starts a poll on schedule even
 * while the previous one still runs (a slow Zoom, retries, a long catch-up), and two polls reading the
 * same cursor would emit the same messages twice. A poll waits for the one in progress and then
 * reads the cursor that poll left.
 */
export class OneAtATime {
	private readonly queues = new Map<string, { tail: Promise<void>; pending: number }>();

	async run<T>(key: string, job: () => Promise<T>, whenBusy: T): Promise<T> {
		const queue = this.queues.get(key) ?? { tail: Promise.resolve(), pending: 0 };
		if (queue.pending >= 2) return whenBusy;
		queue.pending++;
		this.queues.set(key, queue);
		const previous = queue.tail;
		let release = () => {};
		queue.tail = new Promise<void>((resolve) => (release = resolve));
		try {
			await previous;
			return await job();
		} finally {
			release();
			queue.pending--;
			if (queue.pending === 0) this.queues.delete(key);
		}
	}

	/** Keys with a job running or waiting. */
	get busyKeys(): number {
		return this.queues.size;
	}
}
