import type { IamPolicy } from './mfa-status-schema';

/**
 * The least the live check needs, read-only. `sts:GetCallerIdentity` needs no permission;
 * root is not governed by IAM policies, so `iam:GetAccountSummary` is not listed. The
 * per-user actions are scoped to the caller's own user, which works only because the check
 * always passes `UserName` (without it AWS authorizes against `*`).
 * One source of truth: the endpoint serves it, denied calls show it, the README prints it.
 */
export function minimalPolicy(partition = 'aws'): IamPolicy {
	return {
		Version: '2012-10-17',
		Statement: [
			{
				Sid: 'StepcheckReadOwnMfa',
				Effect: 'Allow',
				Action: ['iam:ListMFADevices', 'iam:GetLoginProfile'],
				// The second ARN covers users created with a path (`user/division/alice`).
				Resource: [`arn:${partition}:iam::*:user/\${aws:username}`, `arn:${partition}:iam::*:user/*/\${aws:username}`],
			},
			{
				Sid: 'StepcheckAccountPosture',
				Effect: 'Allow',
				Action: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
				Resource: '*',
			},
		],
	};
}
