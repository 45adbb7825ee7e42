import type { PolicyClaims } from '../../../lib/content/policy-claims';

/** What "Use MFA with the AWS CLI" says its role trust policy does, as requests (tests/unit/guide-policies.test.ts). */

const role = 'arn:aws:iam::123456789012:role/Admin';
const policy = 'AllowAssumeRoleOnlyWithMFA';
/** The principal `arn:aws:iam::123456789012:root` leaves the decision to the account's own IAM policies: this one lets alice ask. */
const mayAssume = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role }] };

export default {
	claims: [
		{
			says: 'Users of account 123456789012 may assume the role with MFA',
			policy,
			principal: 'arn:aws:iam::123456789012:user/alice',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'yes',
			alsoAttached: [mayAssume],
			expect: 'allowed',
		},
		{
			says: 'The trust policy refuses a session without MFA',
			policy,
			principal: 'arn:aws:iam::123456789012:user/alice',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'no',
			alsoAttached: [mayAssume],
			expect: 'denied',
		},
		{
			says: 'The trust policy refuses long-term access keys, which carry no MFA key',
			policy,
			principal: 'arn:aws:iam::123456789012:user/alice',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'absent',
			alsoAttached: [mayAssume],
			expect: 'denied',
		},
		{
			says: "The account's own IAM policies decide which users may assume it: a user without that permission is refused, even with MFA",
			policy,
			principal: 'arn:aws:iam::123456789012:user/mfa-tester',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'yes',
			expect: 'denied',
		},
		{
			says: 'Only IAM users of account 123456789012: a user of another account is refused, even with MFA',
			policy,
			principal: 'arn:aws:iam::999999999999:user/mallory',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'yes',
			alsoAttached: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }],
			expect: 'denied',
		},
	],
} satisfies PolicyClaims;
