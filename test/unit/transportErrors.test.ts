/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: the secrets are fake fixtures */
/**
 * How the transport reports failures: the gate before pacing, the last answer on exhausted retries,
 * redaction before truncation, error messages n8n would otherwise rewrite, and timeouts named as such.
 */
import { NodeApiError, type INode } from 'n8n-workflow';

import { toTransportError } from '../../nodes/ZoomIm/transport';
import { ZoomError, redactSecrets } from '../../nodes/ZoomIm/transport/errors';
import { toNodeError } from '../../nodes/ZoomIm/transport/nodeErrors';
import { AdaptivePace } from '../../nodes/ZoomIm/transport/adaptivePace';
import { parseJsonBody } from '../../nodes/ZoomIm/transport/jsonBody';
import { ZoomClient, type HttpAnswer, type ZoomRequest, type ZoomTransport } from '../../nodes/ZoomIm/transport/zoomClient';

const request: ZoomRequest = { path: '/im/chat/sessions/x', qs: { from: '2026-01-01', to: '2026-01-31', page_size: 50 } };
const node: INode = { id: '1', name: 'Zoom IM Messages', type: 'n8n-nodes-zoom-im.zoomImMessages', typeVersion: 1, position: [0, 0], parameters: {} };

function client(transport: ZoomTransport, events: string[], maxRetries = 2) {
	const sleep = async () => {};
	let paceMs = 0;
	const pace = new AdaptivePace({ now: () => paceMs, sleep: async (ms) => void (paceMs += ms) });
	const acquire = pace.acquire.bind(pace);
	pace.acquire = async (cap?: number) => {
		events.push('pace');
		return await acquire(cap);
	};
	return new ZoomClient(
		{ transport, paceFor: () => pace, sleep, random: () => 1 },
		{ maxRetries, maxRequestsPerSecond: 10, backoff: { baseDelayMs: 1, maxDelayMs: 10 }, secrets: ['s3cr3t-token-value'] },
	);
}

describe('ZoomClient and the transport gate', () => {
	it('waits for transport.ready() before taking a slot of the pace, on every attempt', async () => {
		const events: string[] = [];
		const answers: HttpAnswer[] = [
			{ status: 503, headers: {}, body: '' },
			{ status: 200, headers: {}, body: { messages: [] } },
		];
		const transport: ZoomTransport = {
			ready: async () => void events.push('ready'),
			send: async () => {
				events.push('send');
				return answers.shift() as HttpAnswer;
			},
			sendRefreshingAuth: async () => {
				throw new Error('not used');
			},
		};
		await client(transport, events).get(request);
		expect(events).toEqual(['ready', 'pace', 'send', 'ready', 'pace', 'send']);
	});

	it('exhausted retries carry the last HTTP status and Zoom code', async () => {
		const transport: ZoomTransport = {
			send: async () => ({ status: 500, headers: {}, body: { code: 500, message: 'Internal Server Error' } }),
			sendRefreshingAuth: async () => {
				throw new Error('not used');
			},
		};
		const error = await client(transport, [], 1).get(request).catch((e: unknown) => e);
		expect(error).toMatchObject({ kind: 'retriesExhausted', attempts: 2, httpStatus: 500, zoomCode: 500 });
	});
});

function thrownBy(fn: () => unknown): ZoomError {
	try {
		fn();
	} catch (error) {
		return error as ZoomError;
	}
	throw new Error('expected an error');
}

describe('parseJsonBody', () => {
	it('redacts secrets before it cuts the text short, so no part of a token survives', () => {
		const secret = 'abcdefghijklmnopqrstuvwxyz0123456789';
		const text = `${'x'.repeat(60)} ${secret} and more`; // the secret straddles the 80-character cut
		const error = thrownBy(() => parseJsonBody(text, (t) => t.split(secret).join('[redacted]')));
		expect(error).toBeInstanceOf(ZoomError);
		expect(error.description).toBe(`The answer began with: "${'x'.repeat(60)} [redacted] and more"`);
	});

	it('by default removes bearer tokens from the quoted answer', () => {
		const error = thrownBy(() => parseJsonBody('<html>Authorization: Bearer eyJhbGciOi.payload.sig</html>'));
		expect(error.description).toBe('The answer began with: "<html>Authorization: Bearer [redacted]</html>"');
	});
});

describe('toNodeError', () => {
	it('keeps our message even when it names a network code that NodeApiError would replace', () => {
		const error = toNodeError(
			node,
			new ZoomError('Zoom request failed after 6 attempts: ECONNRESET (socket hang up)', { kind: 'retriesExhausted', attempts: 6 }),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Zoom request failed after 6 attempts: ECONNRESET (socket hang up)');
	});

	it('carries the HTTP status of the last answer', () => {
		const error = toNodeError(
			node,
			new ZoomError('Zoom request failed after 3 attempts: HTTP 503', { kind: 'retriesExhausted', attempts: 3, httpStatus: 503 }),
		) as NodeApiError;
		expect(error.httpCode).toBe('503');
		expect(error.message).toBe('Zoom request failed after 3 attempts: HTTP 503');
	});
});

describe('toTransportError', () => {
	it('names a timeout by the underlying message rather than n8n’s generic sentence', () => {
		const thrown = Object.assign(new Error('The connection was aborted, perhaps the server is offline'), {
			httpCode: 'ECONNABORTED',
			messages: ['timeout of 300ms exceeded'],
		});
		const error = toTransportError(thrown);
		expect(error.details.networkCode).toBe('ECONNABORTED');
		expect(error.message).toBe('timeout of 300ms exceeded');
	});

	it('keeps n8n’s message for HTTP answers', () => {
		const thrown = Object.assign(new Error('Service unavailable'), { httpCode: '503', messages: ['Request failed with status code 503'] });
		const error = toTransportError(thrown);
		expect(error.details.status).toBe(503);
		expect(error.message).toBe('Service unavailable');
	});
});

describe('redactSecrets', () => {
	it('removes HTTP Basic client credentials a token endpoint may echo', () => {
		const basic = Buffer.from('sim-client-id:sim-client-secret').toString('base64');
		expect(redactSecrets(`Bad request: Authorization: Basic ${basic}`)).toBe('Bad request: Authorization: Basic [redacted]');
	});
	it('leaves ordinary words after "basic" alone', () => {
		expect(redactSecrets('a basic plan, basic Internationalization')).toBe('a basic plan, basic Internationalization');
	});
});
