/**
 * Decides when a request may go out while the credential's access token is being fetched or
 * refreshed, so that parallel windows do not each fetch or refresh a token of their own.
 *
 * - No token stored yet: the first request goes alone. For a server-to-server credential n8n fetches
 *   the token during it (with the regional api_url); the others wait in `ready()` and then reuse it.
 *   With a token stored there is nothing to wait for: all requests start at once.
 * - Zoom rotates OAuth2 refresh tokens: two refreshes at once would race, and the loser's refresh
 *   token would already be spent. So one request at a time goes through the refresh path; the
 *   others, once it is done, first try again with the token it stored.
 *
 * Requests are held back in `ready()`, before they take their slot of the pace: held back after it,
 * they would all go out at once when released.
 */
export interface TokenGateSteps<Request, Answer> {
	/** Sends normally, letting every HTTP status through. */
	send(request: Request): Promise<Answer>;
	/** Sends through the credential's refresh path (n8n refreshes the token on 401). */
	sendRefreshing(request: Request): Promise<Answer>;
	/** After a token may have been fetched or refreshed: read what the credential stores now. */
	afterToken(): Promise<void>;
	/** Waits for a slot of the pace of this request. */
	takeTurn(request: Request): Promise<void>;
	/** True when the answer says the token was refused (401). */
	isUnauthorized(answer: Answer): boolean;
}

export class TokenGate<Request, Answer> {
	private firstClaimed: boolean;
	private firstSent: boolean;
	private releaseFirst: () => void = () => {};
	private readonly firstDone: Promise<void>;
	private refreshInFlight: Promise<unknown> | undefined;

	constructor(
		tokenStored: boolean,
		private readonly steps: TokenGateSteps<Request, Answer>,
	) {
		this.firstClaimed = tokenStored;
		this.firstSent = tokenStored;
		this.firstDone = new Promise<void>((resolve) => {
			this.releaseFirst = resolve;
		});
		if (tokenStored) this.releaseFirst();
	}

	/** Resolves when the next request may take its slot of the pace. */
	async ready(): Promise<void> {
		if (!this.firstClaimed) {
			this.firstClaimed = true;
			return;
		}
		await this.firstDone;
		// Requests sent during a refresh would carry the old token: they wait for the new one.
		await this.refreshDone();
	}

	async send(request: Request): Promise<Answer> {
		if (this.firstSent) return await this.steps.send(request);
		this.firstSent = true;
		try {
			return await this.steps.send(request);
		} finally {
			try {
				await this.steps.afterToken();
			} finally {
				this.releaseFirst();
			}
		}
	}

	/** After a 401: the one refresh at a time, or a new try with the token another refresh stored. */
	async sendRefreshingAuth(request: Request): Promise<Answer> {
		while (this.refreshPending()) {
			await this.refreshDone();
			// This request's slot of the pace went by while it waited: it takes a new one, so that
			// the requests released together do not go out together.
			await this.steps.takeTurn(request);
			if (this.refreshPending()) continue;
			const again = await this.steps.send(request);
			if (!this.steps.isUnauthorized(again)) return again;
			await this.steps.takeTurn(request);
		}
		const refreshing = this.steps.sendRefreshing(request).finally(() => this.steps.afterToken());
		this.refreshInFlight = refreshing;
		try {
			return await refreshing;
		} finally {
			if (this.refreshInFlight === refreshing) this.refreshInFlight = undefined;
		}
	}

	// A method rather than an inline check: refreshInFlight changes while a caller awaits.
	private refreshPending(): boolean {
		return this.refreshInFlight !== undefined;
	}

	private async refreshDone(): Promise<void> {
		while (this.refreshInFlight) await this.refreshInFlight.catch(() => undefined);
	}
}
