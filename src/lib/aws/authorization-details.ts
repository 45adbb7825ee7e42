import { GetAccountAuthorizationDetailsCommand, type IAMClient } from '@aws-sdk/client-iam';
import * as z from 'zod/mini';
import { UnreadableResponseError } from './aws-errors';

/**
 * The account's users, groups, roles and customer managed policies, from one paged call
 * (`iam:GetAccountAuthorizationDetails`), cut down to what the permissions check reads. The
 * AWS CLI prints the same fields, so CloudShell paste mode reads its output through the same schema.
 */

const attachedSchema = z.array(z.object({ PolicyName: z.string(), PolicyArn: z.string() }));
const principalSchema = z.object({ name: z.string(), attached: z._default(attachedSchema, []) });

const authorizationDetailsSchema = z.object({
	users: z.array(z.extend(principalSchema, { inline: z._default(z.array(z.string()), []) })),
	groups: z.array(principalSchema),
	roles: z.array(principalSchema),
	/** Customer managed policies, each with its default version's document. */
	policies: z.array(z.object({ name: z.string(), arn: z.string(), attachments: z.int().check(z.nonnegative()), document: z.unknown() })),
});
export type AuthorizationDetails = z.infer<typeof authorizationDetailsSchema>;

/** One page's worth of IAM's answer, in the SDK's shape; the CLI's JSON has the same field names. */
interface DetailsPage {
	UserDetailList?: Array<{ UserName?: string; AttachedManagedPolicies?: Attached[]; UserPolicyList?: Array<{ PolicyName?: string }> }>;
	GroupDetailList?: Array<{ GroupName?: string; AttachedManagedPolicies?: Attached[] }>;
	RoleDetailList?: Array<{ RoleName?: string; AttachedManagedPolicies?: Attached[] }>;
	Policies?: Array<{
		PolicyName?: string | null;
		Arn?: string;
		AttachmentCount?: number;
		PolicyVersionList?: Array<{ Document?: unknown; IsDefaultVersion?: boolean }>;
	}>;
}
interface Attached {
	PolicyName?: string;
	PolicyArn?: string;
}

const attached = (list: Attached[] | undefined) =>
	(list ?? []).map((policy) => ({ PolicyName: policy.PolicyName ?? '', PolicyArn: policy.PolicyArn ?? '' }));

/** The API sends policy documents URL-encoded; the CLI has already decoded them into JSON. */
function policyDocument(document: unknown): unknown {
	if (typeof document !== 'string') return document;
	try {
		return JSON.parse(decodeURIComponent(document));
	} catch {
		return null;
	}
}

/** Turns pages of the answer (the SDK's, or the CLI's merged one) into the check's plain shape. */
export function authorizationDetailsFrom(pages: readonly DetailsPage[]): AuthorizationDetails {
	return authorizationDetailsSchema.parse({
		users: pages.flatMap((page) =>
			(page.UserDetailList ?? []).map((user) => ({
				name: user.UserName,
				attached: attached(user.AttachedManagedPolicies),
				inline: (user.UserPolicyList ?? []).map((policy) => policy.PolicyName),
			})),
		),
		groups: pages.flatMap((page) =>
			(page.GroupDetailList ?? []).map((group) => ({ name: group.GroupName, attached: attached(group.AttachedManagedPolicies) })),
		),
		roles: pages.flatMap((page) =>
			(page.RoleDetailList ?? []).map((role) => ({ name: role.RoleName, attached: attached(role.AttachedManagedPolicies) })),
		),
		policies: pages.flatMap((page) =>
			(page.Policies ?? []).map((policy) => ({
				// A policy's ARN ends with its name; moto leaves PolicyName empty here.
				name: policy.PolicyName ?? policy.Arn?.split('/').pop(),
				arn: policy.Arn,
				attachments: policy.AttachmentCount ?? 0,
				document: policyDocument(policy.PolicyVersionList?.find((version) => version.IsDefaultVersion)?.Document),
			})),
		),
	});
}

/** Every page of the answer; IAM pages it with Marker, 100 entries a page unless asked for more. */
export async function readAuthorizationDetails(iam: IAMClient, signal: AbortSignal): Promise<AuthorizationDetails> {
	const pages: DetailsPage[] = [];
	let marker: string | undefined;
	do {
		const page = await iam.send(
			new GetAccountAuthorizationDetailsCommand({
				Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'],
				Marker: marker,
				MaxItems: 1000,
			}),
			{ abortSignal: signal },
		);
		pages.push(page);
		marker = page.IsTruncated ? page.Marker : undefined;
	} while (marker);
	try {
		return authorizationDetailsFrom(pages);
	} catch (error) {
		throw new UnreadableResponseError(error instanceof Error ? error.message : String(error));
	}
}
