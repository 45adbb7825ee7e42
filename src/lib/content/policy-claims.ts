import { z } from 'astro/zod';

/**
 * What a guide says an IAM policy does, written as requests and the decisions the guide
 * promises, in `<guide>/policy-claims.ts` beside the guide. `tests/unit/guide-policies.test.ts`
 * evaluates each request with an IAM policy engine, so a claim that stops being true, or a
 * policy in a guide with no claim about it, fails `npm test`.
 */

const arn = z.string().regex(/^arn:aws:iam::\d{12}:(?:user|role)\/[\w+=,.@/-]+$/, {
	error: 'a principal is the ARN of an IAM user or role, such as arn:aws:iam::123456789012:user/alice',
});

const action = z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/, { error: 'an action is service:Action, such as iam:ChangePassword' });

/** Whether the request was made with MFA: `absent` is a request signed with long-term access keys, which carry no MFA key at all. */
export const mfaSchema = z.enum(['yes', 'no', 'absent']);

/**
 * `allowed` and `denied` are the policy engine's decision. `not-denied` is for actions AWS does not
 * authorize with policies at all (sts:GetSessionToken): the policy must not deny them, and no allow is needed.
 */
const decision = z.enum(['allowed', 'denied', 'not-denied']);

const policyDocument = z.object({ Version: z.literal('2012-10-17'), Statement: z.array(z.record(z.string(), z.unknown())).min(1) });

const policyClaimSchema = z.object({
	/** The guide's sentence this request proves, in a few words. */
	says: z.string().min(1),
	/** A `Sid` of the guide's policy the claim is about, which finds its JSON block. */
	policy: z.string().min(1),
	principal: arn,
	action,
	resource: z.string().min(1),
	mfa: mfaSchema,
	/** Other identity policies of the principal: its ordinary permissions, or the permission to assume a role. */
	alsoAttached: z.array(policyDocument).default([]),
	expect: decision,
});

/** "Without MFA, this policy allows these actions and nothing else": checked against every IAM and STS action, and one action of every other service. */
const onlyAllowedSchema = z.object({
	says: z.string().min(1),
	policy: z.string().min(1),
	principal: arn,
	mfa: mfaSchema,
	/** Other identity policies of the principal, which must not open anything more. */
	alsoAttached: z.array(policyDocument).default([]),
	/** The only actions allowed, each on the resource it is allowed for. */
	actions: z.array(z.object({ action, resource: z.string().min(1) })).min(1),
	/** Actions the policy leaves open though no policy can allow them (sts:GetSessionToken). */
	notDenied: z.array(action).default([]),
});

export const policyClaimsSchema = z.object({
	claims: z.array(policyClaimSchema).min(1),
	onlyAllowed: z.array(onlyAllowedSchema).default([]),
});

export type PolicyClaims = z.input<typeof policyClaimsSchema>;
