import type { z } from 'astro/zod';
import { credentialReportSummarySchema, identitySchema, type CredentialReportSummary } from '../aws/mfa-status-schema';
import { runAccountCheck, DEFAULT_REPORT_POLLING } from '../aws/run-account-check';
import { stepAdvice } from './advice';
import { checkResultBaseSchema, type CheckDefinition, type Decision } from './check-definition';
import { policyForCalls } from './check-policy';

/**
 * Account posture from the credential report (Security Hub IAM.5, IAM.19 and the root row).
 * `/api/mfa-status/account` stays an alias of `/api/checks/users-without-mfa`.
 */
export const usersWithoutMfaResultSchema = checkResultBaseSchema.extend({
	identity: identitySchema,
	report: credentialReportSummarySchema.nullable(),
});
export type UsersWithoutMfaResult = z.infer<typeof usersWithoutMfaResultSchema>;

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
		{ label: 'Console password and no MFA (Security Hub IAM.5)', items: report.consoleUsersWithoutMfa.map((user) => user.userName) },
		{ label: 'No MFA at all (Security Hub IAM.19)', items: report.usersWithoutMfa.map((user) => user.userName) },
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
			message: 'Let Security Hub run the same checks every day.',
			guide: GUIDE,
			step: 6,
			label: 'Step 6: Let Security Hub check every day',
			docsUrl: null,
		}),
	);
	return { verdict: 'pass', summary: `All ${report.userCount} users in the credential report have MFA.`, facts, lists, advice };
}

const calls = [
	{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
	{ action: 'iam:GenerateCredentialReport', resource: 'account' },
	{ action: 'iam:GetCredentialReport', resource: 'account' },
] as const satisfies CheckDefinition['calls'];

export const usersWithoutMfaCheck: CheckDefinition<UsersWithoutMfaResult> = {
	id: 'users-without-mfa',
	title: 'Users without MFA',
	guide: GUIDE,
	steps: [1, 4],
	action: 'Check every user in the account',
	// POST: it asks AWS to generate a new credential report.
	method: 'POST',
	calls: [...calls],
	resultSchema: usersWithoutMfaResultSchema,
	rateLimit: { capacity: 3, refillPerMinute: 3 },
	manual: [
		{
			text: 'Generate the credential report, then read it (the mfa_active column):',
			command: 'aws iam generate-credential-report\naws iam get-credential-report --query Content --output text | base64 --decode',
		},
	],
	async run(context) {
		const outcome = await runAccountCheck(await context.clients(), context.signal, DEFAULT_REPORT_POLLING, context.now);
		const { body } = outcome;
		return {
			status: outcome.status,
			body: {
				...body,
				...decideUsersWithoutMfa(body.report),
				check: 'users-without-mfa',
				minimalPolicy: body.errors.some((error) => error.code === 'access-denied')
					? policyForCalls(calls, body.identity.partition ?? 'aws')
					: null,
			},
		};
	},
};
