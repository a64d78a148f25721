/** The pool that runs window reads: a bound that may change, work already begun first, the first failure stops the rest. */
import { WorkPool } from '../../nodes/ZoomIm/reading/workPool';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

const flush = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('WorkPool', () => {
	it('runs as many tasks as the bound allows, asking it again on poke()', async () => {
		let bound = 1;
		const pool = new WorkPool(() => bound);
		const gates = [deferred(), deferred(), deferred()];
		const started: number[] = [];
		const all = gates.map((gate, i) =>
			pool.run(async () => {
				started.push(i);
				await gate.promise;
			}),
		);
		await flush();
		expect(started).toEqual([0]);
		bound = 3;
		pool.poke();
		await flush();
		expect(started).toEqual([0, 1, 2]);
		gates.forEach((g) => g.resolve());
		await Promise.all(all);
	});

	it('tasks queued in front go before the others', async () => {
		const pool = new WorkPool(() => 1);
		const gate = deferred();
		const order: string[] = [];
		const first = pool.run(async () => await gate.promise);
		const later = pool.run(async () => void order.push('queued first'));
		const front = pool.run(async () => void order.push('in front'), { front: true });
		gate.resolve();
		await Promise.all([first, later, front]);
		expect(order).toEqual(['in front', 'queued first']);
	});

	it('after a failure starts nothing more, rejects what was queued, and is idle once the running ones end', async () => {
		const pool = new WorkPool(() => 2);
		const slow = deferred();
		const started: string[] = [];
		const a = pool.run(async () => {
			started.push('a');
			throw new Error('boom');
		});
		const b = pool.run(async () => {
			started.push('b');
			await slow.promise;
		});
		const c = pool.run(async () => void started.push('c'));
		await expect(a).rejects.toThrow('boom');
		await expect(c).rejects.toThrow('boom');
		let idle = false;
		const waiting = pool.idle().then(() => (idle = true));
		await flush();
		expect(idle).toBe(false);
		slow.resolve();
		await b;
		await waiting;
		expect(started).toEqual(['a', 'b']);
	});
});
