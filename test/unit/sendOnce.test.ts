/**
 * Exactly-once sending (writing/sendOnce.ts) with a fake Zoom: every way a send can end, and what
 * the module does next. The fake conversation holds what Zoom would list; a "lost" send may or may
 * not have added the message to it.
 */
import { ZoomError } from '../../nodes/ZoomIm/transport/errors';
import type { OutgoingMessage } from '../../nodes/ZoomIm/writing/messageBody';
import { isSentMessage, sendOnce, zoomInstant, type SendOnceDeps } from '../../nodes/ZoomIm/writing/sendOnce';

const NOW = Date.parse('2026-06-20T12:00:00Z');

function lost(): ZoomError {
	const error = new ZoomError('Zoom request failed after 1 attempt: ECONNRESET', { kind: 'retriesExhausted' });
	error.mayHaveSucceeded = true;
	return error;
}

type Step = 'ok' | 'lostAfterProcessing' | 'lostBeforeProcessing' | 'refused';

function fakeZoom(steps: Step[], options: { listedLate?: boolean; listFails?: boolean; zoomClockOffsetMs?: number } = {}) {
	const listed: Array<Record<string, unknown>> = [];
	const late: Array<Record<string, unknown>> = [];
	const calls = { posts: 0, lists: 0, sleeps: [] as number[], listQueries: [] as Array<Record<string, unknown>> };
	let clock = NOW;
	let n = 0;
	const deps: SendOnceDeps = {
		post: async (_path, body) => {
			calls.posts++;
			const step = steps.shift() ?? 'ok';
			if (step === 'refused')
				throw new ZoomError('Zoom error 400 (code 5301): Message sending failed.', { kind: 'zoom', httpStatus: 400, zoomCode: 5301 });
			if (step === 'lostBeforeProcessing') throw lost();
			const message = {
				id: `m${++n}`,
				message: body.message,
				sender: 'me@example.com',
				date_time: new Date(clock + (options.zoomClockOffsetMs ?? 0)).toISOString(),
				reply_main_message_id: body.reply_main_message_id,
			};
			(options.listedLate ? late : listed).push(message);
			if (step === 'lostAfterProcessing') throw lost();
			return { id: message.id };
		},
		list: async (_path, qs) => {
			calls.lists++;
			calls.listQueries.push({ ...qs });
			if (options.listFails) throw new ZoomError('Zoom error 500', { kind: 'retriesExhausted' });
			return { messages: [...listed].reverse(), next_page_token: '' };
		},
		now: () => clock,
		sleep: async (ms) => {
			calls.sleeps.push(ms);
			clock += ms;
			listed.push(...late.splice(0));
		},
	};
	return { deps, calls, listed };
}

const settings = { maxRounds: 6, lookAgainMs: 2_000, skewMs: 5_000, lookBackMs: 60_000 };
const message: OutgoingMessage = { userId: 'me', conversation: { toChannel: 'ch' }, text: 'Deploy done' };

