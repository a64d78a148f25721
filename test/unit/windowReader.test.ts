import { PageTokenRejectedError, ZoomError } from '../../nodes/ZoomIm/transport/errors';
import { MAX_EMPTY_PAGES_IN_A_ROW, readWindow, readWindows, type Page } from '../../nodes/ZoomIm/reading/windowReader';

/** A window of `total` numbered messages served in pages of `size`, with tokens "t<offset>". */
function pagedSource(total: number, size: number) {
	const data = Array.from({ length: total }, (_, i) => ({ n: i }));
	const requested: Array<string | undefined> = [];
	return {
		data,
		requested,
		fetchPage: async (token: string | undefined): Promise<Page<{ n: number }>> => {
			requested.push(token);
			const offset = token ? Number(token.slice(1)) : 0;
			const messages = data.slice(offset, offset + size);
			const next = offset + size < data.length ? `t${offset + size}` : '';
			return { messages, nextPageToken: next };
		},
	};
}

const fingerprint = (m: { n: number }) => String(m.n);

describe('readWindow', () => {
	it('follows page tokens to the end', async () => {
		const src = pagedSource(7, 3);
		expect(await readWindow({ fetchPage: src.fetchPage, fingerprint, label: 'w' })).toEqual(src.data);
		expect(src.requested).toEqual([undefined, 't3', 't6']);
	});

	it('stops at the limit without asking for another page', async () => {
		const src = pagedSource(10, 3);
		const got = await readWindow({ fetchPage: src.fetchPage, fingerprint, label: 'w', limit: 5 });
		expect(got.map((m) => m.n)).toEqual([0, 1, 2, 3, 4]);
		expect(src.requested).toEqual([undefined, 't3']);
	});

	it('restarts after a rejected page token and skips what it already has', async () => {
		const src = pagedSource(8, 3);
		let rejected = false;
		const fetchPage = async (token: string | undefined) => {
			if (token === 't6' && !rejected) {
				rejected = true;
				throw new PageTokenRejectedError('expired');
			}
			return await src.fetchPage(token);
		};
		const got = await readWindow({ fetchPage, fingerprint, label: 'w' });
		expect(got).toEqual(src.data);
		expect(src.requested).toEqual([undefined, 't3', undefined, 't3', 't6']);
	});

	it('refuses to guess when the window changed during the restart', async () => {
		const src = pagedSource(8, 3);
		let rejected = false;
		const fetchPage = async (token: string | undefined) => {
			if (token === 't6' && !rejected) {
				rejected = true;
				src.data.splice(1, 1); // a message vanished from the start of the window
				throw new PageTokenRejectedError('expired');
			}
			return await src.fetchPage(token);
		};
		const error = await readWindow({ fetchPage, fingerprint, label: 'w' }).catch((e) => e);
		expect(error).toBeInstanceOf(ZoomError);
		expect(error.kind).toBe('contentChanged');
	});

	it('gives up after repeated restarts', async () => {
		const src = pagedSource(8, 3);
		const fetchPage = async (token: string | undefined) => {
			if (token === 't3') throw new PageTokenRejectedError('expired');
			return await src.fetchPage(token);
		};
		const error = await readWindow({ fetchPage, fingerprint, label: 'w', maxRestarts: 2 }).catch((e) => e);
		expect(error.kind).toBe('invalidResponse');
		expect(src.requested.filter((t) => t === undefined)).toHaveLength(3);
	});

	it('stops on a repeated next_page_token instead of looping', async () => {
		const fetchPage = async () => ({ messages: [{ n: 1 }], nextPageToken: 'same' });
		const error = await readWindow({ fetchPage, fingerprint, label: 'w' }).catch((e) => e);
		expect(error.message).toMatch(/same next_page_token twice/);
	});
});

