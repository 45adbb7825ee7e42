import { z } from 'astro/zod';
import { iamPolicyProblems } from '../../src/lib/content/guide-content-checks';

/**
 * What each AWS CLI command in a guide (or in a live check's manual steps) must send, checked
 * on the request the CLI really made. A command with no contract here fails the guide command
 * test with its file and line: add the contract, saying what the request must carry.
 *
 * Keys are `service operation` as typed after `aws`. `requests: 0` is a command that reads only
 * local files; otherwise every request the command sends must be `action` and match `params`
 * (Query-protocol form fields, such as PolicyInputList.member.1).
 */

const ACCOUNT = '123456789012';
/** The example names the guides use, seeded in moto. */
const EXAMPLE_USERS = ['alice', 'mfa-tester'] as const;

const userName = z.enum(EXAMPLE_USERS, {
	error: (issue) => `UserName ${JSON.stringify(issue.input)} is not one of the guides' example users`,
});
const mfaArn = z.string().regex(new RegExp(`^arn:aws:iam::${ACCOUNT}:mfa/[\\w+=,.@-]+$`), {
	error: (issue) => `the MFA serial number ${JSON.stringify(issue.input)} must be the device's ARN, arn:aws:iam::${ACCOUNT}:mfa/NAME`,
});
const userArn = z
	.string()
	.regex(new RegExp(`^arn:aws:iam::${ACCOUNT}:user/[\\w+=,.@-]+$`), { error: 'the policy source must be an IAM user ARN' });
/** An access key ID as list-access-keys prints it: the guides use AWS's documented example, AKIAIOSFODNN7EXAMPLE. */
const accessKeyId = z.string().regex(/^AKIA[A-Z0-9]{16}$/, {
	error: (issue) => `the access key ID ${JSON.stringify(issue.input)} must be 20 characters starting with AKIA`,
});
const actionName = z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, { error: 'an action name is service:Action' });
const nothing = z.object({}).strict();

/** `Name.member.N` fields of a Query request, in order. */
function members(params: Record<string, unknown>, name: string): unknown[] {
	return Object.keys(params)
		.filter((key) => key.startsWith(`${name}.member.`) && /^\d+$/.test(key.slice(name.length + 8)))
		.sort((a, b) => Number(a.slice(name.length + 8)) - Number(b.slice(name.length + 8)))
		.map((key) => params[key]);
}

/** Every item is the text of a valid IAM policy, not a file name the CLI failed to read. */
const policyList = (name: string) =>
	z.record(z.string(), z.unknown()).superRefine((params, ctx) => {
		const items = members(params, name);
		if (items.length === 0) ctx.addIssue({ code: 'custom', message: `${name} is empty` });
		items.forEach((item, index) => {
			let document: unknown;
			try {
				document = JSON.parse(String(item));
			} catch {
				ctx.addIssue({
					code: 'custom',
					message: `${name} item ${index + 1} is not a policy document but the text ${JSON.stringify(String(item).slice(0, 60))}`,
				});
				return;
			}
			for (const problem of iamPolicyProblems(document)) ctx.addIssue({ code: 'custom', message: `${name} item ${index + 1}: ${problem}` });
		});
	});

/** Each ActionNames item is service:Action, and the MFA context entry is a boolean true or false. */
const simulation = z.record(z.string(), z.unknown()).superRefine((params, ctx) => {
	const actions = members(params, 'ActionNames');
	if (actions.length === 0) ctx.addIssue({ code: 'custom', message: 'ActionNames is empty' });
	for (const action of actions) {
		const result = actionName.safeParse(action);
		if (!result.success) ctx.addIssue({ code: 'custom', message: `ActionNames: ${result.error.issues[0]!.message}` });
	}
	const key = params['ContextEntries.member.1.ContextKeyName'];
	if (key !== 'aws:MultiFactorAuthPresent')
		ctx.addIssue({ code: 'custom', message: `the context key is ${JSON.stringify(key)}, not aws:MultiFactorAuthPresent` });
	if (params['ContextEntries.member.1.ContextKeyType'] !== 'boolean')
		ctx.addIssue({ code: 'custom', message: 'the context key type must be boolean' });
	if (!['true', 'false'].includes(String(params['ContextEntries.member.1.ContextKeyValues.member.1']))) {
		ctx.addIssue({ code: 'custom', message: 'the MFA context value must be true or false' });
	}
});

interface Contract {
	/** What the request proves, for the test's name. */
	carries: string;
	requests?: 0;
	action?: string;
	params?: z.ZodType;
}

