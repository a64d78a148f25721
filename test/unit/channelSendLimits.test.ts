/**
 * Zoom's per-channel send limits in the simulator (test/simulator/channel-send-limits.js): the four
 * sliding windows and their blocks, driven by an injected monotonic clock (no waiting), over real
 * HTTP for the answers (429 without Retry-After unless asked, per conversation, sends and file
 * sends alike) and on the limiter itself for the long windows.
 */
import { ZoomSimulator } from '../simulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ChannelSendLimiter } = require('../simulator/channel-send-limits') as {
	ChannelSendLimiter: new (o: { scale?: number; clock: () => number }) => { trySend(key: string): { ok: boolean; retryAfterMs?: number; newBlock?: boolean } };
};

/** A limiter on a hand-driven clock, and n sends at the current instant. */
function limiter(scale = 1) {
	const clock = { ms: 1_000_000 };
	const l = new ChannelSendLimiter({ scale, clock: () => clock.ms });
	const sendN = (n: number, key = 'ch:a') => Array.from({ length: n }, () => l.trySend(key).ok);
	return { clock, l, sendN };
}

describe('channel send limits (limiter)', () => {
	test('10 per second: the 11th is refused and blocks the channel for 10 s; refused sends do not count', () => {
		const { clock, sendN } = limiter();
		expect(sendN(11)).toEqual([...Array(10).fill(true), false]);
		clock.ms += 9999;
		expect(sendN(1)).toEqual([false]);
		clock.ms += 1;
		// The block is over, and the 1 s window is empty again: ten more go through.
		expect(sendN(11)).toEqual([...Array(10).fill(true), false]);
	});

	test('30 per 10 s blocks for 30 s; 60 per 100 s for 60 s', () => {
		const { clock, sendN } = limiter();
		// 10 at t, t+1 s, t+2 s: 30 in 10 s. The next one at t+3 s breaks the 10 s window.
		for (let i = 0; i < 3; i++) {
			expect(sendN(10)).toEqual(Array(10).fill(true));
			clock.ms += 1000;
		}
		expect(sendN(1)).toEqual([false]);
		clock.ms += 29999;
		expect(sendN(1)).toEqual([false]);
		clock.ms += 1;
		// t+33 s: 30 more in three seconds (the 10 s window has only these), 60 in 100 s.
		for (let i = 0; i < 3; i++) {
			expect(sendN(10)).toEqual(Array(10).fill(true));
			clock.ms += 1000;
		}
		// t+46 s: the 10 s window is empty, the 100 s one holds 60.
		clock.ms += 10000;
		expect(sendN(1)).toEqual([false]);
		clock.ms += 59999;
		expect(sendN(1)).toEqual([false]);
		clock.ms += 1;
		expect(sendN(1)).toEqual([true]);
	});

	test('450 per 1,000 s blocks for 300 s; each conversation has its own windows', () => {
		const { clock, l, sendN } = limiter();
		// 5 every 10 s: 50 per 100 s (under 60), so only the 1,000 s window fills: 450 after 900 s.
		for (let i = 0; i < 90; i++) {
			expect(sendN(5)).toEqual(Array(5).fill(true));
			clock.ms += 10000;
		}
		const refused = l.trySend('ch:a');
		expect(refused).toMatchObject({ ok: false, newBlock: true, retryAfterMs: 300000 });
		expect(sendN(1, 'ch:b')).toEqual([true]);
		clock.ms += 299999;
		expect(sendN(1)).toEqual([false]);
		clock.ms += 1;
		// t+1,200 s: the sends of the first 200 s have left the 1,000 s window.
		expect(sendN(1)).toEqual([true]);
	});

	test('channelLimitScale multiplies windows and blocks: at 0.02, 10 per 20 ms and a 200 ms block', () => {
		const { clock, sendN } = limiter(0.02);
		expect(sendN(11)).toEqual([...Array(10).fill(true), false]);
		clock.ms += 199;
		expect(sendN(1)).toEqual([false]);
		clock.ms += 1;
		expect(sendN(1)).toEqual([true]);
	});
});

