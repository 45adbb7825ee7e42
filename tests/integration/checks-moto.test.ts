import {
	AddUserToGroupCommand,
	AttachGroupPolicyCommand,
	CreateGroupCommand,
	CreatePolicyCommand,
	DeleteAccountPasswordPolicyCommand,
	IAMClient,
	PutUserPolicyCommand,
	UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCheck } from '../../src/lib/checks/registry';
import { requireMfaPolicy } from '../support/fake-iam-replies';
import { createMotoUser, startMotoWithAccessDeniedUser, useMotoEnvironment } from '../support/aws-fixtures';
import { startMoto, type RunningMoto } from '../support/moto';
import { runCheck } from '../support/run-check';

type Keys = { accessKeyId: string; secretAccessKey: string };
const SETUP: Keys = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const check = (id: string) => findCheck(id)!;

describe('checks through the SDK against moto', () => {
	let moto: RunningMoto;
	let iam: IAMClient;

	const user = (name: string, options: { devices?: number; password?: boolean } = {}): Promise<Keys> => createMotoUser(iam, name, options);

	beforeAll(async () => {
		moto = await startMoto();
		useMotoEnvironment(moto);
		iam = new IAMClient({ credentials: SETUP });
	});
	afterAll(async () => moto?.stop());

	it('root-user: reads the account summary; moto reports root without MFA and no password field, so it fails with step 3', async () => {
		const { status, body } = await runCheck(check('root-user'), { credentials: await user('admin-root') });
		expect(status).toBe(200);
		expect(body.root).toEqual({ mfaEnabled: false, passwordPresent: true, accessKeysPresent: false, signingCertificatesPresent: false });
		expect(body.verdict).toBe('fail');
		expect(body.advice.map((advice) => advice.guideStep)).toEqual(['/guides/protect-root-user/#step-3']);
		expect(body.errors).toEqual([]);
	});

	it.each([
		['two devices', 2, 'pass', '/guides/backup-mfa-device/#step-4'],
		['one device', 1, 'fail', '/guides/backup-mfa-device/#step-3'],
		['no device', 0, 'fail', '/guides/turn-on-mfa-aws/#step-3'],
	])('backup-device: %s is %s', async (name, devices, verdict, step) => {
		const { body } = await runCheck(check('backup-device'), { credentials: await user(`backup-${devices}`, { devices }) });
		expect(body.verdict).toBe(verdict);
		expect(body.devices).toHaveLength(devices);
		expect(body.identity?.userName).toBe(`backup-${devices}`);
		expect(body.advice[0]?.guideStep).toBe(step);
	});

	describe('mfa-policy (moto has no SimulatePrincipalPolicy, so the policies are evaluated locally)', () => {
		beforeAll(async () => {
			await iam.send(new CreateGroupCommand({ GroupName: 'mfa-test' }));
			const created = await iam.send(
				new CreatePolicyCommand({ PolicyName: 'RequireMFA', PolicyDocument: JSON.stringify(requireMfaPolicy()) }),
			);
			await iam.send(new AttachGroupPolicyCommand({ GroupName: 'mfa-test', PolicyArn: created.Policy!.Arn! }));
		});

		it('passes a user in a group with the RequireMFA policy, named by the reader', async () => {
			await user('mfa-tester');
			await iam.send(new AddUserToGroupCommand({ GroupName: 'mfa-test', UserName: 'mfa-tester' }));
			const { body } = await runCheck(check('mfa-policy'), { credentials: SETUP, input: { userName: 'mfa-tester' } });
			expect(body.target).toEqual({ userName: 'mfa-tester', arn: 'arn:aws:iam::123456789012:user/mfa-tester' });
			expect(body.method).toBe('local-evaluation');
			expect(body.denies).toEqual([{ source: 'group mfa-test, attached policy RequireMFA', sid: 'DenyAllExceptListedIfNoMFA' }]);
			expect(body.simulation.accessKey).toEqual({
				's3:ListAllMyBuckets': 'explicitDeny',
				'ec2:DescribeInstances': 'explicitDeny',
				'iam:ListUsers': 'explicitDeny',
			});
			expect(body.documentsRead).toBe(1);
			expect(body.verdict).toBe('pass');
			expect(body.errors.map((error) => error.action)).toEqual(['iam:SimulatePrincipalPolicy']);
			expect(body.facts).toContainEqual({
				label: 'Decided by',
				value: "Evaluating the user's inline, attached and group policies locally (optional add-on @cloud-copilot/iam-simulate)",
			});
		});

		it('warns about a signed-in user whose inline Deny uses Bool', async () => {
			const keys = await user('bool-user');
			await iam.send(
				new PutUserPolicyCommand({
					UserName: 'bool-user',
					PolicyName: 'HalfMFA',
					PolicyDocument: JSON.stringify(requireMfaPolicy('Bool')),
				}),
			);
			const { body } = await runCheck(check('mfa-policy'), { credentials: keys });
			expect(body.target?.userName).toBe('bool-user');
			expect(body.verdict).toBe('warn');
			expect(body.advice[0]?.guideStep).toBe('/guides/require-mfa-policy/#step-2');
		});

		it('fails a user with no MFA policy at all', async () => {
			const keys = await user('free-user');
			const { body } = await runCheck(check('mfa-policy'), { credentials: keys });
			expect(body.verdict).toBe('fail');
			expect(body.documentsRead).toBe(0);
			expect(body.advice[0]?.guideStep).toBe('/guides/require-mfa-policy/#step-5');
		});

		it('says so when the named user does not exist', async () => {
			const { body } = await runCheck(check('mfa-policy'), { credentials: SETUP, input: { userName: 'nobody' } });
			expect(body.verdict).toBe('unknown');
			expect(body.errors).toEqual([{ action: 'iam:GetUser', code: 'not-found', message: expect.stringContaining('no such entity') }]);
		});
	});

	it('users-without-mfa: lists the console user without MFA', async () => {
		await user('console-no-mfa', { password: true });
		const { status, body } = await runCheck(check('users-without-mfa'), { credentials: SETUP });
		expect(status).toBe(200);
		expect(body.verdict).toBe('fail');
		expect(body.report?.consoleUsersWithoutMfa.map((entry: { userName: string }) => entry.userName)).toEqual(['console-no-mfa']);
		expect(body.summary).toBe('Can sign in to the console without MFA: console-no-mfa.');
	});
});

