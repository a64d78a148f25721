/**
 * The credentials helper's "database": one record per credential id holding the data serialized,
 * the log of saves, and `StoredCredentials`, the `ICredentials` a node gets.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ICredentials, UnexpectedError, UserError } from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** Serialized data, as n8n keeps it (encrypted) in the `credentials_entity.data` column. */
	serialized: string;
}

export type CredentialUpdateKind = 'oauthTokenData' | 'credentials';

export interface CredentialUpdate {
	type: string;
	id: string;
	/** `oauthTokenData`: n8n saved refreshed OAuth2 tokens; `credentials`: a full data save
	 * (what preAuthentication output is persisted with). */
	kind: CredentialUpdateKind;
	/** Decrypted data after the update (deep copy). */
	data: ICredentialDataDecryptedObject;
	at: number;
}

/** `ICredentials` over serialized JSON: the same contract as n8n-core's `Credentials`, minus encryption. */
export class StoredCredentials extends ICredentials {
	async getData(): Promise<ICredentialDataDecryptedObject> {
		if (this.data === undefined) throw new UserError('No data is set so nothing can be returned.');
		return JSON.parse(this.data) as ICredentialDataDecryptedObject;
	}

	getDataToSave() {
		if (this.data === undefined) throw new UnexpectedError('No credentials were set to save.');
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = JSON.stringify(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const updated = { ...(await this.getData()), ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete updated[key];
		await this.setData(updated);
	}
}
