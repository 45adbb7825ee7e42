import { describe, expect, it } from 'vitest';
import type { AnyCheck, CheckInput } from '../../src/lib/checks/check-definition';
import { findCheck } from '../../src/lib/checks/registry';
import { callerIdentity, type FakeScript } from '../support/fake-aws';
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
