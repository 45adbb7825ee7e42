import type { CheckResultBase, CouldNotCheckCause } from '../checks/result-schema';
import type { CheckupCheck } from './checkup-catalog';

/**
 * What asking for one check can give, whatever carried the question: the local server's
 * `/api/checks/<id>`, the companion, or a paste. A result keeps its HTTP status because a
 * check that stopped on an error still answers with a full result body.
 */
export type CheckAnswer =
	| { kind: 'result'; status: number; body: CheckResultBase }
	| { kind: 'rate-limited'; retryAfterSeconds: number; message: string }
	| { kind: 'refused'; status: number; message: string; cause: CouldNotCheckCause }
	| { kind: 'unreachable'; message: string; cause: 'unreachable' }
	/** This path cannot run the check at all (paste mode and the local CLI config): could not check, and why. */
	| { kind: 'unsupported'; message: string; cause: 'unsupported-path' };

/** Asks for one check. Each path a reader has (local server, companion, paste) is one of these. */
export type CheckTransport = (check: CheckupCheck) => Promise<CheckAnswer>;

const VERDICTS = new Set(['pass', 'fail', 'warn', 'not-applicable', 'unknown']);

/** When a limit names no wait, a minute is what every Stepcheck limit refills in. */
const DEFAULT_RETRY_SECONDS = 60;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The fields the checkup reads, checked before it reads them. The server has already parsed
 * the body through the check's own schema; this only stops a stranger answer (an old server,
 * a proxy's page) from being shown as a verdict.
 */
function isCheckResult(body: unknown, checkId: string): body is CheckResultBase {
	return (
		isRecord(body) &&
		body.schemaVersion === 1 &&
		body.check === checkId &&
		typeof body.verdict === 'string' &&
		VERDICTS.has(body.verdict) &&
		typeof body.summary === 'string' &&
		Array.isArray(body.advice) &&
		Array.isArray(body.errors) &&
		typeof body.checkedAt === 'string'
	);
}

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now: Date): number {
	const value = header?.trim() ?? '';
	if (/^\d+$/.test(value)) return Math.max(1, Number(value));
	const date = Date.parse(value);
	if (!Number.isNaN(date)) return Math.max(1, Math.ceil((date - now.getTime()) / 1000));
	return DEFAULT_RETRY_SECONDS;
}

function refusalOf(body: unknown): { message: string; cause: CouldNotCheckCause } | null {
	if (!isRecord(body) || !isRecord(body.error) || typeof body.error.message !== 'string') return null;
	const code = body.error.code;
	// Switched off, or not answering this host or page: this path cannot run the check.
	const cause = code === 'disabled' || code === 'forbidden-host' || code === 'forbidden-origin' ? 'unsupported-path' : 'unexpected';
	return { message: body.error.message, cause };
}

/** One HTTP answer of a check endpoint as a `CheckAnswer`. */
export function answerFromHttp(
	checkId: string,
	response: { status: number; retryAfter: string | null; body: unknown },
	now: Date,
): CheckAnswer {
	if (isCheckResult(response.body, checkId)) return { kind: 'result', status: response.status, body: response.body };
	if (response.status === 429) {
		const seconds = retryAfterSeconds(response.retryAfter, now);
		return { kind: 'rate-limited', retryAfterSeconds: seconds, message: `Too many checks at once. Try again in ${seconds} s.` };
	}
	const refusal = refusalOf(response.body);
	if (refusal) return { kind: 'refused', status: response.status, ...refusal };
	if (response.status === 404 || response.status === 405) {
		return { kind: 'unreachable', cause: 'unreachable', message: 'There is no live check on this site itself.' };
	}
	return {
		kind: 'refused',
		status: response.status,
		cause: 'unexpected',
		message: `The check answered HTTP ${response.status} without a result.`,
	};
}

/**
 * Asks a check endpoint over HTTP (`<base>/<id>`): the local server is `/api/checks`, the
 * companion is its own loopback address. A POST sends an empty JSON object, as the endpoint expects.
 */
export function httpTransport(base: string, fetcher: typeof fetch = fetch, now: () => Date = () => new Date()): CheckTransport {
	const root = base.endsWith('/') ? base : `${base}/`;
	return async (check) => {
		let response: Response;
		try {
			response = await fetcher(`${root}${encodeURIComponent(check.id)}`, {
				method: check.method,
				headers:
					check.method === 'POST' ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
				body: check.method === 'POST' ? '{}' : null,
				cache: 'no-store',
			});
		} catch {
			return { kind: 'unreachable', cause: 'unreachable', message: 'Nothing answered the check. Is the companion still running?' };
		}
		let body: unknown = null;
		if (response.headers.get('content-type')?.includes('json')) {
			try {
				body = await response.json();
			} catch {
				body = null;
			}
		}
		return answerFromHttp(check.id, { status: response.status, retryAfter: response.headers.get('retry-after'), body }, now());
	};
}

/**
 * Asks through the first path that answers: the local server when the page is served by
 * Stepcheck, else the companion on the reader's computer. The first path that is not
 * unreachable is kept for every later check, so one checkup never mixes two computers.
 */
export function firstReachable(transports: readonly CheckTransport[]): CheckTransport {
	let chosen: CheckTransport | undefined;
	return async (check) => {
		if (chosen) return chosen(check);
		let last: CheckAnswer = { kind: 'unreachable', cause: 'unreachable', message: 'No path to the checks was given.' };
		for (const transport of transports) {
			last = await transport(check);
			if (last.kind !== 'unreachable') {
				chosen ??= transport;
				return last;
			}
		}
		return last;
	};
}