describe('sendOnce', () => {
	it('sends once when Zoom answers', async () => {
		const zoom = fakeZoom(['ok']);
		expect(await sendOnce(message, new Set(), zoom.deps, settings)).toEqual({ id: 'm1', recovered: false, sends: 1 });
		expect(zoom.calls.lists).toBe(0);
	});

	it('after a lost answer finds the message that arrived and does not send again', async () => {
		const zoom = fakeZoom(['lostAfterProcessing']);
		const claimed = new Set<string>();
		expect(await sendOnce(message, claimed, zoom.deps, settings)).toEqual({ id: 'm1', recovered: true, sends: 1 });
		expect(zoom.calls.posts).toBe(1);
		expect(claimed.has('m1')).toBe(true);
		// It looked in the conversation from the attempt's start less the skew margin.
		expect(zoom.calls.listQueries[0]).toMatchObject({ to_channel: 'ch', from: zoomInstant(NOW - 60_000), page_size: 50 });
	});

	it('looks a second time after a wait, for a message Zoom lists late', async () => {
		const zoom = fakeZoom(['lostAfterProcessing'], { listedLate: true });
		expect(await sendOnce(message, new Set(), zoom.deps, settings)).toMatchObject({ id: 'm1', recovered: true, sends: 1 });
		expect(zoom.calls.sleeps).toEqual([2_000]);
		expect(zoom.calls.lists).toBe(2);
	});

	it('sends again only when two looks did not find it', async () => {
		const zoom = fakeZoom(['lostBeforeProcessing', 'ok']);
		expect(await sendOnce(message, new Set(), zoom.deps, settings)).toEqual({ id: 'm1', recovered: false, sends: 2 });
		expect(zoom.calls.lists).toBe(2);
		expect(zoom.listed).toHaveLength(1);
	});

	it('does not take a message of the same text that this run already has (two items, two messages)', async () => {
		const zoom = fakeZoom(['ok', 'lostBeforeProcessing', 'ok']);
		const claimed = new Set<string>();
		await sendOnce(message, claimed, zoom.deps, settings);
		expect(await sendOnce(message, claimed, zoom.deps, settings)).toEqual({ id: 'm2', recovered: false, sends: 2 });
		expect(zoom.listed.map((m) => m.id)).toEqual(['m1', 'm2']);
	});

	it("passes Zoom's refusal on as it is, without looking", async () => {
		const zoom = fakeZoom(['refused']);
		await expect(sendOnce(message, new Set(), zoom.deps, settings)).rejects.toMatchObject({ zoomCode: 5301 });
		expect(zoom.calls.lists).toBe(0);
	});

	it('never sends a scheduled message again: Zoom does not list drafts', async () => {
		const zoom = fakeZoom(['lostAfterProcessing']);
		const scheduled = { ...message, scheduledTime: '2026-07-01T10:00:00Z' };
		await expect(sendOnce(scheduled, new Set(), zoom.deps, settings)).rejects.toThrow(/may have been scheduled/);
		expect(zoom.calls.posts).toBe(1);
		expect(zoom.calls.lists).toBe(0);
	});

	it('stops after Max Retries + 1 sends, saying the message was not found', async () => {
		const zoom = fakeZoom(['lostBeforeProcessing', 'lostBeforeProcessing']);
		const error = await sendOnce(message, new Set(), zoom.deps, { ...settings, maxRounds: 2 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ZoomError);
		expect((error as ZoomError).message).toMatch(/not found in the conversation after 2 sends/);
		expect(zoom.calls.posts).toBe(2);
	});

	it('does not send again when it cannot look', async () => {
		const zoom = fakeZoom(['lostBeforeProcessing'], { listFails: true });
		await expect(sendOnce(message, new Set(), zoom.deps, settings)).rejects.toThrow(/looking for the message then failed/);
		expect(zoom.calls.posts).toBe(1);
	});

	it("takes its message when Zoom's clock is a few seconds behind this one", async () => {
		const zoom = fakeZoom(['lostAfterProcessing'], { zoomClockOffsetMs: -3_000 });
		expect(await sendOnce(message, new Set(), zoom.deps, settings)).toEqual({ id: 'm1', recovered: true, sends: 1 });
		expect(zoom.calls.listQueries[0]).toMatchObject({ from: zoomInstant(NOW - 60_000) });
	});

	it('takes the message dated from the attempt on, not an equal earlier one', async () => {
		const zoom = fakeZoom(['lostAfterProcessing']);
		zoom.listed.push({ id: 'earlier', message: message.text, sender: 'me@example.com', date_time: new Date(NOW - 30_000).toISOString() });
		expect(await sendOnce(message, new Set(), zoom.deps, settings)).toEqual({ id: 'm1', recovered: true, sends: 1 });
	});

	it('neither takes nor sends again when only an equal message from before the attempt is there (another run sent the same text)', async () => {
		const zoom = fakeZoom(['lostBeforeProcessing']);
		zoom.listed.push({ id: 'earlier', message: message.text, sender: 'me@example.com', date_time: new Date(NOW - 30_000).toISOString() });
		await expect(sendOnce(message, new Set(), zoom.deps, settings)).rejects.toThrow(/Not sent again: the same message is in the conversation, dated 30 s before this send/);
		expect(zoom.calls.posts).toBe(1);
		expect(zoom.calls.lists).toBe(2);
	});

	it('sends again when the equal message is older than the look back', async () => {
		const zoom = fakeZoom(['lostBeforeProcessing', 'ok']);
		zoom.listed.push({ id: 'old', message: message.text, sender: 'me@example.com', date_time: new Date(NOW - 120_000).toISOString() });
		expect(await sendOnce(message, new Set(), zoom.deps, settings)).toEqual({ id: 'm1', recovered: false, sends: 2 });
	});

	it('matches text, thread, files, sender (for an email user) and date', () => {
		const sent: OutgoingMessage = { userId: 'Me@Example.com', conversation: { toChannel: 'ch' }, text: 'hi', replyTo: 'main', fileIds: ['f2', 'f1'] };
		const listed = {
			id: 'x',
			message: 'hi',
			sender: 'me@example.com',
			reply_main_message_id: 'main',
			files: [{ file_id: 'f1' }, { file_id: 'f2' }],
			date_time: '2026-06-20T12:00:00Z',
		};
		const since = NOW - 1000;
		expect(isSentMessage(listed, sent, since, new Set())).toBe(true);
		expect(isSentMessage(listed, sent, since, new Set(['x']))).toBe(false);
		expect(isSentMessage({ ...listed, message: 'hi!' }, sent, since, new Set())).toBe(false);
		expect(isSentMessage({ ...listed, reply_main_message_id: undefined }, sent, since, new Set())).toBe(false);
		expect(isSentMessage({ ...listed, files: [{ file_id: 'f1' }] }, sent, since, new Set())).toBe(false);
		expect(isSentMessage({ ...listed, sender: 'other@example.com' }, sent, since, new Set())).toBe(false);
		expect(isSentMessage({ ...listed, date_time: '2026-06-20T11:00:00Z' }, sent, since, new Set())).toBe(false);
	});
});
