import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyCheck, CheckInput } from '../../src/lib/checks/check-definition';
import { findCheck } from '../../src/lib/checks/registry';
import { awsError, callerIdentity, type FakeScript } from '../support/fake-aws';
import { everyProbe, getUser, simulation } from '../support/fake-iam-replies';
import { fakeAwsPerTest } from '../support/fake-aws-per-test';
import { runCheck } from '../support/run-check';

/**
 * What moto cannot do: the IAM policy simulator. The fake speaks the Query protocol, so this
 * goes through the real SDK too.
 */
const USER_ARN = 'arn:aws:iam::123456789012:user/alice';

const aws = fakeAwsPerTest();

async function runAgainst(check: AnyCheck, script: FakeScript, input: CheckInput = {}) {
	await aws.start(script);
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
		expect(aws.fake.calls).toEqual({ GetCallerIdentity: 1, GetUser: 1, SimulatePrincipalPolicy: 3 });
	});
});

describe('mfa-policy without the optional evaluator add-on (fake AWS)', () => {
	// The tests install the add-on; this is how the server runs where the site owner has not.
	afterEach(() => vi.unstubAllEnvs());

	it('a refused simulator is "could not check: access denied" with the policy that grants it, and no policy is read', async () => {
		vi.stubEnv('STEPCHECK_LOCAL_EVALUATION', 'off');
		const { status, body } = await runAgainst(
			findCheck('mfa-policy')!,
			{
				GetCallerIdentity: callerIdentity(USER_ARN),
				GetUser: getUser('mfa-tester'),
				SimulatePrincipalPolicy: awsError('AccessDenied', 403),
			},
			{ userName: 'mfa-tester' },
		);
		expect(status).toBe(200);
		expect(body.verdict).toBe('unknown');
		expect(body.method).toBeNull();
		expect(body.simulatorError).toBe('access-denied');
		expect(body.summary).toMatch(/^Could not check mfa-tester: access denied\./);
		expect(body.errors.map((error) => [error.action, error.code])).toEqual([['iam:SimulatePrincipalPolicy', 'access-denied']]);
		// Only what the simulator path needs: no policy reads, which only the add-on could use.
		const actions = (body.minimalPolicy?.Statement ?? []).flatMap((statement) => [statement.Action].flat());
		expect(actions.sort()).toEqual(['iam:GetUser', 'iam:SimulatePrincipalPolicy']);
		expect(aws.fake.calls).toEqual({ GetCallerIdentity: 1, GetUser: 1, SimulatePrincipalPolicy: 1 });
	});
});