describe('channel send limits (HTTP)', () => {
	const clock = { ms: 0 };
	const sim = new ZoomSimulator({ seed: 42, now: () => new Date('2026-11-01T12:00:00Z'), channelClock: () => clock.ms });
	let token = '';
	const send = (target: Record<string, string>, message = 'm') =>
		fetch(`${sim.apiBaseUrl}/chat/users/me/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ message, ...target }),
		});
	const sendFile = (channel: string) => {
		const body = `--b\r\nContent-Disposition: form-data; name="to_channel"\r\n\r\n${channel}\r\n--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nhi\r\n--b--\r\n`;
		return fetch(`${sim.apiBaseUrl}/chat/users/me/messages/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=b' }, body });
	};

	beforeAll(async () => {
		await sim.start();
		token = sim.issueTokens().access_token;
	});
	afterAll(async () => {
		await sim.stop();
	});

	test('past a window: 429 with the account limit\'s body and no Retry-After; message sends and file sends share the windows', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await send({ to_channel: 'ch-general' })).status);
		for (let i = 0; i < 4; i++) statuses.push((await sendFile('ch-general')).status);
		const refused = await sendFile('ch-general');
		statuses.push(refused.status);
		expect(statuses).toEqual([...Array(10).fill(201), 429]);
		expect(refused.headers.get('retry-after')).toBeNull();
		expect(await refused.json()).toEqual({ code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
		// Nothing was created by the refused send; another channel is not blocked.
		expect(sim.sentMessages({ channel: 'ch-general' })).toHaveLength(10);
		expect((await send({ to_channel: 'ch-random' })).status).toBe(201);
		clock.ms += 9999;
		expect((await send({ to_channel: 'ch-general' })).status).toBe(429);
		clock.ms += 1;
		expect((await send({ to_channel: 'ch-general' })).status).toBe(201);
		const stats = sim.channelSendStats();
		expect(stats.conversations['ch:ch-general']).toMatchObject({ acceptedSends: 11, refusedSends: 2, blocks: 1, firstAcceptAt: 0, lastAcceptAt: 10000 });
		expect(stats).toMatchObject({ blocks: 1, refusedSends: 2, acceptedSends: 12 });
	});

	test('a 1:1 conversation has the same limits (keyed by the contact, however it is named); channelRetryAfter adds Retry-After', async () => {
		clock.ms += 100000;
		sim.options.channelRetryAfter = true;
		try {
			const names = ['bob@example.com', 'sim-user-bob', 'mbrB0b9e8f7a6b5c'];
			const statuses: number[] = [];
			for (let i = 0; i < 10; i++) statuses.push((await send({ to_contact: names[i % 3] })).status);
			const refused = await send({ to_contact: 'BOB@example.com' });
			expect([...statuses, refused.status]).toEqual([...Array(10).fill(201), 429]);
			expect(refused.headers.get('retry-after')).toBe('10');
			clock.ms += 2500;
			expect((await send({ to_contact: 'bob@example.com' })).headers.get('retry-after')).toBe('8');
			expect(sim.channelSendStats().conversations['ct:sim-user-bob']).toMatchObject({ acceptedSends: 10, blocks: 1, refusedSends: 2 });
		} finally {
			sim.options.channelRetryAfter = false;
		}
	});

	test('channelSendLimits: false turns them off; the account per-second limit (rateLimitPerSecond) still counts writes', async () => {
		const s = new ZoomSimulator({ seed: 42, now: () => new Date('2026-11-01T12:00:00Z'), channelSendLimits: false, channelClock: () => 0 });
		await s.start();
		try {
			const t = s.issueTokens().access_token;
			const post = () =>
				fetch(`${s.apiBaseUrl}/chat/users/me/messages`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'x', to_channel: 'ch-empty' }) });
			const statuses: number[] = [];
			for (let i = 0; i < 15; i++) statuses.push((await post()).status);
			expect(statuses).toEqual(Array(15).fill(201));
			expect(s.channelSendStats().blocks).toBe(0);
			// Three writes at once against a limit of two per second: one is refused, as a Medium request.
			s.options.rateLimitPerSecond = 2;
			const answers = await Promise.all([post(), post(), post()]);
			expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 429]);
			expect(answers.find((a) => a.status === 429)!.headers.get('x-ratelimit-category')).toBe('Medium');
			expect(s.sentMessages({ channel: 'ch-empty' })).toHaveLength(17);
		} finally {
			await s.stop();
		}
	});
});
