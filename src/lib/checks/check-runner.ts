import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { HTTP_STATUS_FOR_ERROR, UnreadableResponseError, toCheckError } from '../aws/aws-errors';
import { classifyIdentity } from '../aws/identity';
import type { AnyCheck, Attempter, CheckContext, CheckOutcome, DeclaredCall } from './check-definition';
import { policyForCalls } from './check-policy';
import { couldNotCheckFromErrors } from './could-not-check';
import { CHECK_SCHEMA_VERSION, UNKNOWN_IDENTITY, type CheckError, type Identity } from './result-schema';

/**
 * Makes the one function a check calls AWS through. It refuses an action the check did not
 * declare, so the declared list (and the policy generated from it) stays complete.
 */
export function declaredAttempts(checkId: string, calls: readonly DeclaredCall[]): Attempter {
	const declared = new Set(calls.map((call) => call.action));
	return async (action, call) => {
		if (!declared.has(action)) {
			throw new Error(
				`Check "${checkId}" called ${action}, which is not in its declared calls. Add { action: '${action}', resource: ... } to its calls so the generated policy grants it.`,
			);
		}
		try {
			return { ok: true, value: await call() };
		} catch (cause) {
			return { ok: false, error: toCheckError(action, cause), cause };
		}
	};
}

const asksIdentity = (check: AnyCheck) => check.calls.some((call) => call.action === 'sts:GetCallerIdentity');

/**
 * Runs one check: asks who the caller is (for checks that declare `sts:GetCallerIdentity`),
 * lets the check gather its answers, decides, and builds the body every client receives. The
 * status is 200 when anything was learned (a partial result lists its errors), else the status
 * of the error that stopped the check. The body is parsed through the check's result schema, so
 * nothing leaves that breaks the contract.
 */
export async function runCheck(check: AnyCheck, context: CheckContext): Promise<CheckOutcome> {
	const attempt = declaredAttempts(check.id, check.calls);
	let identity: Identity | null;
	let answers: unknown = check.nothingRead;
	let errors: CheckError[];
	let stopped: boolean;
	let calls = check.calls;
	const who = asksIdentity(check)
		? await attempt('sts:GetCallerIdentity', async () => {
				const { sts } = await context.clients();
				const answer = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal });
				if (!answer.Arn) throw new UnreadableResponseError('GetCallerIdentity returned no Arn');
				return classifyIdentity(answer.Arn, answer.Account ?? null);
			})
		: null;
	if (who && !who.ok) {
		identity = UNKNOWN_IDENTITY;
		errors = [who.error];
		stopped = true;
	} else {
		identity = who ? who.value : null;
		const gathered = await check.gather({ ...context, attempt, identity });
		answers = gathered.answers;
		errors = gathered.errors;
		stopped = gathered.stopped ?? false;
		if (gathered.policyActions) calls = check.calls.filter((call) => gathered.policyActions!.includes(call.action));
	}
	const denied = errors.some((error) => error.code === 'access-denied');
	const first = errors[0];
	const decision = check.decide(answers, { identity, input: context.input });
	const couldNotCheck = couldNotCheckFromErrors(decision.verdict, errors, decision.summary);
	const body = check.resultSchema.parse({
		schemaVersion: CHECK_SCHEMA_VERSION,
		check: check.id,
		identity,
		...decision,
		...check.fields(answers),
		errors,
		minimalPolicy: denied ? policyForCalls(calls, identity?.partition ?? 'aws') : null,
		...(couldNotCheck ? { couldNotCheck } : {}),
		checkedAt: context.now().toISOString(),
	});
	return { status: stopped && first ? HTTP_STATUS_FOR_ERROR[first.code] : 200, body };
}
