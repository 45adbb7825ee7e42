import * as z from 'zod/mini';
import { rootAccountFromSummary } from '../aws/account-summary';
import { passwordPolicyFieldsSchema, passwordPolicyFromFields } from '../aws/password-policy-fields';
import { toCheckError } from '../aws/aws-errors';
import { summarizeCredentialReport } from '../aws/credential-report';
import { classifyDevice } from '../aws/devices';
import { classifyIdentity } from '../aws/identity';
import { decideAccessKeys, summarizeAccessKeys } from './access-keys';
import { decideBackupDevice } from './backup-device';
import { couldNotCheckFromErrors } from './could-not-check';
import type { Decision } from './check-definition';
import { decideMfa } from './mfa';
import { decideMfaPolicy, IAM_USER_NAME } from './mfa-policy';
import { decidePasswordPolicy } from './password-policy';
import { evaluationRunSchema } from './mfa-policy-evaluation';
import { PROBE_ACTIONS } from './probe-actions';
import {
	CHECK_SCHEMA_VERSION,
	UNKNOWN_IDENTITY,
	type CheckError,
	type CheckResultBase,
	type Device,
	type IamPolicy,
	type Identity,
} from './result-schema';
import { decidePermissions, permissionFindingsFromCli } from './permissions';
import { decideRootUser } from './root-user';
import { certificatesFrom, decideServerCertificates } from './server-certificates';
import { decideUnusedCredentials, summarizeUnusedCredentials } from './unused-credentials';
import { decideUsersWithoutMfa } from './users-without-mfa';

/**
 * "Check from AWS CloudShell": the reader runs one read-only AWS CLI command in CloudShell
 * (signed in as the console identity), pastes its output, and the browser decides with the
 * same pure `decide…` functions the server uses. Nothing is sent anywhere; the pasted text
 * is only parsed, and whatever of it is shown goes in as text.
 */

/**
 * Runs one CLI call and prints its JSON, or `{"error":"Code"}` when AWS refused, so a whole
 * command still prints one JSON document. The error text goes to a file, not the screen.
 */
const RUN = `r() { aws "$@" --output json 2>/tmp/stepcheck-error || printf '{"error":"%s"}' "$(grep -o '([A-Za-z]*)' /tmp/stepcheck-error | head -1 | tr -d '()')"; }`;
const CALLER = `C=$(r sts get-caller-identity); A=$(echo "$C" | grep -o 'arn:aws[^"]*' | head -1)`;

/** What a paste turned into, or what is wrong with it. */
export type PasteOutcome =
	| { ok: true; result: CheckResultBase }
	| {
			ok: false;
			problem: 'empty' | 'truncated' | 'other-output' | 'cli-error' | 'access-denied';
			message: string;
			policy: IamPolicy | null;
	  };

interface PasteReading {
	identity: Identity | null;
	decision: Decision;
	errors: CheckError[];
}

export interface CloudShellCheck {
	id: string;
	command: string;
	/** What the output looks like, named in the message for a paste of something else. */
	expected: string;
	/**
	 * Reads the extracted document (JSON, or the report's CSV text); null when it is not this
	 * command's output. `generatedAt` is the credential report's time when the paste has it.
	 */
	read: (document: string, times: { now: Date; generatedAt: Date | null }) => PasteReading | null;
	/** The document format: `json` starts at the first `{`, `csv` at the report's header line. */
	format: 'json' | 'csv';
}

export interface CloudShellUnavailable {
	id: string;
	reason: string;
	source?: { url: string; label: string };
}

// --- What the CLI prints, as zod schemas (only the fields the checks read) ---

