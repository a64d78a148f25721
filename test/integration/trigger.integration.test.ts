/**
 * The polling trigger's real poll() through n8n-core's PollContext, over HTTP against the simulator.
 *
 * The trigger reads the real clock (Date.now()). To put "now" where a test needs it (just after the
 * simulator's history, on a midnight, a week later) only `Date` is faked, and it keeps running from
 * the time set; every timer stays real. The simulator runs in this process, so its token and
 * page-token clocks follow the same "now" (a week-long gap therefore also expires the access token,
 * as it would in real life).
 *
 * How n8n keeps the trigger's state is modelled by `ActiveTrigger` below: between polls the active
 * workflow's static data stays in memory; n8n writes it to the database after the activation poll
 * (ActiveWorkflowManager.add → saveStaticData) and after every poll that emitted items (__emit →
 * saveStaticData). A restart starts from what was written, and runs the activation poll ('init').
 */
import { NodeApiError, type IDataObject, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import { imMessageFingerprint } from '../../nodes/ZoomIm/reading/imChat';
import { digest } from '../../nodes/ZoomIm/trigger/pollCursor';
import type { ImMessage, TeamChatMessage } from '../simulator';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import { expectWholeDayParts, imRequests, jsonOf, triggerRunner, useFakeDate, useSimulator, type ZoomSimulator } from './setup';

/** Moves "now" (Date only); the clock keeps running from there. */
function setNow(iso: string): void {
	jest.setSystemTime(new Date(iso));
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function imTrigger(sessionId: string, extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		api: 'imChat',
		sessionId: { __rl: true, mode: 'id', value: sessionId },
		pageSize: 50,
		options: { retryDelay: 1, maxRequestsPerSecond: 0 },
		...extra,
	};
}

function channelTrigger(channelId: string, extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		api: 'teamChat',
		teamChatTarget: 'channel',
		channelId: { __rl: true, mode: 'id', value: channelId },
		userId: 'me',
		pageSize: 50,
		options: { retryDelay: 1, maxRequestsPerSecond: 0 },
		...extra,
	};
}

/**
 * One active workflow with the trigger, as n8n runs it: `memory` is the static data the poller
 * mutates, `saved` what n8n wrote to the database.
 */
class ActiveTrigger {
	readonly memory: IDataObject;
	saved: IDataObject;
	private runner;

	constructor(
		private readonly sim: ZoomSimulator,
		private readonly parameters: INodeParameters,
		saved: IDataObject = {},
	) {
		this.runner = triggerRunner(sim);
		this.memory = clone(saved);
		this.saved = clone(saved);
	}

	/** Activation (or start-up after a restart): the first poll; n8n saves the static data after it. */
	async activate(activation: 'activate' | 'init' | 'update' = 'activate'): Promise<INodeExecutionData[] | null> {
		const result = await this.runner.poll(this.parameters, this.memory, 'trigger', { activation });
		this.saved = clone(this.memory);
		return result ? result[0] : null;
	}

	/** A scheduled poll; n8n saves the static data only when it emitted items. */
	async poll(): Promise<INodeExecutionData[] | null> {
		const result = await this.runner.poll(this.parameters, this.memory, 'trigger');
		if (result !== null) this.saved = clone(this.memory);
		return result ? result[0] : null;
	}

	/** A manual test run in the editor (a copy of the static data; nothing is saved). */
	async manual(): Promise<INodeExecutionData[] | null> {
		const result = await this.runner.poll(this.parameters, this.memory, 'manual');
		return result ? result[0] : null;
	}

	/** n8n stops and starts again: a new process that only has what was saved. */
	restart(): ActiveTrigger {
		return new ActiveTrigger(this.sim, this.parameters, this.saved);
	}

	get credentialUpdates() {
		return this.runner.credentialStore.updates;
	}

	/** What the node logged through n8n's logger. */
	get logs(): string[] {
		return this.runner.logs;
	}
}

const withSession = (sessionId: string, messages: ImMessage[]) => messages.map((m) => ({ ...m, session_id: sessionId }));
const texts = (items: INodeExecutionData[] | null) => (items ? jsonOf(items).map((m) => m.message) : null);

/**
 * The IM message requests the simulator answered with 200 (since clearRequests()), as `from..to`
 * plus whether it asked for a later page. (Requests answered 401 before a token refresh are left out.)
 */
function imWindows(sim: ZoomSimulator) {
	return sim.requests.filter((r) => r.kind === 'imMessages' && r.status === 200).map((r) => `${r.query.from}..${r.query.to}${r.query.next_page_token ? ' +page' : ''}`);
}

