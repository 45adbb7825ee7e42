import * as z from 'zod/mini';

/**
 * The contract of every live check's answer: what `/api/checks/<id>` sends and the island
 * reads. The runner parses each body through its check's schema (which extends
 * `checkResultBaseSchema`) before the endpoint sends it; the island imports only inferred
 * types, so the contract costs the page no JavaScript.
 */

/** Raised when the shape of a body changes incompatibly, so a client can tell it reads an older or newer server. */
export const CHECK_SCHEMA_VERSION = 1 as const;

const identityTypeSchema = z.enum(['root', 'iam-user', 'identity-center', 'assumed-role', 'federated-user', 'unknown']);
export type IdentityType = z.infer<typeof identityTypeSchema>;

export const identitySchema = z.object({
	type: identityTypeSchema,
	arn: z.nullable(z.string()),
	account: z.nullable(z.string()),
	partition: z.nullable(z.string()),
	/** IAM user name (path removed) or federated user name. */
	userName: z.optional(z.string()),
	roleName: z.optional(z.string()),
	sessionName: z.optional(z.string()),
});
export type Identity = z.infer<typeof identitySchema>;

/** The identity of a body whose `sts:GetCallerIdentity` failed. */
export const UNKNOWN_IDENTITY: Identity = { type: 'unknown', arn: null, account: null, partition: null };

const deviceTypeSchema = z.enum(['virtual', 'passkey-or-security-key', 'hardware-totp', 'sms', 'unknown']);
export type DeviceType = z.infer<typeof deviceTypeSchema>;

export const deviceSchema = z.object({
	serial: z.string(),
	type: deviceTypeSchema,
	/** ISO 8601; null when AWS did not say. */
	enabledAt: z.nullable(z.string()),
});
export type Device = z.infer<typeof deviceSchema>;

const verdictSchema = z.enum(['pass', 'fail', 'warn', 'not-applicable', 'unknown']);
export type Verdict = z.infer<typeof verdictSchema>;

const adviceSchema = z.object({
	id: z.string(),
	message: z.string(),
	/** Site path of the guide step that fixes the finding, e.g. `/guides/turn-on-mfa-aws/#step-3`. */
	guideStep: z.nullable(z.string()),
	guideStepLabel: z.nullable(z.string()),
	docsUrl: z.nullable(z.url()),
	/** What the docs link opens when it is not AWS documentation (a console page). */
	docsLabel: z.optional(z.string()),
});
export type Advice = z.infer<typeof adviceSchema>;

export const awsErrorCodeSchema = z.enum([
	'no-credentials',
	'sso-session-expired',
	'credentials-expired',
	'credentials-invalid',
	'access-denied',
	'throttled',
	'aws-unavailable',
	'timed-out',
	'deadline-exceeded',
	'connection-failed',
	'connection-reset',
	'unparseable-response',
	'report-not-ready',
	'not-found',
	'unexpected',
]);
export type AwsErrorCode = z.infer<typeof awsErrorCodeSchema>;

const checkErrorSchema = z.object({
	/** The AWS action that failed, e.g. `iam:GetLoginProfile`. */
	action: z.string(),
	code: awsErrorCodeSchema,
	message: z.string(),
});
export type CheckError = z.infer<typeof checkErrorSchema>;

/**
 * Why a check learned nothing, in the few words a reader can act on. Every path (the local
 * server, the companion, a CloudShell paste, the checkup) reduces its failures to one of these,
 * so the island, the checkup headline, the exports and the step marks all say the same thing,
 * and none of them can read as "all fine".
 */
const COULD_NOT_CHECK_CAUSES = [
	'no-credentials',
	'credentials-rejected',
	'access-denied',
	'unreachable',
	'rate-limited',
	'unsupported-path',
	'unexpected',
] as const;
export type CouldNotCheckCause = (typeof COULD_NOT_CHECK_CAUSES)[number];

const couldNotCheckSchema = z.object({
	cause: z.enum(COULD_NOT_CHECK_CAUSES),
	/** What to do about it, in one or two sentences. */
	message: z.string(),
	/** With `rate-limited`: how long to wait before asking again. */
	retryAfterSeconds: z.optional(z.int().check(z.positive())),
});
export type CouldNotCheck = z.infer<typeof couldNotCheckSchema>;

export const iamPolicySchema = z.object({
	Version: z.literal('2012-10-17'),
	Statement: z.array(
		z.object({
			Sid: z.string(),
			Effect: z.literal('Allow'),
			Action: z.array(z.string()),
			Resource: z.union([z.string(), z.array(z.string())]),
		}),
	),
});
export type IamPolicy = z.infer<typeof iamPolicySchema>;

