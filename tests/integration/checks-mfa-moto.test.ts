import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCheck } from '../../src/lib/checks/registry';
import { createMotoUser, startMotoWithAccessDeniedUser, useMotoEnvironment } from '../support/aws-fixtures';
import { startMoto, type RunningMoto } from '../support/moto';
import { runCheck } from '../support/run-check';

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const SETUP: Keys = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** The mfa check exactly as the endpoint runs it, through endpoint URLs from the environment. */
const check = (keys: Keys) => runCheck(findCheck('mfa')!, { credentials: keys });

describe('mfa and users-without-mfa against moto', () => {
	let moto: RunningMoto;
	let iam: IAMClient;

	const user = (name: string, options: { password?: boolean; devices?: number; path?: string } = {}): Promise<Keys> =>
		createMotoUser(iam, name, options);

	beforeAll(async () => {
		moto = await startMoto();
		useMotoEnvironment(moto);
		iam = new IAMClient({ credentials: SETUP });
	});
	afterAll(async () => moto?.stop());

	it('passes a user with a console password and a virtual device, listing the device', async () => {
		const { status, body } = await check(await user('alice', { password: true, devices: 1, path: '/division/' }));
		expect(status).toBe(200);
		expect(body.identity).toMatchObject({ type: 'iam-user', userName: 'alice', account: '123456789012', partition: 'aws' });
		expect(body.verdict).toBe('pass');
		expect(body.consolePassword).toBe(true);
		expect(body.devices).toEqual([
			{ serial: 'arn:aws:iam::123456789012:mfa/alice-device-0', type: 'virtual', enabledAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
		]);
		expect(body.errors).toEqual([]);
		expect(body.facts).toEqual([{ label: 'Console password', value: 'Yes' }]);
		expect(body.lists?.[0]?.items).toEqual([
			expect.stringMatching(/^Authenticator app \(virtual MFA\), arn:aws:iam::123456789012:mfa\/alice-device-0, enabled \d{4}-/),
		]);
	});

	it('fails a user with a console password and no MFA, pointing at step 3', async () => {
		const { body } = await check(await user('bob', { password: true }));
		expect(body.verdict).toBe('fail');
		expect(body.devices).toEqual([]);
		expect(body.advice[0]?.guideStep).toBe('/guides/turn-on-mfa-aws/#step-3');
	});

	it('gives the weaker finding to a user without a console password', async () => {
		const { body } = await check(await user('carol'));
		expect(body.consolePassword).toBe(false);
		expect(body.verdict).toBe('warn');
	});

	it('lists both devices of a user with two', async () => {
		const { body } = await check(await user('dave', { password: true, devices: 2 }));
		expect(body.verdict).toBe('pass');
		expect(body.devices.map((device: { serial: string }) => device.serial)).toEqual([
			'arn:aws:iam::123456789012:mfa/dave-device-0',
			'arn:aws:iam::123456789012:mfa/dave-device-1',
		]);
	});

	it('calls an assumed role not applicable', async () => {
		await iam.send(
			new CreateRoleCommand({ RoleName: 'Deploy', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }),
		);
		const sts = new STSClient({ credentials: SETUP });
		const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/Deploy', RoleSessionName: 'ci' }));
		const { body } = await check({
			accessKeyId: assumed.Credentials!.AccessKeyId!,
			secretAccessKey: assumed.Credentials!.SecretAccessKey!,
			sessionToken: assumed.Credentials!.SessionToken!,
		});
		expect(body.identity).toMatchObject({ type: 'assumed-role', roleName: 'Deploy', sessionName: 'ci' });
		expect(body.verdict).toBe('not-applicable');
		expect(body.advice[0]?.message).toContain('IAM');
	});

	it('lists the right users in the account posture', async () => {
		const { status, body } = await runCheck(findCheck('users-without-mfa')!, { credentials: SETUP });
		const userNames = (users: Array<{ userName: string }>) => users.map((user) => user.userName);
		expect(status).toBe(200);
		expect(userNames(body.report.consoleUsersWithoutMfa)).toEqual(['bob']);
		expect(userNames(body.report.usersWithoutMfa).sort()).toEqual(['bob', 'carol']);
		expect(body.report.userCount).toBe(4);
		expect(body.verdict).toBe('fail');
		expect(body.lists).toEqual([
			{ label: 'Console password and no MFA (Security Hub CSPM IAM.5)', items: ['bob'] },
			{ label: 'No MFA at all (Security Hub CSPM IAM.19)', items: expect.arrayContaining(['bob', 'carol']) },
		]);
	});
});

describe('mfa against moto in IAM authorization mode', () => {
	let moto: RunningMoto;
	let keys: Keys;

	beforeAll(async () => {
		({ moto, keys } = await startMotoWithAccessDeniedUser());
	});
	afterAll(async () => moto?.stop());

	it('gives a partial result naming the missing action and showing the minimal policy', async () => {
		const { status, body } = await check(keys);
		expect(status).toBe(200);
		expect(body.identity?.userName).toBe('erin');
		expect(body.devices).toEqual([]);
		expect(body.errors).toEqual([
			{ action: 'iam:GetLoginProfile', code: 'access-denied', message: expect.stringContaining('iam:GetLoginProfile') },
		]);
		expect(body.verdict).toBe('unknown');
		expect(body.minimalPolicy?.Statement[0]?.Action).toContain('iam:GetLoginProfile');
		expect(body.couldNotCheck).toEqual({ cause: 'access-denied', message: body.errors[0]!.message });
	});
});
