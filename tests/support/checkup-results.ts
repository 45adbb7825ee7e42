import type { CheckResultBase } from '../../src/lib/checks/result-schema';
import type { CheckIdentity } from '../../src/lib/checkup/checkup-catalog';

/** Plain result bodies for the checkup's unit tests, shaped like the API's. */

export const GUIDE_TITLES = new Map([
	['turn-on-mfa-aws', 'Turn on MFA for your AWS sign-in'],
	['protect-root-user', 'Protect the root user'],
	['backup-mfa-device', 'Add a backup MFA device'],
	['require-mfa-policy', 'Require MFA with a policy'],
	['mfa-aws-cli', 'Use MFA with the AWS CLI'],
	['find-users-without-mfa', 'Find users without MFA'],
	['identity-center-mfa', 'MFA in IAM Identity Center'],
	['password-policy', 'Set a strong password policy for IAM users'],
	['remove-unused-credentials', 'Remove unused credentials'],
	['manage-access-keys', 'Rotate, limit and replace access keys'],
]);

export function identity(type: CheckIdentity['type'], userName?: string): CheckIdentity {
	return {
		type,
		arn: type === 'unknown' ? null : `arn:aws:iam::123456789012:user/${userName ?? 'someone'}`,
		account: '123456789012',
		partition: 'aws',
		...(userName ? { userName } : {}),
	};
}

export function checkResult(
	check: string,
	verdict: CheckResultBase['verdict'],
	extra: Partial<CheckResultBase> & Record<string, unknown> = {},
): CheckResultBase {
	return {
		schemaVersion: 1,
		check,
		identity: identity('iam-user', 'carol'),
		verdict,
		summary: `${check} says ${verdict}.`,
		facts: [],
		advice: [],
		errors: [],
		minimalPolicy: null,
		checkedAt: '2026-12-01T22:00:00.000Z',
		...extra,
	};
}
