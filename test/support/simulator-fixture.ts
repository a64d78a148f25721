/**
 * The Zoom simulator as a jest fixture. `useSimulator(options)` registers the hooks that start a
 * simulator (seed 42 unless `options` says otherwise) before the file's tests, or before each test
 * with `{ perTest: true }`, and stop it after them. It returns a handle that always stands for the
 * running simulator, so tests write `sim.requests`, `sim.addFault(…)` as with the simulator itself.
 */
import { ZoomSimulator, type ZoomSimulatorOptions } from '../simulator';

export type SimulatorHandle = ZoomSimulator & {
	/**
	 * Stops the running simulator and starts another with these options (seed 42 unless given); the
	 * fixture stops it. With `perTest`, the next test gets a simulator with the fixture's options again.
	 */
	restartWith(options: ZoomSimulatorOptions): Promise<void>;
};

/** A started simulator, seed 42 unless `options` says otherwise; the caller stops it. */
export async function startSimulator(options: ZoomSimulatorOptions = {}): Promise<ZoomSimulator> {
	const sim = new ZoomSimulator({ seed: 42, ...options });
	await sim.start();
	return sim;
}

export function useSimulator(options: ZoomSimulatorOptions = {}, { perTest = false }: { perTest?: boolean } = {}): SimulatorHandle {
	let current: ZoomSimulator | undefined;
	const running = (): ZoomSimulator => {
		if (!current) throw new Error('useSimulator: no simulator is running here (only inside tests and hooks)');
		return current;
	};
	const start = async () => {
		current = await startSimulator(options);
	};
	const stop = async () => {
		const sim = current;
		current = undefined;
		await sim?.stop();
	};
	const restartWith = async (restartOptions: ZoomSimulatorOptions) => {
		await stop();
		current = await startSimulator(restartOptions);
	};
	if (perTest) {
		beforeEach(start);
		afterEach(stop);
	} else {
		beforeAll(start);
		afterAll(stop);
	}
	// Reads and writes go to the simulator running at that moment; its methods stay bound to it.
	return new Proxy({} as SimulatorHandle, {
		get(_target, key) {
			if (key === 'restartWith') return restartWith;
			const sim = running();
			const value: unknown = Reflect.get(sim, key, sim);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(sim) : value;
		},
		set: (_target, key, value) => Reflect.set(running(), key, value),
		has: (_target, key) => key === 'restartWith' || Reflect.has(running(), key),
		getPrototypeOf: () => ZoomSimulator.prototype,
	});
}
