import { z } from 'astro/zod';
import { daysSince, readCredentialRows, reportMeta } from '../aws/credential-report';
import { stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import {
	CREDENTIAL_REPORT_CHECK,
	credentialReportManual,
	gatherCredentialReport,
	reportFacts,
	reportUnreadable,
} from './credential-report-calls';
import { checkResultBaseSchema, identitySchema, reportMetaSchema } from './result-schema';

/**
 * IAM users' console passwords and active access keys unused for 45 days or more, from the
 * credential report (CIS "credentials unused for 45 days or more are disabled", Security Hub
 * IAM.22). A credential never used counts from the day it was set, so a new user is not
 * flagged on its first day. The root user is left to the root-user check.
 */

const UNUSED_DAYS = 45;

const unusedSchema = z.object({
	userName: z.string(),
	/** Null for a password; 1 or 2 for an access key. */
	key: z.union([z.literal(1), z.literal(2)]).nullable(),
	/** Last use (ISO 8601), or null when it was never used. */
	lastUsed: z.iso.datetime().nullable(),
	/** Days since the last use, or since it was set when never used. */
	days: z.number().int().nonnegative(),
});
type Unused = z.infer<typeof unusedSchema>;

const unusedCredentialsSummarySchema = reportMetaSchema.extend({
	passwords: z.array(unusedSchema),
	accessKeys: z.array(unusedSchema),
});
export type UnusedCredentialsSummary = z.infer<typeof unusedCredentialsSummarySchema>;

const unusedCredentialsResultSchema = checkResultBaseSchema.extend({
	identity: identitySchema,
	unused: unusedCredentialsSummarySchema.nullable(),
});
type UnusedCredentialsResult = z.infer<typeof unusedCredentialsResultSchema>;

const GUIDE = 'remove-unused-credentials';
const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html';

/** Reads the report's CSV into the unused passwords and keys; throws when it is not the report. */
export function summarizeUnusedCredentials(csv: string, generatedAt: Date, now: Date): UnusedCredentialsSummary {
	const users = readCredentialRows(csv).filter((row) => !row.isRoot);
	const unused = (userName: string, key: Unused['key'], lastUsed: string | null, since: string | null): Unused[] => {
		const from = lastUsed ?? since;
		const days = from ? daysSince(from, now) : 0;
		return days >= UNUSED_DAYS ? [{ userName, key, lastUsed, days }] : [];
	};
	return {
		...reportMeta(generatedAt, now, users.length),
		passwords: users
			.filter((user) => user.passwordEnabled === true)
			.flatMap((user) => unused(user.userName, null, user.passwordLastUsed, user.passwordLastChanged ?? user.created)),
		accessKeys: users.flatMap((user) =>
			user.accessKeys.filter((key) => key.active).flatMap((key) => unused(user.userName, key.slot, key.lastUsed, key.lastRotated)),
		),
	};
}

function unusedText(entry: Unused): string {
	const what = entry.key === null ? '' : ` key ${entry.key}`;
	const when = entry.lastUsed ? `last used ${entry.days} days ago` : `never used, set ${entry.days} days ago`;
	return `${entry.userName}${what}: ${when}`;
}

/** Fails while any console password or active access key is unused for 45 days or more. */
export function decideUnusedCredentials(summary: UnusedCredentialsSummary | null): Decision {
	if (!summary) {
		return reportUnreadable({
			id: 'unused-by-hand',
			message: 'Fix the error below, or read the credential report yourself.',
			guide: GUIDE,
			step: 2,
			label: 'Step 2: Find them in the credential report',
		});
	}
	const facts = reportFacts(summary);
	const lists = [
		{ label: `Console passwords unused for ${UNUSED_DAYS} days or more`, items: summary.passwords.map(unusedText) },
		{ label: `Active access keys unused for ${UNUSED_DAYS} days or more`, items: summary.accessKeys.map(unusedText) },
	];
	const advice = [];
	const problems: string[] = [];
	if (summary.passwords.length > 0) {
		problems.push(`${summary.passwords.length} console password${summary.passwords.length === 1 ? '' : 's'}`);
		advice.push(
			stepAdvice({
				id: 'unused-passwords',
				message: `Turn off console access for: ${summary.passwords.map((entry) => entry.userName).join(', ')}.`,
				guide: GUIDE,
				step: 5,
				label: 'Step 5: Turn off unused console passwords',
				docsUrl: DOCS,
			}),
		);
	}
	if (summary.accessKeys.length > 0) {
		problems.push(`${summary.accessKeys.length} access key${summary.accessKeys.length === 1 ? '' : 's'}`);
		advice.push(
			stepAdvice({
				id: 'unused-keys',
				message: `Deactivate, then delete, the unused keys of: ${[...new Set(summary.accessKeys.map((entry) => entry.userName))].join(', ')}.`,
				guide: GUIDE,
				step: 6,
				label: 'Step 6: Deactivate, then delete, unused keys',
				docsUrl: DOCS,
			}),
		);
	}
	if (problems.length > 0) {
		return { verdict: 'fail', summary: `Unused for ${UNUSED_DAYS} days or more: ${problems.join(' and ')}.`, facts, lists, advice };
	}
	advice.push(
		stepAdvice({
			id: 'security-hub',
			message: 'Let Security Hub CSPM run the same check every day (IAM.22).',
			guide: GUIDE,
			step: 7,
			label: 'Step 7: Keep it that way',
			docsUrl: null,
		}),
	);
	return {
		verdict: 'pass',
		summary: `No console password or active access key of the ${summary.userCount} users has gone unused for ${UNUSED_DAYS} days.`,
		facts,
		lists,
		advice,
	};
}

export const unusedCredentialsCheck: CheckDefinition<UnusedCredentialsSummary | null, UnusedCredentialsResult> = {
	id: 'unused-credentials',
	title: 'Unused credentials',
	guide: GUIDE,
	steps: [1, 5, 6],
	action: 'Check every user’s passwords and keys',
	...CREDENTIAL_REPORT_CHECK,
	resultSchema: unusedCredentialsResultSchema,
	manual: credentialReportManual('the password_last_used and access_key_N_last_used_date columns'),
	gather: gatherCredentialReport(summarizeUnusedCredentials),
	decide: (summary) => decideUnusedCredentials(summary),
	fields: (unused) => ({ unused }),
};
