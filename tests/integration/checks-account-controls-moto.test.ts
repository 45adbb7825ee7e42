import {
	AttachGroupPolicyCommand,
	AttachRolePolicyCommand,
	AttachUserPolicyCommand,
	CreateGroupCommand,
	CreatePolicyCommand,
	CreateRoleCommand,
	DeletePolicyCommand,
	DeleteServerCertificateCommand,
	DetachGroupPolicyCommand,
	DetachRolePolicyCommand,
	DetachUserPolicyCommand,
	IAMClient,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyForCalls } from '../../src/lib/checks/check-policy';
import { findCloudShellCheck, readPaste, type CloudShellCheck } from '../../src/lib/checks/cloudshell';
import { findCheck } from '../../src/lib/checks/registry';
import { runInShell } from '../support/aws-cli';
import {
	createMotoUser,
	startMotoWithAccessDeniedUser,
	uploadExpiredCertificate,
	useMotoEnvironment,
	type MotoUserKeys,
} from '../support/aws-fixtures';
import { SETUP_KEYS, startMoto, type RunningMoto } from '../support/moto';
import { runCheck } from '../support/run-check';

/**
 * The permissions and server-certificates checks against moto: each verdict through the SDK
 * (as the endpoint runs it) and through the CloudShell command run with the real AWS CLI, whose
 * output is pasted. The account starts with one failing case per control, then is fixed.
 */

const SETUP = { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY };
const check = (id: string) => findCheck(id)!;
const policy = (id: string) => policyForCalls(check(id).calls);
const command = (id: string) => (findCloudShellCheck(id) as CloudShellCheck).command;
const as = (moto: RunningMoto, keys: MotoUserKeys) => ({
	AWS_ENDPOINT_URL: moto.url,
	AWS_ACCESS_KEY_ID: keys.accessKeyId,
	AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
});

/** Runs a check both ways and returns the two results, which must agree. */
async function bothWays(moto: RunningMoto, id: string, keys: MotoUserKeys = SETUP) {
	const server = await runCheck(check(id), { credentials: keys });
	const pasted = readPaste(id, await runInShell(command(id), as(moto, keys)), { policy: policy(id) });
	if (!pasted.ok) throw new Error(`the paste was refused: ${pasted.problem}: ${pasted.message}`);
	expect(pasted.result.verdict, 'the paste and the server disagree').toBe(server.body.verdict);
	expect(pasted.result.advice).toEqual(server.body.advice);
	return { status: server.status, body: server.body, pasted: pasted.result };
}