describe('readWindow: pages without messages', () => {
	/** Serves `plan[i]` messages on page i, each page with a new token, the last one with none. */
	const planned = (plan: number[]) => async (token: string | undefined): Promise<Page<{ n: number }>> => {
		const i = token ? Number(token.slice(1)) : 0;
		return { messages: Array.from({ length: plan[i] }, (_, k) => ({ n: i * 100 + k })), nextPageToken: i + 1 < plan.length ? `p${i + 1}` : '' };
	};

	it('counts only empty pages in a row: a page with messages starts the count again', async () => {
		const almost = Array(MAX_EMPTY_PAGES_IN_A_ROW - 1).fill(0);
		const plan = [1, ...almost, 1, ...almost, 1];
		expect(await readWindow({ fetchPage: planned(plan), fingerprint, label: 'w' })).toHaveLength(3);
	});

	it('stops at the bound with an error naming the window', async () => {
		const plan = [1, ...Array(MAX_EMPTY_PAGES_IN_A_ROW + 5).fill(0)];
		await expect(readWindow({ fetchPage: planned(plan), fingerprint, label: 'w' })).rejects.toThrow(
			new ZoomError(`Zoom returned ${MAX_EMPTY_PAGES_IN_A_ROW} pages in a row without messages for w, each with a new next_page_token`, { kind: 'invalidResponse' }),
		);
	});
});

describe('readWindows', () => {
	it('returns results in window order even when later windows finish first', async () => {
		const finishOrder: number[] = [];
		const results = await readWindows(
			[30, 10, 20, 0],
			async (delay) => {
				await new Promise<void>((resolve) => {
					let ticks = delay;
					const tick = () => (ticks-- > 0 ? void Promise.resolve().then(tick) : resolve());
					tick();
				});
				finishOrder.push(delay);
				return [delay];
			},
			{ concurrency: 4 },
		);
		expect(results).toEqual([[30], [10], [20], [0]]);
		expect(finishOrder).not.toEqual([30, 10, 20, 0]);
	});

	it('runs at most `concurrency` windows at once', async () => {
		let running = 0;
		let peak = 0;
		await readWindows(
			Array.from({ length: 10 }, (_, i) => i),
			async (i) => {
				running++;
				peak = Math.max(peak, running);
				await Promise.resolve();
				await Promise.resolve();
				running--;
				return [i];
			},
			{ concurrency: 3 },
		);
		expect(peak).toBe(3);
	});

	it('with a limit reads windows in order, asking each for what is missing, and stops', async () => {
		const asked: Array<[number, number | undefined]> = [];
		const results = await readWindows(
			[0, 1, 2, 3],
			async (w, remaining) => {
				asked.push([w, remaining]);
				return Array.from({ length: Math.min(3, remaining ?? 3) }, () => w);
			},
			{ limit: 7, concurrency: 4 },
		);
		expect(asked).toEqual([
			[0, 7],
			[1, 4],
			[2, 1],
		]);
		expect(results).toEqual([[0, 0, 0], [1, 1, 1], [2], []]);
	});

	it('stops starting windows after a failure and rethrows it', async () => {
		const started: number[] = [];
		const error = await readWindows(
			[0, 1, 2, 3, 4, 5],
			async (w) => {
				started.push(w);
				if (w === 1) throw new Error('boom');
				await Promise.resolve();
				return [w];
			},
			{ concurrency: 2 },
		).catch((e) => e);
		expect(error.message).toBe('boom');
		expect(started.length).toBeLessThan(6);
	});
});

describe('readWindow with a first page fetched already', () => {
	it('does not ask for it again and goes on from its token', async () => {
		const source = pagedSource(25, 10);
		const firstPage = await source.fetchPage(undefined);
		source.requested.length = 0;
		const messages = await readWindow({ label: 'w', fingerprint, fetchPage: source.fetchPage, firstPage });
		expect(messages).toEqual(source.data);
		expect(source.requested).toEqual(['t10', 't20']);
	});
});

describe('readWindows with a concurrency that changes', () => {
	it('asks the bound again as windows end, so windows in flight follow it', async () => {
		let bound = 1;
		let running = 0;
		const peaks: number[] = [];
		await readWindows(
			Array.from({ length: 12 }, (_, i) => i),
			async (i) => {
				running++;
				peaks.push(running);
				for (let k = 0; k < 5; k++) await Promise.resolve();
				running--;
				if (i === 1) bound = 4; // the pace learned that more requests can be in flight
				return [i];
			},
			{ concurrency: () => bound },
		);
		expect(peaks.slice(0, 2)).toEqual([1, 1]);
		expect(Math.max(...peaks)).toBe(4);
	});
});
