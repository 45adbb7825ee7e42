import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { z } from 'astro/zod';
import { UnreadableResponseError } from '../aws/aws-errors';
import { summarizeCredentialReport } from '../aws/credential-report';
import { stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema, credentialReportSummarySchema, identitySchema, type CredentialReportSummary } from './result-schema';

/**
 * Account posture from the credential report (Security Hub CSPM IAM.5, IAM.19 and the root row).
 * `/api/mfa-status/account` stays an alias of `/api/checks/users-without-mfa`.
 */
const usersWithoutMfaResultSchema = checkResultBaseSchema.extend({
	identity: identitySchema,
	report: credentialReportSummarySchema.nullable(),
});
type UsersWithoutMfaResult = z.infer<typeof usersWithoutMfaResultSchema>;

const GUIDE = 'find-users-without-mfa';
const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html';
const names = (users: Array<{ userName: string }>) => users.map((user) => user.userName).join(', ');

function ageText(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.round((seconds % 3600) / 60);
	return `${hours > 0 ? `${hours} h ` : ''}${minutes} min ago`;
}

/** Verdict from the report: console users without MFA or root without MFA fail; users without any MFA warn. */
export function decideUsersWithoutMfa(report: CredentialReportSummary | null): Decision {
	if (!report) {
		return {
			verdict: 'unknown',
			summary: 'Could not read the credential report.',
			facts: [],
			advice: [
				stepAdvice({
					id: 'report-by-hand',
					message: 'Fix the error below, or download the credential report yourself.',
					guide: GUIDE,
					step: 2,
					label: 'Step 2: Download the credential report',
					docsUrl: DOCS,
				}),
			],
		};
	}
	const facts = [
		{ label: 'Users in the report', value: String(report.userCount) },
		{
			label: 'Report generated',
			value: `${report.generatedAt} (${ageText(report.ageSeconds)}; AWS regenerates it at most every four hours)`,
		},
		...(report.root ? [{ label: 'Root user MFA', value: report.root.mfaActive ? 'Yes' : 'No' }] : []),
	];
	const lists = [
		{ label: 'Console password and no MFA (Security Hub CSPM IAM.5)', items: report.consoleUsersWithoutMfa.map((user) => user.userName) },
		{ label: 'No MFA at all (Security Hub CSPM IAM.19)', items: report.usersWithoutMfa.map((user) => user.userName) },
	];
	const advice = [];
	const rootWithoutMfa = report.root !== null && !report.root.mfaActive;
	if (rootWithoutMfa) {
		advice.push(
			stepAdvice({
				id: 'root-mfa',
				message: 'The root user has no MFA. Give it a passkey or security key first.',
				guide: 'protect-root-user',
				step: 3,
				label: 'Protect the root user, step 3',
				docsUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
			}),
		);
	}
	if (report.usersWithoutMfa.length > 0) {
		advice.push(
			stepAdvice({
				id: 'follow-up',
				message: `Send each user without MFA the MFA guide and a date: ${names(report.usersWithoutMfa)}.`,
				guide: GUIDE,
				step: 5,
				label: 'Step 5: Follow up with each person',
				docsUrl: null,
			}),
		);
	}
	if (report.consoleUsersWithoutMfa.length > 0 || rootWithoutMfa) {
		const who = [...(rootWithoutMfa ? ['the root user'] : []), ...report.consoleUsersWithoutMfa.map((user) => user.userName)];
		return { verdict: 'fail', summary: `Can sign in to the console without MFA: ${who.join(', ')}.`, facts, lists, advice };
	}
	if (report.usersWithoutMfa.length > 0) {
		return {
			verdict: 'warn',
			summary: `No user can sign in to the console without MFA, but ${report.usersWithoutMfa.length} have no MFA at all.`,
			facts,
			lists,
			advice,
		};
	}
	advice.push(
		stepAdvice({
			id: 'security-hub',
			message: 'Let Security Hub CSPM run the same checks every day.',
			guide: GUIDE,
			step: 6,
			label: 'Step 6: Let Security Hub CSPM check every day',
			docsUrl: null,
		}),
	);
	return { verdict: 'pass', summary: `All ${report.userCount} users in the credential report have MFA.`, facts, lists, advice };
}

/** The longest wait for AWS to finish generating the report, and the pause between asks. */
const REPORT_POLLING = { maxWaitMs: 6_000, intervalMs: 1_000 };

const pause = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
	});

class ReportStillGenerating extends Error {
	override name = 'ReportInProgress';
}

/** Asks AWS for a fresh report and polls, within a bounded wait, until it is complete. */
async function generateReport(iam: IAMClient, signal: AbortSignal): Promise<void> {
	const started = Date.now();
	for (;;) {
		const generated = await iam.send(new GenerateCredentialReportCommand({}), { abortSignal: signal });
		if (generated.State === 'COMPLETE') return;
		if (Date.now() - started + REPORT_POLLING.intervalMs > REPORT_POLLING.maxWaitMs)
			throw new ReportStillGenerating('credential report still generating');
		await pause(REPORT_POLLING.intervalMs, signal);
	}
}

async function readReport(iam: IAMClient, signal: AbortSignal, now: () => Date): Promise<CredentialReportSummary> {
	const report = await iam.send(new GetCredentialReportCommand({}), { abortSignal: signal });
	const csv = new TextDecoder().decode(report.Content ?? new Uint8Array());
	try {
		return summarizeCredentialReport(csv, report.GeneratedTime ?? now(), now());
	} catch (error) {
		throw new UnreadableResponseError(error instanceof Error ? error.message : String(error));
	}
}

export const usersWithoutMfaCheck: CheckDefinition<CredentialReportSummary | null, UsersWithoutMfaResult> = {
	id: 'users-without-mfa',
	title: 'Users without MFA',
	guide: GUIDE,
	steps: [1, 4],
	action: 'Check every user in the account',
	// POST: it asks AWS to generate a new credential report.
	method: 'POST',
	calls: [
		{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
		{ action: 'iam:GenerateCredentialReport', resource: 'account' },
		{ action: 'iam:GetCredentialReport', resource: 'account' },
	],
	resultSchema: usersWithoutMfaResultSchema,
	rateLimit: { capacity: 3, refillPerMinute: 3 },
	manual: [
		{
			text: 'Generate the credential report, then read it (the mfa_active column):',
			command: 'aws iam generate-credential-report\naws iam get-credential-report --query Content --output text | base64 --decode',
		},
	],
	nothingRead: null,
	async gather({ attempt, clients, signal, now }) {
		const { iam } = await clients();
		const generated = await attempt('iam:GenerateCredentialReport', () => generateReport(iam, signal));
		if (!generated.ok) return { answers: null, errors: [generated.error], stopped: true };
		const read = await attempt('iam:GetCredentialReport', () => readReport(iam, signal, now));
		return read.ok ? { answers: read.value, errors: [] } : { answers: null, errors: [read.error], stopped: true };
	},
	decide: (report) => decideUsersWithoutMfa(report),
	fields: (report) => ({ report }),
};
