import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { HTTP_STATUS_FOR_ERROR, UnreadableResponseError, toCheckError } from '../aws/aws-errors';
import { classifyIdentity } from '../aws/identity';
import type { CheckError, Identity } from '../aws/mfa-status-schema';
import { CHECK_SCHEMA_VERSION, type CheckContext, type CheckResultBase, type Decision, type DeclaredCall } from './check-definition';
import { policyForCalls } from './check-policy';

/** A call that either yields its value or the teaching error; one failure never sinks the others. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: CheckError; cause: unknown };

/**
 * Makes the one function a check's `run` calls AWS through. It refuses an action the check
 * did not declare, so the declared list (and the policy generated from it) stays complete.
 */
export function declaredAttempts(checkId: string, calls: readonly DeclaredCall[]) {
	const declared = new Set(calls.map((call) => call.action));
	return async function attempt<T>(action: DeclaredCall['action'], call: () => Promise<T>): Promise<Attempt<T>> {
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

export const UNKNOWN_IDENTITY: Identity = { type: 'unknown', arn: null, account: null, partition: null };

export async function callerIdentity(attempt: ReturnType<typeof declaredAttempts>, context: CheckContext): Promise<Attempt<Identity>> {
	return attempt('sts:GetCallerIdentity', async () => {
		const { sts } = await context.clients();
		const answer = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: context.signal });
		if (!answer.Arn) throw new UnreadableResponseError('GetCallerIdentity returned no Arn');
		return classifyIdentity(answer.Arn, answer.Account ?? null);
	});
}

/**
 * The common part of every result. The status is 200 when anything was learned (a partial
 * result lists its errors), else the status of the error that stopped the check.
 */
export function resultBody(
	check: { id: string; calls: readonly DeclaredCall[] },
	decision: Decision,
	parts: { identity: Identity | null; errors: CheckError[]; now: () => Date; stopped?: boolean },
): { status: number; body: CheckResultBase } {
	const denied = parts.errors.some((error) => error.code === 'access-denied');
	const first = parts.errors[0];
	return {
		status: parts.stopped && first ? HTTP_STATUS_FOR_ERROR[first.code] : 200,
		body: {
			schemaVersion: CHECK_SCHEMA_VERSION,
			check: check.id,
			identity: parts.identity,
			...decision,
			errors: parts.errors,
			minimalPolicy: denied ? policyForCalls(check.calls, parts.identity?.partition ?? 'aws') : null,
			checkedAt: parts.now().toISOString(),
		},
	};
}