const cliError = z.object({ error: z.string() });
const callerSchema = z.object({ Arn: z.string(), Account: z.optional(z.string()), UserId: z.optional(z.string()) });
const devicesSchema = z.object({
	MFADevices: z.array(z.object({ SerialNumber: z.string(), EnableDate: z.optional(z.string()) })),
});
const summarySchema = z.object({ SummaryMap: z.record(z.string(), z.number()) });
/** `--query 'EvaluationResults[].[EvalActionName,EvalDecision]'`: pairs of action and decision. */
const simulationPairsSchema = z.array(z.tuple([z.string(), z.string()]));
// A pasted policy without its minimum length is not IAM's answer, so it does not parse.
const passwordPolicySchema = z.object({
	PasswordPolicy: z.extend(passwordPolicyFieldsSchema, { MinimumPasswordLength: z.number() }),
});
const loginProfileSchema = z.object({ LoginProfile: z.object({ UserName: z.string() }) });
const serverCertificatesCliSchema = z.object({
	ServerCertificateMetadataList: z.array(z.object({ ServerCertificateName: z.string(), Expiration: z.string() })),
});

/** One CLI call's answer inside the document: its value, or the error code the command caught. */
type Answer<T> = { ok: true; value: T } | { ok: false; code: string } | null;

function answer<T>(schema: z.ZodMiniType<T>, value: unknown): Answer<T> | 'mismatch' {
	if (value === null || value === undefined) return null;
	const failed = cliError.safeParse(value);
	if (failed.success) return { ok: false, code: failed.data.error };
	const parsed = schema.safeParse(value);
	return parsed.success ? { ok: true, value: parsed.data } : 'mismatch';
}

const errorFor = (action: string, code: string): CheckError => toCheckError(action, { name: code || 'Unknown' });

function toDevices(value: z.infer<typeof devicesSchema>): Device[] {
	return value.MFADevices.map((device) => ({
		serial: device.SerialNumber,
		type: classifyDevice(device.SerialNumber),
		enabledAt: device.EnableDate ? new Date(device.EnableDate).toISOString() : null,
	}));
}

/** The caller block every identity-based command starts with; null when the document is not ours. */
function readCaller(document: unknown, marker: string) {
	const shape = z.looseObject({ stepcheck: z.literal(marker), caller: z.unknown() }).safeParse(document);
	if (!shape.success) return null;
	const caller = answer(callerSchema, shape.data.caller);
	if (caller === 'mismatch') return null;
	const identity = caller?.ok ? classifyIdentity(caller.value.Arn, caller.value.Account ?? null) : null;
	const errors = caller && !caller.ok ? [errorFor('sts:GetCallerIdentity', caller.code)] : [];
	return { fields: shape.data as Record<string, unknown>, identity, errors };
}

/**
 * A check read from the credential report: every such check pastes the same command (a fresh
 * report, its time, then its CSV) and decides with its own summary of the rows.
 */
function credentialReportPaste<T>(
	id: string,
	summarize: (csv: string, generatedAt: Date, now: Date) => T,
	decide: (summary: T) => Decision,
): CloudShellCheck {
	return {
		id,
		format: 'csv',
		expected: 'the time the report was generated, then the credential report as CSV, whose first row starts with user,arn,',
		command: [
			'for i in 1 2 3 4 5 6 7 8 9 10; do aws iam generate-credential-report --query State --output text | grep -q COMPLETE && break; sleep 2; done',
			'aws iam get-credential-report --query GeneratedTime --output text; aws iam get-credential-report --query Content --output text | base64 --decode; echo',
		].join('\n'),
		read(text, { now, generatedAt }) {
			let summary: T;
			try {
				summary = summarize(text, generatedAt ?? now, now);
			} catch {
				return null;
			}
			return { identity: null, errors: [], decision: decide(summary) };
		},
	};
}

