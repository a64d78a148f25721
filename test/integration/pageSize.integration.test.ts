/**
 * Page Size: Zoom documents 300 as the largest page of the IM chat API and 50 for Team Chat. One
 * `pageSize` parameter, shown with the range of the chosen API, checked before any request by the
 * node and the trigger.
 */
import { NodeHelpers, NodeOperationError, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { ZoomImMessages } from '../../nodes/ZoomIm/ZoomImMessages.node';
import { ZoomImMessagesTrigger } from '../../nodes/ZoomIm/ZoomImMessagesTrigger.node';
import { imParams, imRequests, jsonOf, messagesRunner, triggerRunner, useFakeDate, useSimulator, withoutPageSize } from './setup';

// Only Date is faked (timers stay real): Team Chat serves the last 6 months, so the October
// 2026 range read below stays readable whatever the real date.
useFakeDate('2026-11-15T12:00:00Z');
const sim = useSimulator({}, { perTest: true });

const teamChatParams = (extra: INodeParameters = {}): INodeParameters => ({
	authentication: 'oAuth2',
	api: 'teamChat',
	userId: 'me',
	teamChatTarget: 'channel',
	channelId: { __rl: true, mode: 'id', value: 'ch-general' },
	from: '2026-10-01',
	to: '2026-10-31',
	returnAll: true,
	options: { timezone: 'UTC' },
	...extra,
});

function expectPageSizeRefused(error: unknown, value: string, max: number) {
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toBe(
		`The value "${value}" of "Page Size" is not allowed: use a whole number from 1 to ${max} (the most ${max === 300 ? 'IM Chat' : 'Team Chat'} allows)`,
	);
}

describe('Page Size of the Zoom IM Messages node', () => {
	it('IM chat: pages of up to 300 messages, so a busy month takes a few requests', async () => {
		// Parallel Windows 1: the month is read page after page, never in parts (see windowSplit).
		const options = { timezone: 'UTC', retryDelay: 1, concurrency: 1 };
		const [items] = await messagesRunner(sim).execute(imParams('grp-year', '2025-01-01', '2025-01-31', { pageSize: 300, options }));
		const expected = sim.imMessages('grp-year', '2025-01-01', '2025-01-31');
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...m, session_id: 'grp-year' })));
		const requests = imRequests(sim);
		expect(requests.every((r) => r.page_size === '300' && r.status === 200)).toBe(true);
		expect(requests).toHaveLength(Math.ceil(expected.length / 300));
	});

	it.each([
		['IM chat', '301', imParams('grp-eng', '2026-01-01', '2026-01-31', { pageSize: 301 }), 300],
		['Team Chat', '51', teamChatParams({ pageSize: 51 }), 50],
		['Team Chat', '0', teamChatParams({ pageSize: 0 }), 50],
	])('%s: refuses %s, naming "Page Size" and the value, before any request', async (_api, value, parameters, max) => {
		const error = await messagesRunner(sim)
			.execute(parameters)
			.catch((e: unknown) => e);
		expectPageSizeRefused(error, value, max);
		expect(sim.requests).toHaveLength(0);
	});

	it('Team Chat: 50 is accepted and sent', async () => {
		await messagesRunner(sim).execute(teamChatParams({ pageSize: 50, to: '2026-10-02' }));
		const sent = sim.requests.filter((r) => r.kind === 'teamMessages');
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((r) => r.query.page_size === '50')).toBe(true);
	});
});

describe('Page Size left at its default (a workflow saved without pageSize)', () => {
	const imWithoutPageSize = (from: string, to: string, extra: INodeParameters = {}) => withoutPageSize(imParams('grp-year', from, to, extra));

	it('IM chat: the same items in the same order as with 50, in pages of 300, so fewer requests', async () => {
		// Parallel Windows 3, one per month window: no window is split, so the counts are pages alone.
		const options = { timezone: 'UTC', retryDelay: 1, concurrency: 3 };
		const [items] = await messagesRunner(sim).execute(imWithoutPageSize('2025-01-01', '2025-03-31', { options }));
		const atDefault = imRequests(sim);
		sim.clearRequests();
		const [items50] = await messagesRunner(sim).execute(imParams('grp-year', '2025-01-01', '2025-03-31', { pageSize: 50, options }));
		const at50 = imRequests(sim);

		expect(jsonOf(items)).toEqual(jsonOf(items50));
		expect(jsonOf(items)).toEqual(sim.imMessages('grp-year', '2025-01-01', '2025-03-31').map((m) => ({ ...m, session_id: 'grp-year' })));
		expect(atDefault.every((r) => r.page_size === '300' && r.status === 200)).toBe(true);
		expect(at50.every((r) => r.page_size === '50')).toBe(true);
		const pages = (size: number) =>
			['01', '02', '03'].reduce((sum, m) => sum + Math.ceil(sim.imMessages('grp-year', `2025-${m}-01`, `2025-${m}-${m === '02' ? '28' : '31'}`).length / size), 0);
		expect(atDefault).toHaveLength(pages(300));
		expect(at50).toHaveLength(pages(50));
		expect(atDefault.length).toBeLessThan(at50.length);
	});

	it('IM chat with a Limit: each window asks only for what remains, up to 300, and no page beyond it', async () => {
		const january = sim.imMessages('grp-year', '2025-01-01', '2025-01-31').length;
		const limit = january + 70;
		const [items] = await messagesRunner(sim).execute(imWithoutPageSize('2025-01-01', '2025-03-31', { returnAll: false, limit }));
		expect(items).toHaveLength(limit);
		const requests = imRequests(sim);
		expect(requests.map((r) => [r.from, r.page_size])).toEqual([
			...Array(Math.ceil(january / 300)).fill(['2025-01-01', '300']),
			['2025-02-01', '70'],
		]);
	});

	it('Team Chat: 50, its maximum', async () => {
		await messagesRunner(sim).execute(withoutPageSize(teamChatParams({ to: '2026-10-02' })));
		const sent = sim.requests.filter((r) => r.kind === 'teamMessages');
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((r) => r.query.page_size === '50')).toBe(true);
	});

	it('the trigger: 300 for IM chat', async () => {
		const params = { authentication: 'oAuth2', api: 'imChat', sessionId: { __rl: true, mode: 'id', value: 'grp-eng' } };
		await triggerRunner(sim).poll(params, {}, 'trigger');
		const sent = sim.requests.filter((r) => r.kind === 'imMessages');
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((r) => r.query.page_size === '300' && r.status === 200)).toBe(true);
	});
});

