import { z } from 'astro/zod';
import { authorizationDetailsFrom, readAuthorizationDetails, type AuthorizationDetails } from '../aws/authorization-details';
import { securityHubAdvice, stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema } from './result-schema';

/**
 * How the account hands out permissions (Security Hub CSPM IAM.2, IAM.1, IAM.27 and IAM.18): no IAM
 * user has a policy of its own, no attached customer managed policy allows every action on every
 * resource, nobody has the AWSCloudShellFullAccess managed policy, and someone can reach AWS
 * Support through the AWSSupportAccess managed policy. CloudShell full access is read here rather
 * than in a check of its own: the same one call already names every principal's managed policies.
 */

const findingsSchema = z.object({
	userCount: z.number().int().nonnegative(),
	/** Users with managed policies attached to them, or inline policies of their own. */
	usersWithPolicies: z.array(z.object({ userName: z.string(), policies: z.array(z.string()) })),
	/** Attached customer managed policies whose default version allows `*` on `*`. */
	fullAdminPolicies: z.array(z.object({ name: z.string(), arn: z.string(), attachments: z.number().int() })),
	/** Who has AWSSupportAccess attached, as `role Name`, `group Name`, `user Name`; CIS asks for a role. */
	supportAccess: z.array(z.string()),
	/** Who has AWSCloudShellFullAccess attached, named the same way; CIS and IAM.27 ask for nobody. */
	cloudShellFullAccess: z.array(z.string()),
});
type PermissionFindings = z.infer<typeof findingsSchema>;

const permissionsResultSchema = checkResultBaseSchema.extend({ findings: findingsSchema.nullable() });
type PermissionsResult = z.infer<typeof permissionsResultSchema>;

const GUIDE = 'permissions-through-groups';
const DOCS = {
	groups: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
	leastPrivilege: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
	support: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html',
	cloudShell: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
} as const;
/** An AWS managed policy's ARN in any partition. */
const awsManaged = (name: string) => new RegExp(`^arn:[\\w-]+:iam::aws:policy/${name}$`);
const SUPPORT_POLICY = awsManaged('AWSSupportAccess');
const CLOUDSHELL_FULL_ACCESS = awsManaged('AWSCloudShellFullAccess');

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/**
 * Whether a policy document has a statement allowing every action (`*`, or `*:*`, which IAM reads
 * the same) on every resource: what Security Hub IAM.1 and the CIS recommendation look for.
 */
export function grantsFullAdmin(document: unknown): boolean {
	if (typeof document !== 'object' || document === null) return false;
	return list((document as { Statement?: unknown }).Statement).some((statement) => {
		if (typeof statement !== 'object' || statement === null) return false;
		const { Effect, Action, Resource } = statement as Record<string, unknown>;
		return Effect === 'Allow' && list(Action).some((a) => a === '*' || a === '*:*') && list(Resource).includes('*');
	});
}

/** What the check reports, from the account's authorization details. */
export function permissionFindings(details: AuthorizationDetails): PermissionFindings {
	/** Roles first, then groups, then users: the order the check names holders in. */
	const holdersOf = (arn: RegExp) =>
		(
			[
				['role', details.roles],
				['group', details.groups],
				['user', details.users],
			] as const
		).flatMap(([kind, principals]) =>
			principals.filter((p) => p.attached.some((policy) => arn.test(policy.PolicyArn))).map((p) => `${kind} ${p.name}`),
		);
	return {
		userCount: details.users.length,
		usersWithPolicies: details.users
			.map((user) => ({
				userName: user.name,
				policies: [...user.attached.map((policy) => policy.PolicyName), ...user.inline.map((name) => `${name} (inline)`)],
			}))
			.filter((user) => user.policies.length > 0),
		fullAdminPolicies: details.policies
			.filter((policy) => policy.attachments > 0 && grantsFullAdmin(policy.document))
			.map(({ name, arn, attachments }) => ({ name, arn, attachments })),
		supportAccess: holdersOf(SUPPORT_POLICY),
		cloudShellFullAccess: holdersOf(CLOUDSHELL_FULL_ACCESS),
	};
}

