/**
 * Seeded chaos for the Zoom simulator: about one API request in five fails (429s with and without
 * a rate-limit type, 500/502/503/504, dropped connections, answers that never come), plus exactly
 * one access-token expiry and one page-token expiry per run.
 *
 * Decisions are drawn per date window (the `from` query value) and per request number inside
 * that window, so a seed gives the same faults whatever order parallel windows run in. Requests
 * that carry an access token the chaos itself expired are left alone (they get their 401 from
 * the simulator): how many of those there are depends on timing, not on the seed. No window
 * gets more than MAX_STREAK faults in a row, which keeps every request within the default
 * "Max Retries" (5) of the node; losing a message can then only be the node's fault.
 */
import type { Fault, RecordedRequest, ZoomSimulator } from '../simulator';
import { WRITE_KINDS, writeChaosPlan, type WriteChaosOptions, type WriteChaosTally } from './write-chaos';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Rng } = require('../simulator/prng') as { Rng: new (seed: number, stream?: string) => RngLike };

interface RngLike {
	next(): number;
	int(min: number, max: number): number;
	pick<T>(values: T[]): T;
}

export const FAULT_RATE = 0.2;
export const MAX_STREAK = 3;
/** Answers that never come: the node's "Request Timeout" must be well below this. */
export const HANG_MS = 2000;

export type ChaosKind =
	| 'rateLimitQps'
	| 'rateLimitUntyped'
	| 'serverError500'
	| 'serverError502'
	| 'serverError503'
	| 'serverError504'
	| 'reset'
	| 'hang'
	| 'expireAccessToken'
	| 'expirePageToken';

const MIX: Array<[ChaosKind, number]> = [
	['rateLimitQps', 20],
	['rateLimitUntyped', 8],
	['serverError500', 10],
	['serverError502', 8],
	['serverError503', 10],
	['serverError504', 7],
	['reset', 27],
	['hang', 10],
];

function faultFor(kind: ChaosKind): Fault {
	switch (kind) {
		case 'rateLimitQps':
			return { type: 'rateLimit' };
		case 'rateLimitUntyped':
			return { type: 'http', status: 429, body: { code: 429, message: 'Too many requests. Please try again later.' } };
		case 'serverError500':
			return { type: 'serverError', status: 500 };
		case 'serverError502':
			return { type: 'serverError', status: 502 };
		case 'serverError503':
			return { type: 'serverError', status: 503 };
		case 'serverError504':
			return { type: 'serverError', status: 504 };
		case 'reset':
			return { type: 'reset' };
		case 'hang':
			return { type: 'hang', ms: HANG_MS };
		case 'expireAccessToken':
			return { type: 'expireAccessToken' };
		case 'expirePageToken':
			return { type: 'expirePageToken' };
	}
}

export interface ChaosOptions {
	seed: number;
	/** Request kinds that carry messages (imMessages or teamMessages), or several (e.g. with fileDownload and fileContent). */
	kind: RecordedRequest['kind'] | Array<RecordedRequest['kind']>;
	/** The `from` values of the run's windows, oldest first (for a list without a range: its request kind). */
	windows: string[];
	/** Request number inside its window at which the access token expires: [min, max] (default [3, 8]). */
	tokenAt?: [number, number];
	/** Request number (one that carries a page token) at which a page token expires (default [4, 10]). */
	pageAt?: [number, number];
	/**
	 * Team Chat writes get the write chaos too (write-chaos.ts: processed-then-lost answers and
	 * refusals), drawn from their own streams: the reads' plan is the same with or without it.
	 */
	writes?: Omit<WriteChaosOptions, 'seed'> | true;
}

export interface ChaosTally {
	seed: number;
	/** Message requests the simulator saw. */
	requests: number;
	/** Faults the chaos injected, by kind. */
	injected: Record<ChaosKind, number>;
	/** Total of `injected`. */
	faults: number;
	/** Message requests answered 401 (the expired token, seen by every window that used it). */
	unauthorized: number;
	/** With the `writes` option: the write chaos's tally. */
	writes?: WriteChaosTally;
}