/**
 * The session's days `from`..`to` were read as one month window, each request once: the window's
 * first page, then either its further pages or consecutive day runs that tile the window exactly,
 * each run page by page (an empty run costs its one request). No day is read twice past the first page.
 */
function expectReadAsOneWindow(sim: ZoomSimulator, sessionId: string, from: string, to: string, pageSize: number) {
	const reads = imRequests(sim).filter((r) => r.status === 200);
	expect(reads[0]).toMatchObject({ from, to, token: undefined });
	const pagesOf = (first: string, last: string) => Math.max(1, Math.ceil(sim.imMessages(sessionId, first, last).length / pageSize));
	const rest = reads.slice(1);
	if (rest.every((r) => r.from === from && r.to === to)) {
		expect(rest.every((r) => r.token)).toBe(true);
		expect(reads).toHaveLength(pagesOf(from, to));
		return;
	}
	const runs = [...new Set(rest.map((r) => `${r.from}..${r.to}`))];
	expect(runs.length).toBeGreaterThan(1);
	expectWholeDayParts(runs, from, to);
	for (const [first, last] of runs.map((run) => run.split('..'))) {
		const ofRun = rest.filter((r) => r.from === first && r.to === last);
		expect(ofRun.filter((r) => !r.token)).toHaveLength(1);
		expect(ofRun).toHaveLength(pagesOf(first, last));
	}
}

useFakeDate('2026-11-01T00:00:30Z');
const sim = useSimulator({}, { perTest: true });

