import { z } from 'astro/zod';
import type { AwsClients } from '../aws/aws-clients';
import {
	adviceSchema,
	checkErrorSchema,
	iamPolicySchema,
	identitySchema,
	verdictSchema,
	type Advice,
	type Verdict,
} from '../aws/mfa-status-schema';

/**
 * What every check answers, whatever it checks. A check's own result schema extends this
 * with its details; `facts` are those details as label and value, so one island can show
 * any check without knowing it.
 */
export const CHECK_SCHEMA_VERSION = 1 as const;

export const factSchema = z.object({
	label: z.string(),
	value: z.string(),
	/** Show the value as code (an ARN, a serial, a file path). */
	code: z.boolean().optional(),
});
export type Fact = z.infer<typeof factSchema>;

/**
 * A titled list (MFA devices, users without MFA): the island shows the title with the count
 * and one list item per entry, or "None." when empty, so a reader can scan and count them.
 */
export const factListSchema = z.object({
	label: z.string(),
	items: z.array(z.string()),
});
export type FactList = z.infer<typeof factListSchema>;

export const checkResultBaseSchema = z.object({
	schemaVersion: z.literal(CHECK_SCHEMA_VERSION),
	check: z.string(),
	/** Who was checked; null for checks that ask AWS nothing (local config, Identity Center). */
	identity: identitySchema.nullable(),
	verdict: verdictSchema,
	/** One sentence that states the verdict; the island announces it. */
	summary: z.string(),
	facts: z.array(factSchema),
	/** Absent for checks whose details fit in `facts`. */
	lists: z.array(factListSchema).optional(),
	advice: z.array(adviceSchema),
	errors: z.array(checkErrorSchema),
	/** Present when a call was denied: the policy this check needs, generated from its declared calls. */
	minimalPolicy: iamPolicySchema.nullable(),
	checkedAt: z.iso.datetime(),
});
export type CheckResultBase = z.infer<typeof checkResultBaseSchema>;

/** What a pure `decide` function returns; the runner adds identity, errors, policy and time. */
export interface Decision {
	verdict: Verdict;
	summary: string;
	advice: Advice[];
	facts: Fact[];
	lists?: FactList[];
}

/**
 * Which resources an action is granted on in the generated policy. `own-user` is the
 * caller's own user only (works because the checks always pass `UserName`).
 */
export const RESOURCE_SCOPES = ['own-user', 'any-user', 'any-group', 'any-policy', 'account'] as const;
export type ResourceScope = (typeof RESOURCE_SCOPES)[number];

export interface DeclaredCall {
	/** `service:Action`, exactly as IAM policies spell it. */
	action: `${'iam' | 'sts'}:${string}`;
	resource: ResourceScope;
	/** False for calls no IAM policy governs; `reason` says why, and the README prints it. */
	needsPermission?: false;
	reason?: string;
}

/** One step of the manual fallback: a sentence, and the command it introduces if any. */
export interface ManualStep {
	text: string;
	command?: string;
}

/** What a request may carry into a check, validated before any AWS call. */
export interface CheckInput {
	userName?: string;
}

export interface CheckContext {
	/** Clients on the default credential chain; made on first use, so checks without AWS calls make none. */
	clients: () => Promise<AwsClients>;
	signal: AbortSignal;
	now: () => Date;
	input: CheckInput;
	/** The server's environment (AWS_CONFIG_FILE, AWS_PROFILE, HOME for the CLI check). */
	env: Record<string, string | undefined>;
}

export interface CheckOutcome<T> {
	status: number;
	body: T;
}

export interface CheckDefinition<Result extends CheckResultBase = CheckResultBase> {
	id: string;
	title: string;
	/** The guide (content id) and the steps whose outcome the check confirms. */
	guide: string;
	steps: number[];
	/** The button the island shows. */
	action: string;
	/** POST for checks that change something on the AWS side (generating the credential report). */
	method: 'GET' | 'POST';
	/** Every AWS call `run` may make; the minimal IAM policy is generated from this list. */
	calls: DeclaredCall[];
	/** Local files the check reads (shown in the README and the fallback), never credentials. */
	reads?: string[];
	/** The check accepts an optional IAM user name (`?user=`). */
	acceptsUserName?: boolean;
	resultSchema: z.ZodType<Result>;
	/** How to check the same by hand, shown without JavaScript or without the endpoint. */
	manual: ManualStep[];
	/** An extra per-client limit, on top of the one all checks share. */
	rateLimit?: { capacity: number; refillPerMinute: number };
	run: (context: CheckContext) => Promise<CheckOutcome<Result>>;
}

/** Lets a registry hold checks with different result types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = CheckDefinition<any>;