export function decidePermissions(findings: PermissionFindings | null): Decision {
	if (!findings) {
		return {
			verdict: 'unknown',
			summary: "Could not read the account's users, groups, roles and policies.",
			facts: [],
			advice: [
				stepAdvice({
					id: 'permissions-by-hand',
					message: 'Fix the error below, or list the users with policies of their own by hand.',
					guide: GUIDE,
					step: 2,
					label: 'Step 2: Find users with policies of their own',
				}),
			],
		};
	}
	const { usersWithPolicies, fullAdminPolicies, supportAccess, cloudShellFullAccess } = findings;
	const facts = [
		{ label: 'IAM users', value: String(findings.userCount) },
		{ label: 'AWSSupportAccess attached to', value: supportAccess.length > 0 ? supportAccess.join(', ') : 'Nobody' },
		{ label: 'AWSCloudShellFullAccess attached to', value: cloudShellFullAccess.length > 0 ? cloudShellFullAccess.join(', ') : 'Nobody' },
	];
	const lists = [
		{ label: 'Customer managed policies allowing * on * (Security Hub CSPM IAM.1)', items: fullAdminPolicies.map((p) => p.name) },
		{
			label: 'Users with policies of their own (Security Hub CSPM IAM.2)',
			items: usersWithPolicies.map((user) => `${user.userName}: ${user.policies.join(', ')}`),
		},
	];
	const advice = [];
	const problems: string[] = [];
	if (fullAdminPolicies.length > 0) {
		problems.push(
			`${fullAdminPolicies.map((p) => p.name).join(', ')} ${fullAdminPolicies.length === 1 ? 'allows' : 'allow'} every action on every resource`,
		);
		advice.push(
			stepAdvice({
				id: 'full-admin',
				message: 'Detach each policy that allows * on *, give its users only what they need, and delete it.',
				guide: GUIDE,
				step: 5,
				label: 'Step 5: Replace full administrator policies',
				docsUrl: DOCS.leastPrivilege,
			}),
		);
	}
	if (usersWithPolicies.length > 0) {
		problems.push(
			`${usersWithPolicies.map((user) => user.userName).join(', ')} ${usersWithPolicies.length === 1 ? 'has' : 'have'} policies of their own`,
		);
		advice.push(
			stepAdvice({
				id: 'user-policies',
				message: 'Put each of these users in a group with the policies they need, then detach the policies from the users.',
				guide: GUIDE,
				step: 3,
				label: 'Step 3: Move the permissions to a group',
				docsUrl: DOCS.groups,
			}),
		);
	}
	if (cloudShellFullAccess.length > 0) {
		problems.push(`AWSCloudShellFullAccess is attached to ${cloudShellFullAccess.join(', ')}`);
		advice.push(
			stepAdvice({
				id: 'cloudshell-full-access',
				message:
					'Replace AWSCloudShellFullAccess with a policy that keeps CloudShell but denies file upload and download (Security Hub CSPM IAM.27).',
				guide: GUIDE,
				step: 7,
				label: 'Step 7: Restrict CloudShell full access',
				docsUrl: DOCS.cloudShell,
			}),
		);
	}
	if (problems.length > 0) return { verdict: 'fail', summary: `Permissions to fix: ${problems.join('; ')}.`, facts, lists, advice };
	if (!supportAccess.some((holder) => holder.startsWith('role '))) {
		advice.push(
			stepAdvice({
				id: 'support-role',
				message: 'No role has the AWSSupportAccess policy: create a support role so that your team can open cases with AWS Support.',
				guide: GUIDE,
				step: 6,
				label: 'Step 6: Create a support role',
				docsUrl: DOCS.support,
			}),
		);
		return {
			verdict: 'warn',
			summary: 'Permissions come through groups and roles, but no role has AWSSupportAccess.',
			facts,
			lists,
			advice,
		};
	}
	advice.push(securityHubAdvice(GUIDE, 8));
	return {
		verdict: 'pass',
		summary:
			'No user has policies of their own, no attached customer managed policy allows * on *, nobody has AWSCloudShellFullAccess, and a support role exists.',
		facts,
		lists,
		advice,
	};
}

export const permissionsCheck: CheckDefinition<PermissionFindings | null, PermissionsResult> = {
	id: 'permissions',
	title: 'Permissions through groups and roles',
	guide: GUIDE,
	steps: [3, 5, 6, 7],
	action: 'Check how the account grants permissions',
	method: 'GET',
	calls: [
		{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
		{ action: 'iam:GetAccountAuthorizationDetails', resource: 'account' },
	],
	resultSchema: permissionsResultSchema,
	rateLimit: { capacity: 3, refillPerMinute: 3 },
	manual: [
		{
			text: 'List the users with policies of their own, and the customer managed policies that are attached to someone:',
			command: [
				'aws iam get-account-authorization-details --filter User LocalManagedPolicy \\',
				"  --query '{UsersWithPolicies: UserDetailList[?AttachedManagedPolicies || UserPolicyList].UserName, AttachedCustomerPolicies: Policies[?AttachmentCount > `0`].PolicyName}'",
			].join('\n'),
		},
		{
			text: 'Open each attached customer managed policy and look for a statement that allows "*" actions on "*" resources. Then list who has AWSSupportAccess; you want at least one role:',
			command: 'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
		},
		{
			text: 'List who has AWSCloudShellFullAccess; you want three empty lists:',
			command: 'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
		},
	],
	nothingRead: null,
	async gather({ attempt, clients, signal }) {
		const { iam } = await clients();
		const details = await attempt('iam:GetAccountAuthorizationDetails', () => readAuthorizationDetails(iam, signal));
		return details.ok
			? { answers: permissionFindings(details.value), errors: [] }
			: { answers: null, errors: [details.error], stopped: true };
	},
	decide: (findings) => decidePermissions(findings),
	fields: (findings) => ({ findings }),
};

/** The CLI prints the same answer as JSON (CloudShell paste mode); null when it is not that answer. */
export function permissionFindingsFromCli(value: unknown): PermissionFindings | null {
	const shape = z
		.object({
			UserDetailList: z.array(z.any()),
			GroupDetailList: z.array(z.any()),
			RoleDetailList: z.array(z.any()),
			Policies: z.array(z.any()),
		})
		.safeParse(value);
	if (!shape.success) return null;
	try {
		return permissionFindings(authorizationDetailsFrom([shape.data]));
	} catch {
		return null;
	}
}
