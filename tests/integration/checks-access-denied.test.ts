import { describe, expect, it } from 'vitest';
import type { AnyCheck, CheckInput } from '../../src/lib/checks/check-definition';
import { grantedCalls } from '../../src/lib/checks/check-policy';
import { CHECKS } from '../../src/lib/checks/registry';
import { accountSummary, awsError, callerIdentity, passwordPolicy, type FakeScript } from '../support/fake-aws';
import {
	attached,
	credentialReport,
	credentialReportCsv,
	getUser,
	groupPolicy,
	groupsForUser,
	loginProfile,
	mfaDevices,
	names,
	policy,
	policyVersion,
	reportComplete,
	reportRow,
	requireMfaPolicy,
	userPolicy,
} from '../support/fake-iam-replies';
import { reportCsv, reportLine } from '../support/credential-report-rows';
import { fakeAwsPerTest } from '../support/fake-aws-per-test';
import { runCheck } from '../support/run-check';

/**
 * AccessDenied on each declared call of every registered check, derived from its `calls`: a
 * new check or a new call is covered without editing this file, once the check has a script
 * below under which all its calls succeed. The fake lets a test refuse any one call, which
 * moto's authorization mode cannot.
 */
const USER_ARN = 'arn:aws:iam::123456789012:user/alice';
const MANAGED = 'arn:aws:iam::123456789012:policy/RequireMFA';

const aws = fakeAwsPerTest();

async function runAgainst(check: AnyCheck, script: FakeScript, input: CheckInput = {}) {
	await aws.start(script);
	return runCheck(check, { input });
}

/** A script under which every declared call of the check succeeds (the simulator refused, so the fallback runs too). */
function happyScript(id: string): { script: FakeScript; input?: CheckInput } {
	const user = callerIdentity(USER_ARN);
	switch (id) {
		case 'mfa':
			return {
				script: {
					GetCallerIdentity: user,
					ListMFADevices: mfaDevices('alice', ['arn:aws:iam::123456789012:mfa/alice-phone']),
					GetLoginProfile: loginProfile('alice'),
				},
			};
		case 'root-user':
			return {
				script: {
					GetCallerIdentity: user,
					GetAccountSummary: accountSummary({
						AccountMFAEnabled: 1,
						AccountPasswordPresent: 1,
						AccountAccessKeysPresent: 0,
						AccountSigningCertificatesPresent: 0,
					}),
				},
			};
		case 'backup-device':
			return {
				script: {
					GetCallerIdentity: user,
					ListMFADevices: mfaDevices('alice', ['arn:aws:iam::123456789012:mfa/a', 'arn:aws:iam::123456789012:mfa/b']),
				},
			};
		case 'users-without-mfa':
			return {
				script: {
					GetCallerIdentity: user,
					GenerateCredentialReport: reportComplete,
					GetCredentialReport: credentialReport([reportRow('alice', true, true)]),
				},
			};
		case 'unused-credentials':
		case 'access-keys':
			return {
				script: {
					GetCallerIdentity: user,
					GenerateCredentialReport: reportComplete,
					GetCredentialReport: credentialReportCsv(
						reportCsv([
							reportLine('alice', { keys: [{ active: true, rotated: new Date().toISOString(), used: new Date().toISOString() }] }),
						]),
					),
				},
			};
		case 'mfa-policy':
			return {
				input: { userName: 'mfa-tester' },
				script: {
					GetCallerIdentity: user,
					GetUser: getUser('mfa-tester'),
					SimulatePrincipalPolicy: awsError('AccessDenied', 403),
					ListUserPolicies: names('ListUserPolicies', ['Inline']),
					GetUserPolicy: userPolicy('mfa-tester', 'Inline', { Version: '2012-10-17', Statement: [] }),
					ListAttachedUserPolicies: attached('ListAttachedUserPolicies', [{ name: 'RequireMFA', arn: MANAGED }]),
					GetPolicy: policy(MANAGED),
					GetPolicyVersion: policyVersion(requireMfaPolicy()),
					ListGroupsForUser: groupsForUser(['mfa-test']),
					ListGroupPolicies: names('ListGroupPolicies', ['GroupInline']),
					GetGroupPolicy: groupPolicy('mfa-test', 'GroupInline', { Version: '2012-10-17', Statement: [] }),
					ListAttachedGroupPolicies: attached('ListAttachedGroupPolicies', [{ name: 'RequireMFA', arn: MANAGED }]),
				},
			};
		case 'password-policy':
			return { script: { GetAccountPasswordPolicy: passwordPolicy({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }) } };
		default:
			throw new Error(`No fake script for the check "${id}": add one to happyScript in tests/integration/checks-access-denied.test.ts.`);
	}
}

const callingChecks = CHECKS.filter((check) => grantedCalls(check.calls).length > 0);
const denialCases = callingChecks.flatMap((check) => grantedCalls(check.calls).map((call) => [check.id, call.action, check] as const));

describe('AccessDenied on each declared call (fake AWS)', () => {
	it('covers every declared call that needs a permission', () => {
		expect(denialCases.length).toBe(CHECKS.reduce((count, check) => count + grantedCalls(check.calls).length, 0));
		expect(new Set(denialCases.map(([id]) => id))).toEqual(new Set(callingChecks.map((check) => check.id)));
	});

	it.each(callingChecks.map((check) => [check.id, check] as const))(
		'%s: the happy script makes every declared call and passes',
		async (id, check) => {
			const { script, input } = happyScript(id);
			const { status, body } = await runAgainst(check, script, input);
			for (const call of grantedCalls(check.calls))
				expect(aws.fake.calls[call.action.split(':')[1]!], `${id} calls ${call.action}`).toBeGreaterThan(0);
			expect(status).toBe(200);
			expect(body.verdict).toBe('pass');
		},
	);

	it.each(denialCases)('%s: %s denied is named, with the check policy', async (id, action, check) => {
		const { script, input } = happyScript(id);
		const { body } = await runAgainst(
			check,
			{ ...script, [action.split(':')[1]!]: awsError('AccessDenied', 403, `User is not authorized to perform: ${action}`) },
			input,
		);
		expect(body.errors).toContainEqual({ action, code: 'access-denied', message: expect.stringContaining(action) });
		expect(body.minimalPolicy?.Statement.flatMap((statement) => statement.Action)).toContain(action);
		expect(body.verdict).not.toBe('fail');
		// A check that learned nothing says so, and why: access denied, with the policy beside it. (A
		// denied call a verdict does not need, or one with a fallback, still leaves a pass standing.)
		if (body.verdict === 'unknown') expect(body.couldNotCheck?.cause).toBe('access-denied');
		else expect(body.couldNotCheck).toBeUndefined();
		expect(JSON.stringify(body)).not.toContain('User is not authorized');
	});
});
