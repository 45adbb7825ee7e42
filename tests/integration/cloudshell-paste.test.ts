import { DeleteAccountPasswordPolicyCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	cloudShellCommand,
	findCloudShellCheck,
	readPaste,
	type CloudShellCheck,
	type PasteOutcome,
} from '../../src/lib/checks/cloudshell';
import { policyForCalls } from '../../src/lib/checks/check-policy';
import { findCheck } from '../../src/lib/checks/registry';
import { createMotoUser, startMotoWithAccessDeniedUser, type MotoUserKeys } from '../support/aws-fixtures';
import { awsError, callerIdentity, startFakeAws } from '../support/fake-aws';
import { everyProbe, getUser, simulation } from '../support/fake-iam-replies';
import { runInShell } from '../support/aws-cli';
import { SETUP_KEYS, startMoto, type RunningMoto } from '../support/moto';

/**
 * Paste mode, specified by output captured with the real AWS CLI against moto: the command
 * each check shows runs in bash, and what the terminal printed is pasted.
 */
/** Not one of the guides' example users: the commands must work for whoever runs them. */
const CALLER_ARN = 'arn:aws:iam::123456789012:user/paste-policy-caller';
const command = (id: string) => (findCloudShellCheck(id) as CloudShellCheck).command;
const policy = (id: string) => policyForCalls(findCheck(id)!.calls);
const as = (moto: RunningMoto, keys: { accessKeyId: string; secretAccessKey: string }) => ({
	AWS_ENDPOINT_URL: moto.url,
	AWS_ACCESS_KEY_ID: keys.accessKeyId,
	AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
});
function verdictOf(outcome: PasteOutcome) {
	if (!outcome.ok) throw new Error(`expected a result, got ${outcome.problem}: ${outcome.message}`);
	return outcome.result;
}

