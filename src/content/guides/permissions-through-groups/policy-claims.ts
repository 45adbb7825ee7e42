import type { PolicyClaims } from '../../../lib/content/policy-claims';

/**
 * What "Grant permissions through groups and roles" says its support role's trust policy (step 6)
 * and its CloudShell policy (step 7) do, as requests (tests/unit/guide-policies.test.ts).
 */

const role = 'arn:aws:iam::123456789012:role/AWSSupport';
const policy = 'AllowAccountUsersWithMFA';
/** The group of people who handle incidents may assume the role (step 6). */
const mayAssume = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role }] };

const developer = 'arn:aws:iam::123456789012:user/alice';
const environment = 'arn:aws:cloudshell:us-east-1:123456789012:environment/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const administrator = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export default {
	claims: [
		{
			says: 'People of the account whose policies allow it may assume the support role with MFA',
			policy,
			principal: 'arn:aws:iam::123456789012:user/alice',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'yes',
			alsoAttached: [mayAssume],
			expect: 'allowed',
		},
		{
			says: 'A session without MFA cannot assume the support role',
			policy,
			principal: 'arn:aws:iam::123456789012:user/alice',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'no',
			alsoAttached: [mayAssume],
			expect: 'denied',
		},
		{
			says: 'Long-term access keys carry no MFA, so they cannot assume it either',
			policy,
			principal: 'arn:aws:iam::123456789012:user/alice',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'absent',
			alsoAttached: [mayAssume],
			expect: 'denied',
		},
		{
			says: "The account's own IAM policies decide who may assume it: a user they do not allow is refused, even with MFA",
			policy,
			principal: 'arn:aws:iam::123456789012:user/mfa-tester',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'yes',
			expect: 'denied',
		},
		{
			says: 'The root principal stands for the account: a user of another account is refused, even with MFA',
			policy,
			principal: 'arn:aws:iam::999999999999:user/mallory',
			action: 'sts:AssumeRole',
			resource: role,
			mfa: 'yes',
			alsoAttached: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }],
			expect: 'denied',
		},
		{
			says: 'People with the CloudShell policy can still open CloudShell',
			policy: 'UseCloudShell',
			principal: developer,
			action: 'cloudshell:CreateSession',
			resource: environment,
			mfa: 'absent',
			expect: 'allowed',
		},
		{
			says: 'They cannot upload files into the shell',
			policy: 'NoFileTransfer',
			principal: developer,
			action: 'cloudshell:GetFileUploadUrls',
			resource: environment,
			mfa: 'absent',
			expect: 'denied',
		},
		{
			says: 'They cannot download files from the shell',
			policy: 'NoFileTransfer',
			principal: developer,
			action: 'cloudshell:GetFileDownloadUrls',
			resource: environment,
			mfa: 'absent',
			expect: 'denied',
		},
		{
			says: 'The explicit deny wins over a broad policy such as AdministratorAccess attached beside it',
			policy: 'NoFileTransfer',
			principal: developer,
			action: 'cloudshell:GetFileDownloadUrls',
			resource: environment,
			mfa: 'yes',
			alsoAttached: [administrator],
			expect: 'denied',
		},
	],
} satisfies PolicyClaims;