describe('password-policy against moto: pass, fail and could not check', () => {
	let moto: RunningMoto;
	let iam: IAMClient;

	beforeAll(async () => {
		moto = await startMoto();
		useMotoEnvironment(moto);
		iam = new IAMClient({ credentials: SETUP });
	});
	afterAll(async () => moto?.stop());

	it('fails an account with no policy of its own (IAM answers NoSuchEntity), linking step 3', async () => {
		await iam.send(new DeleteAccountPasswordPolicyCommand({})).catch(() => undefined);
		const { status, body } = await runCheck(check('password-policy'), { credentials: SETUP });
		expect(status).toBe(200);
		expect(body).toMatchObject({ verdict: 'fail', customPolicy: false, passwordPolicy: null, errors: [] });
		expect(body.advice.map((advice) => advice.guideStep)).toEqual(['/guides/password-policy/#step-3']);
	});

	it('fails a policy of 8 characters that allows reuse, linking steps 4 and 5', async () => {
		await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, AllowUsersToChangePassword: true }));
		const { body } = await runCheck(check('password-policy'), { credentials: SETUP });
		expect(body.verdict).toBe('fail');
		expect(body.passwordPolicy).toMatchObject({ minimumLength: 8, reusePrevention: null, maxAgeDays: null });
		expect(body.advice.map((advice) => advice.guideStep)).toEqual(['/guides/password-policy/#step-4', '/guides/password-policy/#step-5']);
	});

	it('passes the policy the guide sets (14 characters, no reuse of the last 24)', async () => {
		await iam.send(
			new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, AllowUsersToChangePassword: true }),
		);
		const { body } = await runCheck(check('password-policy'), { credentials: SETUP });
		expect(body).toMatchObject({ verdict: 'pass', customPolicy: true, errors: [] });
		expect(body.facts).toContainEqual({ label: 'Prevent reuse', value: 'last 24 passwords' });
	});
});