export const CONTRACTS: Record<string, Contract> = {
	'sts get-caller-identity': { carries: 'no parameters', action: 'GetCallerIdentity', params: nothing },
	'sts get-session-token': {
		carries: "the MFA device's ARN, a six-digit code and a duration GetSessionToken accepts (900 to 129,600 seconds)",
		action: 'GetSessionToken',
		params: z
			.object({
				SerialNumber: mfaArn,
				TokenCode: z.string().regex(/^\d{6}$/, { error: 'the token code must be six digits' }),
				DurationSeconds: z.coerce.number().int().min(900).max(129_600).optional(),
			})
			.strict(),
	},
	'iam list-mfa-devices': { carries: 'an example user name', action: 'ListMFADevices', params: z.object({ UserName: userName }).strict() },
	'iam get-login-profile': {
		carries: 'an example user name',
		action: 'GetLoginProfile',
		params: z.object({ UserName: userName }).strict(),
	},
	'iam get-user': { carries: 'an example user name', action: 'GetUser', params: z.object({ UserName: userName }).strict() },
	'iam deactivate-mfa-device': {
		carries: "the user and the device's ARN",
		action: 'DeactivateMFADevice',
		params: z.object({ UserName: userName, SerialNumber: mfaArn }).strict(),
	},
	'iam delete-virtual-mfa-device': {
		carries: "the device's ARN",
		action: 'DeleteVirtualMFADevice',
		params: z.object({ SerialNumber: mfaArn }).strict(),
	},
	'iam get-account-summary': { carries: 'no parameters', action: 'GetAccountSummary', params: nothing },
	'iam generate-credential-report': { carries: 'no parameters', action: 'GenerateCredentialReport', params: nothing },
	'iam get-credential-report': { carries: 'no parameters', action: 'GetCredentialReport', params: nothing },
	'iam simulate-custom-policy': {
		carries: 'a policy document in every item of --policy-input-list, service:Action names and a boolean MFA context',
		action: 'SimulateCustomPolicy',
		params: z.intersection(policyList('PolicyInputList'), simulation),
	},
	'iam simulate-principal-policy': {
		carries: "an example user's ARN, service:Action names and a boolean MFA context",
		action: 'SimulatePrincipalPolicy',
		params: z.intersection(z.looseObject({ PolicySourceArn: userArn }), simulation),
	},
	'iam enable-organizations-root-credentials-management': {
		carries: 'no parameters',
		action: 'EnableOrganizationsRootCredentialsManagement',
		params: nothing,
	},
	'iam enable-organizations-root-sessions': { carries: 'no parameters', action: 'EnableOrganizationsRootSessions', params: nothing },
	'organizations enable-aws-service-access': {
		carries: "IAM's service principal",
		action: 'EnableAWSServiceAccess',
		params: z.object({ ServicePrincipal: z.literal('iam.amazonaws.com') }).strict(),
	},
	'iam get-account-password-policy': { carries: 'no parameters', action: 'GetAccountPasswordPolicy', params: nothing },
	'iam update-account-password-policy': {
		carries:
			'a minimum length of at least 14 and reuse prevention of 24 (CIS 2.7 and 2.8), with users allowed to change their own password',
		action: 'UpdateAccountPasswordPolicy',
		params: z
			.object({
				MinimumPasswordLength: z.coerce.number().int().min(14, { error: 'MinimumPasswordLength must be 14 or more (CIS 2.7)' }).max(128),
				PasswordReusePrevention: z.coerce.number().int().min(24, { error: 'PasswordReusePrevention must be 24 (CIS 2.8)' }).max(24),
				AllowUsersToChangePassword: z.literal('true'),
			})
			.strict(),
	},
	's3 ls': { carries: 'no parameters: it lists every bucket', action: 'ListBuckets', params: nothing },
	'iam list-access-keys': { carries: 'an example user name', action: 'ListAccessKeys', params: z.object({ UserName: userName }).strict() },
	'iam create-access-key': {
		carries: 'an example user name',
		action: 'CreateAccessKey',
		params: z.object({ UserName: userName }).strict(),
	},
	'iam get-access-key-last-used': {
		carries: 'an access key ID',
		action: 'GetAccessKeyLastUsed',
		params: z.object({ AccessKeyId: accessKeyId }).strict(),
	},
	'iam update-access-key': {
		carries: 'an example user name, an access key ID and the status Inactive or Active',
		action: 'UpdateAccessKey',
		params: z.object({ UserName: userName, AccessKeyId: accessKeyId, Status: z.enum(['Active', 'Inactive']) }).strict(),
	},
	'iam delete-access-key': {
		carries: 'an example user name and an access key ID',
		action: 'DeleteAccessKey',
		params: z.object({ UserName: userName, AccessKeyId: accessKeyId }).strict(),
	},
	'iam delete-login-profile': {
		carries: 'an example user name',
		action: 'DeleteLoginProfile',
		params: z.object({ UserName: userName }).strict(),
	},
	'configure get': { carries: 'nothing: it reads the local config file', requests: 0 },
};
