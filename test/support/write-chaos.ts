/**
 * Seeded chaos for Team Chat WRITES (send, send a file, update, delete, react), for exactly-once
 * tests: about one write attempt in `rate` fails, either AFTER the simulator has processed it (the
 * message exists, the answer is lost: connection reset, no answer, a 500/502/503) or BEFORE (429
 * with Retry-After, 503), so nothing was written.
 *
 * Decisions are drawn per write (its method, path and body: the same text sent again is the same
 * write) and per attempt of it, so a seed gives the same faults whatever order parallel sends run
 * in. No write fails more than MAX_STREAK times in a row, which keeps every write within the node's
 * default "Max Retries" (5). Used on its own (installWriteChaos) or with the read chaos
 * (installChaos's `writes` option); the read plans are not changed by it.
 */
import type { Fault, RecordedRequest, ZoomSimulator } from '../simulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Rng, hash32 } = require('../simulator/prng') as { Rng: new (seed: number, stream?: string) => { next(): number }; hash32: (s: string) => number };

export const WRITE_KINDS: ReadonlyArray<RecordedRequest['kind']> = ['sendMessage', 'sendFile', 'uploadFile', 'updateMessage', 'deleteMessage', 'reactMessage'];
export const WRITE_FAULT_RATE = 0.25;
export const WRITE_MAX_STREAK = 3;
/** Answers that never come: the node's "Request Timeout" must be well below this. */
export const WRITE_HANG_MS = 2000;

export type WriteChaosKind =
	| 'processedThenReset'
	| 'processedThenHang'
	| 'processedThenError500'
	| 'processedThenError502'
	| 'processedThenError503'
	| 'refusedRateLimit'
	| 'refusedServerError503';

export const WRITE_MIX: ReadonlyArray<[WriteChaosKind, number]> = [
	['processedThenReset', 20],
	['processedThenHang', 10],
	['processedThenError500', 10],
	['processedThenError502', 10],
	['processedThenError503', 10],
	['refusedRateLimit', 20],
	['refusedServerError503', 20],
];

export function writeFaultFor(kind: WriteChaosKind): Fault {
	switch (kind) {
		case 'processedThenReset':
			return { type: 'processedThenReset' };
		case 'processedThenHang':
			return { type: 'processedThenHang', ms: WRITE_HANG_MS };
		case 'processedThenError500':
			return { type: 'processedThenError', status: 500 };
		case 'processedThenError502':
			return { type: 'processedThenError', status: 502 };
		case 'processedThenError503':
			return { type: 'processedThenError', status: 503 };
		case 'refusedRateLimit':
			return { type: 'rateLimit', retryAfter: 1 };
		case 'refusedServerError503':
			return { type: 'serverError', status: 503 };
	}
}

/** Whether a fault kind lets the write take effect (then loses its answer). */
export const isProcessedKind = (kind: WriteChaosKind): boolean => kind.startsWith('processedThen');

export interface WriteChaosOptions {
	seed: number;
	/** The share of write attempts that fail (default WRITE_FAULT_RATE). */
	rate?: number;
	/** Only these kinds of fault (default: all of WRITE_MIX). */
	only?: WriteChaosKind[];
}

export interface WriteChaosTally {
	seed: number;
	/** Write requests the chaos saw. */
	writes: number;
	injected: Record<WriteChaosKind, number>;
	/** Total of `injected`. */
	faults: number;
}

/** The identity of a write: the same request sent again (a retry) is the same write. */
function writeIdentity(req: RecordedRequest): string {
	const body = req.body ?? `multipart:${req.bodyBytes ?? 0}:${req.headers['content-length'] ?? ''}`;
	return `${req.method} ${req.path.replace(/^\/eu/, '')} ${hash32(body)}`;
}

/**
 * The decision function of a write chaos: for a write request, the fault to inject (or undefined).
 * The tally counts what it decided.
 */
export function writeChaosPlan(options: WriteChaosOptions): { decide: (req: RecordedRequest) => Fault | undefined; tally: WriteChaosTally } {
	const rate = options.rate ?? WRITE_FAULT_RATE;
	const mix = WRITE_MIX.filter(([k]) => !options.only || options.only.includes(k));
	const total = mix.reduce((sum, [, w]) => sum + w, 0);
	const injected = Object.fromEntries(WRITE_MIX.map(([k]) => [k, 0])) as Record<WriteChaosKind, number>;
	const tally: WriteChaosTally = { seed: options.seed, writes: 0, injected, faults: 0 };
	const attempts = new Map<string, { n: number; streak: number }>();
	const decide = (req: RecordedRequest): Fault | undefined => {
		if (!WRITE_KINDS.includes(req.kind)) return undefined;
		tally.writes++;
		const id = writeIdentity(req);
		const a = attempts.get(id) ?? { n: 0, streak: 0 };
		attempts.set(id, a);
		const draw = new Rng(options.seed, `write:${id}#${a.n++}`);
		if (a.streak >= WRITE_MAX_STREAK || draw.next() >= rate || total === 0) {
			a.streak = 0;
			return undefined;
		}
		let pick = draw.next() * total;
		let chosen = mix[mix.length - 1][0];
		for (const [k, w] of mix) {
			pick -= w;
			if (pick < 0) {
				chosen = k;
				break;
			}
		}
		a.streak++;
		injected[chosen]++;
		tally.faults++;
		return writeFaultFor(chosen);
	};
	return { decide, tally };
}

/** Installs a write chaos as the simulator's fault hook (reads pass untouched) and returns its live tally. */
export function installWriteChaos(sim: ZoomSimulator, options: WriteChaosOptions): WriteChaosTally {
	const { decide, tally } = writeChaosPlan(options);
	sim.setFaultHook((req) => decide(req));
	return tally;
}
