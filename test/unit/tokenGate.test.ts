import { TokenGate, type TokenGateSteps } from '../../nodes/ZoomIm/transport/tokenGate';

type Answer = { status: number; token: string };

/** A promise with its resolve function, to hold a step until the test lets it go. */
function deferred<T = void>() {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

const flush = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** Steps that record what happened; `token` is what the credential stores now. */
function fakeSteps(overrides: Partial<TokenGateSteps<string, Answer>> = {}) {
	const log: string[] = [];
	const state = { token: 'old' };
	const steps: TokenGateSteps<string, Answer> = {
		send: async (request) => {
			log.push(`send ${request} with ${state.token}`);
			return { status: 200, token: state.token };
		},
		sendRefreshing: async (request) => {
			log.push(`refresh for ${request}`);
			state.token = 'new';
			return { status: 200, token: state.token };
		},
		afterToken: async () => {
			log.push('afterToken');
		},
		takeTurn: async () => {
			log.push('takeTurn');
		},
		isUnauthorized: (answer) => answer.status === 401,
		...overrides,
	};
	return { steps, log, state };
}

describe('TokenGate', () => {
	it('lets every request go at once when a token is stored', async () => {
		const { steps, log } = fakeSteps();
		const gate = new TokenGate(true, steps);
		await Promise.all([gate.ready(), gate.ready(), gate.ready()]);
		await Promise.all(['a', 'b'].map(async (r) => await gate.send(r)));
		expect(log).toEqual(['send a with old', 'send b with old']);
	});

	it('sends the first request alone when no token is stored, and the others after it stored one', async () => {
		const first = deferred<Answer>();
		const { steps, log } = fakeSteps({
			send: async (request) => {
				log.push(`send ${request}`);
				return request === 'a' ? await first.promise : { status: 200, token: 'fetched' };
			},
		});
		const gate = new TokenGate(false, steps);
		await gate.ready(); // the first caller goes at once
		const released: string[] = [];
		const waiting = Promise.all(['b', 'c'].map(async (r) => gate.ready().then(() => released.push(r))));
		const sentA = gate.send('a');
		await flush();
		expect(released).toEqual([]);
		first.resolve({ status: 200, token: 'fetched' });
		await sentA;
		await waiting;
		expect(released).toEqual(['b', 'c']);
		expect(log).toEqual(['send a', 'afterToken']);
		await gate.send('b');
		expect(log).toEqual(['send a', 'afterToken', 'send b']);
	});

	it('lets the others go even when the first request fails', async () => {
		const { steps } = fakeSteps({ send: async () => await Promise.reject(new Error('down')) });
		const gate = new TokenGate(false, steps);
		await gate.ready();
		const other = gate.ready();
		await expect(gate.send('a')).rejects.toThrow('down');
		await expect(other).resolves.toBeUndefined();
	});

	it('refreshes one request at a time; the others try again with the new token', async () => {
		const refresh = deferred<Answer>();
		const { steps, log, state } = fakeSteps({
			sendRefreshing: async (request) => {
				log.push(`refresh for ${request}`);
				const answer = await refresh.promise;
				state.token = answer.token;
				return answer;
			},
		});
		const gate = new TokenGate(true, steps);
		const a = gate.sendRefreshingAuth('a');
		const b = gate.sendRefreshingAuth('b');
		let readyAfterRefresh = false;
		const held = gate.ready().then(() => (readyAfterRefresh = true));
		await flush();
		expect(log).toEqual(['refresh for a']);
		expect(readyAfterRefresh).toBe(false);
		refresh.resolve({ status: 200, token: 'new' });
		await expect(a).resolves.toEqual({ status: 200, token: 'new' });
		await expect(b).resolves.toEqual({ status: 200, token: 'new' });
		await held;
		expect(log).toEqual(['refresh for a', 'afterToken', 'takeTurn', 'send b with new']);
	});

	it('refreshes again when the new token is refused too', async () => {
		const refresh = deferred<Answer>();
		let refreshes = 0;
		const { steps, log } = fakeSteps({
			send: async (request) => {
				log.push(`send ${request}`);
				return { status: 401, token: 'x' };
			},
			sendRefreshing: async (request) => {
				log.push(`refresh for ${request}`);
				refreshes++;
				return refreshes === 1 ? await refresh.promise : { status: 200, token: 'newer' };
			},
		});
		const gate = new TokenGate(true, steps);
		const a = gate.sendRefreshingAuth('a');
		const b = gate.sendRefreshingAuth('b');
		await flush();
		refresh.resolve({ status: 200, token: 'new' });
		await a;
		await expect(b).resolves.toEqual({ status: 200, token: 'newer' });
		expect(log).toEqual(['refresh for a', 'afterToken', 'takeTurn', 'send b', 'takeTurn', 'refresh for b', 'afterToken']);
	});
});
