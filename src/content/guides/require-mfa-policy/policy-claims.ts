import type { PolicyClaims } from '../../../lib/content/policy-claims';

/** What "Require MFA with an IAM policy" says its RequireMFA policy does, as requests (tests/unit/guide-policies.test.ts). */

const alice = 'arn:aws:iam::123456789012:user/alice';
/** Her own user, the resource of the actions on herself. */
const aliceUser = alice;
const policy = 'DenyAllExceptListedIfNoMFA';
/** The user's ordinary permissions, as the group's ReadOnlyAccess would give (step 1), cut down to what the claims use. */
const ordinary = {
	Version: '2012-10-17' as const,
	Statement: [{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 's3:GetObject', 'ec2:DescribeInstances'], Resource: '*' }],
};
/** Her own password: allowed by the policy, but like everything else only with MFA (AWS's recommendation). */
const passwordActions = [
	{ action: 'iam:ChangePassword', resource: aliceUser },
	{ action: 'iam:GetAccountPasswordPolicy', resource: '*' },
];
/** Whatever else the user is allowed: the deny must win over all of it. */
const everything = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const selfService = [
	{ action: 'iam:CreateVirtualMFADevice', resource: 'arn:aws:iam::123456789012:mfa/alice-phone' },
	{ action: 'iam:EnableMFADevice', resource: aliceUser },
	{ action: 'iam:GetMFADevice', resource: aliceUser },
	{ action: 'iam:GetUser', resource: aliceUser },
	{ action: 'iam:ListMFADevices', resource: aliceUser },
	{ action: 'iam:ListVirtualMFADevices', resource: '*' },
	{ action: 'iam:ResyncMFADevice', resource: aliceUser },
];

export default {
	claims: [
		...selfService.map(({ action, resource }) => ({
			says: `Without MFA, users can still set up their own device (${action})`,
			policy,
			principal: alice,
			action,
			resource,
			mfa: 'no' as const,
			expect: 'allowed' as const,
		})),
		...passwordActions.flatMap(({ action, resource }) => [
			{
				says: `Without MFA, a user cannot change their password: ${action} is not in the NotAction list`,
				policy,
				principal: alice,
				action,
				resource,
				mfa: 'no' as const,
				expect: 'denied' as const,
			},
			{
				says: `Signed in with MFA, a user can change their own password (${action})`,
				policy,
				principal: alice,
				action,
				resource,
				mfa: 'yes' as const,
				expect: 'allowed' as const,
			},
		]),
		{
			says: 'sts:GetSessionToken stays open: the policy never denies it, and it needs no allow',
			policy,
			principal: alice,
			action: 'sts:GetSessionToken',
			resource: '*',
			mfa: 'absent',
			expect: 'not-denied',
		},
		{
			says: 'sts:GetCallerIdentity always works, even under the deny',
			policy,
			principal: alice,
			action: 'sts:GetCallerIdentity',
			resource: '*',
			mfa: 'no',
			expect: 'not-denied',
		},
		{
			says: 'Each user can manage only their own device (${aws:username})',
			policy,
			principal: alice,
			action: 'iam:EnableMFADevice',
			resource: 'arn:aws:iam::123456789012:user/bob',
			mfa: 'yes',
			expect: 'denied',
		},
		{
			says: "A user cannot change another user's password",
			policy,
			principal: alice,
			action: 'iam:ChangePassword',
			resource: 'arn:aws:iam::123456789012:user/bob',
			mfa: 'no',
			expect: 'denied',
		},
		{
			says: 'Removing a device needs MFA (AllowDeactivateOwnMFAOnlyWithMFA): refused without it',
			policy,
			principal: alice,
			action: 'iam:DeactivateMFADevice',
			resource: aliceUser,
			mfa: 'no',
			expect: 'denied',
		},
		{
			says: 'Removing a device needs MFA (AllowDeactivateOwnMFAOnlyWithMFA): allowed with it',
			policy,
			principal: alice,
			action: 'iam:DeactivateMFADevice',
			resource: aliceUser,
			mfa: 'yes',
			expect: 'allowed',
		},
		{
			says: 'Step 4: without MFA, s3:ListAllMyBuckets is an explicit deny',
			policy,
			principal: alice,
			action: 's3:ListAllMyBuckets',
			resource: '*',
			mfa: 'no',
			alsoAttached: [ordinary],
			expect: 'denied',
		},
		{
			says: 'Step 4: with MFA, s3:ListAllMyBuckets is allowed',
			policy,
			principal: alice,
			action: 's3:ListAllMyBuckets',
			resource: '*',
			mfa: 'yes',
			alsoAttached: [ordinary],
			expect: 'allowed',
		},
		{
			says: 'Step 7: long-term access keys carry no MFA key, and BoolIfExists denies them',
			policy,
			principal: alice,
			action: 's3:ListAllMyBuckets',
			resource: '*',
			mfa: 'absent',
			alsoAttached: [ordinary],
			expect: 'denied',
		},
		{
			says: 'Step 6: signed in with MFA, the user works as before (their other permissions apply)',
			policy,
			principal: alice,
			action: 'ec2:DescribeInstances',
			resource: '*',
			mfa: 'yes',
			alsoAttached: [ordinary],
			expect: 'allowed',
		},
	],
	onlyAllowed: [
		{
			says: 'Without MFA, the policy denies everything but device set-up and GetSessionToken, whatever else the user may do',
			policy,
			principal: alice,
			mfa: 'no',
			alsoAttached: [everything],
			actions: selfService,
			// AWS answers GetCallerIdentity even under an explicit deny, as the guide says.
			notDenied: ['sts:GetSessionToken', 'sts:GetCallerIdentity'],
		},
		{
			says: 'The same holds for long-term access keys, whose requests carry no aws:MultiFactorAuthPresent',
			policy,
			principal: alice,
			mfa: 'absent',
			alsoAttached: [everything],
			actions: selfService,
			// AWS answers GetCallerIdentity even under an explicit deny, as the guide says.
			notDenied: ['sts:GetSessionToken', 'sts:GetCallerIdentity'],
		},
	],
} satisfies PolicyClaims;