const CLOUDSHELL_CHECKS: readonly CloudShellCheck[] = [
	{
		id: 'mfa',
		format: 'json',
		expected: 'one JSON document that starts with {"stepcheck":"mfa"',
		command: [
			RUN,
			CALLER,
			`case "$A" in *:root) D=$(r iam list-mfa-devices); S=$(r iam get-account-summary);; *:user/*) D=$(r iam list-mfa-devices --user-name "\${A##*/}"); P=$(r iam get-login-profile --user-name "\${A##*/}");; esac`,
			`printf '{"stepcheck":"mfa","caller":%s,"devices":%s,"loginProfile":%s,"accountSummary":%s}\\n' "$C" "\${D:-null}" "\${P:-null}" "\${S:-null}"`,
		].join('\n'),
		read(text) {
			const base = readCaller(JSON.parse(text), 'mfa');
			if (!base) return null;
			const devices = answer(devicesSchema, base.fields.devices);
			const login = answer(loginProfileSchema, base.fields.loginProfile);
			const summary = answer(summarySchema, base.fields.accountSummary);
			if (devices === 'mismatch' || login === 'mismatch' || summary === 'mismatch') return null;
			const errors = [...base.errors];
			if (devices && !devices.ok) errors.push(errorFor('iam:ListMFADevices', devices.code));
			// NoSuchEntity is the answer "no console password", as on the server.
			if (login && !login.ok && login.code !== 'NoSuchEntity') errors.push(errorFor('iam:GetLoginProfile', login.code));
			if (summary && !summary.ok) errors.push(errorFor('iam:GetAccountSummary', summary.code));
			const identity = base.identity ?? UNKNOWN_IDENTITY;
			const consolePassword = login === null ? null : login.ok ? true : login.code === 'NoSuchEntity' ? false : null;
			const root = summary?.ok ? rootAccountFromSummary(summary.value.SummaryMap) : null;
			const answers = { root, devices: devices?.ok ? toDevices(devices.value) : null, consolePassword };
			return { identity, errors, decision: decideMfa(identity, answers) };
		},
	},
	{
		id: 'root-user',
		format: 'json',
		expected: 'the JSON of aws iam get-account-summary, which starts with {"SummaryMap"',
		command: 'aws iam get-account-summary --output json',
		read(text) {
			const parsed = summarySchema.safeParse(JSON.parse(text));
			const root = parsed.success ? rootAccountFromSummary(parsed.data.SummaryMap) : null;
			return root ? { identity: null, errors: [], decision: decideRootUser(root) } : null;
		},
	},
	{
		id: 'password-policy',
		format: 'json',
		expected: 'one JSON document that starts with {"stepcheck":"password-policy"',
		command: [RUN, `printf '{"stepcheck":"password-policy","policy":%s}\\n' "$(r iam get-account-password-policy)"`].join('\n'),
		read(text) {
			const shape = z.object({ stepcheck: z.literal('password-policy'), policy: z.unknown() }).safeParse(JSON.parse(text));
			if (!shape.success) return null;
			const read = answer(passwordPolicySchema, shape.data.policy);
			if (read === 'mismatch' || read === null) return null;
			// NoSuchEntity is the answer "no custom policy", as on the server.
			if (!read.ok && read.code !== 'NoSuchEntity') {
				return { identity: null, errors: [errorFor('iam:GetAccountPasswordPolicy', read.code)], decision: decidePasswordPolicy(null) };
			}
			const policy = read.ok ? passwordPolicyFromFields(read.value.PasswordPolicy) : null;
			return { identity: null, errors: [], decision: decidePasswordPolicy({ policy }) };
		},
	},
	{
		id: 'backup-device',
		format: 'json',
		expected: 'one JSON document that starts with {"stepcheck":"backup-device"',
		command: [
			RUN,
			CALLER,
			`case "$A" in *:root) D=$(r iam list-mfa-devices);; *:user/*) D=$(r iam list-mfa-devices --user-name "\${A##*/}");; esac`,
			`printf '{"stepcheck":"backup-device","caller":%s,"devices":%s}\\n' "$C" "\${D:-null}"`,
		].join('\n'),
		read(text) {
			const base = readCaller(JSON.parse(text), 'backup-device');
			if (!base) return null;
			const devices = answer(devicesSchema, base.fields.devices);
			if (devices === 'mismatch') return null;
			const errors = [...base.errors];
			if (devices && !devices.ok) errors.push(errorFor('iam:ListMFADevices', devices.code));
			const identity = base.identity ?? UNKNOWN_IDENTITY;
			return { identity, errors, decision: decideBackupDevice(identity, devices?.ok ? toDevices(devices.value) : null) };
		},
	},
	{
		id: 'mfa-policy',
		format: 'json',
		expected: 'one JSON document that starts with {"stepcheck":"mfa-policy"',
		// The signed-in IAM user, unless the page put U='name' on the line before (its field).
		command: [
			RUN,
			CALLER,
			'case "$A" in *:user/*) U="${U:-${A##*/}}";; esac',
			`A=; [ -n "$U" ] && A=$(aws iam get-user --user-name "$U" --query User.Arn --output text)`,
			`s() { if [ -n "$A" ]; then r iam simulate-principal-policy --policy-source-arn "$A" --action-names ${PROBE_ACTIONS.join(' ')} --query 'EvaluationResults[].[EvalActionName,EvalDecision]' "$@"; else echo null; fi; }`,
			'M=ContextKeyName=aws:MultiFactorAuthPresent,ContextKeyType=boolean,ContextKeyValues',
			`printf '{"stepcheck":"mfa-policy","caller":%s,"user":"%s","arn":"%s","withoutMfa":%s,"accessKey":%s,"withMfa":%s}\\n' "$C" "$U" "$A" "$(s --context-entries $M=false)" "$(s)" "$(s --context-entries $M=true)"`,
		].join('\n'),
		read(text) {
			const shape = z
				.object({
					stepcheck: z.literal('mfa-policy'),
					caller: z.optional(z.unknown()),
					user: z.string(),
					arn: z.string(),
					withoutMfa: z.unknown(),
					accessKey: z.unknown(),
					withMfa: z.unknown(),
				})
				.safeParse(JSON.parse(text));
			if (!shape.success) return null;
			const { user, arn } = shape.data;
			const runs = (['withoutMfa', 'accessKey', 'withMfa'] as const).map((key) => answer(simulationPairsSchema, shape.data[key]));
			if (runs.some((run) => run === 'mismatch')) return null;
			const errors: CheckError[] = [];
			for (const run of runs) {
				// One error is enough: the three runs ask the same thing of the same simulator.
				if (run && run !== 'mismatch' && !run.ok) {
					errors.push(errorFor('iam:SimulatePrincipalPolicy', run.code));
					break;
				}
			}
			const decisions = runs.map((run) =>
				run && run !== 'mismatch' && run.ok ? evaluationRunSchema.safeParse(Object.fromEntries(run.value)) : null,
			);
			const complete = decisions.every((decision) => decision?.success && Object.keys(decision.data).length === PROBE_ACTIONS.length);
			const [withoutMfa, accessKey, withMfa] = decisions.map((decision) => (decision?.success ? decision.data : {}));
			const answers = {
				target: arn.startsWith('arn:') ? { userName: user, arn } : null,
				method: complete ? ('simulation' as const) : null,
				simulatorError: errors[0]?.code ?? null,
				simulation: complete ? { withoutMfa: withoutMfa!, accessKey: accessKey!, withMfa: withMfa! } : null,
				denies: null,
				documentsRead: null,
			};
			const caller = answer(callerSchema, shape.data.caller);
			const identity =
				caller && caller !== 'mismatch' && caller.ok ? classifyIdentity(caller.value.Arn, caller.value.Account ?? null) : null;
			if (caller && caller !== 'mismatch' && !caller.ok) errors.unshift(errorFor('sts:GetCallerIdentity', caller.code));
			const named = user && !(identity?.type === 'iam-user' && identity.userName === user) ? user : undefined;
			return { identity, errors, decision: decideMfaPolicy(answers, identity ?? UNKNOWN_IDENTITY, named) };
		},
	},
	credentialReportPaste('users-without-mfa', summarizeCredentialReport, decideUsersWithoutMfa),
	credentialReportPaste('unused-credentials', summarizeUnusedCredentials, decideUnusedCredentials),
	credentialReportPaste('access-keys', summarizeAccessKeys, decideAccessKeys),
	{
		id: 'permissions',
		format: 'json',
		expected: 'the JSON of aws iam get-account-authorization-details, which starts with {"UserDetailList"',
		command: [
			'aws iam get-account-authorization-details --filter User Group Role LocalManagedPolicy --output json \\',
			`  --query '{UserDetailList: UserDetailList[].{UserName: UserName, AttachedManagedPolicies: AttachedManagedPolicies, UserPolicyList: UserPolicyList[].{PolicyName: PolicyName}}, GroupDetailList: GroupDetailList[].{GroupName: GroupName, AttachedManagedPolicies: AttachedManagedPolicies}, RoleDetailList: RoleDetailList[].{RoleName: RoleName, AttachedManagedPolicies: AttachedManagedPolicies}, Policies: Policies[?AttachmentCount > \`0\`].{PolicyName: PolicyName, Arn: Arn, AttachmentCount: AttachmentCount, PolicyVersionList: PolicyVersionList[?IsDefaultVersion]}}'`,
		].join('\n'),
		read(text) {
			const findings = permissionFindingsFromCli(JSON.parse(text));
			return findings ? { identity: null, errors: [], decision: decidePermissions(findings) } : null;
		},
	},
	{
		id: 'server-certificates',
		format: 'json',
		expected: 'the JSON of aws iam list-server-certificates, which starts with {"ServerCertificateMetadataList"',
		command: 'aws iam list-server-certificates --output json',
		read(text, { now }) {
			const parsed = serverCertificatesCliSchema.safeParse(JSON.parse(text));
			if (!parsed.success) return null;
			try {
				const certificates = certificatesFrom(parsed.data.ServerCertificateMetadataList);
				return { identity: null, errors: [], decision: decideServerCertificates(certificates, now) };
			} catch {
				return null;
			}
		},
	},
];

