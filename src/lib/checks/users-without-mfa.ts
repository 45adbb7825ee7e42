import type { z } from 'astro/zod';
import { summarizeCredentialReport } from '../aws/credential-report';
import { securityHubAdvice, stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import {
	CREDENTIAL_REPORT_CHECK,
	credentialReportManual,
	gatherCredentialReport,
	reportFacts,
	reportUnreadable,
} from './credential-report-calls';
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
const names = (users: Array<{ userName: string }>) => users.map((user) => user.userName).join(', ');

/** Verdict from the report: console users without MFA or root without MFA fail; users without any MFA warn. */
export function decideUsersWithoutMfa(report: CredentialReportSummary | null): Decision {
	if (!report) {
		return reportUnreadable({
			id: 'report-by-hand',
			message: 'Fix the error below, or download the credential report yourself.',
			guide: GUIDE,
			step: 2,
			label: 'Step 2: Download the credential report',
		});
	}
	const facts = [...reportFacts(report), ...(report.root ? [{ label: 'Root user MFA', value: report.root.mfaActive ? 'Yes' : 'No' }] : [])];
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
	advice.push(securityHubAdvice(GUIDE, 6));
	return { verdict: 'pass', summary: `All ${report.userCount} users in the credential report have MFA.`, facts, lists, advice };
}

export const usersWithoutMfaCheck: CheckDefinition<CredentialReportSummary | null, UsersWithoutMfaResult> = {
	id: 'users-without-mfa',
	title: 'Users without MFA',
	guide: GUIDE,
	steps: [1, 4],
	action: 'Check every user in the account',
	...CREDENTIAL_REPORT_CHECK,
	resultSchema: usersWithoutMfaResultSchema,
	manual: credentialReportManual('the mfa_active column'),
	gather: gatherCredentialReport(summarizeCredentialReport),
	decide: (report) => decideUsersWithoutMfa(report),
	fields: (report) => ({ report }),
};
