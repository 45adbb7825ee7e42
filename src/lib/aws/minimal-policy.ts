import { policyForChecks } from '../checks/check-policy';
import { mfaCheck } from '../checks/mfa';
import { usersWithoutMfaCheck } from '../checks/users-without-mfa';
import type { IamPolicy } from './mfa-status-schema';

/**
 * What `/api/mfa-status/policy` serves: the `mfa` and `users-without-mfa` checks together
 * (your own MFA and the account posture, as on `/check/`), generated from
 * the two checks' declared calls: `sts:GetCallerIdentity` needs no permission and root,
 * the only caller of `iam:GetAccountSummary` here, is not governed by IAM policies.
 */
export function minimalPolicy(partition = 'aws'): IamPolicy {
	return policyForChecks([mfaCheck, usersWithoutMfaCheck], partition)!;
}
