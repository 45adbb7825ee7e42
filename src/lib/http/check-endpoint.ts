import { createAwsClients, CHECK_DEADLINE_MS } from '../aws/aws-clients';
import { KNOWN_PARTITIONS } from '../aws/identity';
import { clientAddress as forwardedClient, proxyTrustFromEnv, rateLimitKey, type ProxyTrust } from './client-address';
import { logSafe } from './log-text';
import { createRateLimiter, takeFromEach } from './rate-limiter';
import { guardConfigFromEnv, guardRequest, type GuardConfig } from './request-guard';
import { createSingleFlight } from './single-flight';
import { readInput, type AnyCheck, type CheckOutcome } from '../checks/check-definition';
import { policyForChecks } from '../checks/check-policy';
import { runCheck } from '../checks/check-runner';
import { CHECK_IDS, findCheck } from '../checks/registry';
import type { EndpointRefusal } from '../checks/result-schema';

/**
 * The one place the live checks meet HTTP: the guard (loopback, Host, Origin, Referer), the
 * client behind a trusted proxy, the rate limits, input validation, single flight, the
 * deadline and the headers. Routes (the check's and its aliases') only pass the request in.
 */
const BASE_HEADERS = {
	'Content-Type': 'application/json; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Content-Type-Options': 'nosniff',
} as const;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body, null, 2), { status, headers: { ...BASE_HEADERS, ...headers } });
}

export const refusal = (
	status: number,
	code: EndpointRefusal['error']['code'],
	message: string,
	extra: { headers?: Record<string, string>; checks?: string[] } = {},
) =>
	jsonResponse(
		status,
		{ error: { code, message, ...(extra.checks ? { checks: extra.checks } : {}) } } satisfies EndpointRefusal,
		extra.headers,
	);

export const methodNotAllowed = (method: string, allow: string, what = 'This endpoint') =>
	refusal(405, 'method-not-allowed', `${what} answers ${allow}, not ${method.slice(0, 20)}.`, { headers: { Allow: allow } });

// One reader clicking "Check again" on several guides stays well inside this; a script looping on the endpoint does not.
const sharedLimiter = createRateLimiter({ capacity: 10, refillPerMinute: 10 });
const extraLimiters = new Map<string, ReturnType<typeof createRateLimiter>>();
const flights = createSingleFlight<CheckOutcome>({ windowMs: 5_000 });

class DeadlineExceededError extends Error {
	override name = 'DeadlineExceededError';
}

/** Gives the whole check one deadline, so a slow AWS cannot hold a request open for minutes. */
async function withDeadline<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new DeadlineExceededError(`check exceeded ${CHECK_DEADLINE_MS} ms`)), CHECK_DEADLINE_MS);
	try {
		return await run(controller.signal);
	} finally {
		clearTimeout(timer);
	}
}

export interface EndpointContext {
	request: Request;
	clientAddress: string;
	/** The companion passes its own (loopback, its port, the site's origins); the server reads the environment. */
	guard?: GuardConfig;
}

/** The switches, read per request so a test or an operator's change needs no rebuild; a bad value answers 500 with its reason. */
function readConfig(given?: GuardConfig): { guard: GuardConfig; trust: ProxyTrust } | { problem: string } {
	try {
		// The companion brings its own guard and sits behind no proxy.
		if (given) return { guard: given, trust: proxyTrustFromEnv({}) };
		return { guard: guardConfigFromEnv(process.env), trust: proxyTrustFromEnv(process.env) };
	} catch (error) {
		return { problem: error instanceof Error ? error.message : 'The live checks are misconfigured.' };
	}
}

export function guardRefusal(request: Request, config: GuardConfig): Response | null {
	const decision = guardRequest(
		{
			method: request.method,
			host: request.headers.get('host'),
			origin: request.headers.get('origin'),
			secFetchSite: request.headers.get('sec-fetch-site'),
			referer: request.headers.get('referer'),
		},
		config,
	);
	return decision.allowed ? null : refusal(decision.status, decision.code, decision.message);
}

