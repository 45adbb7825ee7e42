import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnyCheck, CheckInput } from '../../src/lib/checks/check-definition';
import { grantedCalls } from '../../src/lib/checks/check-policy';
import { CHECKS, findCheck } from '../../src/lib/checks/registry';
import { accountSummary, awsError, callerIdentity, startFakeAws, type FakeScript, type RunningFake } from '../support/fake-aws';
import {
	attached,
	credentialReport,
	everyProbe,
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
	simulation,
	userPolicy,
} from '../support/fake-iam-replies';
import { awsEnvFor } from '../support/moto';
import { runCheck } from '../support/run-check';

/**
 * What moto cannot do: the IAM policy simulator, and AccessDenied on any one call chosen by
 * the test. The fake speaks the Query protocol, so these go through the real SDK too.
 */
const USER_ARN = 'arn:aws:iam::123456789012:user/alice';
const MANAGED = 'arn:aws:iam::123456789012:policy/RequireMFA';

let fake: RunningFake | undefined;
afterEach(async () => {
	await fake?.stop();
	fake = undefined;
});
beforeAll(() => {
	delete process.env.AWS_PROFILE;
});

async function runAgainst(check: AnyCheck, script: FakeScript, input: CheckInput = {}) {
	fake = await startFakeAws(script);
	Object.assign(process.env, awsEnvFor(fake.url));
	return runCheck(check, { input });
}

describe('mfa-policy through the policy simulator (fake AWS)', () => {
	it.each([
		['denied without MFA and with a key alone, allowed with MFA', ['explicitDeny', 'explicitDeny', 'allowed'], 'pass'],
		['allowed without MFA', ['allowed', 'allowed', 'allowed'], 'fail'],
		['a key alone still allowed (Bool)', ['explicitDeny', 'allowed', 'allowed'], 'warn'],
	] as const)('%s: %s', async (_name, [withoutMfa, accessKey, withMfa], verdict) => {
		const { body } = await runAgainst(
			findCheck('mfa-policy')!,
			{
				GetCallerIdentity: callerIdentity(USER_ARN),
				GetUser: getUser('mfa-tester'),
				SimulatePrincipalPolicy: [simulation(everyProbe(withoutMfa)), simulation(everyProbe(accessKey)), simulation(everyProbe(withMfa))],
			},
			{ userName: 'mfa-tester' },
		);
		expect(body.method).toBe('simulation');
		expect(body.verdict).toBe(verdict);
		expect(body.simulation?.withMfa).toEqual(everyProbe(withMfa));
		expect(body.errors).toEqual([]);
		expect(fake!.calls).toEqual({ GetCallerIdentity: 1, GetUser: 1, SimulatePrincipalPolicy: 3 });
	});
});

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
		default:
			throw new Error(`No fake script for the check "${id}": add one to happyScript in tests/integration/checks-fake.test.ts.`);
	}
}

const denialCases = CHECKS.flatMap((check) => grantedCalls(check.calls).map((call) => [check.id, call.action] as const));

describe('AccessDenied on each declared call (fake AWS)', () => {
	it('covers every check that calls AWS', () => {
		expect(new Set(denialCases.map(([id]) => id))).toEqual(
			new Set(CHECKS.filter((check) => grantedCalls(check.calls).length > 0).map((check) => check.id)),
		);
	});

	it.each(CHECKS.filter((check) => grantedCalls(check.calls).length > 0).map((check) => [check.id]))(
		'%s: the happy script makes every declared call and passes',
		async (id) => {
			const { script, input } = happyScript(id);
			const { body } = await runAgainst(findCheck(id)!, script, input);
			for (const call of grantedCalls(findCheck(id)!.calls))
				expect(fake!.calls[call.action.split(':')[1]!], `${id} calls ${call.action}`).toBeGreaterThan(0);
			expect(body.verdict).toBe('pass');
		},
	);

	it.each(denialCases)('%s: %s denied is named, with the check policy', async (id, action) => {
		const { script, input } = happyScript(id);
		const { body } = await runAgainst(
			findCheck(id)!,
			{ ...script, [action.split(':')[1]!]: awsError('AccessDenied', 403, `User is not authorized to perform: ${action}`) },
			input,
		);
		expect(body.errors).toContainEqual({ action, code: 'access-denied', message: expect.stringContaining(action) });
		expect(body.minimalPolicy?.Statement.flatMap((statement) => statement.Action)).toContain(action);
		expect(body.verdict).not.toBe('fail');
		expect(JSON.stringify(body)).not.toContain('User is not authorized');
	});
});