describe('Page Size of the trigger', () => {
	it('IM chat: 300 is sent; 301 is refused before any request', async () => {
		const params = { authentication: 'oAuth2', api: 'imChat', sessionId: { __rl: true, mode: 'id', value: 'grp-eng' } };
		await triggerRunner(sim).poll({ ...params, pageSize: 300 }, {}, 'trigger');
		const sent = sim.requests.filter((r) => r.kind === 'imMessages');
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((r) => r.query.page_size === '300' && r.status === 200)).toBe(true);

		sim.clearRequests();
		const error = await triggerRunner(sim)
			.poll({ ...params, pageSize: 301 }, {}, 'trigger')
			.catch((e: unknown) => e);
		expectPageSizeRefused(error, '301', 300);
		expect(sim.requests).toHaveLength(0);
	});

	it('Team Chat: 51 is refused before any request', async () => {
		const error = await triggerRunner(sim)
			.poll(teamChatParams({ pageSize: 51 }), {}, 'trigger')
			.catch((e: unknown) => e);
		expectPageSizeRefused(error, '51', 50);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('the pageSize parameter in the descriptions', () => {
	const nodes: Array<[string, INodeProperties[]]> = [
		['Zoom IM Messages', new ZoomImMessages().description.properties],
		['Zoom IM Messages Trigger', new ZoomImMessagesTrigger().description.properties],
	];

	it.each(nodes)('%s: one "Page Size" per API, with that API\'s range, default its maximum (300 IM chat, 50 Team Chat)', (_node, properties) => {
		// The node's other operations (Search, the account's report) have a Page Size of their own.
		const pageSizes = properties.filter((p) => p.name === 'pageSize' && p.displayOptions?.show?.api);
		expect(
			pageSizes.map((p) => [p.displayName, p.displayOptions?.show?.api, p.typeOptions?.minValue, p.typeOptions?.maxValue, p.default]),
		).toEqual([
			['Page Size', ['imChat'], 1, 300, 300],
			['Page Size', ['teamChat'], 1, 50, 50],
		]);
	});

	it.each(nodes)('%s: a saved workflow keeps its one pageSize value with either API (n8n resolves the shown one)', (_node, properties) => {
		const resolve = (parameters: INodeParameters, returnDefaults: boolean) =>
			NodeHelpers.getNodeParameters(properties, parameters, returnDefaults, false, null, null)?.pageSize;
		expect(resolve({ api: 'imChat', pageSize: 250 }, true)).toBe(250);
		expect(resolve({ api: 'teamChat', pageSize: 40 }, true)).toBe(40);
		// A workflow saved without pageSize gets the default of the declaration its api shows.
		expect(resolve({ api: 'imChat' }, true)).toBe(300);
		expect(resolve({}, true)).toBe(300); // api left at its default, imChat
		expect(resolve({ api: 'teamChat' }, true)).toBe(50);
		// One that saved a value keeps it, 50 with IM chat included (no longer its default).
		expect(resolve({ api: 'imChat', pageSize: 50 }, true)).toBe(50);
		// What n8n stores: the value when it is not the shown declaration's default.
		expect(resolve({ api: 'imChat', pageSize: 250 }, false)).toBe(250);
		expect(resolve({ api: 'imChat', pageSize: 50 }, false)).toBe(50);
		expect(resolve({ api: 'imChat', pageSize: 300 }, false)).toBeUndefined();
		expect(resolve({ api: 'teamChat', pageSize: 50 }, false)).toBeUndefined();
	});
});
