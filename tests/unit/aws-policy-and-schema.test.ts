import { describe, expect, it } from 'vitest';
import { minimalPolicy } from '../../src/lib/aws/minimal-policy';
import { iamPolicySchema, mfaStatusSchema } from '../../src/lib/aws/mfa-status-schema';

describe('minimalPolicy', () => {
	it('is a valid read-only policy scoped to the caller', () => {
		const policy = iamPolicySchema.parse(minimalPolicy());
		const actions = policy.Statement.flatMap((statement) => statement.Action);
		expect(actions.sort()).toEqual([
			'iam:GenerateCredentialReport',
			'iam:GetCredentialReport',
			'iam:GetLoginProfile',
			'iam:ListMFADevices',
		]);
		expect(policy.Statement[0]?.Resource).toEqual(['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/*/${aws:username}']);
	});
	it('keeps the partition', () => {
		expect(JSON.stringify(minimalPolicy('aws-cn'))).toContain('arn:aws-cn:iam::*:user/');
	});
});

describe('mfaStatusSchema', () => {
	it('refuses a body without a verdict, naming the field', () => {
		const result = mfaStatusSchema.safeParse({ schemaVersion: 1 });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('verdict');
	});
});
