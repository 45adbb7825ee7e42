import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import {
	evaluateMfaRequirement,
	evaluationFailure,
	loadPolicyEvaluator,
	parsePolicyDocument,
	POLICY_EVALUATOR_PACKAGE,
} from '../../src/lib/checks/mfa-policy-evaluation';
import { requireMfaPolicy } from '../support/fake-iam-replies';

/** The local fallback of the mfa-policy check, on plain policy documents (no AWS). */
const ALICE = 'arn:aws:iam::123456789012:user/alice';
const readOnly = {
	Version: '2012-10-17',
	Statement: [{ Effect: 'Allow', Action: ['s3:List*', 'ec2:Describe*', 'iam:List*'], Resource: '*' }],
};
const everyProbe = (decision: string) => ({
	's3:ListAllMyBuckets': decision,
	'ec2:DescribeInstances': decision,
	'iam:ListUsers': decision,
});
const group = (document: unknown) => ({ source: 'group mfa-test, attached policy RequireMFA', document });

describe('loadPolicyEvaluator: the optional add-on', () => {
	it('loads the evaluator where the site owner installed the package (the tests install it)', async () => {
		expect(POLICY_EVALUATOR_PACKAGE).toBe('@cloud-copilot/iam-simulate');
		expect(await loadPolicyEvaluator({})).toBe(runSimulation);
	});

	it('is null where the package is not installed, without throwing', async () => {
		expect(await loadPolicyEvaluator({}, '@cloud-copilot/no-such-package-here')).toBeNull();
	});

	it('is null when the site owner turns it off with STEPCHECK_LOCAL_EVALUATION=off', async () => {
		expect(await loadPolicyEvaluator({ STEPCHECK_LOCAL_EVALUATION: 'off' })).toBeNull();
	});
});

describe('evaluateMfaRequirement', () => {
	it('BoolIfExists: denied without MFA and with an access key alone, allowed with MFA', async () => {
		const { evaluation, denies } = await evaluateMfaRequirement(runSimulation, ALICE, [
			group(requireMfaPolicy('BoolIfExists')),
			{ source: 'user alice, attached policy ReadOnly', document: readOnly },
		]);
		expect(evaluation).toEqual({
			withoutMfa: everyProbe('explicitDeny'),
			accessKey: everyProbe('explicitDeny'),
			withMfa: everyProbe('allowed'),
		});
		expect(denies).toEqual([{ source: 'group mfa-test, attached policy RequireMFA', sid: 'DenyAllExceptListedIfNoMFA' }]);
	});

	it('Bool: an access key alone (MFA key absent) is not denied', async () => {
		const { evaluation } = await evaluateMfaRequirement(runSimulation, ALICE, [
			group(requireMfaPolicy('Bool')),
			{ source: 'read-only', document: readOnly },
		]);
		expect(evaluation.withoutMfa).toEqual(everyProbe('explicitDeny'));
		expect(evaluation.accessKey).toEqual(everyProbe('allowed'));
		expect(evaluation.withMfa).toEqual(everyProbe('allowed'));
	});

	it('no MFA condition: allowed in every context, and no deny is named', async () => {
		const { evaluation, denies } = await evaluateMfaRequirement(runSimulation, ALICE, [{ source: 'read-only', document: readOnly }]);
		expect(evaluation).toEqual({ withoutMfa: everyProbe('allowed'), accessKey: everyProbe('allowed'), withMfa: everyProbe('allowed') });
		expect(denies).toEqual([]);
	});

	it('no policies at all: implicitly denied everywhere', async () => {
		const { evaluation } = await evaluateMfaRequirement(runSimulation, ALICE, []);
		expect(evaluation.withoutMfa).toEqual(everyProbe('implicitDeny'));
	});

	it('a Deny that requires MFA to be true is not a deny without MFA', async () => {
		const onlyWithMfa = {
			Version: '2012-10-17',
			Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
		};
		const { evaluation } = await evaluateMfaRequirement(runSimulation, ALICE, [
			{ source: 'odd', document: onlyWithMfa },
			{ source: 'ro', document: readOnly },
		]);
		expect(evaluation.withoutMfa).toEqual(everyProbe('allowed'));
		expect(evaluation.withMfa).toEqual(everyProbe('explicitDeny'));
	});

	it('names the policy the evaluator cannot read', async () => {
		const broken = { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] };
		await expect(
			evaluateMfaRequirement(runSimulation, ALICE, [{ source: 'user alice, inline policy Broken', document: broken }]),
		).rejects.toThrow(/could not read user alice, inline policy Broken/);
	});
});

describe('parsePolicyDocument', () => {
	const document = { Version: '2012-10-17', Statement: [] };
	it('reads JSON and the URL-encoded JSON IAM returns', () => {
		expect(parsePolicyDocument(JSON.stringify(document))).toEqual(document);
		expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(document)))).toEqual(document);
	});
	it('calls anything else an unreadable answer', () => {
		expect(() => parsePolicyDocument('not a policy %')).toThrow(expect.objectContaining({ name: 'UnreadableResponseError' }));
	});
});

describe('evaluationFailure', () => {
	it('never shows the message of an unexpected failure, which may name server paths', () => {
		const failure = evaluationFailure(new Error("ENOENT: no such file or directory, open '/srv/app/node_modules/data/serviceNames.json'"));
		expect(failure.message).toBe('The local policy evaluator failed. Check with the policy simulator by hand.');
		expect(JSON.stringify(failure)).not.toMatch(/ENOENT|\/srv\//);
	});
});
