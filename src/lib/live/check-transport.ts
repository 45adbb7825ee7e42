import { COMPANION_STATUS_PATH } from '../../companion/settings';
import { companionStatusSchema } from '../../companion/status';
import { CHECK_SCHEMA_VERSION, type CheckResultBase, type CouldNotCheckCause } from '../checks/result-schema';

/**
 * The one way a page asks for a check, for the guide's island and the checkup alike: the
 * local server's `/api/checks/<id>`, the companion on the reader's loopback (with the
 * diagnosis of why it does not answer), or a paste. Every path ends in a `CheckAnswer`; a
 * result keeps its HTTP status because a check that stopped on an error still answers with a
 * full result body.
 */

/** Why the companion did not answer, as the page can tell from the browser. */
export type CompanionProblem =
	| { kind: 'not-running'; permission: LocalNetworkPermission }
	/** `secureContext` false: a plain http:// page, which browsers never let reach the local network. */
	| { kind: 'blocked'; secureContext: boolean }
	| { kind: 'version-mismatch'; companion: number; page: number }
	| { kind: 'not-a-companion' }
	| { kind: 'origin-refused' };

type LocalNetworkPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

export type CheckAnswer =
	| { kind: 'result'; status: number; body: CheckResultBase }
	| { kind: 'rate-limited'; retryAfterSeconds: number; message: string }
	| { kind: 'refused'; status: number; message: string; cause: CouldNotCheckCause }
	| { kind: 'unreachable'; message: string; cause: 'unreachable'; companion?: CompanionProblem }
	/** This path cannot run the check at all (paste mode and the local CLI config): could not check, and why. */
	| { kind: 'unsupported'; message: string; cause: 'unsupported-path' };

/** What a transport needs to ask for a check; the checkup passes its catalog entries, which have more. */
export interface CheckRequest {
	id: string;
	method: string;
	/** The optional IAM user name of checks that take one (`?user=`). */
	user?: string;
}

/** Asks for one check. Each path a reader has (local server, companion, paste) is one of these. */
export type CheckTransport<Request extends CheckRequest = CheckRequest> = (request: Request) => Promise<CheckAnswer>;

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
		body.schemaVersion === CHECK_SCHEMA_VERSION &&
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

export const VERSION_MISMATCH =
	'This page and the server answering it are from different versions of the site. Reload the page, then check again.';

/** One HTTP answer of a check endpoint as a `CheckAnswer`. */
export function answerFromHttp(
	checkId: string,
	response: { status: number; retryAfter: string | null; body: unknown },
	now: Date,
): CheckAnswer {
	if (isCheckResult(response.body, checkId)) return { kind: 'result', status: response.status, body: response.body };
	if (isRecord(response.body) && typeof response.body.schemaVersion === 'number' && response.body.schemaVersion !== CHECK_SCHEMA_VERSION) {
		return { kind: 'refused', status: response.status, cause: 'unexpected', message: VERSION_MISMATCH };
	}
	if (response.status === 429) {
		const seconds = retryAfterSeconds(response.retryAfter, now);
		return { kind: 'rate-limited', retryAfterSeconds: seconds, message: `Too many checks at once. Try again in ${seconds} s.` };
	}
	const refusal = refusalOf(response.body);
	if (refusal) return { kind: 'refused', status: response.status, ...refusal };
	// No JSON at all (a static host's page or its 404): there is no endpoint here.
	if (response.status === 404 || response.status === 405 || (response.body === null && response.status < 500)) {
		return { kind: 'unreachable', cause: 'unreachable', message: 'There is no live check on this site itself.' };
	}
	return {
		kind: 'refused',
		status: response.status,
		cause: 'unexpected',
		message: `The check answered HTTP ${response.status} without a result.`,
	};
}

/** The request for one check: its endpoint, with the optional user name; a POST sends an empty JSON object, as the endpoint expects. */
export function checkRequest(endpoint: string, method: string, user: string | undefined): { url: string; init: RequestInit } {
	const query = user ? `?user=${encodeURIComponent(user)}` : '';
	return {
		url: `${endpoint}${query}`,
		init: {
			method,
			headers: method === 'POST' ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
			body: method === 'POST' ? '{}' : null,
			cache: 'no-store',
		},
	};
}

/**
 * Asks a check endpoint over HTTP (`<base>/<id>`): the local server is `/api/checks`, the
 * companion is its own loopback address.
 */