describe('Zoom IM Messages Trigger (IM chat) over HTTP against the simulator', () => {
	it('does not replay history on activation, then emits exactly the new messages of each poll, oldest first', async () => {
		// The seeded session ends at 2026-10-31T23:59:59Z: all of yesterday is history.
		setNow('2026-11-01T00:00:30Z');
		expect(sim.imMessages('grp-eng', '2026-10-31', '2026-10-31').length).toBeGreaterThan(0);
		const trigger = new ActiveTrigger(sim, imTrigger('grp-eng'));

		expect(await trigger.activate()).toBeNull();
		expect(imWindows(sim)).toEqual(['2026-10-31..2026-11-01']);

		// Two new messages, the second one a second later than the first.
		setNow('2026-11-01T00:00:45Z');
		const first = [
			sim.addImMessage('grp-eng', { date_time: '2026-11-01T00:00:40Z', sender: 'alice@example.com', message: 'first new' }),
			sim.addImMessage('grp-eng', { date_time: '2026-11-01T00:00:41Z', sender: 'bob@example.com', message: 'second new' }),
		];
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', first));

		// Nothing new: nothing emitted.
		setNow('2026-11-01T00:01:00Z');
		expect(await trigger.poll()).toBeNull();

		// Three messages in one second, two of them identical: three items.
		setNow('2026-11-01T00:01:15Z');
		const same = [
			sim.addImMessage('grp-eng', { date_time: '2026-11-01T00:01:10Z', sender: 'carol@example.com', message: 'same text' }),
			sim.addImMessage('grp-eng', { date_time: '2026-11-01T00:01:10Z', sender: 'carol@example.com', message: 'same text' }),
			sim.addImMessage('grp-eng', { date_time: '2026-11-01T00:01:10Z', sender: 'dave@example.com', message: 'other text' }),
		];
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', same));

		// Late arrivals in the second already emitted: a new text, and a third copy of the identical one.
		setNow('2026-11-01T00:01:30Z');
		const late = [
			sim.addImMessage('grp-eng', { date_time: '2026-11-01T00:01:10Z', sender: 'erin@example.com', message: 'late in that second' }),
			sim.addImMessage('grp-eng', { date_time: '2026-11-01T00:01:10Z', sender: 'carol@example.com', message: 'same text' }),
		];
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', late));
		expect(await trigger.poll()).toBeNull();

		// A message written right before the poll, in the current second.
		setNow('2026-11-01T00:02:00.400Z');
		const justNow = sim.addImMessage('grp-eng', { date_time: new Date(), sender: 'alice@example.com', message: 'just now' });
		expect(justNow.date_time).toBe('2026-11-01T00:02:00Z');
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', [justNow]));
		expect(await trigger.poll()).toBeNull();

		// Activation reads yesterday and today; every poll here is within an hour of midnight, so the
		// overlap (an hour behind the newest message) reaches into yesterday and it is read again.
		expect(new Set(imWindows(sim))).toEqual(new Set(['2026-10-31..2026-11-01']));
		// An hour after the newest message, polls read only today.
		setNow('2026-11-01T01:03:00Z');
		const later = sim.addImMessage('grp-eng', { date_time: '2026-11-01T01:02:30Z', sender: 'alice@example.com', message: 'an hour later' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', [later]));
		sim.clearRequests();
		setNow('2026-11-01T01:04:00Z');
		expect(await trigger.poll()).toBeNull();
		expect(imWindows(sim)).toEqual(['2026-11-01..2026-11-01']);
	});

	it('emits every message exactly once while messages keep arriving between and during polls', async () => {
		setNow('2026-11-03T08:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('empty-session', { pageSize: 3 }));
		expect(await trigger.activate()).toBeNull();

		const added: ImMessage[] = [];
		const emitted: Array<Record<string, unknown>> = [];
		// 12 rounds; some add nothing, some several messages sharing a second, across page boundaries.
		const plan = [2, 0, 5, 1, 0, 7, 3, 3, 0, 1, 4, 6];
		for (const [round, count] of plan.entries()) {
			setNow(`2026-11-03T08:${String(round + 1).padStart(2, '0')}:30Z`);
			for (let i = 0; i < count; i++) {
				const second = `2026-11-03T08:${String(round + 1).padStart(2, '0')}:${String(10 + Math.floor(i / 2)).padStart(2, '0')}Z`;
				added.push(sim.addImMessage('empty-session', { date_time: second, sender: 'bob@example.com', message: `r${round} #${i % 3}` }));
			}
			const items = await trigger.poll();
			if (count === 0) expect(items).toBeNull();
			else emitted.push(...jsonOf(items!));
		}
		expect(emitted).toEqual(withSession('empty-session', added));
	});

	it('returns the most recent messages on a manual test run and leaves the cursor alone', async () => {
		setNow('2026-11-08T12:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('grp-eng'));
		// Nothing in the last seven days (the seeded data ends 2026-10-31): a manual run finds nothing.
		expect(await trigger.manual()).toBeNull();

		const recent = ['10:00:00', '10:05:00', '10:05:00', '11:00:00', '11:30:00', '11:59:00'].map((time, i) =>
			sim.addImMessage('grp-eng', { date_time: `2026-11-0${i < 2 ? 3 : 8}T${time}Z`, message: `recent ${i}` }),
		);
		expect(await trigger.activate()).toBeNull();
		const cursor = clone(trigger.memory);

		sim.clearRequests();
		const sample = await trigger.manual();
		expect(jsonOf(sample!)).toEqual(withSession('grp-eng', recent.slice(-5)));
		expect(trigger.memory).toEqual(cursor);
		// Today has four of them: the six days before are read as well.
		expect(imWindows(sim)).toEqual(['2026-11-08..2026-11-08', '2026-11-02..2026-11-07']);

		// With five or more today, today is enough.
		const recent6 = sim.addImMessage('grp-eng', { date_time: '2026-11-08T11:59:30Z', message: 'recent 6' });
		sim.clearRequests();
		expect(texts(await trigger.manual())).toEqual(['recent 2', 'recent 3', 'recent 4', 'recent 5', 'recent 6']);
		expect(imWindows(sim)).toEqual(['2026-11-08..2026-11-08']);
		expect(trigger.memory).toEqual(cursor);

		// The active trigger is not disturbed by the test runs: its next poll emits what arrived since
		// activation, including the message the second test run already showed.
		setNow('2026-11-08T12:01:00Z');
		const next = sim.addImMessage('grp-eng', { date_time: '2026-11-08T12:00:30Z', message: 'after the test run' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', [recent6, next]));
	});

	it('works across midnight and a month boundary', async () => {
		setNow('2026-11-30T23:59:30Z');
		const trigger = new ActiveTrigger(sim, imTrigger('alice@example.com'));
		expect(await trigger.activate()).toBeNull();

		setNow('2026-11-30T23:59:45Z');
		const beforeMidnight = sim.addImMessage('alice@example.com', { date_time: '2026-11-30T23:59:40Z', message: 'before midnight' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('alice@example.com', [beforeMidnight]));

		setNow('2026-12-01T00:00:20Z');
		sim.clearRequests();
		const across = [
			sim.addImMessage('alice@example.com', { date_time: '2026-11-30T23:59:58Z', message: 'last second of November' }),
			sim.addImMessage('alice@example.com', { date_time: '2026-12-01T00:00:00Z', message: 'first second of December' }),
			sim.addImMessage('alice@example.com', { date_time: '2026-12-01T00:00:10Z', message: 'after midnight' }),
		];
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('alice@example.com', across));
		expect(imWindows(sim)).toEqual(['2026-11-30..2026-12-01']);

		// The overlap (an hour behind the newest message, 00:00:10) still reaches into November.
		setNow('2026-12-01T00:01:00Z');
		sim.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(imWindows(sim)).toEqual(['2026-11-30..2026-12-01']);
	});

	it('continues after a restart from the saved static data, without duplicates or gaps', async () => {
		setNow('2026-11-10T09:00:00Z');
		let trigger = new ActiveTrigger(sim, imTrigger('grp-eng'));
		expect(await trigger.activate()).toBeNull();

		// Restart right after activation: the activation poll's cursor was saved.
		const whileDown1 = sim.addImMessage('grp-eng', { date_time: '2026-11-10T09:00:05Z', message: 'while n8n was down (1)' });
		setNow('2026-11-10T09:02:00Z');
		trigger = trigger.restart();
		expect(jsonOf((await trigger.activate('init'))!)).toEqual(withSession('grp-eng', [whileDown1]));

		setNow('2026-11-10T09:03:00Z');
		const live = [
			sim.addImMessage('grp-eng', { date_time: '2026-11-10T09:02:30Z', message: 'live a' }),
			sim.addImMessage('grp-eng', { date_time: '2026-11-10T09:02:30Z', message: 'live b' }),
		];
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', live));
		setNow('2026-11-10T09:04:00Z');
		expect(await trigger.poll()).toBeNull(); // nothing new: nothing saved, nothing lost

		// Restart; meanwhile more arrived, including one more in the second of the last emitted ones.
		setNow('2026-11-10T09:20:00Z');
		const whileDown2 = [
			sim.addImMessage('grp-eng', { date_time: '2026-11-10T09:02:30Z', message: 'live c (late, same second)' }),
			sim.addImMessage('grp-eng', { date_time: '2026-11-10T09:10:00Z', message: 'while n8n was down (2)' }),
		];
		trigger = trigger.restart();
		expect(jsonOf((await trigger.activate('init'))!)).toEqual(withSession('grp-eng', whileDown2));
		setNow('2026-11-10T09:21:00Z');
		expect(await trigger.poll()).toBeNull();

		// A restart with nothing new emits nothing.
		trigger = trigger.restart();
		expect(await trigger.activate('init')).toBeNull();
	});

	it('in a session with no recent messages, a message stamped just before activation but shown later is new', async () => {
		// Zoom's clock may run a little behind n8n's, or a message may show up a moment after it was sent.
		setNow('2026-11-14T15:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('empty-session'));
		expect(await trigger.activate()).toBeNull();
		setNow('2026-11-14T15:00:20Z');
		const stampedEarlier = sim.addImMessage('empty-session', { date_time: '2026-11-14T14:59:57Z', message: 'sent just before activation' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('empty-session', [stampedEarlier]));
		expect(await trigger.poll()).toBeNull();
	});

	it('changing the session starts afresh, without replaying the new session\'s history', async () => {
		setNow('2026-11-12T10:00:00Z');
		const history = sim.addImMessage('alice@example.com', { date_time: '2026-11-12T09:00:00Z', message: 'history of alice' });
		let trigger = new ActiveTrigger(sim, imTrigger('grp-eng'));
		expect(await trigger.activate()).toBeNull();
		expect(history.message).toBe('history of alice');

		// The user edits the workflow to poll another session; the old cursor does not apply to it.
		trigger = new ActiveTrigger(sim, imTrigger('alice@example.com'), trigger.saved);
		expect(await trigger.activate('update')).toBeNull();
		setNow('2026-11-12T10:01:00Z');
		const fresh = sim.addImMessage('alice@example.com', { date_time: '2026-11-12T10:00:30Z', message: 'new for alice' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('alice@example.com', [fresh]));
	});

	describe('a failing poll fails with a clear error and does not move the cursor', () => {
		async function activeWithCursor(sessionId: string, parameters: INodeParameters = {}) {
			setNow('2026-11-15T10:00:00Z');
			const trigger = new ActiveTrigger(sim, imTrigger(sessionId, parameters));
			expect(await trigger.activate()).toBeNull();
			setNow('2026-11-15T10:01:00Z');
			const pending = [
				sim.addImMessage(sessionId, { date_time: '2026-11-15T10:00:10Z', message: 'pending 1' }),
				sim.addImMessage(sessionId, { date_time: '2026-11-15T10:00:10Z', message: 'pending 2' }),
				sim.addImMessage(sessionId, { date_time: '2026-11-15T10:00:20Z', message: 'pending 3' }),
			];
			return { trigger, pending };
		}

		it('429 past the retries', async () => {
			const { trigger, pending } = await activeWithCursor('grp-eng', { options: { retryDelay: 1, maxRetries: 2, maxRequestsPerSecond: 0 } });
			const before = clone(trigger.memory);
			const fault = sim.addFault({ match: { kind: 'imMessages' }, times: Infinity, type: 'rateLimit' });

			const error = await trigger.poll().then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).httpCode).toBe('429');
			expect((error as NodeApiError).message).toMatch(/429|rate limit/i);
			expect(fault.applied).toBe(3); // the first try and two retries
			expect(trigger.memory).toEqual(before);

			sim.clearFaults();
			expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', pending));
			expect(await trigger.poll()).toBeNull();
		});

		it('401 whose refresh is refused', async () => {
			const { trigger, pending } = await activeWithCursor('alice@example.com');
			const before = clone(trigger.memory);
			sim.expireAccessTokens();
			sim.addFault({ match: { kind: 'token' }, times: 1, type: 'http', status: 400, body: { reason: 'Invalid Token!', error: 'invalid_request' } });

			const error = await trigger.poll().then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).httpCode).toBe('401');
			expect((error as NodeApiError).message).toMatch(/token/i);
			expect(trigger.memory).toEqual(before);

			// The next poll refreshes the token and delivers the pending messages once.
			expect(jsonOf((await trigger.poll())!)).toEqual(withSession('alice@example.com', pending));
			expect(trigger.credentialUpdates.length).toBeGreaterThan(0);
			expect(await trigger.poll()).toBeNull();
		});

		it('a server error on a later page, past the retries', async () => {
			const { trigger, pending } = await activeWithCursor('équipe-é', {
				pageSize: 2,
				options: { retryDelay: 1, maxRetries: 1, maxRequestsPerSecond: 0 },
			});
			const before = clone(trigger.memory);
			sim.addFault({ match: { kind: 'imMessages', when: (r) => Boolean(r.query.next_page_token) }, times: Infinity, type: 'serverError', status: 503 });

			const error = await trigger.poll().then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).httpCode).toBe('503');
			expect(trigger.memory).toEqual(before);

			sim.clearFaults();
			expect(jsonOf((await trigger.poll())!)).toEqual(withSession('équipe-é', pending));
		});
	});

	it('catches up after a week-long downtime across a month boundary, through windows and pages, without duplicates', async () => {
		setNow('2026-11-27T18:00:00Z');
		let trigger = new ActiveTrigger(sim, imTrigger('c2Vzc2lvbi0z+Kw==', { pageSize: 4 }));
		expect(await trigger.activate()).toBeNull();
		setNow('2026-11-27T18:01:00Z');
		const beforeDowntime = sim.addImMessage('c2Vzc2lvbi0z+Kw==', { date_time: '2026-11-27T18:00:30Z', message: 'before the downtime' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('c2Vzc2lvbi0z+Kw==', [beforeDowntime]));

		// Eight days of messages while n8n is down: three a day, two of them in the same second.
		const whileDown: ImMessage[] = [];
		for (let day = 27; day <= 35; day++) {
			const date = new Date(Date.UTC(2026, 10, day)).toISOString().slice(0, 10);
			if (day === 27) {
				whileDown.push(sim.addImMessage('c2Vzc2lvbi0z+Kw==', { date_time: `${date}T18:00:30Z`, message: `late twin of ${date}` }));
				continue;
			}
			whileDown.push(
				sim.addImMessage('c2Vzc2lvbi0z+Kw==', { date_time: `${date}T00:00:00Z`, message: `midnight ${date}` }),
				sim.addImMessage('c2Vzc2lvbi0z+Kw==', { date_time: `${date}T12:00:00Z`, message: `noon ${date}` }),
				sim.addImMessage('c2Vzc2lvbi0z+Kw==', { date_time: `${date}T12:00:00Z`, message: `noon ${date}` }),
			);
		}
		setNow('2026-12-06T09:00:00Z');
		sim.clearRequests();
		trigger = trigger.restart();
		const caughtUp = await trigger.activate('init');
		expect(jsonOf(caughtUp!)).toEqual(withSession('c2Vzc2lvbi0z+Kw==', whileDown));
		// One window (27 Nov … 6 Dec is within a month): its first page, then the rest page by page,
		// either whole or, when the first answer's latency gives the pace more than one lane, in runs of
		// days that tile the window (which one depends on the machine's load; windowSplit covers parts).
		expectReadAsOneWindow(sim, 'c2Vzc2lvbi0z+Kw==', '2026-11-27', '2026-12-06', 4);

		setNow('2026-12-06T09:01:00Z');
		expect(await trigger.poll()).toBeNull();
	});

	it('catches up after weeks of downtime in consecutive month windows', async () => {
		setNow('2026-11-20T12:00:00Z');
		let trigger = new ActiveTrigger(sim, imTrigger('grp-year', { pageSize: 50 }));
		expect(await trigger.activate()).toBeNull();

		const whileDown = [
			sim.addImMessage('grp-year', { date_time: '2026-11-20T12:00:01Z', message: 'right after activation' }),
			sim.addImMessage('grp-year', { date_time: '2026-12-18T23:59:59Z', message: 'end of the first window' }),
			sim.addImMessage('grp-year', { date_time: '2026-12-19T00:00:00Z', message: 'start of the second window' }),
			sim.addImMessage('grp-year', { date_time: '2027-01-19T08:00:00Z', message: 'start of the third window' }),
			sim.addImMessage('grp-year', { date_time: '2027-01-25T11:59:00Z', message: 'today' }),
		];
		setNow('2027-01-25T12:00:00Z');
		sim.clearRequests();
		trigger = trigger.restart();
		expect(texts(await trigger.activate('init'))).toEqual(whileDown.map((m) => m.message));
		// Nothing existed at activation, so the cursor sits at the start of the days it read (19 Nov).
		// Month windows are read side by side: the order they reach the simulator is the machine's.
		expect(imWindows(sim).sort()).toEqual(['2026-11-19..2026-12-18', '2026-12-19..2027-01-18', '2027-01-19..2027-01-25']);
	});

	it('a poll that starts while the previous one still runs does not emit the same messages again', async () => {
		setNow('2026-11-18T06:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('grp-eng', { pageSize: 2 }));
		expect(await trigger.activate()).toBeNull();
		setNow('2026-11-18T06:01:00Z');
		const added = [1, 2, 3, 4, 5].map((i) => sim.addImMessage('grp-eng', { date_time: `2026-11-18T06:00:0${i}Z`, message: `slow ${i}` }));
		// Zoom is slow (three pages, 300 ms each), and n8n's schedule starts two more polls meanwhile.
		sim.setLatency(300);
		const results = await Promise.all([trigger.poll(), trigger.poll(), trigger.poll()]);
		sim.setLatency(0);
		expect(jsonOf(results.flatMap((items) => items ?? []))).toEqual(withSession('grp-eng', added));

		// A failing poll lets the next one run.
		const more = sim.addImMessage('grp-eng', { date_time: '2026-11-18T06:00:09Z', message: 'after a failure' });
		sim.addFault({ match: { kind: 'imMessages' }, times: 1, type: 'http', status: 404, body: { code: 4130, message: 'Chat session does not exist: grp-eng.' } });
		const [failed, next] = await Promise.allSettled([trigger.poll(), trigger.poll()]);
		expect(failed.status).toBe('rejected');
		expect(next.status === 'fulfilled' && jsonOf(next.value!)).toEqual(withSession('grp-eng', [more]));
		setNow('2026-11-18T06:02:00Z');
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps its state small, whatever the messages look like', async () => {
		setNow('2026-11-16T07:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('grp-eng'));
		expect(await trigger.activate()).toBeNull();
		setNow('2026-11-16T07:01:00Z');
		for (let i = 0; i < 30; i++) {
			sim.addImMessage('grp-eng', { date_time: `2026-11-16T07:00:${String(i).padStart(2, '0')}Z`, message: `${i} ${'x'.repeat(3000)}` });
		}
		sim.addImMessage('grp-eng', { date_time: '2026-11-16T07:00:40Z', message: 'long '.repeat(800) });
		sim.addImMessage('grp-eng', { date_time: '2026-11-16T07:00:40Z', message: 'long '.repeat(800) });
		expect(await trigger.poll()).toHaveLength(32);
		// One short entry per message of the overlap (second and digest), whatever its length.
		const saved = JSON.stringify(trigger.saved);
		expect(saved).not.toContain('xxx');
		expect(saved).not.toContain('long');
		expect(saved.length).toBeLessThan(32 * 30 + 200);
	});

	it('does not re-read a long quiet period on every poll', async () => {
		setNow('2026-11-02T10:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('équipe-é'));
		expect(await trigger.activate()).toBeNull();
		setNow('2026-11-02T10:01:00Z');
		sim.addImMessage('équipe-é', { date_time: '2026-11-02T10:00:30Z', message: 'the last message for a while' });
		expect(await trigger.poll()).toHaveLength(1);

		// Two quiet months. The first poll afterwards reads them (it cannot know they were quiet) …
		setNow('2027-01-10T10:00:00Z');
		sim.clearRequests();
		expect(await trigger.poll()).toBeNull();
		// (side by side, so in whatever order they reach the simulator)
		expect(imWindows(sim).sort()).toEqual(['2026-11-02..2026-12-01', '2026-12-02..2027-01-01', '2027-01-02..2027-01-10']);
		// (the access token had long expired: n8n refreshed it)
		expect(trigger.credentialUpdates.length).toBeGreaterThan(0);
		// … the following ones only from the day before the previous poll.
		setNow('2027-01-10T10:01:00Z');
		sim.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(imWindows(sim)).toEqual(['2027-01-09..2027-01-10']);

		// And a message after the quiet period is still found, once.
		setNow('2027-01-10T10:02:00Z');
		const next = sim.addImMessage('équipe-é', { date_time: '2027-01-10T10:01:30Z', message: 'back again' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('équipe-é', [next]));
		setNow('2027-01-10T10:03:00Z');
		expect(await trigger.poll()).toBeNull();
	});
});

describe('Zoom IM Messages Trigger: messages that show up late, from the future, and a cursor it cannot read', () => {
	it('emits a message that shows up after a later one was already emitted (indexing lag), exactly once', async () => {
		setNow('2026-11-20T10:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('grp-eng'));
		expect(await trigger.activate()).toBeNull();
		setNow('2026-11-20T10:01:00Z');
		const listed = [
			sim.addImMessage('grp-eng', { date_time: '2026-11-20T10:00:40Z', message: 'listed at once (1)' }),
			sim.addImMessage('grp-eng', { date_time: '2026-11-20T10:00:50Z', message: 'listed at once (2)' }),
		];
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', listed));

		// Zoom lists a message sent before the last emitted one only now, and more after it.
		setNow('2026-11-20T10:20:00Z');
		const lagging = sim.addImMessage('grp-eng', { date_time: '2026-11-20T10:00:45Z', message: 'listed twenty minutes late' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', [lagging]));
		setNow('2026-11-20T10:21:00Z');
		expect(await trigger.poll()).toBeNull();
		// Also after a restart from what n8n saved.
		const restarted = trigger.restart();
		expect(await restarted.activate('init')).toBeNull();
	});

	it('a message dated in the future does not hold back the messages after it', async () => {
		setNow('2026-11-21T10:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('alice@example.com'));
		expect(await trigger.activate()).toBeNull();
		setNow('2026-11-21T10:01:00Z');
		// A sender's clock twelve hours ahead; Zoom lists the message under today.
		const future = sim.addImMessage('alice@example.com', { date_time: '2026-11-21T22:00:00Z', message: 'dated tonight' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('alice@example.com', [future]));

		setNow('2026-11-21T10:03:00Z');
		const next = [
			sim.addImMessage('alice@example.com', { date_time: '2026-11-21T10:02:00Z', message: 'after it (1)' }),
			sim.addImMessage('alice@example.com', { date_time: '2026-11-21T10:02:30Z', message: 'after it (2)' }),
		];
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('alice@example.com', next));
		setNow('2026-11-21T10:04:00Z');
		expect(await trigger.poll()).toBeNull();
		// Once its time has come and gone, it is still not emitted again.
		setNow('2026-11-22T00:30:00Z');
		expect(await trigger.poll()).toBeNull();
	});

	it.each([
		['a time that is text', { key: 'imChat:grp-eng', lastTime: 'not a time', atLastTime: [] }],
		['a list that is not one', { key: 'imChat:grp-eng', since: Date.parse('2026-11-22T09:00:00Z'), emitted: 'oops' }],
		['a start years ahead', { key: 'imChat:grp-eng', since: Date.parse('2036-01-01T00:00:00Z'), emitted: [] }],
		['not an object', 'corrupted'],
	])('a saved cursor with %s starts afresh with a warning in n8n\'s log, instead of failing every poll', async (_name, cursor) => {
		setNow('2026-11-22T10:00:00Z');
		const trigger = new ActiveTrigger(sim, imTrigger('grp-eng'), { cursor } as IDataObject);
		expect(await trigger.poll()).toBeNull();
		expect(trigger.logs.filter((line) => line.startsWith('warn:'))).toEqual([expect.stringMatching(/the saved cursor cannot be read .*starting afresh/)]);
		setNow('2026-11-22T10:01:00Z');
		const fresh = sim.addImMessage('grp-eng', { date_time: '2026-11-22T10:00:30Z', message: 'after the fresh start' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', [fresh]));
	});

	it('a cursor saved by the previous version carries on without gaps or duplicates', async () => {
		setNow('2026-11-23T10:01:00Z');
		const emitted = sim.addImMessage('grp-eng', { date_time: '2026-11-23T10:00:00Z', message: 'emitted by the previous version' });
		const since = Date.parse('2026-11-23T10:00:00Z');
		const previous = { key: 'imChat:grp-eng', lastTime: since, atLastTime: [digest(imMessageFingerprint(emitted))], readOn: '2026-11-23' };
		const trigger = new ActiveTrigger(sim, imTrigger('grp-eng'), { cursor: previous });
		const next = sim.addImMessage('grp-eng', { date_time: '2026-11-23T10:00:30Z', message: 'new' });
		expect(jsonOf((await trigger.poll())!)).toEqual(withSession('grp-eng', [next]));
		expect(trigger.logs.filter((line) => line.startsWith('warn:'))).toEqual([]);
	});
});

describe('Zoom IM Messages Trigger (Team Chat channel) over HTTP against the simulator', () => {
	const simplified = (m: TeamChatMessage) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-random' });

	it('emits each new message once, oldest first, including same-second and late messages', async () => {
		setNow('2026-11-01T00:00:30Z');
		const trigger = new ActiveTrigger(sim, channelTrigger('ch-random', { pageSize: 2 }));
		expect(await trigger.activate()).toBeNull();

		setNow('2026-11-01T00:01:00Z');
		const at = (iso: string, message: string) => sim.addTeamChatMessage({ toChannel: 'ch-random', timestamp: Date.parse(iso), message, sender: 'bob@example.com' });
		const first = [at('2026-11-01T00:00:40.100Z', 'one'), at('2026-11-01T00:00:40.200Z', 'two'), at('2026-11-01T00:00:50.000Z', 'three')];
		expect(jsonOf((await trigger.poll())!)).toEqual(first.map(simplified));

		setNow('2026-11-01T00:02:00Z');
		const second = [at('2026-11-01T00:00:50.500Z', 'late, same second as three'), at('2026-11-01T00:01:30.000Z', 'four')];
		expect(jsonOf((await trigger.poll())!)).toEqual(second.map(simplified));
		expect(await trigger.poll()).toBeNull();

		const sample = await trigger.manual();
		expect(texts(sample)!.slice(-5)).toEqual(['one', 'two', 'three', 'late, same second as three', 'four']);
	});

	it('after a pause longer than Team Chat keeps (6 months), reads only what Zoom still serves, then carries on', async () => {
		setNow('2026-01-10T12:00:00Z');
		const trigger = new ActiveTrigger(sim, channelTrigger('ch-random'));
		expect(await trigger.activate()).toBeNull();

		// n8n was stopped until late October: January is beyond what Team Chat serves. The node reads
		// back to 178 days before today, 2026-04-25, in month windows.
		setNow('2026-10-20T12:00:00Z');
		sim.clearRequests();
		const restarted = trigger.restart();
		const caughtUp = jsonOf((await restarted.poll()) ?? []);
		const firstPages = sim.requests.filter((r) => r.kind === 'teamMessages' && r.status === 200 && !r.query.next_page_token);
		expect(firstPages.map((r) => r.query.from).sort()).toEqual(
			['2026-04-25', '2026-05-25', '2026-06-25', '2026-07-25', '2026-08-25', '2026-09-25'].map((day) => `${day}T00:00:00Z`),
		);
		expect(sim.requests.filter((r) => r.kind === 'teamMessages' && r.status === 400)).toEqual([]);
		const expected = sim.teamChatMessages({ toChannel: 'ch-random', from: '2026-04-25T00:00:00Z', to: '2026-10-20T23:59:59Z' });
		expect(expected.length).toBeGreaterThan(50);
		const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id).localeCompare(String(b.id));
		expect([...caughtUp].sort(byId)).toEqual(expected.map(simplified).sort(byId));
		const times = caughtUp.map((m) => m.timestamp as number);
		expect(times).toEqual([...times].sort((x, y) => x - y));

		setNow('2026-10-20T12:01:00Z');
		const next = sim.addTeamChatMessage({ toChannel: 'ch-random', timestamp: Date.parse('2026-10-20T12:00:30.500Z'), message: 'back', sender: 'bob@example.com' });
		expect(jsonOf((await restarted.poll())!)).toEqual([simplified(next)]);
	});
});
