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
/** The example group, roles and policies the guides use (the roles and FullAdmin are seeded in moto). */
const groupName = z.enum(['readers', 'developers'], {
	error: (issue) => `GroupName ${JSON.stringify(issue.input)} is not one of the guides' example groups`,
});
const roleName = z.enum(['Admin', 'AWSSupport'], {
	error: (issue) => `RoleName ${JSON.stringify(issue.input)} is not one of the guides' example roles`,
});
const customerPolicyArn = z.literal(`arn:aws:iam::${ACCOUNT}:policy/FullAdmin`, {
	error: (issue) => `the policy ARN ${JSON.stringify(issue.input)} is not the example customer managed policy`,
});
/** The customer managed policy the permissions guide creates for CloudShell (step 7). */
const CLOUDSHELL_POLICY = 'CloudShellWithoutFileTransfer';
const policyArn = z.union(
	[
		customerPolicyArn,
		z.literal(`arn:aws:iam::${ACCOUNT}:policy/${CLOUDSHELL_POLICY}`),
		z.string().regex(/^arn:aws:iam::aws:policy\/[\w+=,.@-]+$/),
	],
	{ error: (issue) => `${JSON.stringify(issue.input)} is neither one of the example policies nor an AWS managed policy's ARN` },
);
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

/** What is wrong with a request field that must hold an IAM policy's text, not a file name the CLI failed to read. */
function policyTextProblems(field: string, text: unknown): string[] {
	let document: unknown;
	try {
		document = JSON.parse(String(text));
	} catch {
		return [`${field} is not a policy document but the text ${JSON.stringify(String(text).slice(0, 60))}`];
	}
	return iamPolicyProblems(document).map((problem) => `${field}: ${problem}`);
}

/** Every item is the text of a valid IAM policy. */
const policyList = (name: string) =>
	z.record(z.string(), z.unknown()).superRefine((params, ctx) => {
		const items = members(params, name);
		if (items.length === 0) ctx.addIssue({ code: 'custom', message: `${name} is empty` });
		items.forEach((item, index) => {
			for (const message of policyTextProblems(`${name} item ${index + 1}`, item)) ctx.addIssue({ code: 'custom', message });
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
	'iam get-account-authorization-details': {
		carries: 'a filter of the entity types the guide reads',
		action: 'GetAccountAuthorizationDetails',
		params: z.looseObject({ 'Filter.member.1': z.enum(['User', 'Group', 'Role', 'LocalManagedPolicy']) }),
	},
	'iam get-policy-version': {
		carries: "the example customer managed policy's ARN and a version ID",
		action: 'GetPolicyVersion',
		params: z
			.object({ PolicyArn: customerPolicyArn, VersionId: z.string().regex(/^v\d+$/, { error: 'a version ID is v1, v2, …' }) })
			.strict(),
	},
	'iam list-entities-for-policy': {
		carries: 'a policy ARN',
		action: 'ListEntitiesForPolicy',
		params: z.object({ PolicyArn: policyArn }).strict(),
	},
	'iam create-group': { carries: 'a group name', action: 'CreateGroup', params: z.object({ GroupName: groupName }).strict() },
	'iam attach-group-policy': {
		carries: 'a group name and a policy ARN',
		action: 'AttachGroupPolicy',
		params: z.object({ GroupName: groupName, PolicyArn: policyArn }).strict(),
	},
	'iam detach-group-policy': {
		carries: 'a group name and a policy ARN',
		action: 'DetachGroupPolicy',
		params: z.object({ GroupName: groupName, PolicyArn: policyArn }).strict(),
	},
	'iam create-policy': {
		carries: 'the example policy name and a policy document, not a file name',
		action: 'CreatePolicy',
		params: z
			.object({ PolicyName: z.literal(CLOUDSHELL_POLICY), PolicyDocument: z.string() })
			.strict()
			.superRefine((params, ctx) => {
				for (const message of policyTextProblems('PolicyDocument', params.PolicyDocument)) ctx.addIssue({ code: 'custom', message });
			}),
	},
	'iam add-user-to-group': {
		carries: 'a group name and an example user name',
		action: 'AddUserToGroup',
		params: z.object({ GroupName: groupName, UserName: userName }).strict(),
	},
	'iam detach-user-policy': {
		carries: 'an example user name and a policy ARN',
		action: 'DetachUserPolicy',
		params: z.object({ UserName: userName, PolicyArn: policyArn }).strict(),
	},
	'iam attach-role-policy': {
		carries: 'an example role name and a policy ARN',
		action: 'AttachRolePolicy',
		params: z.object({ RoleName: roleName, PolicyArn: policyArn }).strict(),
	},
	'iam detach-role-policy': {
		carries: 'an example role name and a policy ARN',
		action: 'DetachRolePolicy',
		params: z.object({ RoleName: roleName, PolicyArn: policyArn }).strict(),
	},
	'iam delete-policy': {
		carries: "the example customer managed policy's ARN",
		action: 'DeletePolicy',
		params: z.object({ PolicyArn: customerPolicyArn }).strict(),
	},
	'iam create-role': {
		carries: 'an example role name and a trust policy document, not a file name',
		action: 'CreateRole',
		params: z
			.object({ RoleName: roleName, AssumeRolePolicyDocument: z.string() })
			.strict()
			.superRefine((params, ctx) => {
				let document: unknown;
				try {
					document = JSON.parse(params.AssumeRolePolicyDocument);
				} catch {
					ctx.addIssue({
						code: 'custom',
						message: `the trust policy is the text ${JSON.stringify(params.AssumeRolePolicyDocument.slice(0, 60))}`,
					});
					return;
				}
				for (const problem of iamPolicyProblems(document)) ctx.addIssue({ code: 'custom', message: `the trust policy: ${problem}` });
			}),
	},
	'iam list-server-certificates': { carries: 'no parameters', action: 'ListServerCertificates', params: nothing },
	'iam delete-server-certificate': {
		carries: "the example certificate's name",
		action: 'DeleteServerCertificate',
		params: z.object({ ServerCertificateName: z.literal('old-www-example-com') }).strict(),
	},
	'ec2 describe-regions': { carries: 'no parameters', action: 'DescribeRegions', params: nothing },
	'ec2 describe-instances': {
		carries: 'no parameters: it lists every instance of the Region',
		action: 'DescribeInstances',
		params: nothing,
	},
	'ec2 associate-iam-instance-profile': {
		carries: "an instance ID and the example instance profile's name",
		action: 'AssociateIamInstanceProfile',
		params: z
			.object({
				InstanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, { error: 'an instance ID is i- and 8 or 17 hexadecimal digits' }),
				'IamInstanceProfile.Name': z.literal('web-server'),
			})
			.strict(),
	},
	'accessanalyzer list-analyzers': {
		carries: 'the analyzer type ACCOUNT or ORGANIZATION',
		action: 'ListAnalyzers',
		params: z.looseObject({ type: z.enum(['ACCOUNT', 'ORGANIZATION']) }),
	},
	'accessanalyzer create-analyzer': {
		carries: 'a name and the type ACCOUNT or ORGANIZATION (an external access analyzer)',
		action: 'CreateAnalyzer',
		params: z.looseObject({ analyzerName: z.string().min(1), type: z.enum(['ACCOUNT', 'ORGANIZATION']) }),
	},
};