const CREDENTIAL_REPORT_TIME = /^(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2}))\s*$/m;

const CLOUDSHELL_UNAVAILABLE: readonly CloudShellUnavailable[] = [
	{
		id: 'cli-mfa',
		reason:
			'This check reads the AWS CLI config file on your own computer (~/.aws/config). CloudShell has its own home folder and signs in with the console’s credentials, so it cannot see that file: use the companion, or check by hand on your computer.',
	},
	{
		id: 'identity-center',
		reason:
			'Stepcheck knows of no AWS API that reads the MFA settings of IAM Identity Center, so no command here prints them. Look at them in the Identity Center console (Settings, Authentication).',
		source: { url: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/enable-mfa.html', label: 'AWS: MFA in IAM Identity Center' },
	},
];

/** Where CloudShell runs (not every Region): AWS's list. IAM is global, so any of them checks the whole account. */
export const CLOUDSHELL_REGIONS_SOURCE = {
	url: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/supported-aws-regions.html',
	label: 'AWS: Regions where CloudShell runs',
};

/**
 * The command as the page prints it: for a check that takes a user name, a valid name typed
 * into the page's field goes on a line of its own before it (`U='name'`); otherwise the command
 * checks whoever runs it. An invalid name is left out rather than quoted into a shell line.
 */
export function cloudShellCommand(check: CloudShellCheck, user: string | undefined): string {
	const name = user?.trim();
	return check.id === 'mfa-policy' && name && IAM_USER_NAME.test(name) ? `U='${name}'\n${check.command}` : check.command;
}

export function findCloudShellCheck(id: string): CloudShellCheck | CloudShellUnavailable | undefined {
	return CLOUDSHELL_CHECKS.find((check) => check.id === id) ?? CLOUDSHELL_UNAVAILABLE.find((check) => check.id === id);
}

// --- Reading a paste ---

/** `An error occurred (AccessDenied) when calling the GetAccountSummary operation: …` */
const CLI_ERROR = /An error occurred \(([A-Za-z.]+)\) when calling the ([A-Za-z]+) operation/;
const OTHER_CLI_TROUBLE = [
	/Unable to locate credentials/i,
	/^aws: error:/im,
	/^usage: aws/im,
	/command not found/i,
	/Could not connect to the endpoint URL/i,
	/ExpiredToken/i,
];

/** Is this a JSON text cut short (more `{`/`[` opened than closed outside strings)? */
function looksTruncated(text: string): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') depth--;
	}
	return depth > 0 || inString;
}

