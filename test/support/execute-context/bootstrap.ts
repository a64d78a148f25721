/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs under jest in Node, never inside n8n */
/**
 * Process set-up for the in-process runner: environment and n8n's DI container, and the Logger,
 * a recorder whose lines go to every runner's `logs` (so tests can check that no secret is logged).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LoggerProxy } from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Process set-up: environment and n8n's DI container (done once per module registry, i.e. once
// per jest test file). n8n-core reads its config from the environment when a service is first
// taken from the container, so the variables are set before anything is constructed.
// ---------------------------------------------------------------------------------------------

type LogLevel = 'error' | 'warn' | 'info' | 'debug';

interface RecordingLogger {
	error(message: string, metadata?: unknown): void;
	warn(message: string, metadata?: unknown): void;
	info(message: string, metadata?: unknown): void;
	debug(message: string, metadata?: unknown): void;
	scoped(): RecordingLogger;
}

/** The `logs` arrays of the runners that exist: every logged line is pushed to each. */
export const logSinks = new Set<string[]>();
let bootstrapped = false;

/** Resolves a package the way n8n-core does, so the harness and n8n-core share one DI container. */
function requireFromN8nCore<T>(id: string): T {
	const coreDir = path.dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(id, { paths: [coreDir] })) as T;
}

function serializeForLog(value: unknown): string {
	if (value === undefined) return '';
	const seen = new WeakSet<object>();
	const replacer = (depth: number, v: unknown): unknown => {
		if (typeof v === 'function' || typeof v === 'symbol') return undefined;
		if (typeof v === 'bigint') return v.toString();
		if (v === null || typeof v !== 'object') return v;
		if (seen.has(v)) return '[Circular]';
		seen.add(v);
		if (depth > 6) return '[Deep]';
		const out: Record<string, unknown> = {};
		if (v instanceof Error) {
			out.name = v.name;
			out.message = v.message;
			out.stack = v.stack;
			if ('cause' in v) out.cause = replacer(depth + 1, (v as { cause?: unknown }).cause);
		}
		if (Array.isArray(v)) return v.map((x) => replacer(depth + 1, x));
		for (const key of Object.keys(v)) {
			try {
				out[key] = replacer(depth + 1, (v as Record<string, unknown>)[key]);
			} catch {
				out[key] = '[Unreadable]';
			}
		}
		return out;
	};
	try {
		return JSON.stringify(replacer(0, value));
	} catch {
		return String(value);
	}
}

function createRecordingLogger(): RecordingLogger {
	const record = (level: LogLevel) => (message: string, metadata?: unknown) => {
		const meta = serializeForLog(metadata);
		const line = `${level}: ${String(message)}${meta && meta !== '{}' ? ` ${meta}` : ''}`;
		for (const sink of logSinks) sink.push(line);
	};
	const logger: RecordingLogger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => logger,
	};
	return logger;
}

/**
 * Done once per module registry, i.e. once per jest test file, before n8n-core is required:
 * n8n-core reads its config from the environment when a service is first taken from the container.
 */
export function bootstrap(): void {
	if (bootstrapped) return;
	bootstrapped = true;

	const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-zoom-im-it-'));
	process.once('exit', () => rmSync(userFolder, { recursive: true, force: true }));
	// InstanceSettings writes `<N8N_USER_FOLDER>/.n8n/config`; keep that out of the real home.
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_ENCRYPTION_KEY ??= 'zoom-im-integration-tests-key';
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	// The servers under test listen on 127.0.0.1; n8n's default is "SSRF protection off".
	delete process.env.N8N_SSRF_PROTECTION_ENABLED;

	const { Container } = requireFromN8nCore<typeof import('@n8n/di')>('@n8n/di');
	const { Logger } = requireFromN8nCore<typeof import('@n8n/backend-common')>('@n8n/backend-common');
	const logger = createRecordingLogger();
	Container.set(Logger, logger as unknown as InstanceType<typeof Logger>);
	LoggerProxy.init(logger);
}
