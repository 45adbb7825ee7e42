import * as z from 'zod/mini';
import { readPasswordPolicy } from '../aws/password-policy';
import { stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema, passwordPolicySchema, type Advice, type PasswordPolicy } from './result-schema';

/**
 * The account's password policy for IAM users, from `iam:GetAccountPasswordPolicy`, against
 * the CIS AWS Foundations Benchmark: at least 14 characters (Security Hub CSPM IAM.15) and no
 * reuse of the last 24 passwords (IAM.16). Expiry and character types are reported, not judged:
 * CIS does not require them, and NIST SP 800-63B advises against both.
 */

/** `policy: null` is an account without a custom policy (IAM answered NoSuchEntity); the whole answer is null when nothing was read. */
export interface PasswordPolicyAnswers {
	policy: PasswordPolicy | null;
}

const passwordPolicyResultSchema = z.extend(checkResultBaseSchema, {
	/** Null when the account has no custom policy, or when it could not be read (then `errors` says why). */
	passwordPolicy: z.nullable(passwordPolicySchema),
	customPolicy: z.nullable(z.boolean()),
});
type PasswordPolicyResult = z.infer<typeof passwordPolicyResultSchema>;

const GUIDE = 'password-policy';
/** CIS 2.7 and 2.8 (Security Hub CSPM IAM.15 and IAM.16). */
const CIS_MINIMUM_LENGTH = 14;
const CIS_REUSE_PREVENTION = 24;
const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html';

const lengthAdvice = stepAdvice({
	id: 'password-length',
	message: `Require at least ${CIS_MINIMUM_LENGTH} characters.`,
	guide: GUIDE,
	step: 4,
	label: `Step 4: Require at least ${CIS_MINIMUM_LENGTH} characters`,
	docsUrl: DOCS,
});
const reuseAdvice = stepAdvice({
	id: 'password-reuse',
	message: `Stop users reusing their last ${CIS_REUSE_PREVENTION} passwords.`,
	guide: GUIDE,
	step: 5,
	label: 'Step 5: Prevent password reuse',
	docsUrl: DOCS,
});

function facts(policy: PasswordPolicy) {
	const types = [
		policy.requireUppercase && 'uppercase',
		policy.requireLowercase && 'lowercase',
		policy.requireNumbers && 'numbers',
		policy.requireSymbols && 'symbols',
	].filter(Boolean);
	return [
		{ label: 'Minimum length', value: `${policy.minimumLength} characters` },
		{ label: 'Prevent reuse', value: policy.reusePrevention ? `last ${policy.reusePrevention} passwords` : 'No' },
		{ label: 'Passwords expire', value: policy.maxAgeDays ? `after ${policy.maxAgeDays} days` : 'Never' },
		{ label: 'Required character types', value: types.length ? types.join(', ') : 'None' },
		{ label: 'Users may change their own password', value: policy.allowUsersToChange ? 'Yes' : 'No' },
	];
}

export function decidePasswordPolicy(answers: PasswordPolicyAnswers | null): Decision {
	if (!answers) {
		return {
			verdict: 'unknown',
			summary: 'Could not read the account password policy.',
			facts: [],
			advice: [
				stepAdvice({
					id: 'password-policy-by-hand',
					message: 'Fix the error below, or read the policy by hand.',
					guide: GUIDE,
					step: 8,
					label: 'Step 8: Check your work',
				}),
			],
		};
	}
	const { policy } = answers;
	if (!policy) {
		return {
			verdict: 'fail',
			summary:
				"The account has no password policy of its own, so IAM's default applies: 8 characters and any password may be reused. Set a policy.",
			facts: [{ label: 'Custom password policy', value: 'None (IAM default)' }],
			advice: [
				stepAdvice({
					id: 'password-policy-missing',
					message: `Set a custom password policy with at least ${CIS_MINIMUM_LENGTH} characters and no reuse of the last ${CIS_REUSE_PREVENTION} passwords.`,
					guide: GUIDE,
					step: 3,
					label: 'Step 3: Open the password policy',
					docsUrl: DOCS,
				}),
			],
		};
	}
	const problems: string[] = [];
	const advice: Advice[] = [];
	if (policy.minimumLength < CIS_MINIMUM_LENGTH) {
		problems.push(`it allows passwords of ${policy.minimumLength} characters`);
		advice.push(lengthAdvice);
	}
	if ((policy.reusePrevention ?? 0) < CIS_REUSE_PREVENTION) {
		problems.push(
			policy.reusePrevention ? `it remembers only the last ${policy.reusePrevention} passwords` : 'it lets users reuse passwords',
		);
		advice.push(reuseAdvice);
	}
	if (policy.hardExpiry && policy.maxAgeDays) {
		advice.push(
			stepAdvice({
				id: 'password-hard-expiry',
				message: 'An expired password locks the user out until an administrator resets it. Make sure someone will.',
				guide: GUIDE,
				step: 6,
				label: 'Step 6: Decide on expiry and character types',
			}),
		);
	}
	if (problems.length > 0) {
		return {
			verdict: 'fail',
			summary: `The password policy is weaker than CIS asks: ${problems.join(', and ')}.`,
			facts: facts(policy),
			advice,
		};
	}
	return {
		verdict: 'pass',
		summary: `The password policy requires at least ${policy.minimumLength} characters and blocks reuse of the last ${policy.reusePrevention} passwords.`,
		facts: facts(policy),
		advice,
	};
}

export const passwordPolicyCheck: CheckDefinition<PasswordPolicyAnswers | null, PasswordPolicyResult> = {
	id: 'password-policy',
	title: 'Password policy check',
	guide: GUIDE,
	steps: [4, 5],
	action: 'Check the password policy',
	method: 'GET',
	calls: [{ action: 'iam:GetAccountPasswordPolicy', resource: 'account' }],
	resultSchema: passwordPolicyResultSchema,
	manual: [
		{
			text: `Read the policy. You want MinimumPasswordLength ${CIS_MINIMUM_LENGTH} or more and PasswordReusePrevention ${CIS_REUSE_PREVENTION}; NoSuchEntity means the account has no policy of its own:`,
			command: 'aws iam get-account-password-policy',
		},
	],
	nothingRead: null,
	async gather({ attempt, clients, signal }) {
		const { iam } = await clients();
		const read = await attempt('iam:GetAccountPasswordPolicy', () => readPasswordPolicy(iam, signal));
		return read.ok ? { answers: { policy: read.value }, errors: [] } : { answers: null, errors: [read.error], stopped: true };
	},
	decide: (answers) => decidePasswordPolicy(answers),
	fields: (answers) => ({ passwordPolicy: answers?.policy ?? null, customPolicy: answers ? answers.policy !== null : null }),
};
