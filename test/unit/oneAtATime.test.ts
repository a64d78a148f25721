import { OneAtATime } from '../../nodes/ZoomIm/trigger/oneAtATime';

/** A job's gate: the job waits on `opened` until the test calls `open()`. */
function gate() {
	const handle = { open: () => {}, opened: Promise.resolve() };
	handle.opened = new Promise<void>((open) => (handle.open = open));
	return handle;
}

/** Lets every job that can go on reach its next wait. */
const settle = async (rounds = 10) => {
	if (rounds > 0) await settle(rounds - 1);
};

describe('OneAtATime', () => {
	it('runs jobs of one key one after another, at most one waiting; others get whenBusy', async () => {
		const queue = new OneAtATime();
		const log: string[] = [];
		const first = gate();
		const one = queue.run('k', async () => {
			log.push('1 start');
			await first.opened;
			log.push('1 end');
			return 1;
		}, 0);
		const two = queue.run('k', async () => {
			log.push('2 start');
			return 2;
		}, 0);
		const three = queue.run('k', async () => 3, 0);
		await expect(three).resolves.toBe(0);
		await settle();
		expect(log).toEqual(['1 start']);
		first.open();
		await expect(one).resolves.toBe(1);
		await expect(two).resolves.toBe(2);
		expect(log).toEqual(['1 start', '1 end', '2 start']);
		expect(queue.busyKeys).toBe(0);
	});

	it('lets jobs of other keys run at the same time', async () => {
		const queue = new OneAtATime();
		const hold = gate();
		const a = queue.run('a', async () => await hold.opened.then(() => 'a'), null);
		await expect(queue.run('b', async () => 'b', null)).resolves.toBe('b');
		expect(queue.busyKeys).toBe(1);
		hold.open();
		await expect(a).resolves.toBe('a');
	});

	it('goes on with the next job after one fails', async () => {
		const queue = new OneAtATime();
		const failing = queue.run('k', async () => await Promise.reject(new Error('boom')), null);
		const next = queue.run('k', async () => 'next', null);
		await expect(failing).rejects.toThrow('boom');
		await expect(next).resolves.toBe('next');
		expect(queue.busyKeys).toBe(0);
	});
});