function extractDocument(text: string, format: CloudShellCheck['format']): string | null {
	if (format === 'csv') {
		const start = text.search(/^user,arn,/m);
		return start < 0 ? null : text.slice(start).trim();
	}
	const start = text.indexOf('{');
	return start < 0 ? null : text.slice(start, text.lastIndexOf('}') + 1 || undefined).trim();
}

function refusal(problem: Exclude<PasteOutcome, { ok: true }>['problem'], message: string, policy: IamPolicy | null = null): PasteOutcome {
	return { ok: false, problem, message, policy };
}

/** An AWS error the CLI printed, as the reader's next step; AccessDenied brings the policy. */
function cliErrorOutcome(code: string, operation: string, policy: IamPolicy | null): PasteOutcome {
	const error = errorFor(`iam:${operation}`, code);
	if (error.code === 'access-denied') {
		return refusal(
			'access-denied',
			`AWS refused ${operation} (AccessDenied): the identity signed in to the console may not read this. Ask an administrator to attach the minimal read-only policy below, then run the command again.`,
			policy,
		);
	}
	return refusal('cli-error', `The AWS CLI reported an error (${code}) when calling ${operation}. ${error.message}`);
}

/**
 * Reads what the reader pasted for a check. Every way it can be wrong gets a message that
 * says what was found and what to do; nothing throws.
 */
