/**
 * One budget per Zoom credential and rate category in an n8n process: executions and polls with
 * the same credential share one pace (and what it learned), different credentials never do.
 */
import { createPacer } from '../../nodes/ZoomIm/transport';
import { PaceRegistry, RequestPacer, rateCategoryOf } from '../../nodes/ZoomIm/transport/requestPacer';

function registry() {
	let ms = 0;
	return new PaceRegistry({ now: () => ms, sleep: async (wait) => void (ms += wait) });
}

const MESSAGES = '/im/chat/sessions/grp-eng';
const TEAM_CHAT = '/chat/users/me/messages';
const SESSION_LIST = '/im/chat/sessions';

describe('budgets per credential', () => {
	it('two executions (two pacers) with the same credential share one pace, and what one learned the next starts from', async () => {
		const budgets = registry();
		const first = new RequestPacer(budgets).forCredential({ type: 'zoomImOAuth2Api', id: '7' });
		const second = new RequestPacer(budgets).forCredential({ type: 'zoomImOAuth2Api', id: '7' });
		expect(second(MESSAGES)).toBe(first(MESSAGES));
		const ticket = await first(MESSAGES).acquire();
		ticket.settle({ kind: 'rateLimited', retryAfterMs: 1000 });
		expect(second(TEAM_CHAT).snapshot().limit).toBe(first(MESSAGES).snapshot().limit);
	});

	it('the node, its trigger and the editor lists use the process-wide budgets', () => {
		const credential = { type: 'zoomImServerToServerOAuthApi', id: 'abc' };
		expect(createPacer().forCredential(credential)(MESSAGES)).toBe(createPacer().forCredential(credential)(MESSAGES));
	});

	it('different credentials, or the same id of another credential type, never share', () => {
		const pacer = new RequestPacer(registry());
		const a = pacer.forCredential({ type: 'zoomImOAuth2Api', id: '1' })(MESSAGES);
		expect(pacer.forCredential({ type: 'zoomImOAuth2Api', id: '2' })(MESSAGES)).not.toBe(a);
		expect(pacer.forCredential({ type: 'zoomImServerToServerOAuthApi', id: '1' })(MESSAGES)).not.toBe(a);
	});

	it('a new budget starts just under the Pro plan’s published limit of its rate category', () => {
		const pacer = new RequestPacer(registry()).forCredential({ type: 'zoomImOAuth2Api', id: '9' });
		expect(pacer(MESSAGES).snapshot().rate).toBeCloseTo(20 * (1000 / 1040)); // Medium: 20 per second on Pro
		expect(pacer(SESSION_LIST).snapshot().rate).toBeCloseTo(10 * (1000 / 1040)); // Heavy: 10 per second on Pro
	});

	it('a credential without an id gets a budget of its own on every connection', () => {
		const pacer = new RequestPacer(registry());
		const one = pacer.forCredential({ type: 'zoomImOAuth2Api', id: undefined });
		const other = pacer.forCredential({ type: 'zoomImOAuth2Api', id: undefined });
		expect(one(MESSAGES)).toBe(one(MESSAGES));
		expect(other(MESSAGES)).not.toBe(one(MESSAGES));
	});

	it("Zoom's Heavy session list has a budget apart from the Medium message endpoints", () => {
		expect([SESSION_LIST, MESSAGES, TEAM_CHAT, '/chat/users/me/channels'].map(rateCategoryOf)).toEqual([
			'Heavy',
			'Medium',
			'Medium',
			'Medium',
		]);
		const forCredential = new RequestPacer(registry()).forCredential({ type: 'zoomImOAuth2Api', id: '1' });
		expect(forCredential(SESSION_LIST)).not.toBe(forCredential(MESSAGES));
		expect(forCredential(TEAM_CHAT)).toBe(forCredential(MESSAGES));
	});
});