describe('permissions and server certificates against moto', () => {
	let moto: RunningMoto;
	let iam: IAMClient;
	let fullAdminArn: string;
	const readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
	const cloudShellFullAccess = 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess';
	const trust = JSON.stringify({
		Version: '2012-10-17',
		Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
	});

	beforeAll(async () => {
		moto = await startMoto({ loadManagedPolicies: true });
		useMotoEnvironment(moto);
		iam = new IAMClient({ credentials: SETUP });
		await createMotoUser(iam, 'direct');
		await iam.send(new AttachUserPolicyCommand({ UserName: 'direct', PolicyArn: readOnly }));
		const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
		fullAdminArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'FullAdmin', PolicyDocument: JSON.stringify(everything) })))
			.Policy!.Arn!;
		await iam.send(new CreateRoleCommand({ RoleName: 'Admin', AssumeRolePolicyDocument: trust }));
		await iam.send(new AttachRolePolicyCommand({ RoleName: 'Admin', PolicyArn: fullAdminArn }));
		await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
		await iam.send(new AttachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: cloudShellFullAccess }));
	});
	afterAll(async () => moto?.stop());

	it('permissions fails a user with a policy of their own, an attached full-administrator policy and CloudShell full access', async () => {
		const { status, body, pasted } = await bothWays(moto, 'permissions');
		expect(status).toBe(200);
		expect(body.verdict).toBe('fail');
		expect(body.findings.usersWithPolicies).toEqual([{ userName: 'direct', policies: ['ReadOnlyAccess'] }]);
		expect(body.findings.fullAdminPolicies).toEqual([{ name: 'FullAdmin', arn: fullAdminArn, attachments: 1 }]);
		expect(body.findings.cloudShellFullAccess).toEqual(['group developers']);
		expect(body.advice.map((advice) => advice.guideStep)).toEqual([
			'/guides/permissions-through-groups/#step-5',
			'/guides/permissions-through-groups/#step-3',
			'/guides/permissions-through-groups/#step-7',
		]);
		expect(pasted.lists).toEqual(body.lists);
	});

	it('permissions still fails CloudShell full access alone, once the other two are fixed', async () => {
		await iam.send(new DetachUserPolicyCommand({ UserName: 'direct', PolicyArn: readOnly }));
		await iam.send(new DetachRolePolicyCommand({ RoleName: 'Admin', PolicyArn: fullAdminArn }));
		await iam.send(new DeletePolicyCommand({ PolicyArn: fullAdminArn }));
		const { body } = await bothWays(moto, 'permissions');
		expect(body.verdict).toBe('fail');
		expect(body.summary).toBe('Permissions to fix: AWSCloudShellFullAccess is attached to group developers.');
		expect(body.advice.map((advice) => advice.guideStep)).toEqual(['/guides/permissions-through-groups/#step-7']);
	});

	it('permissions warns once CloudShell full access is detached too but no role has AWSSupportAccess', async () => {
		await iam.send(new DetachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: cloudShellFullAccess }));
		const { body } = await bothWays(moto, 'permissions');
		expect(body.findings.cloudShellFullAccess).toEqual([]);
		expect(body.verdict).toBe('warn');
		expect(body.advice[0]?.guideStep).toBe('/guides/permissions-through-groups/#step-6');
	});

	it('permissions passes with the support role of step 6', async () => {
		await iam.send(new CreateRoleCommand({ RoleName: 'AWSSupport', AssumeRolePolicyDocument: trust }));
		await iam.send(new AttachRolePolicyCommand({ RoleName: 'AWSSupport', PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }));
		const { body } = await bothWays(moto, 'permissions');
		expect(body.verdict).toBe('pass');
		expect(body.findings.supportAccess).toEqual(['role AWSSupport']);
	});

	it('server-certificates passes an account without certificates, then fails the expired one (moto dates uploads in 2012)', async () => {
		expect((await bothWays(moto, 'server-certificates')).body.verdict).toBe('pass');
		await uploadExpiredCertificate(iam);
		const { body } = await bothWays(moto, 'server-certificates');
		expect(body.verdict).toBe('fail');
		expect(body.certificates).toEqual([{ name: 'old-www-example-com', expiration: expect.stringMatching(/^2012-/) }]);
		expect(body.advice[0]?.guideStep).toBe('/guides/account-access-controls/#step-6');
		await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'old-www-example-com' }));
		expect((await runCheck(check('server-certificates'), { credentials: SETUP })).body.verdict).toBe('pass');
	});
});

describe('could not check: moto in its IAM authorization mode (AccessDenied)', () => {
	let denied: { moto: RunningMoto; keys: MotoUserKeys };
	beforeAll(async () => {
		denied = await startMotoWithAccessDeniedUser();
	});
	afterAll(async () => denied?.moto.stop());

	it.each([
		['permissions', 'iam:GetAccountAuthorizationDetails', 'GetAccountAuthorizationDetails'],
		['server-certificates', 'iam:ListServerCertificates', 'ListServerCertificates'],
	])('%s names %s, shows its one-action policy, and the paste says the same', async (id, action, operation) => {
		const { status, body } = await runCheck(check(id), { credentials: denied.keys });
		expect(status).toBe(502);
		expect(body.verdict).toBe('unknown');
		expect(body.errors).toEqual([{ action, code: 'access-denied', message: expect.stringContaining(action) }]);
		expect(body.couldNotCheck?.cause).toBe('access-denied');
		expect(body.minimalPolicy?.Statement.flatMap((statement) => statement.Action)).toEqual([action]);
		const output = await runInShell(command(id), as(denied.moto, denied.keys));
		const pasted = readPaste(id, output, { policy: policy(id) });
		expect(pasted).toMatchObject({ ok: false, problem: 'access-denied', policy: policy(id) });
		expect(!pasted.ok && pasted.message).toContain(operation);
	});
});
