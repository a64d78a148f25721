import { AdaptivePace, DEFAULT_PACE_SETTINGS, type PaceClock, type PaceSettings } from './adaptivePace';
import { categorySettings, rateCategoryOf, type RateCategory } from './publishedLimits';

/**
 * Where a request finds its pace. Zoom counts its rate limits per account and per rate category,
 * shared by every app, so everything this n8n process sends with one credential (executions that
 * run at the same time, the trigger's polls, the editor's lists) shares one AdaptivePace per rate
 * category, and a new execution starts from what the previous ones learned.
 *
 * The budgets live in this module's memory only: nothing is written anywhere, a restart starts
 * from scratch, and in queue mode each worker process learns on its own. A budget is keyed by the
 * credential's type and n8n id (never by a secret), so different credentials never share one.
 */

export { rateCategoryOf, type RateCategory } from './publishedLimits';

/** A credential as n8n names it on the node: its type and its id. */
export interface CredentialIdentity {
	type: string;
	id: string | undefined;
}

export class PaceRegistry {
	private readonly budgets = new Map<string, AdaptivePace>();

	constructor(
		private readonly clock: PaceClock,
		private readonly settings: PaceSettings = DEFAULT_PACE_SETTINGS,
	) {}

	/** The shared budget of a credential's rate category. */
	budget(credential: CredentialIdentity & { id: string }, category: RateCategory): AdaptivePace {
		const key = JSON.stringify([credential.type, credential.id, category]);
		let pace = this.budgets.get(key);
		if (!pace) {
			pace = new AdaptivePace(this.clock, categorySettings(this.settings, category));
			this.budgets.set(key, pace);
		}
		return pace;
	}

	/** A budget that nothing else shares (a credential without an id cannot be told apart). */
	private(category: RateCategory): AdaptivePace {
		return new AdaptivePace(this.clock, categorySettings(this.settings, category));
	}
}

/**
 * The budgets one caller uses: the process-wide registry, or (in tests) a registry of its own.
 * `forCredential` gives the pace for each request of a connection.
 */
export class RequestPacer {
	constructor(private readonly registry: PaceRegistry) {}

	forCredential(credential: CredentialIdentity): (path: string) => AdaptivePace {
		const { id } = credential;
		if (id === undefined || id === '') {
			const own = { Heavy: this.registry.private('Heavy'), Medium: this.registry.private('Medium') };
			return (path) => own[rateCategoryOf(path)];
		}
		return (path) => this.registry.budget({ type: credential.type, id }, rateCategoryOf(path));
	}
}
