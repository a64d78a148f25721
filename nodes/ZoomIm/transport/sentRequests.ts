/**
 * The requests a pace let go in the last two seconds and what became of them: the record the pace
 * learns Zoom's limit from (Zoom counts a sliding second). Pure.
 */

/** Zoom counts its limits per second. */
export const WINDOW_MS = 1000;

/** One request let go by the pace. */
export interface Sent {
	at: number;
	/** When its answer came: Zoom counted it at some time between `at` and this. */
	answeredAt?: number;
	state: 'pending' | 'answered' | 'rateLimited' | 'noAnswer';
}

export class SentRequests {
	private recent: Sent[] = [];

	/** Records a request let go now; forgets answered ones older than two seconds. */
	add(sent: Sent): void {
		this.recent.push(sent);
		const horizon = sent.at - 2 * WINDOW_MS;
		let drop = 0;
		while (drop < this.recent.length && this.recent[drop].at < horizon && this.recent[drop].state !== 'pending') drop++;
		if (drop > 0) this.recent.splice(0, drop);
	}

	/**
	 * Requests sent in the second before `at` (exclusive) that Zoom did not refuse so far. While some
	 * of them are unanswered this may be too high (a burst's answers come back in any order).
	 */
	acceptedBefore(at: number): number {
		let count = 0;
		for (const s of this.recent) {
			if (s.at > at - WINDOW_MS && s.at < at && s.state !== 'rateLimited') count++;
		}
		return count;
	}

	/** Requests let go in the `spanMs` before `now`. */
	releasedWithin(spanMs: number, now: number): number {
		let count = 0;
		for (let i = this.recent.length - 1; i >= 0 && this.recent[i].at > now - spanMs; i--) count++;
		return count;
	}

	/** Whether a request sent before `at` still waits for its answer. */
	pendingBefore(at: number): boolean {
		return this.recent.some((s) => s.state === 'pending' && s.at < at);
	}

	/** Answered requests in the second up to `at`; undefined when Zoom refused one then (that second proves nothing). */
	answeredInSecondUpTo(at: number): number | undefined {
		let answered = 0;
		for (const s of this.recent) {
			if (s.at > at - WINDOW_MS && s.at <= at) {
				if (s.state === 'rateLimited') return undefined;
				if (s.state === 'answered') answered++;
			}
		}
		return answered;
	}

	/**
	 * When Zoom counted the requests it did not refuse in the second before `now`, oldest first: when
	 * each arrived, at the latest when it was answered (still pending: now).
	 */
	countedInLastSecond(now: number): number[] {
		return this.recent
			.filter((s) => s.state !== 'rateLimited')
			.map((s) => s.answeredAt ?? now)
			.filter((at) => at > now - WINDOW_MS)
			.sort((a, b) => a - b);
	}
}
