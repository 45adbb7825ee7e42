import { createAwsClients, CHECK_DEADLINE_MS } from './aws-clients';
import { minimalPolicy } from './minimal-policy';
import { accountPostureSchema, mfaStatusSchema, type AccountPosture, type EndpointRefusal, type MfaStatus } from './mfa-status-schema';
import { createRateLimiter } from './rate-limiter';
import { guardConfigFromEnv, guardRequest } from './request-guard';
import { runAccountCheck } from './run-account-check';
import { runMfaCheck, type CheckOutcome } from './run-mfa-check';
import { createSingleFlight } from './single-flight';
import { KNOWN_PARTITIONS } from './identity';

/** Headers on every answer: never cached (it describes a live account), never sniffed, and no CORS. */
const BASE_HEADERS = {
	'Content-Type': 'application/json; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Content-Type-Options': 'nosniff',
} as const;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body, null, 2), { status, headers: { ...BASE_HEADERS, ...headers } });
}

const refusal = (status: number, code: EndpointRefusal['error']['code'], message: string, headers?: Record<string, string>) =>
	jsonResponse(status, { error: { code, message } } satisfies EndpointRefusal, headers);

// One reader clicking "Check again" stays well inside these; a script looping on the endpoint does not.
const statusLimiter = createRateLimiter({ capacity: 10, refillPerMinute: 10 });
const accountLimiter = createRateLimiter({ capacity: 3, refillPerMinute: 3 });
const statusFlights = createSingleFlight<CheckOutcome<MfaStatus>>({ windowMs: 5_000 });
const accountFlights = createSingleFlight<CheckOutcome<AccountPosture>>({ windowMs: 5_000 });

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

interface EndpointContext {
	request: Request;
	clientAddress: string;
}

/** Guard, then rate limit: returns the refusal to send, or null when the request may proceed. */
function refuse({ request, clientAddress }: EndpointContext, limiter: ReturnType<typeof createRateLimiter>): Response | null {
	let config;
	try {
		config = guardConfigFromEnv(process.env);
	} catch (error) {
		return refusal(500, 'internal', error instanceof Error ? error.message : 'The live check is misconfigured.');
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
	if (!decision.allowed) return refusal(decision.status, decision.code, decision.message);
	const rate = limiter.take(clientAddress);
	if (!rate.allowed) {
		return refusal(429, 'rate-limited', `Too many checks from this browser. Try again in ${rate.retryAfterSeconds} s.`, {
			'Retry-After': String(rate.retryAfterSeconds),
		});
	}
	return null;
}

/** Logs error codes only: SDK messages can quote request details, and logs must not. */
function logOutcome(kind: string, outcome: CheckOutcome<{ errors: Array<{ action: string; code: string }> }>) {
	if (outcome.body.errors.length === 0) return;
	console.warn(`[stepcheck] ${kind}: ${outcome.body.errors.map((error) => `${error.action} ${error.code}`).join(', ')}`);
}

async function safely(kind: string, run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		console.error(`[stepcheck] ${kind}: unexpected ${error instanceof Error ? error.name : typeof error}`);
		return refusal(500, 'internal', 'The live check failed unexpectedly. Check the Stepcheck server output, or check by hand with the AWS CLI.');
	}
}

export function handleMfaStatus(context: EndpointContext): Promise<Response> {
	return safely('mfa-status', async () => {
		const refused = refuse(context, statusLimiter);
		if (refused) return refused;
		const outcome = await statusFlights.run('mfa-status', async () => {
			const clients = await createAwsClients();
			return withDeadline((signal) => runMfaCheck(clients, signal));
		});
		logOutcome('mfa-status', outcome);
		return jsonResponse(outcome.status, mfaStatusSchema.parse(outcome.body));
	});
}

export function handleAccountPosture(context: EndpointContext): Promise<Response> {
	return safely('mfa-status/account', async () => {
		const refused = refuse(context, accountLimiter);
		if (refused) return refused;
		const outcome = await accountFlights.run('account', async () => {
			const clients = await createAwsClients();
			return withDeadline((signal) => runAccountCheck(clients, signal));
		});
		logOutcome('mfa-status/account', outcome);
		return jsonResponse(outcome.status, accountPostureSchema.parse(outcome.body));
	});
}

/** The minimal read-only policy; public knowledge, so it is served without the guard. */
export function handlePolicy(request: Request): Response {
	const partition = new URL(request.url).searchParams.get('partition') ?? 'aws';
	if (!(KNOWN_PARTITIONS as readonly string[]).includes(partition)) {
		return refusal(400, 'bad-request', `Unknown partition "${partition}". Use one of: ${KNOWN_PARTITIONS.join(', ')}.`);
	}
	return jsonResponse(200, minimalPolicy(partition));
}
