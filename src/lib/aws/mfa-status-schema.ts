import { z } from 'astro/zod';

/**
 * The contract of `/api/mfa-status*`, the aliases of the `mfa` and `users-without-mfa`
 * checks. The endpoint parses every body it sends through these schemas; the LiveCheck island
 * imports only inferred types, so the shared contract costs the page no JavaScript.
 */
export const MFA_STATUS_SCHEMA_VERSION = 1 as const;

export const identityTypeSchema = z.enum(['root', 'iam-user', 'identity-center', 'assumed-role', 'federated-user', 'unknown']);
export type IdentityType = z.infer<typeof identityTypeSchema>;

export const identitySchema = z.object({
	type: identityTypeSchema,
	arn: z.string().nullable(),
	account: z.string().nullable(),
	partition: z.string().nullable(),
	/** IAM user name (path removed) or federated user name. */
	userName: z.string().optional(),
	roleName: z.string().optional(),
	sessionName: z.string().optional(),
});
export type Identity = z.infer<typeof identitySchema>;

export const deviceTypeSchema = z.enum(['virtual', 'passkey-or-security-key', 'hardware-totp', 'sms', 'unknown']);
export type DeviceType = z.infer<typeof deviceTypeSchema>;

export const deviceSchema = z.object({
	serial: z.string(),
	type: deviceTypeSchema,
	/** ISO 8601; null when AWS did not say. */
	enabledAt: z.string().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const verdictSchema = z.enum(['pass', 'fail', 'warn', 'not-applicable', 'unknown']);
export type Verdict = z.infer<typeof verdictSchema>;

export const adviceSchema = z.object({
	id: z.string(),
	message: z.string(),
	/** Site path of the guide step that fixes the finding, e.g. `/guides/turn-on-mfa-aws/#step-3`. */
	guideStep: z.string().nullable(),
	guideStepLabel: z.string().nullable(),
	docsUrl: z.url().nullable(),
	/** What the docs link opens when it is not AWS documentation (a console page). */
	docsLabel: z.string().optional(),
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

export const checkErrorSchema = z.object({
	/** The AWS action that failed, e.g. `iam:GetLoginProfile`. */
	action: z.string(),
	code: awsErrorCodeSchema,
	message: z.string(),
});
export type CheckError = z.infer<typeof checkErrorSchema>;

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

export const mfaStatusSchema = z.object({
	schemaVersion: z.literal(MFA_STATUS_SCHEMA_VERSION),
	identity: identitySchema,
	verdict: verdictSchema,
	/** One sentence that states the verdict; the island announces it. */
	summary: z.string(),
	devices: z.array(deviceSchema),
	consolePassword: z.boolean().nullable(),
	advice: z.array(adviceSchema),
	errors: z.array(checkErrorSchema),
	/** Present when a call was denied, so the reader sees exactly what to grant. */
	minimalPolicy: iamPolicySchema.nullable(),
	checkedAt: z.iso.datetime(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const reportUserSchema = z.object({ userName: z.string(), arn: z.string() });
export type ReportUser = z.infer<typeof reportUserSchema>;

export const credentialReportSummarySchema = z.object({
	generatedAt: z.iso.datetime(),
	ageSeconds: z.number().int().nonnegative(),
	userCount: z.number().int().nonnegative(),
	/** Security Hub IAM.5: console password and no MFA. */
	consoleUsersWithoutMfa: z.array(reportUserSchema),
	/** Security Hub IAM.19: no MFA at all. */
	usersWithoutMfa: z.array(reportUserSchema),
	root: z.object({ mfaActive: z.boolean(), passwordEnabled: z.boolean().nullable() }).nullable(),
});
export type CredentialReportSummary = z.infer<typeof credentialReportSummarySchema>;

export const accountPostureSchema = z.object({
	schemaVersion: z.literal(MFA_STATUS_SCHEMA_VERSION),
	identity: identitySchema,
	report: credentialReportSummarySchema.nullable(),
	errors: z.array(checkErrorSchema),
	minimalPolicy: iamPolicySchema.nullable(),
	checkedAt: z.iso.datetime(),
});
export type AccountPosture = z.infer<typeof accountPostureSchema>;

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
		checks: z.array(z.string()).optional(),
	}),
});
export type EndpointRefusal = z.infer<typeof endpointRefusalSchema>;