/** The account's custom password policy for IAM users, from `iam:GetAccountPasswordPolicy`. */
export const passwordPolicySchema = z.object({
	minimumLength: z.int().check(z.positive()),
	requireSymbols: z.boolean(),
	requireNumbers: z.boolean(),
	requireUppercase: z.boolean(),
	requireLowercase: z.boolean(),
	allowUsersToChange: z.boolean(),
	/** Days a password is valid; null when passwords never expire. */
	maxAgeDays: z.nullable(z.int().check(z.positive())),
	/** How many previous passwords a user may not reuse; null when reuse is allowed. */
	reusePrevention: z.nullable(z.int().check(z.positive())),
	/** An expired password needs an administrator to reset it. */
	hardExpiry: z.boolean(),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** What `iam:GetAccountSummary` says about the root user (Security Hub CSPM's IAM.4 and IAM.9 read the same fields; IAM.6 also needs the device type). */
export const rootAccountSchema = z.object({
	mfaEnabled: z.boolean(),
	/** AWS omits the field in some partitions and emulators; treated as present, the safe reading. */
	passwordPresent: z.boolean(),
	accessKeysPresent: z.boolean(),
	signingCertificatesPresent: z.boolean(),
});
export type RootAccount = z.infer<typeof rootAccountSchema>;

const reportUserSchema = z.object({ userName: z.string(), arn: z.string() });
export type ReportUser = z.infer<typeof reportUserSchema>;

/** When the credential report was generated, how old it was when read, and how many IAM users it lists. */
export const reportMetaSchema = z.object({
	generatedAt: z.iso.datetime(),
	ageSeconds: z.int().check(z.nonnegative()),
	userCount: z.int().check(z.nonnegative()),
});

export const credentialReportSummarySchema = z.extend(reportMetaSchema, {
	/** Security Hub CSPM IAM.5: console password and no MFA. */
	consoleUsersWithoutMfa: z.array(reportUserSchema),
	/** Security Hub CSPM IAM.19: no MFA at all. */
	usersWithoutMfa: z.array(reportUserSchema),
	root: z.nullable(z.object({ mfaActive: z.boolean(), passwordEnabled: z.nullable(z.boolean()) })),
});
export type CredentialReportSummary = z.infer<typeof credentialReportSummarySchema>;

const factSchema = z.object({
	label: z.string(),
	value: z.string(),
	/** Show the value as code (an ARN, a serial, a file path). */
	code: z.optional(z.boolean()),
});
export type Fact = z.infer<typeof factSchema>;

/**
 * A titled list (MFA devices, users without MFA): the island shows the title with the count
 * and one list item per entry, or "None." when empty, so a reader can scan and count them.
 */
const factListSchema = z.object({
	label: z.string(),
	items: z.array(z.string()),
});
export type FactList = z.infer<typeof factListSchema>;

/**
 * What every check answers, whatever it checks. A check's own result schema extends this
 * with its details; `facts` and `lists` are those details as text, so one island can show
 * any check without knowing it.
 */
export const checkResultBaseSchema = z.object({
	schemaVersion: z.literal(CHECK_SCHEMA_VERSION),
	check: z.string(),
	/** Who was checked; null for checks that ask AWS nothing (local config, Identity Center). */
	identity: z.nullable(identitySchema),
	verdict: verdictSchema,
	/** One sentence that states the verdict; the island announces it. */
	summary: z.string(),
	facts: z.array(factSchema),
	/** Absent for checks whose details fit in `facts`. */
	lists: z.optional(z.array(factListSchema)),
	advice: z.array(adviceSchema),
	errors: z.array(checkErrorSchema),
	/** Present when a call was denied: the policy this check needs, generated from its declared calls. */
	minimalPolicy: z.nullable(iamPolicySchema),
	/**
	 * With `unknown` after AWS errors: why nothing could be read, from a fixed set of causes,
	 * and what to do. The runner (and paste mode) fill it in from `errors`; a check never sets it.
	 */
	couldNotCheck: z.optional(couldNotCheckSchema),
	checkedAt: z.iso.datetime(),
});
export type CheckResultBase = z.infer<typeof checkResultBaseSchema>;

/** Body of every refusal (guard, rate limit, switched off). */
export const endpointRefusalSchema = z.object({
	error: z.object({
		code: z.enum([
			'disabled',
			'forbidden-host',
			'forbidden-origin',
			'rate-limited',
			'bad-request',
			'unknown-check',
			'method-not-allowed',
			'not-found',
			'internal',
		]),
		message: z.string(),
		/** With `unknown-check`: the ids that exist. */
		checks: z.optional(z.array(z.string())),
	}),
});
export type EndpointRefusal = z.infer<typeof endpointRefusalSchema>;