function rateRefusal(check: AnyCheck, client: string): Response | null {
	const limiters = [sharedLimiter];
	if (check.rateLimit) {
		if (!extraLimiters.has(check.id)) extraLimiters.set(check.id, createRateLimiter(check.rateLimit));
		limiters.push(extraLimiters.get(check.id)!);
	}
	const rate = takeFromEach(limiters, client);
	if (rate.allowed) return null;
	return refusal(429, 'rate-limited', `Too many checks from this browser. Try again in ${rate.retryAfterSeconds} s.`, {
		headers: { 'Retry-After': String(rate.retryAfterSeconds) },
	});
}

/** Logs error codes only: SDK messages can quote request details, and logs must not. */
function logOutcome(id: string, outcome: CheckOutcome) {
	if (outcome.body.errors.length === 0) return;
	console.warn(`[stepcheck] ${id}: ${outcome.body.errors.map((error) => `${error.action} ${error.code}`).join(', ')}`);
}

async function answer(id: string, { request, clientAddress, guard }: EndpointContext): Promise<Response> {
	const config = readConfig(guard);
	if ('problem' in config) return refusal(500, 'internal', config.problem);
	const refused = guardRefusal(request, config.guard);
	if (refused) return refused;
	const check = findCheck(id);
	if (!check) {
		return refusal(404, 'unknown-check', `There is no live check "${id.slice(0, 80)}". Use one of: ${CHECK_IDS.join(', ')}.`, {
			checks: [...CHECK_IDS],
		});
	}
	// HEAD asks what GET would answer, without the body.
	const method = request.method === 'HEAD' ? 'GET' : request.method;
	if (method !== check.method) {
		return methodNotAllowed(request.method, check.method === 'GET' ? 'GET, HEAD' : check.method, `The ${check.id} check`);
	}
	const read = readInput(check, { user: new URL(request.url).searchParams.get('user')?.trim() || undefined });
	if ('problem' in read) return refusal(400, 'bad-request', read.problem);
	const client = forwardedClient(
		clientAddress,
		{ forwardedFor: request.headers.get('x-forwarded-for'), forwarded: request.headers.get('forwarded') },
		config.trust,
	);
	const limited = rateRefusal(check, rateLimitKey(client));
	if (limited) return limited;
	const outcome = await flights.run(`${check.id}:${read.input.userName ?? ''}`, () =>
		withDeadline((signal) =>
			runCheck(check, { clients: () => createAwsClients(), signal, now: () => new Date(), input: read.input, env: process.env }),
		),
	);
	logOutcome(check.id, outcome);
	return jsonResponse(outcome.status, outcome.body);
}

/** Every method reaches this (routes export `ALL`), so each gets a JSON answer and nothing is logged per request. */
export async function handleCheck(id: string, context: EndpointContext): Promise<Response> {
	let response: Response;
	try {
		response = await answer(id, context);
	} catch (error) {
		console.error(`[stepcheck] ${logSafe(id.slice(0, 80))}: unexpected ${error instanceof Error ? error.name : typeof error}`);
		response = refusal(
			500,
			'internal',
			'The live check failed unexpectedly. Check the Stepcheck server output, or check by hand with the AWS CLI.',
		);
	}
	return context.request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
}

/**
 * `/api/mfa-status/policy`: the policy of the `mfa` and `users-without-mfa` checks together,
 * as `/check/` shows them. Public knowledge, so served without the guard.
 */
export function handlePolicy(request: Request): Response {
	const partition = new URL(request.url).searchParams.get('partition') ?? 'aws';
	if (!(KNOWN_PARTITIONS as readonly string[]).includes(partition)) {
		return refusal(400, 'bad-request', `Unknown partition "${partition.slice(0, 40)}". Use one of: ${KNOWN_PARTITIONS.join(', ')}.`);
	}
	return jsonResponse(200, policyForChecks([findCheck('mfa')!, findCheck('users-without-mfa')!], partition));
}
