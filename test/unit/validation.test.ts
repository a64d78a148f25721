/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: rethrows unexpected errors so that the test fails */
import { ParameterProblem } from '../../nodes/ZoomIm/parameters/parameterProblem';
import {
	checkIdentifier,
	checkPageSize,
	checkTeamChatUserId,
	checkTimezone,
	resolveDayRange,
} from '../../nodes/ZoomIm/parameters/validation';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0); // 2026-11-25T12:00Z

function problem(fn: () => unknown): ParameterProblem {
	try {
		fn();
	} catch (error) {
		if (error instanceof ParameterProblem) return error;
		throw error;
	}
	throw new Error('expected a ParameterProblem');
}

describe('checkPageSize', () => {
	it.each([1, 25, 50])('Team Chat accepts %p', (v) => expect(checkPageSize(v, 'teamChat')).toBe(v));
	it.each([1, 50, 51, 299, 300])('IM chat accepts %p (Zoom documents 300)', (v) => expect(checkPageSize(v, 'imChat')).toBe(v));
	it.each([
		['teamChat', 0],
		['teamChat', 51],
		['teamChat', 300],
		['imChat', 301],
		['imChat', 0],
		['imChat', -1],
		['imChat', 2.5],
		['imChat', NaN],
		['imChat', '10'],
		['teamChat', null],
		['teamChat', undefined],
	] as const)('%s refuses %p naming the field and the API\'s range', (api, v) => {
		const p = problem(() => checkPageSize(v, api));
		expect(p.field).toBe('Page Size');
		expect(p.message).toContain('"Page Size"');
		expect(p.message).toMatch(api === 'imChat' ? /1 to 300 \(the most IM Chat allows\)/ : /1 to 50 \(the most Team Chat allows\)/);
	});
	it('shows the bad value', () => {
		expect(problem(() => checkPageSize(51, 'teamChat')).message).toContain('"51"');
		expect(problem(() => checkPageSize(2.5, 'imChat')).message).toContain('"2.5"');
	});
});

describe('checkTeamChatUserId', () => {
	it('keeps "me" for OAuth2 and any user id or email for either credential', () => {
		expect(checkTeamChatUserId('me', 'oAuth2')).toBe('me');
		expect(checkTeamChatUserId(' owner@example.com ', 'serverToServer')).toBe('owner@example.com');
		expect(checkTeamChatUserId('KDcuGIm1QgePTO8WbOqwIQ', 'serverToServer')).toBe('KDcuGIm1QgePTO8WbOqwIQ');
	});
	it.each(['me', 'ME', ' me '])('refuses %p with Server-to-Server OAuth, naming User ID and the value', (v) => {
		const p = problem(() => checkTeamChatUserId(v, 'serverToServer'));
		expect(p.field).toBe('User ID');
		expect(p.message).toContain(`The value ${JSON.stringify(v)} of "User ID" is not allowed with Server-to-Server OAuth`);
		expect(p.message).toContain('Set User ID to the ID or email of the user whose chats to read.');
	});
	it('refuses an empty value for either credential', () => {
		expect(problem(() => checkTeamChatUserId('', 'oAuth2')).message).toMatch(/"User ID" is empty/);
	});
});

describe('checkIdentifier', () => {
	it('trims and keeps ids with characters that need encoding', () => {
		expect(checkIdentifier('  grp-eng ', 'Session')).toBe('grp-eng');
		expect(checkIdentifier('a/b?c#d', 'Session')).toBe('a/b?c#d');
		expect(checkIdentifier('équipe-é', 'Session')).toBe('équipe-é');
	});
	it.each(['', '   ', null, undefined, {}])('refuses empty value %p', (v) => {
		const p = problem(() => checkIdentifier(v, 'Session'));
		expect(p.message).toMatch(/"Session" is empty/);
	});
	it.each(['.', '..', ' .. '])('refuses %p, which URL normalisation would turn into another path', (v) => {
		expect(problem(() => checkIdentifier(v, 'Session')).message).toMatch(/not a valid identifier/);
	});
	it('allows dots in query values (contacts)', () => {
		expect(checkIdentifier('..', 'Contact', { pathSegment: false })).toBe('..');
	});
});

describe('checkTimezone', () => {
	it('accepts IANA names', () => expect(checkTimezone('Europe/Berlin')).toBe('Europe/Berlin'));
	it('refuses unknown zones naming the field', () => {
		expect(problem(() => checkTimezone('Mars/Olympus')).message).toMatch(/"Mars\/Olympus" of "Timezone"/);
	});
});

describe('resolveDayRange', () => {
	it('returns the calendar days', () => {
		expect(resolveDayRange('2026-01-01', '2026-03-31', 'UTC', NOW)).toEqual({
			firstDay: '2026-01-01',
			lastDay: '2026-03-31',
			clamped: false,
			empty: false,
		});
	});
	it('names From for a bad From and To for a bad To', () => {
		expect(problem(() => resolveDayRange('2026-02-30', '2026-03-01', 'UTC', NOW)).message).toBe(
			'The value "2026-02-30" of "From" is not a valid calendar date',
		);
		expect(problem(() => resolveDayRange('2026-02-01', 'tomorrow', 'UTC', NOW)).field).toBe('To');
		expect(problem(() => resolveDayRange(null, '2026-03-01', 'UTC', NOW)).message).toBe('The value (null) of "From" is empty');
	});
	it('refuses From after To', () => {
		const p = problem(() => resolveDayRange('2026-03-02', '2026-03-01', 'UTC', NOW));
		expect(p.field).toBe('From');
		expect(p.message).toMatch(/after "To" \(2026-03-01\)/);
	});
	it('clamps a future To to today in the zone', () => {
		expect(resolveDayRange('2026-11-01', '2026-12-31', 'UTC', NOW)).toMatchObject({ lastDay: '2026-11-25', clamped: true });
		// At 12:00 UTC it is already the 26th in Auckland (UTC+13).
		expect(resolveDayRange('2026-11-01', '2026-12-31', 'Pacific/Auckland', NOW)).toMatchObject({ lastDay: '2026-11-26' });
	});
	it('gives an empty range when everything is in the future', () => {
		expect(resolveDayRange('2027-01-01', '2027-01-31', 'UTC', NOW)).toMatchObject({ empty: true });
	});
});
