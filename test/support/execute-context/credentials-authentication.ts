/**
 * The credentials helper's `authenticate`, `preAuthentication` and `runPreAuthentication` (n8n's
 * steps, see ../execute-context-credentials-helper.ts).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	Workflow,
} from 'n8n-workflow';
import {
	UnexpectedError,
	UserError,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
} from 'n8n-workflow';

/** What preAuthentication needs of the credentials helper: read and save the stored credential. */
export interface CredentialStorage {
	getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials>;
	updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void>;
}

export async function authenticateRequest(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	workflow?: Workflow,
	node?: INode,
): Promise<IHttpRequestOptions> {
	const requestOptions = incomingRequestOptions;
	const { authenticate } = type;
	if (authenticate) {
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			}
			if (requestOptions.headers === undefined) requestOptions.headers = {};
			if (authenticate.type === 'generic') {
				const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
						const keyResolved = resolveValue(key, { $credentials: credentials }, workflow, node);
						const valueResolved = resolveValue(
							value,
							{ $credentials: credentials },
							workflow,
							node,
						);
						if (!target[outerKey]) target[outerKey] = {};
						target[outerKey][keyResolved] = valueResolved;
					}
				}
			}
		}
	}
	return requestOptions as IHttpRequestOptions;
}

function resolveValue(
	parameterValue: string,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(parameterValue)) return parameterValue;
	const returnValue = workflow.expression.getSimpleParameterValue(
		node,
		parameterValue,
		'internal',
		additionalKeys,
		undefined,
		'',
	);
	if (!returnValue) return '';
	return returnValue.toString();
}

export async function preAuthentication(
	storage: CredentialStorage,
	type: ICredentialType,
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	node: INode,
	credentialsExpired: boolean,
): Promise<ICredentialDataDecryptedObject | undefined> {
	const expirableProperty = type.properties.find(
		(p) => p.type === 'hidden' && p?.typeOptions?.expirable === true,
	);
	if (expirableProperty?.name === undefined) return undefined;

	const isTestingCredentials =
		node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

	if (typeof type.preAuthentication !== 'function') return undefined;
	if (
		!(credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials)
	) {
		return undefined;
	}

	const output = await type.preAuthentication.call(
		restrictToCredentialDomains(helpers, credentials),
		credentials,
	);
	if (output[expirableProperty.name] === undefined) return undefined;

	if (node.credentials) {
		const nodeCredentials = node.credentials[type.name];
		const storedData = await (await storage.getCredentials(nodeCredentials, type.name)).getData();
		const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirableProperty.name || !isExpression(storedData[key])) {
				dataToPersist[key] = value as ICredentialDataDecryptedObject[string];
			}
		}
		await storage.updateCredentials(nodeCredentials, type.name, dataToPersist);
		return Object.assign(credentials, output);
	}
	return undefined;
}

export async function runPreAuthentication(
	type: ICredentialType,
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ICredentialDataDecryptedObject | undefined> {
	if (typeof type.preAuthentication !== 'function') return undefined;
	const output = await type.preAuthentication.call(
		restrictToCredentialDomains(helpers, credentials),
		credentials,
	);
	return (output as ICredentialDataDecryptedObject) ?? undefined;
}

/** n8n wraps the helpers a preAuthentication hook gets so the credential's own domain allowlist applies. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}
