/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node, never inside n8n */
/**
 * Tests of the e2e harness itself (test/support/n8n.js), independent of the Zoom node: a stand-in
 * community package (test/support/fixtures/harness-probe) is packed, installed the way n8n installs
 * community packages and run in real n8n. When these pass and imchat.e2e fails, look at the node.
 *
 * The same instance also runs the Zoom IM Messages node through `n8n execute`, the CLI path users
 * take (every other suite of the node runs on the run's shared `n8n start`).
 *
 * Environment: ZOOM_IM_E2E_VERSIONS (default "2.41.1,1.123.81").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZoomSimulator } from '../simulator';
import * as h from '../support/n8n';
import type { N8nInstance } from '../support/n8n';

const MINUTE = 60_000;
const VERSIONS = h.versionsFromEnv();
const PROBE_DIR = path.join(__dirname, '..', 'support', 'fixtures', 'harness-probe');
const PROBE_TYPE = 'n8n-nodes-harness-probe.harnessProbe';

describe('harness helpers', () => {
	it('parses the run JSON out of noisy n8n output', () => {
		const run = { data: { resultData: { runData: { A: [{ executionTime: 3, data: { main: [[{ json: { x: '}' } }]] } }] } } } };
		const noisy = ['n8n Task Broker ready on 127.0.0.1, port 5679', 'some {', ...JSON.stringify(run, null, 2).split('\n'), 'boom', '}'].join('\n');
		const parsed = h.parseExecuteOutput(noisy);
		expect(parsed).toEqual(run);
		expect(h.nodeJson(parsed, 'A')).toEqual([{ x: '}' }]);
		expect(h.nodeResult(parsed, 'A').executionTime).toBe(3);
		expect(h.parseExecuteOutput('no json here')).toBeNull();
	});

	it('builds workflows with 16-character ids, chained from a Manual Trigger', () => {
		const workflow = h.manualWorkflow({ nodes: h.itemsNodes([{ a: 1 }]) });
		expect(workflow.id).toHaveLength(16);
		expect(workflow.nodes.map((n) => n.name)).toEqual(['Manual Trigger', 'Items (set)', 'Items']);
		expect(workflow.connections['Manual Trigger']).toEqual({ main: [[{ node: 'Items (set)', type: 'main', index: 0 }]] });
		expect(h.makeId('credmain')).toMatch(/^credmain[A-Za-z0-9]{8}$/);
		const zoom = h.zoomNode({ credentialId: 'c1', parameters: { api: 'imChat' }, continueOnFail: true });
		expect(zoom).toMatchObject({
			type: 'n8n-nodes-zoom-im.zoomImMessages',
			typeVersion: 1,
			parameters: { authentication: 'oAuth2', api: 'imChat' },
			credentials: { zoomImOAuth2Api: { id: 'c1' } },
			onError: 'continueRegularOutput',
		});
		expect([h.pairedIndex(2), h.pairedIndex({ item: 1 }), h.pairedIndex([{ item: 4 }]), h.pairedIndex(undefined)]).toEqual([2, 1, 4, undefined]);
	});
});

describe.each(VERSIONS)('harness with real n8n %s', (version) => {
	let n8n: N8nInstance;
	const wfs: Record<string, ReturnType<typeof h.manualWorkflow>> = {
		probe: h.manualWorkflow({
			id: h.makeId('probe'),
			nodes: [
				...h.itemsNodes([{ s: 'a' }, { s: 'b' }, { s: 'c' }]),
				{ name: 'Probe', type: PROBE_TYPE, typeVersion: 1, parameters: { tag: '={{ $json.s }}-tag' } },
			],
		}),
		fail: h.manualWorkflow({
			id: h.makeId('fail'),
			nodes: [{ name: 'Stop', type: 'n8n-nodes-base.stopAndError', typeVersion: 1, parameters: { errorMessage: 'probe failure' } }],
		}),
	};
	const credential = { id: h.makeId('basic'), name: 'basic', type: 'httpBasicAuth', data: { user: 'u', password: 'p-secret' } };
	const zoomCredentialId = h.makeId('zoomcli');
	let sim: ZoomSimulator;

	beforeAll(async () => {
		sim = new ZoomSimulator({ seed: 42 });
		await sim.start();
		const tarball = await h.packPackage({ build: false, cwd: PROBE_DIR });
		n8n = await h.createInstance({ version, tarball, name: `harness-${version}` });
		await h.installTarball({ nodesDir: n8n.nodesDir, tarball: await h.packPackage(), runtime: n8n.runtime, env: n8n.env });
		wfs.zoom = h.manualWorkflow({
			id: h.makeId('zoomcli'),
			nodes: [
				h.zoomNode({
					credentialId: zoomCredentialId,
					parameters: { api: 'imChat', sessionId: { __rl: true, mode: 'id', value: 'grp-eng' }, from: '2026-01-25', to: '2026-03-05', returnAll: true, options: { timezone: 'UTC' } },
				}),
			],
		});
		await n8n.importCredentials([credential, h.zoomOAuth2Credential({ id: zoomCredentialId, sim })]);
		await n8n.importWorkflows(Object.values(wfs));
	}, 15 * MINUTE);

	afterAll(async () => {
		const dir = n8n?.dir;
		await n8n?.dispose();
		await sim?.stop();
		if (dir) expect(fs.existsSync(dir)).toBe(false);
	}, 2 * MINUTE);

	it('runs Zoom IM Messages with `n8n execute`: every message of the range once, paired to the trigger item', async () => {
		const run = await n8n.execute(wfs.zoom.id);
		expect(run.code).toBe(0);
		const expected = sim.imMessages('grp-eng', '2026-01-25', '2026-03-05').map((m) => ({ ...m, session_id: 'grp-eng' }));
		expect(expected.length).toBeGreaterThan(50); // more than one page, across two month windows
		const result = h.nodeResult(run.output, 'Zoom IM Messages');
		expect(result.items).toEqual(expected);
		expect(result.pairedItems.map(h.pairedIndex)).toEqual(expected.map(() => 0));
	}, 5 * MINUTE);

	it('installs the package without a second n8n-workflow', () => {
		expect(fs.existsSync(path.join(n8n.nodesDir, 'node_modules', 'n8n-nodes-harness-probe', 'package.json'))).toBe(true);
		expect(fs.existsSync(path.join(n8n.nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it('executes a workflow and returns each node\'s items, pairing and timing', async () => {
		const run = await n8n.execute(wfs.probe.id);
		expect(run.code).toBe(0);
		const result = h.nodeResult(run.output, 'Probe');
		expect(result.items.map((j) => [j.s, j.probe])).toEqual([
			['a', 'a-tag'],
			['b', 'b-tag'],
			['c', 'c-tag'],
		]);
		expect(result.pairedItems.map(h.pairedIndex)).toEqual([0, 1, 2]);
		expect(typeof result.executionTime).toBe('number');
		// the package sees n8n's own n8n-workflow
		expect(String(result.items[0].workflowPath).startsWith(n8n.runtime.dir)).toBe(true);
	});

	it('returns the run of a failed execution with its error', async () => {
		const run = await n8n.execute(wfs.fail.id);
		expect(run.code).toBe(1);
		expect(h.executionError(run.output)?.message).toBe('probe failure');
		expect(h.nodeError(run.output, 'Stop')?.name).toBe('NodeOperationError');
	});

	it('exports credentials decrypted', async () => {
		const exported = await n8n.exportCredentials();
		expect(exported.find((c) => c.id === credential.id)?.data).toEqual(credential.data);
	});

	it('starts n8n on 127.0.0.1 and stops it', async () => {
		const server = await n8n.start();
		try {
			expect((await fetch(`${server.url}/healthz/readiness`)).status).toBe(200);
			expect((await fetch(`${server.url}/rest/settings`)).status).toBe(200);
		} finally {
			await server.stop();
		}
		await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
	}, 5 * MINUTE);
});