export function httpTransport(base: string, fetcher: typeof fetch = fetch, now: () => Date = () => new Date()): CheckTransport {
	const root = base.endsWith('/') ? base : `${base}/`;
	return async (check) => {
		const { url, init } = checkRequest(`${root}${encodeURIComponent(check.id)}`, check.method, check.user);
		let response: Response;
		try {
			response = await fetcher(url, init);
		} catch {
			return { kind: 'unreachable', cause: 'unreachable', message: 'Nothing answered the check.' };
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

export interface CompanionPlace {
	port: number;
	/** The port the build's command uses; another one is spelled out with `--port`. */
	defaultPort: number;
	/** This page's origin, which the companion must answer. */
	origin: string;
}

/** What the browser can tell about a silent companion; the defaults ask the browser itself. */
export interface CompanionProbe {
	fetcher: typeof fetch;
	permission: () => Promise<LocalNetworkPermission>;
	/** Whether the page is a secure context (`isSecureContext`); only those may ask to reach the local network. */
	secureContext?: boolean;
}

async function browserPermission(): Promise<LocalNetworkPermission> {
	// Chromium's names for it, newest first; other browsers reject both.
	for (const name of ['local-network-access', 'loopback-network']) {
		try {
			return (await navigator.permissions.query({ name } as unknown as PermissionDescriptor)).state;
		} catch {
			// Not a permission this browser knows.
		}
	}
	return 'unknown';
}

/** The command that starts the companion for this page. */
function companionCommand(place: CompanionPlace, extra = ''): string {
	return `node stepcheck-companion.mjs${place.port === place.defaultPort ? '' : ` --port ${place.port}`}${extra}`;
}

/**
 * One plain message per way the companion can fail: what happened, what to do, and the
 * command to run when there is one. The island shows it as a panel, the checkup as a line.
 */
export function explainCompanionProblem(
	problem: CompanionProblem,
	place: CompanionPlace,
): { message: string; todo: string; command?: string } {
	switch (problem.kind) {
		case 'not-running':
			return {
				message: `Nothing is listening on port ${place.port} of this computer: the companion is not running.`,
				todo: `Download it with the link above, start it in a terminal with this command, then press the button again.${problem.permission === 'prompt' ? ' If your browser asks whether this site may reach devices on your local network, choose Allow.' : ''}`,
				command: companionCommand(place),
			};
		case 'blocked':
			if (!problem.secureContext)
				return {
					message: 'Your browser blocked this page from reaching the companion on your computer: the page is not served over HTTPS.',
					todo: 'Browsers let only HTTPS pages reach your computer, so the companion cannot work from here. Check from AWS CloudShell instead (the "Check from AWS CloudShell" fold on this page): it needs nothing installed.',
				};
			return {
				message: 'Your browser blocked this page from reaching the companion on your computer.',
				todo: 'Allow this site to reach your local network (in Chromium browsers: the icon left of the address, Site settings, Local network access), reload the page and press the button again. In a browser without such a setting, check from AWS CloudShell instead.',
			};
		case 'version-mismatch':
			return {
				message: 'The companion you are running is for another version of this site.',
				todo: `It answers in result format ${problem.companion} and this page reads format ${problem.page}. Stop it with Ctrl+C, download it again with the link above, and start the new file.`,
				command: companionCommand(place),
			};
		case 'not-a-companion':
			return {
				message: `Something else is listening on port ${place.port} of this computer: it did not answer as the Stepcheck companion.`,
				todo: `Stop that program, or start the companion on another free port with this command and open this page with ?companion-port=${place.port + 1} at the end of its address.`,
				command: companionCommand({ ...place, port: place.port + 1 }),
			};
		case 'origin-refused':
			return {
				message: `The companion on port ${place.port} refused this page: it answers only the site it was downloaded from, not ${place.origin}.`,
				todo: 'If you trust this copy of the site (a preview, say), stop the companion with Ctrl+C and start it again with this command.',
				command: companionCommand(place, ` --allow-origin ${place.origin}`),
			};
	}
}

/**
 * The companion on the reader's loopback. Before the first check it reads the status route:
 * a companion answers it even when it refuses this page (with a readable refusal), so a
 * status that cannot be read while something still answers a no-cors request is another
 * program; an older or newer companion is named as such.
 */
export function companionTransport(
	place: CompanionPlace,
	probe: CompanionProbe = {
		fetcher: (...args) => fetch(...args),
		permission: browserPermission,
		secureContext: globalThis.isSecureContext,
	},
): CheckTransport {
	const base = `http://127.0.0.1:${place.port}`;
	const checks = httpTransport(`${base}/api/checks`, probe.fetcher);
	let statusRead = false;
	const failed = (problem: CompanionProblem): CheckAnswer => {
		const explained = explainCompanionProblem(problem, place);
		return {
			kind: 'unreachable',
			cause: 'unreachable',
			message: `${explained.message} ${explained.todo}${explained.command ? ` (${explained.command})` : ''}`,
			companion: problem,
		};
	};
	const silent = async (): Promise<CheckAnswer> => {
		if ((await probe.permission()) === 'denied') return failed({ kind: 'blocked', secureContext: probe.secureContext !== false });
		try {
			await probe.fetcher(`${base}${COMPANION_STATUS_PATH}`, { mode: 'no-cors', cache: 'no-store' });
			return failed({ kind: 'not-a-companion' });
		} catch {
			return failed({ kind: 'not-running', permission: await probe.permission() });
		}
	};
	return async (request) => {
		if (!statusRead) {
			let body: unknown;
			try {
				const answer = await probe.fetcher(`${base}${COMPANION_STATUS_PATH}`, {
					headers: { Accept: 'application/json' },
					cache: 'no-store',
				});
				body = await answer.json().catch(() => null);
			} catch {
				return silent();
			}
			const status = companionStatusSchema.safeParse(body);
			if (!status.success) {
				const refused = isRecord(body) && isRecord(body.error) && body.error.code === 'forbidden-origin';
				return failed({ kind: refused ? 'origin-refused' : 'not-a-companion' });
			}
			if (status.data.schemaVersion !== CHECK_SCHEMA_VERSION)
				return failed({ kind: 'version-mismatch', companion: status.data.schemaVersion, page: CHECK_SCHEMA_VERSION });
			statusRead = true;
		}
		const answer = await checks(request);
		if (answer.kind !== 'unreachable') return answer;
		statusRead = false;
		return silent();
	};
}

/**
 * Asks through the first path that answers: the local server when the page is served by
 * Stepcheck, else the companion on the reader's computer. The first path that is not
 * unreachable is kept for every later check, so one checkup never mixes two computers.
 */
export function firstReachable<Request extends CheckRequest>(transports: readonly CheckTransport<Request>[]): CheckTransport<Request> {
	let chosen: CheckTransport<Request> | undefined;
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