describe('checks in moto IAM authorization mode (AccessDenied)', () => {
	let moto: RunningMoto;
	let keys: Keys;

	beforeAll(async () => {
		({ moto, keys } = await startMotoWithAccessDeniedUser());
	});
	afterAll(async () => moto?.stop());

	it('root-user names iam:GetAccountSummary and shows its policy', async () => {
		const { status, body } = await runCheck(check('root-user'), { credentials: keys });
		expect(status).toBe(502);
		expect(body.verdict).toBe('unknown');
		expect(body.errors).toEqual([
			{ action: 'iam:GetAccountSummary', code: 'access-denied', message: expect.stringContaining('iam:GetAccountSummary') },
		]);
		expect(body.minimalPolicy?.Statement.flatMap((statement) => statement.Action)).toEqual(['iam:GetAccountSummary']);
		expect(body.couldNotCheck).toEqual({ cause: 'access-denied', message: expect.stringContaining('minimal read-only policy') });
	});

	it('a wrong secret key is "credentials rejected", never a verdict', async () => {
		const { status, body } = await runCheck(check('root-user'), {
			credentials: { ...keys, secretAccessKey: 'wrong' + keys.secretAccessKey.slice(5) },
		});
		expect(status).toBe(502);
		expect(body.verdict).toBe('unknown');
		expect(body.errors[0]?.code).toBe('credentials-invalid');
		expect(body.couldNotCheck?.cause).toBe('credentials-rejected');
	});

	it('mfa-policy names the first denied read of the fallback', async () => {
		const { body } = await runCheck(check('mfa-policy'), { credentials: keys });
		expect(body.verdict).toBe('unknown');
		expect(body.errors.map((error) => error.action)).toContain('iam:SimulatePrincipalPolicy');
		expect(body.errors.some((error) => error.code === 'access-denied' && /^iam:List(User|AttachedUser|GroupsFor)/.test(error.action))).toBe(
			true,
		);
		expect(body.minimalPolicy?.Statement.flatMap((statement) => statement.Action)).toContain('iam:SimulatePrincipalPolicy');
		expect(body.couldNotCheck?.cause).toBe('access-denied');
	});

	it('password-policy could not check: access denied, naming iam:GetAccountPasswordPolicy and its policy', async () => {
		const { status, body } = await runCheck(check('password-policy'), { credentials: keys });
		expect(status).toBe(502);
		expect(body).toMatchObject({ verdict: 'unknown', customPolicy: null, couldNotCheck: { cause: 'access-denied' } });
		expect(body.errors.map((error) => [error.action, error.code])).toEqual([['iam:GetAccountPasswordPolicy', 'access-denied']]);
		expect(body.minimalPolicy?.Statement.flatMap((statement) => statement.Action)).toEqual(['iam:GetAccountPasswordPolicy']);
	});

	it('backup-device still answers with the one permission it needs', async () => {
		const { body } = await runCheck(check('backup-device'), { credentials: keys });
		expect(body.errors).toEqual([]);
		expect(body.verdict).toBe('fail');
	});
});

describe('checks that read no AWS', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'stepcheck-cli-'));
		await writeFile(
			join(dir, 'config'),
			[
				'[profile alice]',
				'aws_access_key_id = AKIAEXAMPLEEXAMPLE12',
				'',
				'[profile admin]',
				'role_arn = arn:aws:iam::123456789012:role/Admin',
				'source_profile = alice',
				'mfa_serial = arn:aws:iam::123456789012:mfa/alice-phone',
			].join('\n'),
		);
	});
	afterAll(async () => rm(dir, { recursive: true, force: true }));

	it.each([
		['admin', 'pass'],
		['alice', 'fail'],
		['missing', 'unknown'],
	])('cli-mfa reads AWS_CONFIG_FILE for profile %s: %s, and never returns a key', async (profile, verdict) => {
		const { body } = await runCheck(check('cli-mfa'), {
			env: { AWS_CONFIG_FILE: join(dir, 'config'), AWS_PROFILE: profile, HOME: '/nonexistent' },
		});
		expect(body.verdict).toBe(verdict);
		expect(body.profile).toBe(profile);
		expect(JSON.stringify(body)).not.toContain('AKIA');
	});

	it('cli-mfa reports a missing config file', async () => {
		const { body } = await runCheck(check('cli-mfa'), { env: { HOME: dir } });
		expect(body).toMatchObject({ verdict: 'unknown', fileFound: false, configFile: '~/.aws/config', profile: 'default' });
	});

	it('identity-center says there is no API and gives no pass or fail', async () => {
		const { status, body } = await runCheck(check('identity-center'));
		expect(status).toBe(200);
		expect(body.verdict).toBe('unknown');
		expect(body.consoleUrl).toBe('https://console.aws.amazon.com/singlesignon/home');
	});
});
