import { CreateAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findCheck } from '../../src/lib/checks/registry';
import { createMotoUser, startMotoWithAccessDeniedUser, useMotoEnvironment, type MotoUserKeys } from '../support/aws-fixtures';
import { reportCsv, reportLine } from '../support/credential-report-rows';
import { callerIdentity } from '../support/fake-aws';
import { fakeAwsPerTest } from '../support/fake-aws-per-test';
import { credentialReportCsv, reportComplete } from '../support/fake-iam-replies';
import { startMoto, SETUP_KEYS, type RunningMoto } from '../support/moto';
import { runCheck } from '../support/run-check';

/**
 * The two checks read from the credential report, through the SDK: against moto for what it
 * models (users, passwords, keys, their use by a request), and against the fake for what it
 * cannot (a password or key last used months ago: moto dates everything now).
 */
const SETUP = { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY };
const accessKeys = findCheck('access-keys')!;
const unusedCredentials = findCheck('unused-credentials')!;

describe('credential report checks against moto', () => {
	let moto: RunningMoto;
	let iam: IAMClient;
	const user = (name: string, options: { password?: boolean } = {}): Promise<MotoUserKeys> => createMotoUser(iam, name, options);

	beforeAll(async () => {
		moto = await startMoto();
		useMotoEnvironment(moto);
		iam = new IAMClient({ credentials: SETUP });
	}, 120_000);
	beforeEach(async () => {
		expect((await fetch(`${moto.url}/moto-api/reset`, { method: 'POST' })).ok).toBe(true);
	});
	afterAll(async () => moto?.stop());

	it('access-keys passes a console user whose key signed a request, and a script user with one key', async () => {
		const alice = await user('alice', { password: true });
		await user('deploy-script');
		const { status, body } = await runCheck(accessKeys, { credentials: alice });
		expect(status).toBe(200);
		expect(body.identity?.userName).toBe('alice');
		expect(body.accessKeys).toMatchObject({ userCount: 2, activeKeys: 2, notRotated: [], twoActiveKeys: [], neverUsedConsoleUserKeys: [] });
		expect(body.verdict).toBe('pass');
	});

	it('access-keys fails a second active key and a console user’s key never used, one finding each', async () => {
		const alice = await user('alice', { password: true });
		await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
		await user('bob', { password: true });
		const { body } = await runCheck(accessKeys, { credentials: alice });
		expect(body.verdict).toBe('fail');
		expect(body.accessKeys.twoActiveKeys).toEqual(['alice']);
		// alice's second key has not signed anything yet, like bob's only key.
		expect(body.accessKeys.neverUsedConsoleUserKeys.map((key: { userName: string; key: number }) => `${key.userName} ${key.key}`)).toEqual([
			'alice 2',
			'bob 1',
		]);
		expect(body.advice.map((advice) => advice.guideStep)).toEqual([
			'/guides/manage-access-keys/#step-4',
			'/guides/manage-access-keys/#step-5',
		]);
	});

	it('unused-credentials passes users whose password and key were set today', async () => {
		const alice = await user('alice', { password: true });
		await user('bob', { password: true });
		const { status, body } = await runCheck(unusedCredentials, { credentials: alice });
		expect(status).toBe(200);
		expect(body.unused).toMatchObject({ userCount: 2, passwords: [], accessKeys: [] });
		expect(body.verdict).toBe('pass');
	});
});

describe('credential report checks, could not check (moto IAM authorization)', () => {
	let moto: RunningMoto;
	let keys: MotoUserKeys;

	beforeAll(async () => {
		({ moto, keys } = await startMotoWithAccessDeniedUser());
	}, 120_000);
	afterAll(async () => moto?.stop());

	it.each([
		['access-keys', '/guides/manage-access-keys/#step-2'],
		['unused-credentials', '/guides/remove-unused-credentials/#step-2'],
	])('%s: unknown, naming iam:GenerateCredentialReport, with the policy and the step to check by hand', async (id, step) => {
		const { status, body } = await runCheck(findCheck(id)!, { credentials: keys });
		expect(status).toBe(502);
		expect(body.verdict).toBe('unknown');
		expect(body.errors).toEqual([
			{ action: 'iam:GenerateCredentialReport', code: 'access-denied', message: expect.stringContaining('iam:GenerateCredentialReport') },
		]);
		expect(body.minimalPolicy?.Statement.flatMap((statement) => statement.Action)).toEqual([
			'iam:GenerateCredentialReport',
			'iam:GetCredentialReport',
		]);
		expect(body.advice[0]?.guideStep).toBe(step);
	});
});

describe('credential report checks with old dates (fake AWS)', () => {
	const aws = fakeAwsPerTest();
	const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

	async function runWithReport(id: string, lines: string[]) {
		await aws.start({
			GetCallerIdentity: callerIdentity('arn:aws:iam::123456789012:user/alice'),
			GenerateCredentialReport: reportComplete,
			GetCredentialReport: credentialReportCsv(reportCsv(lines)),
		});
		return runCheck(findCheck(id)!);
	}

	it('unused-credentials fails a password unused for 97 days and a key unused for 64, each with its step', async () => {
		const { body } = await runWithReport('unused-credentials', [
			reportLine('alice', { password: { changed: daysAgo(300), used: daysAgo(1) } }),
			reportLine('bob', { password: { changed: daysAgo(300), used: daysAgo(97) } }),
			reportLine('build-bot', { keys: [{ active: true, rotated: daysAgo(212), used: daysAgo(64) }] }),
		]);
		expect(body.verdict).toBe('fail');
		expect(body.lists?.map((list) => list.items)).toEqual([['bob: last used 97 days ago'], ['build-bot key 1: last used 64 days ago']]);
		expect(body.advice.map((advice) => advice.guideStep)).toEqual([
			'/guides/remove-unused-credentials/#step-5',
			'/guides/remove-unused-credentials/#step-6',
		]);
		expect(aws.fake.calls).toEqual({ GetCallerIdentity: 1, GenerateCredentialReport: 1, GetCredentialReport: 1 });
	});

	it('access-keys fails a key not rotated for 212 days (Security Hub IAM.3)', async () => {
		const { body } = await runWithReport('access-keys', [
			reportLine('build-bot', { keys: [{ active: true, rotated: daysAgo(212), used: daysAgo(1) }] }),
		]);
		expect(body.verdict).toBe('fail');
		expect(body.accessKeys.notRotated).toEqual([{ userName: 'build-bot', key: 1, days: 212 }]);
		expect(body.advice.map((advice) => advice.guideStep)).toEqual(['/guides/manage-access-keys/#step-6']);
	});
});