export function readPaste(id: string, text: string, options: { policy: IamPolicy | null; now?: Date }): PasteOutcome {
	const check = CLOUDSHELL_CHECKS.find((candidate) => candidate.id === id);
	if (!check) return refusal('other-output', `The ${id} check cannot be run from CloudShell.`);
	const now = options.now ?? new Date();
	const trimmed = text.trim();
	if (!trimmed) return refusal('empty', 'The box is empty. Run the command in CloudShell, copy all of its output, and paste it here.');
	const cli = CLI_ERROR.exec(trimmed);
	const document = extractDocument(trimmed, check.format);
	if (!document) {
		if (cli) return cliErrorOutcome(cli[1]!, cli[2]!, options.policy);
		if (OTHER_CLI_TROUBLE.some((pattern) => pattern.test(trimmed)))
			return refusal(
				'cli-error',
				'The AWS CLI could not run the command (no credentials, an expired session or a mistyped command). Open CloudShell from the console you are signed in to, and paste the command exactly as shown.',
			);
		return refusal(
			'other-output',
			`This is not the output of the command above: expected ${check.expected}. Copy the command again with its Copy button and run it in CloudShell.`,
		);
	}
	let reading: PasteReading | null;
	try {
		if (check.format === 'json') JSON.parse(document);
		const time = check.format === 'csv' ? CREDENTIAL_REPORT_TIME.exec(trimmed.slice(0, trimmed.search(/^user,arn,/m)))?.[1] : undefined;
		reading = check.read(document, { now, generatedAt: time ? new Date(time) : null });
	} catch {
		if (check.format === 'json' && looksTruncated(document))
			return refusal(
				'truncated',
				'The JSON stops before its end, so part of the output is missing. Copy all of it, from the first { to the last }, and paste it again.',
			);
		if (cli) return cliErrorOutcome(cli[1]!, cli[2]!, options.policy);
		return refusal(
			'other-output',
			`This is not valid JSON from the command above: expected ${check.expected}. Run the command again and paste its whole output.`,
		);
	}
	if (!reading) {
		if (cli) return cliErrorOutcome(cli[1]!, cli[2]!, options.policy);
		return refusal(
			'other-output',
			`This looks like the output of another command: expected ${check.expected}. Copy the command above with its Copy button and run it in CloudShell.`,
		);
	}
	const denied = reading.errors.some((error) => error.code === 'access-denied');
	const couldNotCheck = couldNotCheckFromErrors(reading.decision.verdict, reading.errors, reading.decision.summary);
	return {
		ok: true,
		result: {
			schemaVersion: CHECK_SCHEMA_VERSION,
			check: check.id,
			identity: reading.identity,
			...reading.decision,
			errors: reading.errors,
			minimalPolicy: denied ? options.policy : null,
			...(couldNotCheck ? { couldNotCheck } : {}),
			checkedAt: now.toISOString(),
		},
	};
}
