/**
 * Runs tasks with a bound on how many run at once, a bound that may change while they run (it is
 * asked again whenever a task ends or `poke` is called): the number of requests in flight then
 * follows a pace that learns. Tasks queued with `front` go before the others, so that work already
 * begun (the rest of a window) finishes before new work starts.
 *
 * After the first failure no queued task starts (each is rejected with that failure); `idle()`
 * resolves once the running ones have ended.
 */
export class WorkPool {
	private readonly queue: Array<{ start: () => void; reject: (reason: unknown) => void }> = [];
	private running = 0;
	private failure: { reason: unknown } | undefined;
	private idleWaiters: Array<() => void> = [];

	constructor(private readonly allowed: () => number) {}

	async run<T>(task: () => Promise<T>, { front = false } = {}): Promise<T> {
		return await new Promise<T>((resolve, reject) => {
			if (this.failure) {
				reject(this.failure.reason);
				return;
			}
			const start = () => {
				this.running++;
				task()
					.then(resolve, (reason: unknown) => {
						this.failure ??= { reason };
						reject(reason);
					})
					.finally(() => {
						this.running--;
						this.poke();
					});
			};
			const entry = { start, reject };
			if (front) this.queue.unshift(entry);
			else this.queue.push(entry);
			this.poke();
		});
	}

	/** Starts queued tasks while the bound allows. */
	poke(): void {
		if (this.failure) {
			for (const entry of this.queue.splice(0)) entry.reject(this.failure.reason);
		}
		while (this.queue.length > 0 && this.running < Math.max(1, this.allowed())) this.queue.shift()!.start();
		if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
	}

	/** The first failure of a task, if any. */
	firstFailure(): { reason: unknown } | undefined {
		return this.failure;
	}

	/** Resolves when no task runs. */
	async idle(): Promise<void> {
		if (this.running === 0) return;
		await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
	}
}
