import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Identity, RootAccount } from '../../src/lib/checks/result-schema';
import type { ProfileSettings } from '../../src/lib/checks/aws-config-file';
import { decideBackupDevice } from '../../src/lib/checks/backup-device';
import type { Decision } from '../../src/lib/checks/check-definition';
import { decideCliMfa, type CliMfaAnswers } from '../../src/lib/checks/cli-mfa';
import { decideIdentityCenter } from '../../src/lib/checks/identity-center';
import { decideMfaPolicy, type MfaPolicyAnswers } from '../../src/lib/checks/mfa-policy';
import { decideRootUser } from '../../src/lib/checks/root-user';
import { decideUsersWithoutMfa } from '../../src/lib/checks/users-without-mfa';
import { ROOT } from '../support/paths';

const USER: Identity = {
	type: 'iam-user',
	arn: 'arn:aws:iam::123456789012:user/alice',
	account: '123456789012',
	partition: 'aws',
	userName: 'alice',
};
const ROOT_ID: Identity = { type: 'root', arn: 'arn:aws:iam::123456789012:root', account: '123456789012', partition: 'aws' };
const ROLE: Identity = {
	type: 'assumed-role',
	arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/ci',
	account: '123456789012',
	partition: 'aws',
	roleName: 'Deploy',
	sessionName: 'ci',
};
const UNKNOWN: Identity = { type: 'unknown', arn: null, account: null, partition: null };

/** The number of steps in each guide, read from its `<Steps>` list, so advice links can be checked. */
function stepCount(guide: string): number {
	const text = readFileSync(join(ROOT, 'src/content/guides', guide, 'index.mdx'), 'utf8');
	const steps = text.slice(text.indexOf('<Steps>'), text.indexOf('</Steps>'));
	return [...steps.matchAll(/^(\d+)\. /gm)].length;
}

