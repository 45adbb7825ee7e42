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
 * IAM users' access keys, from the credential report, one finding per CIS recommendation:
 * rotated within 90 days (Security Hub IAM.3), at most one active key per user, and no key
 * set up with a console user and never used. Root's keys are the root-user check's (IAM.4).
 */

/** CIS and Security Hub IAM.3: an active key older than this has not been rotated. */
const ROTATION_DAYS = 90;

const keyFindingSchema = z.object({
	userName: z.string(),
	key: z.union([z.literal(1), z.literal(2)]),
	/** Days since the key was created or last rotated. */
	days: z.number().int().nonnegative(),
});
type KeyFinding = z.infer<typeof keyFindingSchema>;

const accessKeySummarySchema = reportMetaSchema.extend({
	activeKeys: z.number().int().nonnegative(),
	/** Active keys older than ROTATION_DAYS. */
	notRotated: z.array(keyFindingSchema),
	/** Users with both of their keys active. */
	twoActiveKeys: z.array(z.string()),
	/** Active keys never used, on users with a console password: CIS's test for keys made at user set-up. */
	neverUsedConsoleUserKeys: z.array(keyFindingSchema),
});
export type AccessKeySummary = z.infer<typeof accessKeySummarySchema>;

const accessKeysResultSchema = checkResultBaseSchema.extend({
	identity: identitySchema,
	accessKeys: accessKeySummarySchema.nullable(),
});
type AccessKeysResult = z.infer<typeof accessKeysResultSchema>;

const GUIDE = 'manage-access-keys';
const DOCS = {
	rotate: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
	keys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
} as const;

/** Reads the report's CSV into the three findings; throws when it is not the report. */
export function summarizeAccessKeys(csv: string, generatedAt: Date, now: Date): AccessKeySummary {
	const users = readCredentialRows(csv).filter((row) => !row.isRoot);
	const active = users.flatMap((user) => user.accessKeys.filter((key) => key.active).map((key) => ({ user, key })));
	const finding = ({ user, key }: (typeof active)[number]): KeyFinding => ({
		userName: user.userName,
		key: key.slot,
		days: key.lastRotated ? daysSince(key.lastRotated, now) : 0,
	});
	return {
		...reportMeta(generatedAt, now, users.length),
		activeKeys: active.length,
		notRotated: active.map(finding).filter((key) => key.days > ROTATION_DAYS),
		twoActiveKeys: users.filter((user) => user.accessKeys.filter((key) => key.active).length > 1).map((user) => user.userName),
		neverUsedConsoleUserKeys: active.filter(({ user, key }) => user.passwordEnabled === true && key.lastUsed === null).map(finding),
	};
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const keyText = (key: KeyFinding) => `${key.userName} (key ${key.key}, ${key.days} days old)`;

/** Verdict per finding: any key past 90 days, any second active key or any never-used console user's key fails. */
export function decideAccessKeys(summary: AccessKeySummary | null): Decision {
	if (!summary) {
		return reportUnreadable({
			id: 'keys-by-hand',
			message: 'Fix the error below, or list each user’s access keys yourself.',
			guide: GUIDE,
			step: 2,
			label: 'Step 2: See every access key and when it was used',
		});
	}
	const facts = [...reportFacts(summary), { label: 'Active access keys', value: String(summary.activeKeys) }];
	const lists = [
		{ label: `Not rotated in ${ROTATION_DAYS} days (Security Hub IAM.3)`, items: summary.notRotated.map(keyText) },
		{ label: 'Two active keys', items: summary.twoActiveKeys },
		{ label: 'Console users with a key never used', items: summary.neverUsedConsoleUserKeys.map(keyText) },
	];
	const advice = [];
	const problems: string[] = [];
	if (summary.neverUsedConsoleUserKeys.length > 0) {
		problems.push(`${count(summary.neverUsedConsoleUserKeys.length, 'key', 'keys')} of console users never used`);
		advice.push(
			stepAdvice({
				id: 'never-used',
				message: `Delete the access keys these console users have never used: ${summary.neverUsedConsoleUserKeys.map((key) => key.userName).join(', ')}.`,
				guide: GUIDE,
				step: 4,
				label: 'Step 4: Delete keys nobody uses',
				docsUrl: DOCS.keys,
			}),
		);
	}
	if (summary.twoActiveKeys.length > 0) {
		problems.push(`${count(summary.twoActiveKeys.length, 'user', 'users')} with two active keys`);
		advice.push(
			stepAdvice({
				id: 'one-active-key',
				message: `Leave each user one active key at most: ${summary.twoActiveKeys.join(', ')}.`,
				guide: GUIDE,
				step: 5,
				label: 'Step 5: Keep one active key per user',
				docsUrl: DOCS.keys,
			}),
		);
	}
	if (summary.notRotated.length > 0) {
		problems.push(`${count(summary.notRotated.length, 'key', 'keys')} older than ${ROTATION_DAYS} days`);
		advice.push(
			stepAdvice({
				id: 'rotate',
				message: `Rotate, or better replace with temporary credentials, the keys older than ${ROTATION_DAYS} days: ${summary.notRotated.map(keyText).join(', ')}.`,
				guide: GUIDE,
				step: 6,
				label: 'Step 6: Rotate a key you must keep',
				docsUrl: DOCS.rotate,
			}),
		);
	}
	if (problems.length > 0) return { verdict: 'fail', summary: `Access keys to fix: ${problems.join('; ')}.`, facts, lists, advice };
	advice.push(
		stepAdvice({
			id: 'temporary-credentials',
			message:
				summary.activeKeys > 0
					? 'Every key is within the rules. Fewer keys is safer still: move people to temporary credentials.'
					: 'No IAM user has an active access key.',
			guide: GUIDE,
			step: 3,
			label: 'Step 3: Move people to temporary credentials',
			docsUrl: null,
		}),
	);
	const summaryText =
		summary.activeKeys > 0
			? `All ${summary.activeKeys} active access keys are younger than ${ROTATION_DAYS} days, one per user, and used.`
			: 'No IAM user has an active access key.';
	return { verdict: 'pass', summary: summaryText, facts, lists, advice };
}

export const accessKeysCheck: CheckDefinition<AccessKeySummary | null, AccessKeysResult> = {
	id: 'access-keys',
	title: 'Access keys',
	guide: GUIDE,
	steps: [1, 4, 5, 6],
	action: 'Check every access key in the account',
	...CREDENTIAL_REPORT_CHECK,
	resultSchema: accessKeysResultSchema,
	manual: credentialReportManual('the access_key_1 and access_key_2 columns'),
	gather: gatherCredentialReport(summarizeAccessKeys),
	decide: (summary) => decideAccessKeys(summary),
	fields: (accessKeys) => ({ accessKeys }),
};
