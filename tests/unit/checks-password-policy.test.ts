import { describe, expect, it } from 'vitest';
import { passwordPolicyFromFields } from '../../src/lib/aws/password-policy-fields';
import { decidePasswordPolicy } from '../../src/lib/checks/password-policy';
import type { PasswordPolicy } from '../../src/lib/checks/result-schema';

/** The password policy check's verdicts, as pure decisions on what IAM answered. */

const cis: PasswordPolicy = {
	minimumLength: 14,
	requireSymbols: false,
	requireNumbers: false,
	requireUppercase: false,
	requireLowercase: false,
	allowUsersToChange: true,
	maxAgeDays: null,
	reusePrevention: 24,
	hardExpiry: false,
};
const steps = (policy: PasswordPolicy | null) => decidePasswordPolicy({ policy }).advice.map((advice) => advice.guideStep);

describe('decidePasswordPolicy', () => {
	it('passes 14 characters and no reuse of the last 24 passwords (CIS 2.7 and 2.8), without asking for expiry or character types', () => {
		const decision = decidePasswordPolicy({ policy: cis });
		expect(decision.verdict).toBe('pass');
		expect(decision.advice).toEqual([]);
		expect(decision.facts).toContainEqual({ label: 'Passwords expire', value: 'Never' });
		expect(decision.facts).toContainEqual({ label: 'Required character types', value: 'None' });
	});

	it.each([
		['13 characters', { minimumLength: 13 }, ['/guides/password-policy/#step-4']],
		['reuse allowed', { reusePrevention: null }, ['/guides/password-policy/#step-5']],
		['only 5 passwords remembered', { reusePrevention: 5 }, ['/guides/password-policy/#step-5']],
		['both', { minimumLength: 8, reusePrevention: null }, ['/guides/password-policy/#step-4', '/guides/password-policy/#step-5']],
	])('fails %s, linking the step that fixes each', (_name, change, expected) => {
		const policy = { ...cis, ...change };
		expect(decidePasswordPolicy({ policy }).verdict).toBe('fail');
		expect(steps(policy)).toEqual(expected);
	});

	it("fails an account with no policy of its own (IAM's default: 8 characters, reuse allowed), linking step 3", () => {
		const decision = decidePasswordPolicy({ policy: null });
		expect(decision.verdict).toBe('fail');
		expect(decision.summary).toContain("IAM's default");
		expect(steps(null)).toEqual(['/guides/password-policy/#step-3']);
	});

	it('warns, without failing, that an expiry needing an administrator reset can lock users out', () => {
		const policy = { ...cis, maxAgeDays: 90, hardExpiry: true };
		expect(decidePasswordPolicy({ policy }).verdict).toBe('pass');
		expect(steps(policy)).toEqual(['/guides/password-policy/#step-6']);
	});

	it('says it could not check when nothing was read, and never passes or fails', () => {
		const decision = decidePasswordPolicy(null);
		expect(decision.verdict).toBe('unknown');
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual(['/guides/password-policy/#step-8']);
	});
});

describe('passwordPolicyFromFields', () => {
	it("reads IAM's fields; a field IAM leaves out is off", () => {
		expect(passwordPolicyFromFields({ MinimumPasswordLength: 8 })).toEqual({
			minimumLength: 8,
			requireSymbols: false,
			requireNumbers: false,
			requireUppercase: false,
			requireLowercase: false,
			allowUsersToChange: false,
			maxAgeDays: null,
			reusePrevention: null,
			hardExpiry: false,
		});
		expect(passwordPolicyFromFields({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, MaxPasswordAge: 0 })).toMatchObject({
			reusePrevention: 24,
			maxAgeDays: null,
		});
	});

	it('refuses an answer without a minimum length', () => {
		expect(passwordPolicyFromFields({})).toBeNull();
	});
});