/** Every advice link points at a step that exists in its guide. */
function expectAdviceStepsExist(decision: Decision) {
	for (const advice of decision.advice) {
		const match = /^\/guides\/([^/]+)\/(?:#step-(\d+))?$/.exec(advice.guideStep ?? '');
		expect(match, `advice ${advice.id} links ${advice.guideStep}`).not.toBeNull();
		if (match![2]) expect(Number(match![2])).toBeLessThanOrEqual(stepCount(match![1]!));
	}
}
const stepsOf = (decision: Decision) => decision.advice.map((advice) => advice.guideStep);

describe('decideRootUser', () => {
	const facts = (overrides: Partial<RootAccount>): RootAccount => ({
		mfaEnabled: true,
		passwordPresent: true,
		accessKeysPresent: false,
		signingCertificatesPresent: false,
		...overrides,
	});
	it.each([
		['MFA on, no keys', facts({}), 'pass', ['/guides/protect-root-user/#step-4']],
		[
			'no password (central root access), no MFA',
			facts({ mfaEnabled: false, passwordPresent: false }),
			'pass',
			['/guides/protect-root-user/#step-8'],
		],
		['password and no MFA', facts({ mfaEnabled: false }), 'fail', ['/guides/protect-root-user/#step-3']],
		['MFA but access keys', facts({ accessKeysPresent: true }), 'fail', ['/guides/protect-root-user/#step-5']],
		['MFA but a signing certificate', facts({ signingCertificatesPresent: true }), 'fail', ['/guides/protect-root-user/#step-5']],
		[
			'everything wrong',
			facts({ mfaEnabled: false, accessKeysPresent: true, signingCertificatesPresent: true }),
			'fail',
			['/guides/protect-root-user/#step-3', '/guides/protect-root-user/#step-5', '/guides/protect-root-user/#step-5'],
		],
		['summary unreadable', null, 'unknown', ['/guides/protect-root-user/#step-9']],
	])('%s: %s', (_name, root, verdict, steps) => {
		const decision = decideRootUser(root);
		expect(decision.verdict).toBe(verdict);
		expect(stepsOf(decision)).toEqual(steps);
		expectAdviceStepsExist(decision);
	});
});

describe('decideBackupDevice', () => {
	const virtual = (name: string) => ({ serial: `arn:aws:iam::123456789012:mfa/${name}`, type: 'virtual' as const, enabledAt: null });
	const sms = { serial: 'arn:aws:iam::123456789012:sms-mfa/alice', type: 'sms' as const, enabledAt: null };
	it.each([
		['two devices', USER, [virtual('a'), virtual('b')], 'pass', ['/guides/backup-mfa-device/#step-4']],
		['root with two devices', ROOT_ID, [virtual('a'), virtual('b')], 'pass', ['/guides/backup-mfa-device/#step-4']],
		['two devices and an SMS one', USER, [virtual('a'), virtual('b'), sms], 'warn', ['/guides/backup-mfa-device/#step-7']],
		['one device', USER, [virtual('a')], 'fail', ['/guides/backup-mfa-device/#step-3']],
		[
			'one device and an SMS one',
			USER,
			[virtual('a'), sms],
			'fail',
			['/guides/backup-mfa-device/#step-3', '/guides/backup-mfa-device/#step-7'],
		],
		['no device', USER, [], 'fail', ['/guides/turn-on-mfa-aws/#step-3']],
		['only SMS', USER, [sms], 'fail', ['/guides/turn-on-mfa-aws/#step-3', '/guides/backup-mfa-device/#step-7']],
		['an assumed role', ROLE, null, 'not-applicable', ['/guides/identity-center-mfa/#step-6']],
		['devices unreadable', USER, null, 'unknown', ['/guides/backup-mfa-device/#step-8']],
		['unknown identity', UNKNOWN, null, 'unknown', []],
	] as const)('%s: %s', (_name, identity, devices, verdict, steps) => {
		const decision = decideBackupDevice(identity, devices === null ? null : [...devices]);
		expect(decision.verdict).toBe(verdict);
		expect(stepsOf(decision)).toEqual(steps);
		expectAdviceStepsExist(decision);
	});
});

describe('decideMfaPolicy', () => {
	const target = { userName: 'mfa-tester', arn: 'arn:aws:iam::123456789012:user/mfa-tester' };
	const all = (decision: 'allowed' | 'explicitDeny' | 'implicitDeny') => ({
		's3:ListAllMyBuckets': decision,
		'ec2:DescribeInstances': decision,
		'iam:ListUsers': decision,
	});
	type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
	const simulated = (withoutMfa: Decision, accessKey: Decision, withMfa: Decision): MfaPolicyAnswers => ({
		target,
		method: 'simulation',
		simulatorError: null,
		simulation: { withoutMfa: all(withoutMfa), accessKey: all(accessKey), withMfa: all(withMfa) },
		denies: null,
		documentsRead: null,
	});
	const evaluated = (withoutMfa: Decision, accessKey: Decision, withMfa: Decision): MfaPolicyAnswers => ({
		target,
		method: 'local-evaluation',
		simulatorError: 'access-denied',
		simulation: { withoutMfa: all(withoutMfa), accessKey: all(accessKey), withMfa: all(withMfa) },
		denies:
			withoutMfa === 'explicitDeny' ? [{ source: 'group mfa-test, attached policy RequireMFA', sid: 'DenyAllExceptListedIfNoMFA' }] : [],
		documentsRead: 2,
	});
	const nothing: MfaPolicyAnswers = {
		target: null,
		method: null,
		simulatorError: null,
		simulation: null,
		denies: null,
		documentsRead: null,
	};
	it.each([
		[
			'simulation: denied without MFA and with a key, allowed with MFA',
			simulated('explicitDeny', 'explicitDeny', 'allowed'),
			USER,
			undefined,
			'pass',
			['/guides/require-mfa-policy/#step-6'],
		],
		[
			'simulation: allowed without MFA',
			simulated('allowed', 'allowed', 'allowed'),
			USER,
			undefined,
			'fail',
			['/guides/require-mfa-policy/#step-5'],
		],
		[
			'simulation: an access key alone still works (Bool)',
			simulated('explicitDeny', 'allowed', 'allowed'),
			USER,
			undefined,
			'warn',
			['/guides/require-mfa-policy/#step-2'],
		],
		[
			'simulation: denied even with MFA',
			simulated('implicitDeny', 'implicitDeny', 'implicitDeny'),
			USER,
			undefined,
			'warn',
			['/guides/require-mfa-policy/#step-1'],
		],
		[
			'local evaluation: denied without MFA and with a key, not denied with MFA (the policy grants nothing itself)',
			evaluated('explicitDeny', 'explicitDeny', 'implicitDeny'),
			USER,
			undefined,
			'pass',
			['/guides/require-mfa-policy/#step-6'],
		],
		[
			'local evaluation: allowed with MFA too',
			evaluated('explicitDeny', 'explicitDeny', 'allowed'),
			USER,
			undefined,
			'pass',
			['/guides/require-mfa-policy/#step-6'],
		],
		[
			'local evaluation: an access key alone is not denied (Bool)',
			evaluated('explicitDeny', 'implicitDeny', 'implicitDeny'),
			USER,
			undefined,
			'warn',
			['/guides/require-mfa-policy/#step-2'],
		],
		[
			'local evaluation: nothing denies without MFA',
			evaluated('allowed', 'allowed', 'allowed'),
			USER,
			undefined,
			'fail',
			['/guides/require-mfa-policy/#step-5'],
		],
		[
			'local evaluation: denied even with MFA',
			evaluated('explicitDeny', 'explicitDeny', 'explicitDeny'),
			USER,
			undefined,
			'warn',
			['/guides/require-mfa-policy/#step-1'],
		],
		['neither method worked', { ...nothing, target }, USER, undefined, 'unknown', ['/guides/require-mfa-policy/#step-4']],
		['a named user that could not be read', nothing, USER, 'nobody', 'unknown', ['/guides/require-mfa-policy/#step-1']],
		['a role and no user name', nothing, ROLE, undefined, 'not-applicable', ['/guides/require-mfa-policy/#step-1']],
		['unknown identity', nothing, UNKNOWN, undefined, 'unknown', []],
	])('%s: %s', (_name, answers, identity, requested, verdict, steps) => {
		const decision = decideMfaPolicy(answers, identity, requested);
		expect(decision.verdict).toBe(verdict);
		expect(stepsOf(decision)).toEqual(steps);
		expectAdviceStepsExist(decision);
	});

	it('says which method decided', () => {
		expect(decideMfaPolicy(simulated('explicitDeny', 'explicitDeny', 'allowed'), USER).facts).toContainEqual({
			label: 'Decided by',
			value: 'IAM policy simulator (iam:SimulatePrincipalPolicy)',
		});
		const local = decideMfaPolicy(evaluated('explicitDeny', 'explicitDeny', 'implicitDeny'), USER).facts;
		expect(local).toContainEqual({
			label: 'Decided by',
			value: "Evaluating the user's inline, attached and group policies locally (optional add-on @cloud-copilot/iam-simulate)",
		});
		expect(local).toContainEqual({ label: 'Denied by', value: 'group mfa-test, attached policy RequireMFA (DenyAllExceptListedIfNoMFA)' });
		expect(local).toContainEqual({ label: 'Denied without MFA', value: 's3:ListAllMyBuckets, ec2:DescribeInstances, iam:ListUsers' });
	});

	it('without the add-on, a refused simulator is "could not check: access denied", never a verdict', () => {
		const decision = decideMfaPolicy({ ...nothing, target, simulatorError: 'access-denied' }, USER);
		expect(decision.verdict).toBe('unknown');
		expect(decision.summary).toBe(
			'Could not check mfa-tester: access denied. These credentials may not call iam:SimulatePrincipalPolicy; attach the minimal policy below and check again.',
		);
		expect(stepsOf(decision)).toEqual(['/guides/require-mfa-policy/#step-4']);
		expect(decideMfaPolicy({ ...nothing, target, simulatorError: 'throttled' }, USER).summary).toBe(
			'Could not read the policies of mfa-tester.',
		);
	});
});

describe('decideCliMfa', () => {
	const settings: ProfileSettings = { roleArn: null, mfaSerial: null, sourceProfile: null, sso: false, credentialProcess: false };
	const answers = (overrides: Partial<ProfileSettings> | null, fileFound = true): CliMfaAnswers => ({
		configFile: '~/.aws/config',
		profile: 'admin',
		fileFound,
		settings: overrides === null ? null : { ...settings, ...overrides },
	});
	const role = 'arn:aws:iam::123456789012:role/Admin';
	const serial = 'arn:aws:iam::123456789012:mfa/alice-phone';
	it.each([
		[
			'role_arn and mfa_serial',
			answers({ roleArn: role, mfaSerial: serial, sourceProfile: 'alice' }),
			'pass',
			['/guides/mfa-aws-cli/#step-7'],
		],
		['role_arn without mfa_serial', answers({ roleArn: role }), 'fail', ['/guides/mfa-aws-cli/#step-5']],
		['plain keys profile', answers({}), 'fail', ['/guides/mfa-aws-cli/#step-5']],
		['mfa_serial without role_arn', answers({ mfaSerial: serial }), 'warn', ['/guides/mfa-aws-cli/#step-5']],
		['an Identity Center profile', answers({ sso: true }), 'not-applicable', ['/guides/identity-center-mfa/#step-3']],
		['credential_process', answers({ credentialProcess: true }), 'unknown', ['/guides/mfa-aws-cli/#step-5']],
		['the profile is missing', answers(null), 'unknown', ['/guides/mfa-aws-cli/#step-5']],
		['the file is missing', answers(null, false), 'unknown', ['/guides/mfa-aws-cli/#step-5']],
	])('%s: %s', (_name, input, verdict, steps) => {
		const decision = decideCliMfa(input);
		expect(decision.verdict).toBe(verdict);
		expect(stepsOf(decision)).toEqual(steps);
		expectAdviceStepsExist(decision);
	});
});

describe('decideUsersWithoutMfa', () => {
	const report = (overrides: Partial<NonNullable<Parameters<typeof decideUsersWithoutMfa>[0]>>) => ({
		generatedAt: '2026-11-29T10:00:00.000Z',
		ageSeconds: 3720,
		userCount: 2,
		consoleUsersWithoutMfa: [],
		usersWithoutMfa: [],
		root: { mfaActive: true, passwordEnabled: null },
		...overrides,
	});
	const bob = { userName: 'bob', arn: 'arn:aws:iam::123456789012:user/bob' };
	const carol = { userName: 'carol', arn: 'arn:aws:iam::123456789012:user/carol' };
	it.each([
		['everyone has MFA', report({}), 'pass', ['/guides/find-users-without-mfa/#step-6']],
		['a user without MFA and without a password', report({ usersWithoutMfa: [carol] }), 'warn', ['/guides/find-users-without-mfa/#step-5']],
		[
			'a console user without MFA',
			report({ consoleUsersWithoutMfa: [bob], usersWithoutMfa: [bob, carol] }),
			'fail',
			['/guides/find-users-without-mfa/#step-5'],
		],
		['root without MFA', report({ root: { mfaActive: false, passwordEnabled: null } }), 'fail', ['/guides/protect-root-user/#step-3']],
		['no report', null, 'unknown', ['/guides/find-users-without-mfa/#step-2']],
	])('%s: %s', (_name, input, verdict, steps) => {
		const decision = decideUsersWithoutMfa(input);
		expect(decision.verdict).toBe(verdict);
		expect(stepsOf(decision)).toEqual(steps);
		expectAdviceStepsExist(decision);
	});

	it('names the users and the report age', () => {
		const decision = decideUsersWithoutMfa(report({ consoleUsersWithoutMfa: [bob], usersWithoutMfa: [bob, carol] }));
		expect(decision.summary).toBe('Can sign in to the console without MFA: bob.');
		expect(decision.lists).toEqual([
			{ label: 'Console password and no MFA (Security Hub CSPM IAM.5)', items: ['bob'] },
			{ label: 'No MFA at all (Security Hub CSPM IAM.19)', items: ['bob', 'carol'] },
		]);
		expect(decision.facts.find((fact) => fact.label === 'Report generated')?.value).toContain('1 h 2 min ago');
	});
});

describe('decideIdentityCenter', () => {
	it('never passes or fails, says there is no API and links the console and step 2', () => {
		const decision = decideIdentityCenter();
		expect(decision.verdict).toBe('unknown');
		expect(decision.summary).toContain('knows of no AWS API');
		expect(decision.advice[0]).toMatchObject({
			guideStep: '/guides/identity-center-mfa/#step-2',
			docsUrl: 'https://console.aws.amazon.com/singlesignon/home',
		});
		expectAdviceStepsExist(decision);
	});
});