describe('CloudShell paste mode with the real AWS CLI against moto', () => {
	let moto: RunningMoto;
	const users: Record<string, MotoUserKeys> = {};
	// The CLI starts slowly; each command's output is captured once and pasted wherever a test needs it.
	const captured = new Map<string, Promise<string>>();
	const capture = (id: string, user: string): Promise<string> => {
		const key = `${id}:${user}`;
		if (!captured.has(key)) captured.set(key, runInShell(command(id), as(moto, user === 'setup' ? SETUP : users[user]!)));
		return captured.get(key)!;
	};
	const SETUP = { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY };

	beforeAll(async () => {
		moto = await startMoto();
		const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: SETUP });
		users.none = await createMotoUser(iam, 'paste-none', { password: true });
		users.one = await createMotoUser(iam, 'paste-one', { password: true, devices: 1 });
		users.two = await createMotoUser(iam, 'paste-two', { password: true, devices: 2 });
		users.keysOnly = await createMotoUser(iam, 'paste-keys-only');
	});
	afterAll(async () => moto?.stop());

	it.each([
		['none', 'fail', 'no MFA'],
		['two', 'pass', 'MFA'],
		['keysOnly', 'warn', ''],
	] as const)('mfa: %s gives %s, with the same advice links as the server', async (user, verdict, words) => {
		const result = verdictOf(readPaste('mfa', await capture('mfa', user), { policy: policy('mfa') }));
		expect(result.verdict).toBe(verdict);
		expect(result.summary).toContain(words);
		expect(result.identity?.userName).toBe(`paste-${user === 'keysOnly' ? 'keys-only' : user}`);
		expect(result.errors).toEqual([]);
		expect(result.advice.every((advice) => !advice.guideStep || advice.guideStep.startsWith('/guides/'))).toBe(true);
	});

	it.each([
		['none', 'fail', '/guides/turn-on-mfa-aws/#step-3'],
		['one', 'fail', '/guides/backup-mfa-device/#step-3'],
		['two', 'pass', '/guides/backup-mfa-device/#step-4'],
	] as const)('backup-device: %s gives %s and links %s', async (user, verdict, step) => {
		const result = verdictOf(readPaste('backup-device', await capture('backup-device', user), { policy: null }));
		expect(result.verdict).toBe(verdict);
		expect(result.advice[0]?.guideStep).toBe(step);
	});

	it('root-user: moto reports root without MFA, so it fails with step 3', async () => {
		const result = verdictOf(readPaste('root-user', await capture('root-user', 'setup'), { policy: null }));
		expect(result.verdict).toBe('fail');
		expect(result.facts).toContainEqual({ label: 'Root MFA', value: 'No' });
		expect(result.advice.map((advice) => advice.guideStep)).toEqual(['/guides/protect-root-user/#step-3']);
	});

	it('users-without-mfa: reads the CSV and the report time, and names the console user without MFA', async () => {
		const output = await runInShell(command('users-without-mfa'), as(moto, SETUP));
		const result = verdictOf(readPaste('users-without-mfa', output, { policy: null }));
		expect(result.verdict).toBe('fail');
		expect(result.summary).toContain('paste-none');
		expect(result.lists?.[0]?.items).toContain('paste-none');
		expect(result.lists?.[0]?.items).not.toContain('paste-two');
		expect(result.facts.find((fact) => fact.label === 'Report generated')?.value).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	});

	it("password-policy: no policy fails with step 3; the guide's policy passes, read from the same command", async () => {
		const none = verdictOf(readPaste('password-policy', await runInShell(command('password-policy'), as(moto, SETUP)), { policy: null }));
		expect(none.verdict).toBe('fail');
		expect(none.advice.map((advice) => advice.guideStep)).toEqual(['/guides/password-policy/#step-3']);
		const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: SETUP });
		await iam.send(
			new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, AllowUsersToChangePassword: true }),
		);
		const set = verdictOf(readPaste('password-policy', await runInShell(command('password-policy'), as(moto, SETUP)), { policy: null }));
		expect(set.verdict).toBe('pass');
		expect(set.facts).toContainEqual({ label: 'Minimum length', value: '14 characters' });
		await iam.send(new DeleteAccountPasswordPolicyCommand({}));
	});

	describe('bad pastes get a message, never a crash', () => {
		it('an empty box', async () => {
			expect(readPaste('root-user', '  \n ', { policy: null })).toMatchObject({ ok: false, problem: 'empty' });
		});

		it('truncated JSON (copied only the top of the output)', async () => {
			const output = await capture('mfa', 'two');
			const outcome = readPaste('mfa', output.slice(0, Math.floor(output.length / 2)), { policy: null });
			expect(outcome).toMatchObject({ ok: false, problem: 'truncated' });
			expect(!outcome.ok && outcome.message).toContain('from the first { to the last }');
		});

		it('the output of another command (another check’s, or get-caller-identity)', async () => {
			const backup = await capture('backup-device', 'two');
			for (const [id, pasted] of [
				['mfa', backup],
				['root-user', backup],
				['backup-device', await runInShell('aws sts get-caller-identity --output json', as(moto, users.two!))],
				['users-without-mfa', await capture('root-user', 'setup')],
			] as const) {
				const outcome = readPaste(id, pasted, { policy: null });
				expect(outcome, id).toMatchObject({ ok: false, problem: 'other-output' });
				expect(!outcome.ok && outcome.message).toContain('expected');
			}
		});

		it('a CLI error without credentials', async () => {
			const output = await runInShell(command('root-user'), {
				AWS_ENDPOINT_URL: moto.url,
				AWS_ACCESS_KEY_ID: '',
				AWS_SECRET_ACCESS_KEY: '',
			});
			expect(output).toMatch(/Unable to locate credentials/);
			expect(readPaste('root-user', output, { policy: null })).toMatchObject({ ok: false, problem: 'cli-error' });
		});

		it('plain text that is not JSON', async () => {
			expect(readPaste('root-user', 'hello <img src=x onerror=alert(1)>', { policy: null })).toMatchObject({
				ok: false,
				problem: 'other-output',
			});
		});
	});

	describe('AccessDenied', () => {
		let denied: { moto: RunningMoto; keys: MotoUserKeys };
		beforeAll(async () => {
			denied = await startMotoWithAccessDeniedUser();
		});
		afterAll(async () => denied?.moto.stop());

		it('a refused command shows the minimal policy', async () => {
			const output = await runInShell(command('root-user'), as(denied.moto, denied.keys));
			expect(output).toMatch(/AccessDenied/);
			const outcome = readPaste('root-user', output, { policy: policy('root-user') });
			expect(outcome).toMatchObject({ ok: false, problem: 'access-denied', policy: policy('root-user') });
			expect(!outcome.ok && outcome.message).toContain('GetAccountSummary');
		});

		it('password-policy: a refused read is could-not-check (access denied) with the policy, not a fail', async () => {
			const output = await runInShell(command('password-policy'), as(denied.moto, denied.keys));
			const result = verdictOf(readPaste('password-policy', output, { policy: policy('password-policy') }));
			expect(result.verdict).toBe('unknown');
			expect(result.couldNotCheck?.cause).toBe('access-denied');
			expect(result.errors.map((error) => [error.action, error.code])).toEqual([['iam:GetAccountPasswordPolicy', 'access-denied']]);
			expect(result.minimalPolicy).toEqual(policy('password-policy'));
		});

		it('a refused call inside a combined command becomes the result’s error, with the policy, as on the server', async () => {
			const output = await runInShell(command('mfa'), as(denied.moto, denied.keys));
			const result = verdictOf(readPaste('mfa', output, { policy: policy('mfa') }));
			expect(result.errors.map((error) => [error.action, error.code])).toEqual([['iam:GetLoginProfile', 'access-denied']]);
			expect(result.minimalPolicy).toEqual(policy('mfa'));
		});
	});

	describe('mfa-policy, whose simulator moto lacks: the real CLI against the fake AWS', () => {
		it.each([
			['denies ordinary actions without MFA', 'pass', ['explicitDeny', 'explicitDeny', 'allowed']],
			['allows them without MFA', 'fail', ['allowed', 'allowed', 'allowed']],
		] as const)('a policy that %s gives %s', async (_, verdict, decisions) => {
			const fake = await startFakeAws({
				GetCallerIdentity: callerIdentity(CALLER_ARN),
				GetUser: getUser('paste-policy-caller'),
				SimulatePrincipalPolicy: decisions.map((decision) => simulation(everyProbe(decision))),
			});
			try {
				const output = await runInShell(command('mfa-policy'), {
					AWS_ENDPOINT_URL: fake.url,
					AWS_ACCESS_KEY_ID: 'testing',
					AWS_SECRET_ACCESS_KEY: 'testing',
				});
				const result = verdictOf(readPaste('mfa-policy', output, { policy: policy('mfa-policy') }));
				expect(result.verdict).toBe(verdict);
				// Nobody named a user: the command checked whoever ran it.
				expect(result.facts).toContainEqual({ label: 'User checked', value: CALLER_ARN, code: true });
				expect(result.identity?.userName).toBe('paste-policy-caller');
			} finally {
				await fake.stop();
			}
		});

		it('a refused simulator shows its error and the minimal policy', async () => {
			const fake = await startFakeAws({
				GetCallerIdentity: callerIdentity(CALLER_ARN),
				GetUser: getUser('paste-policy-caller'),
				SimulatePrincipalPolicy: awsError('AccessDenied', 403),
			});
			try {
				const output = await runInShell(command('mfa-policy'), {
					AWS_ENDPOINT_URL: fake.url,
					AWS_ACCESS_KEY_ID: 'testing',
					AWS_SECRET_ACCESS_KEY: 'testing',
				});
				const result = verdictOf(readPaste('mfa-policy', output, { policy: policy('mfa-policy') }));
				expect(result.errors.map((error) => [error.action, error.code])).toEqual([['iam:SimulatePrincipalPolicy', 'access-denied']]);
				expect(result.minimalPolicy).toEqual(policy('mfa-policy'));
				expect(result.couldNotCheck?.cause).toBe('access-denied');
			} finally {
				await fake.stop();
			}
		});

		it('signed in as a role, it asks for a name; the name typed into the page goes into the command', async () => {
			const fake = await startFakeAws({
				GetCallerIdentity: callerIdentity('arn:aws:sts::123456789012:assumed-role/Admin/dana'),
				GetUser: getUser('paste-named-user'),
				SimulatePrincipalPolicy: (['explicitDeny', 'explicitDeny', 'allowed'] as const).map((decision) => simulation(everyProbe(decision))),
			});
			const env = { AWS_ENDPOINT_URL: fake.url, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
			try {
				const unnamed = verdictOf(readPaste('mfa-policy', await runInShell(command('mfa-policy'), env), { policy: null }));
				expect(unnamed.verdict).toBe('not-applicable');
				expect(unnamed.summary).toContain('enter the name of the IAM user to check');
				expect(fake.calls.SimulatePrincipalPolicy ?? 0).toBe(0);
				const filled = cloudShellCommand(findCloudShellCheck('mfa-policy') as CloudShellCheck, 'paste-named-user');
				expect(filled.split('\n')[0]).toBe("U='paste-named-user'");
				expect(cloudShellCommand(findCloudShellCheck('mfa-policy') as CloudShellCheck, "x'; rm -rf ~")).toBe(command('mfa-policy'));
				const named = verdictOf(readPaste('mfa-policy', await runInShell(filled, env), { policy: null }));
				expect(named.verdict).toBe('pass');
				expect(named.facts).toContainEqual({ label: 'User checked', value: 'arn:aws:iam::123456789012:user/paste-named-user', code: true });
			} finally {
				await fake.stop();
			}
		});
	});
});
