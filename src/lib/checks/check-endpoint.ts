import { createAwsClients, CHECK_DEADLINE_MS } from '../aws/aws-clients';
import { KNOWN_PARTITIONS } from '../aws/identity';
import { createRateLimiter } from '../aws/rate-limiter';
import { guardConfigFromEnv, guardRequest } from '../aws/request-guard';
import { createSingleFlight } from '../aws/single-flight';
import { readInput, type AnyCheck, type CheckOutcome } from './check-definition';
import { policyForChecks } from './check-policy';
import { runCheck } from './check-runner';
import { CHECK_IDS, findCheck } from './registry';
import type { EndpointRefusal } from './result-schema';

/**
 * The one place the live checks meet HTTP: the guard (loopback, Host, Origin), the rate
 * limit shared by every check, input validation, single flight, the deadline and the
 * headers. Routes only pass the request in.
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
}

function guardRefusal(request: Request): Response | null {
	let config;
	try {
		config = guardConfigFromEnv(process.env);
	} catch (error) {
		return refusal(500, 'internal', error instanceof Error ? error.message : 'The live checks are misconfigured.');
	}
	const decision = guardRequest(
		{
			method: request.method,
			host: request.headers.get('host'),
			origin: request.headers.get('origin'),
			secFetchSite: request.headers.get('sec-fetch-site'),
		},
		config,
	);
	return decision.allowed ? null : refusal(decision.status, decision.code, decision.message);
}

function rateRefusal(check: AnyCheck, clientAddress: string): Response | null {
	const limiters = [sharedLimiter];
	if (check.rateLimit) {
		if (!extraLimiters.has(check.id)) extraLimiters.set(check.id, createRateLimiter(check.rateLimit));
		limiters.push(extraLimiters.get(check.id)!);
	}
	for (const limiter of limiters) {
		const rate = limiter.take(clientAddress);
		if (!rate.allowed) {
			return refusal(429, 'rate-limited', `Too many checks from this browser. Try again in ${rate.retryAfterSeconds} s.`, {
				headers: { 'Retry-After': String(rate.retryAfterSeconds) },
			});
		}
	}
	return null;
}

/** Logs error codes only: SDK messages can quote request details, and logs must not. */
function logOutcome(id: string, outcome: CheckOutcome) {
	if (outcome.body.errors.length === 0) return;
	console.warn(`[stepcheck] ${id}: ${outcome.body.errors.map((error) => `${error.action} ${error.code}`).join(', ')}`);
}

export async function handleCheck(id: string, { request, clientAddress }: EndpointContext): Promise<Response> {
	try {
		const refused = guardRefusal(request);
		if (refused) return refused;
		const check = findCheck(id);
		if (!check) {
			return refusal(404, 'unknown-check', `There is no live check "${id.slice(0, 80)}". Use one of: ${CHECK_IDS.join(', ')}.`, {
				checks: [...CHECK_IDS],
			});
		}
		if (request.method !== check.method) {
			return refusal(405, 'method-not-allowed', `The ${check.id} check answers ${check.method}, not ${request.method}.`, {
				headers: { Allow: check.method },
			});
		}
		const read = readInput(check, { user: new URL(request.url).searchParams.get('user')?.trim() || undefined });
		if ('problem' in read) return refusal(400, 'bad-request', read.problem);
		const limited = rateRefusal(check, clientAddress);
		if (limited) return limited;
		const outcome = await flights.run(`${check.id}:${read.input.userName ?? ''}`, () =>
			withDeadline((signal) =>
				runCheck(check, { clients: () => createAwsClients(), signal, now: () => new Date(), input: read.input, env: process.env }),
			),
		);
		logOutcome(check.id, outcome);
		return jsonResponse(outcome.status, outcome.body);
	} catch (error) {
		console.error(`[stepcheck] ${id}: unexpected ${error instanceof Error ? error.name : typeof error}`);
		return refusal(
			500,
			'internal',
			'The live check failed unexpectedly. Check the Stepcheck server output, or check by hand with the AWS CLI.',
		);
	}
}

/**
 * `/api/mfa-status/policy`: the policy of the `mfa` and `users-without-mfa` checks together,
 * as `/check/` shows them. Public knowledge, so served without the guard.
 */
export function handlePolicy(request: Request): Response {
	const partition = new URL(request.url).searchParams.get('partition') ?? 'aws';
	if (!(KNOWN_PARTITIONS as readonly string[]).includes(partition)) {
		return refusal(400, 'bad-request', `Unknown partition "${partition}". Use one of: ${KNOWN_PARTITIONS.join(', ')}.`);
	}
	return jsonResponse(200, policyForChecks([findCheck('mfa')!, findCheck('users-without-mfa')!], partition));
}
