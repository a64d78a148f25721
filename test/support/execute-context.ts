/**
 * Runs a node's real `execute()`, `methods.listSearch.*` and `poll()` in-process, through
 * n8n-core's own `ExecuteContext` / `LoadOptionsContext` / `PollContext` built on a real
 * n8n-workflow `Workflow`, so that parameters, expressions, credentials and the request helpers
 * (`httpRequestWithAuthentication` with OAuth2 refresh and preAuthentication) are n8n's code.
 *
 * What is not n8n's code: the credentials helper (see execute-context-credentials-helper.ts),
 * the `additionalData` object (URLs and callbacks a community node does not use), and the
 * Logger (a recorder, so tests can check that no secret is logged).
 *
 * The parts are in ./execute-context/: bootstrap (environment, DI container, the recording
 * Logger), types (the runner's API), runner-base (what the calls share: node types, credentials,
 * the node and `additionalData` builders), execute, list-search and poll.
 *
 * Usage:
 *   const runner = createNodeRunner({ nodeType: new MyNode(), credentialTypes: [new OAuth2Api(), new MyCred()],
 *     credentials: { myCred: { id: '1', name: 'My cred', data: {...} } } });
 *   const [out] = await runner.execute({ param: 'x' }, [{ json: { a: 1 } }]);
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { createExecute } from './execute-context/execute';
import { createListSearch } from './execute-context/list-search';
import { createPoll } from './execute-context/poll';
import { createRunnerBase } from './execute-context/runner-base';
import type { CreateNodeRunnerOptions, CredentialStoreView, NodeRunner } from './execute-context/types';

export { OAuth2Api } from './execute-context-oauth2';
export type { CredentialUpdate } from './execute-context-credentials-helper';
export type {
	CreateNodeRunnerOptions,
	CredentialStoreView,
	ExecuteOptions,
	ListSearchOptions,
	NodeRunner,
	PollOptions,
	RunnerCredential,
} from './execute-context/types';

export function createNodeRunner(options: CreateNodeRunnerOptions): NodeRunner {
	const base = createRunnerBase(options);
	const { credentialsHelper } = base;

	const credentialStore: CredentialStoreView = {
		get: (type) => credentialsHelper.currentData(type),
		get current() {
			const out: Record<string, ICredentialDataDecryptedObject> = {};
			for (const type of credentialsHelper.storedTypes()) out[type] = credentialsHelper.currentData(type);
			return out;
		},
		set: (type, data) => credentialsHelper.replaceData(type, deepCopy(data)),
		updates: credentialsHelper.updates,
	};

	return {
		execute: createExecute(base),
		listSearch: createListSearch(base),
		poll: createPoll(base),
		credentialStore,
		logs: base.logs,
		get lastNode() {
			return base.lastNode;
		},
	};
}
