import { AdaptivePace, DEFAULT_PACE_SETTINGS, type PaceClock, type PaceSettings } from './adaptivePace';

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

/** Zoom's rate-limit labels of the endpoints the package calls. */
export type RateCategory = 'Heavy' | 'Medium';

/** `GET /im/chat/sessions` (the IM session list) is Heavy; the messages and channel lists are Medium. */
export function rateCategoryOf(path: string): RateCategory {
	return /^\/im\/chat\/sessions\/?$/.test(path) ? 'Heavy' : 'Medium';
}

/** A credential as n8n names it on the node: its type and its id. */
export interface CredentialIdentity {
	type: string;
	id: string | undefined;
}

/**
 * Zoom's published per-second limits of each rate category by plan (see ZOOM-API-FACTS.md, rate
 * limits): the pace's growth slows down near them (PaceSettings.publishedLimits).
 */
const PUBLISHED_LIMITS: Record<RateCategory, { free: number; pro: number; businessPlus: number }> = {
	Medium: { free: 2, pro: 20, businessPlus: 60 },
	Heavy: { free: 1, pro: 10, businessPlus: 40 },
};

/**
 * The pace of a category's budget before it has learned anything: just under the Pro plan's limit.
 * A Pro or Business+ account then never draws a 429 while the pace starts; a Free account draws a
 * few, once, before the pace learns its limit (each answered 429 costs that request Retry-After).
 */
function categorySettings(settings: PaceSettings, category: RateCategory): PaceSettings {
	const { free, pro, businessPlus } = PUBLISHED_LIMITS[category];
	return { ...settings, startRate: pro * settings.backoffFraction, publishedLimits: [free, pro, businessPlus] };
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
