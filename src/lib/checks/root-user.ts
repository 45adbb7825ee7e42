import * as z from 'zod/mini';
import { readRootAccount } from '../aws/account-summary';
import { stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema, rootAccountSchema, type RootAccount } from './result-schema';

/**
 * The root user, from `iam:GetAccountSummary` (read as any IAM administrator, not as root):
 * MFA on, or no password at all (centrally managed root access); no access keys; no
 * signing certificates: Security Hub CSPM's IAM.4 and IAM.9. The summary says whether root has
 * MFA, not which kind, so it cannot tell IAM.6's case (a virtual device on root): only root itself
 * can list root's devices.
 */
const rootUserResultSchema = z.extend(checkResultBaseSchema, { root: z.nullable(rootAccountSchema) });
type RootUserResult = z.infer<typeof rootUserResultSchema>;

const GUIDE = 'protect-root-user';
const DOCS = {
	rootMfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
	rootKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
	central: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
} as const;

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

export function decideRootUser(root: RootAccount | null): Decision {
	if (!root) {
		return {
			verdict: 'unknown',
			summary: 'Could not read the account summary.',
			facts: [],
			advice: [
				stepAdvice({
					id: 'root-by-hand',
					message: 'Fix the error below, or run the account summary command by hand.',
					guide: GUIDE,
					step: 9,
					label: 'Step 9: Check your work',
				}),
			],
		};
	}
	const facts = [
		{ label: 'Root MFA', value: yesNo(root.mfaEnabled) },
		{ label: 'Root password', value: yesNo(root.passwordPresent) },
		{ label: 'Root access keys', value: yesNo(root.accessKeysPresent) },
		{ label: 'Root signing certificates', value: yesNo(root.signingCertificatesPresent) },
	];
	const advice = [];
	const problems: string[] = [];
	const signInProtected = root.mfaEnabled || !root.passwordPresent;
	if (!signInProtected) {
		problems.push('root can sign in with a password and no MFA');
		advice.push(
			stepAdvice({
				id: 'root-mfa',
				message: 'Sign in as root and give it a passkey or security key now; this is the finding that matters most.',
				guide: GUIDE,
				step: 3,
				label: 'Step 3: Give root a passkey or security key',
				docsUrl: DOCS.rootMfa,
			}),
		);
	}
	if (root.accessKeysPresent) {
		problems.push('root has access keys');
		advice.push(
			stepAdvice({
				id: 'root-keys',
				message: 'Root has an access key, which has unrestricted access to the whole account. Delete it.',
				guide: GUIDE,
				step: 5,
				label: "Step 5: Delete root's access keys",
				docsUrl: DOCS.rootKeys,
			}),
		);
	}
	if (root.signingCertificatesPresent) {
		problems.push('root has signing certificates');
		advice.push(
			stepAdvice({
				id: 'root-certificates',
				message: 'Root has an X.509 signing certificate. Delete it on the same Security credentials page as the access keys.',
				guide: GUIDE,
				step: 5,
				label: "Step 5: Delete root's access keys",
			}),
		);
	}
	if (problems.length > 0) {
		const sentence = problems.join(', and ');
		return { verdict: 'fail', summary: `The root user is not locked down: ${sentence}.`, facts, advice };
	}
	if (!root.passwordPresent) {
		advice.push(
			stepAdvice({
				id: 'root-no-password',
				message: 'Root has no password (as under centrally managed root access), so nobody can sign in as root. Keep it that way.',
				guide: GUIDE,
				step: 8,
				label: 'Step 8: Centralize root access',
				docsUrl: DOCS.central,
			}),
		);
		return { verdict: 'pass', summary: 'The root user has no password, no access keys and no signing certificates.', facts, advice };
	}
	advice.push(
		stepAdvice({
			id: 'root-second-device',
			message: 'Make sure root has a second MFA device kept somewhere else (the account summary cannot count them).',
			guide: GUIDE,
			step: 4,
			label: 'Step 4: Register a second MFA device',
		}),
	);
	return { verdict: 'pass', summary: 'The root user has MFA, no access keys and no signing certificates.', facts, advice };
}

export const rootUserCheck: CheckDefinition<RootAccount | null, RootUserResult> = {
	id: 'root-user',
	title: 'Root user check',
	guide: GUIDE,
	steps: [3, 5, 8],
	action: 'Check the root user',
	method: 'GET',
	calls: [
		{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
		{ action: 'iam:GetAccountSummary', resource: 'account' },
	],
	resultSchema: rootUserResultSchema,
	manual: [
		{
			text: 'As an IAM administrator (not as root), read the account summary. You want RootMFA 1 (or no root password), and 0 access keys and signing certificates:',
			command:
				'aws iam get-account-summary \\\n  --query "SummaryMap.{RootMFA: AccountMFAEnabled, RootPassword: AccountPasswordPresent, RootAccessKeys: AccountAccessKeysPresent, RootCertificates: AccountSigningCertificatesPresent}"',
		},
	],
	nothingRead: null,
	async gather({ attempt, clients, signal }) {
		const { iam } = await clients();
		const summary = await attempt('iam:GetAccountSummary', () => readRootAccount(iam, signal));
		return summary.ok ? { answers: summary.value, errors: [] } : { answers: null, errors: [summary.error], stopped: true };
	},
	decide: (root) => decideRootUser(root),
	fields: (root) => ({ root }),
};