function bearer(req: RecordedRequest): string {
	return String(req.headers.authorization ?? '');
}

/** Installs the chaos as the simulator's fault hook and returns a live tally. */
export function installChaos(sim: ZoomSimulator, options: ChaosOptions): ChaosTally {
	const { seed, windows } = options;
	const kinds = ([] as Array<RecordedRequest['kind']>).concat(options.kind);
	const plan = new Rng(seed, 'chaos-plan');
	const tokenWindow = plan.pick(windows);
	const tokenAt = plan.int(...(options.tokenAt ?? [3, 8]));
	// Not the window of the access-token expiry, so that the two recoveries do not share a page
	// (a list without date windows, such as the channels, has only the one).
	const otherWindows = windows.filter((w) => w !== tokenWindow);
	const pageWindow = plan.pick(otherWindows.length > 0 ? otherWindows : windows);
	const pageAt = plan.int(...(options.pageAt ?? [4, 10]));

	const injected = Object.fromEntries(
		[...MIX.map(([k]) => k), 'expireAccessToken', 'expirePageToken'].map((k) => [k, 0]),
	) as Record<ChaosKind, number>;
	const tally: ChaosTally = { seed, requests: 0, injected, faults: 0, unauthorized: 0 };

	const expiredTokens = new Set<string>();
	const seenTokens = new Set<string>();
	const counters = new Map<string, { n: number; streak: number }>();
	let tokenExpired = false;
	let pageExpired = false;
	const total = MIX.reduce((sum, [, weight]) => sum + weight, 0);
	const writePlan = options.writes ? writeChaosPlan({ seed, ...(options.writes === true ? {} : options.writes) }) : undefined;
	if (writePlan) tally.writes = writePlan.tally;

	sim.setFaultHook((req) => {
		if (writePlan && WRITE_KINDS.includes(req.kind)) return writePlan.decide(req);
		if (!kinds.includes(req.kind)) return undefined;
		tally.requests++;
		const auth = bearer(req);
		if (expiredTokens.has(auth)) {
			tally.unauthorized++;
			return undefined;
		}
		seenTokens.add(auth);
		// Requests without a range (file downloads) draw per kind.
		const window = req.query.from ?? req.kind;
		const counter = counters.get(window) ?? { n: 0, streak: 0 };
		counters.set(window, counter);
		const n = counter.n++;
		const draw = new Rng(seed, `${window}#${n}`);

		let chosen: ChaosKind | undefined;
		if (!tokenExpired && window === tokenWindow && n >= tokenAt) {
			tokenExpired = true;
			for (const token of seenTokens) expiredTokens.add(token);
			tally.unauthorized++;
			chosen = 'expireAccessToken';
		} else if (!pageExpired && window === pageWindow && n >= pageAt && req.query.next_page_token) {
			pageExpired = true;
			chosen = 'expirePageToken';
		} else if (counter.streak < MAX_STREAK && draw.next() < FAULT_RATE) {
			let pick = draw.next() * total;
			for (const [k, weight] of MIX) {
				pick -= weight;
				if (pick < 0) {
					chosen = k;
					break;
				}
			}
			chosen ??= MIX[MIX.length - 1][0];
		}
		if (!chosen) {
			counter.streak = 0;
			return undefined;
		}
		counter.streak++;
		injected[chosen]++;
		tally.faults++;
		return faultFor(chosen);
	});
	return tally;
}

/** First days of the month windows the node splits a range into, for a range that starts on the 1st. */
export function monthStarts(from: string, to: string): string[] {
	const starts: string[] = [];
	let [y, m] = from.split('-').map(Number);
	const day = from.slice(8);
	for (;;) {
		const start = `${y}-${String(m).padStart(2, '0')}-${day}`;
		if (start > to) return starts;
		starts.push(start);
		m++;
		if (m > 12) {
			m = 1;
			y++;
		}
	}
}
