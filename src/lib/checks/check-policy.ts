import type { IamPolicy } from './result-schema';
import type { AnyCheck, DeclaredCall, ResourceScope } from './check-definition';

/**
 * The minimal IAM policy for a set of checks, generated from their declared calls: one
 * statement per resource scope, actions in the order first declared. Nothing here is written
 * by hand, so the docs, the endpoint and denied calls can never disagree with the code.
 */
const SCOPES: Record<ResourceScope, { sid: string; resource: (partition: string) => string | string[] }> = {
	// The second ARN covers users created with a path (`user/division/alice`).
	'own-user': {
		sid: 'StepcheckReadOwnUser',
		resource: (p) => [`arn:${p}:iam::*:user/\${aws:username}`, `arn:${p}:iam::*:user/*/\${aws:username}`],
	},
	'any-user': { sid: 'StepcheckReadUsers', resource: (p) => `arn:${p}:iam::*:user/*` },
	'any-group': { sid: 'StepcheckReadGroups', resource: (p) => `arn:${p}:iam::*:group/*` },
	// `*` in the account field also matches `aws`, the account of AWS managed policies.
	'any-policy': { sid: 'StepcheckReadPolicies', resource: (p) => `arn:${p}:iam::*:policy/*` },
	account: { sid: 'StepcheckReadAccount', resource: () => '*' },
};

export function grantedCalls(calls: readonly DeclaredCall[]): DeclaredCall[] {
	return calls.filter((call) => call.needsPermission !== false);
}

export function policyForCalls(calls: readonly DeclaredCall[], partition = 'aws'): IamPolicy | null {
	const byScope = new Map<ResourceScope, string[]>();
	for (const call of grantedCalls(calls)) {
		const actions = byScope.get(call.resource) ?? [];
		if (!actions.includes(call.action)) actions.push(call.action);
		byScope.set(call.resource, actions);
	}
	if (byScope.size === 0) return null;
	return {
		Version: '2012-10-17',
		Statement: [...byScope].map(([scope, actions]) => ({
			Sid: SCOPES[scope].sid,
			Effect: 'Allow' as const,
			Action: actions,
			Resource: SCOPES[scope].resource(partition),
		})),
	};
}

export function policyForChecks(checks: readonly AnyCheck[], partition = 'aws'): IamPolicy | null {
	return policyForCalls(
		checks.flatMap((check) => check.calls),
		partition,
	);
}

/** One policy from several checks' minimal policies (a checkup's denied checks): statements of the same Sid share their actions. */
export function mergePolicies(policies: readonly (IamPolicy | null)[]): IamPolicy | null {
	const bySid = new Map<string, IamPolicy['Statement'][number]>();
	for (const statement of policies.flatMap((policy) => policy?.Statement ?? [])) {
		const merged = bySid.get(statement.Sid);
		if (!merged) bySid.set(statement.Sid, { ...statement, Action: [...statement.Action] });
		else for (const action of statement.Action) if (!merged.Action.includes(action)) merged.Action.push(action);
	}
	return bySid.size === 0 ? null : { Version: '2012-10-17', Statement: [...bySid.values()] };
}
