import {
	AttachRolePolicyCommand,
	AttachGroupPolicyCommand,
	AttachUserPolicyCommand,
	CreateAccessKeyCommand,
	CreateGroupCommand,
	CreatePolicyCommand,
	CreateRoleCommand,
	IAMClient,
} from '@aws-sdk/client-iam';
import { createMotoUser, uploadExpiredCertificate, type MotoUserKeys } from './aws-fixtures';
import { awsEnvFor, SETUP_KEYS, type RunningMoto } from './moto';

/**
 * The account the checkup tests run against, seeded in moto with a mix: alice (console
 * password, one MFA device), bob (console password, no MFA), carol (console password, two MFA
 * devices), dave (no password, two active access keys) and a role. The checkup runs as carol,
 * so hers is the only key that has signed a request: alice's and bob's keys were never used.
 * One failing case for each account-wide control of the permissions and account-level guides:
 * bob has a policy attached directly, the role has FullAdmin (every action on every resource), the
 * group developers has AWSCloudShellFullAccess, and IAM holds an expired server certificate (moto
 * dates every upload in 2012). Start moto with `loadManagedPolicies`: the group needs AWS's policy.
 */
export async function seedCheckupAccount(moto: RunningMoto): Promise<{ carol: MotoUserKeys; env: Record<string, string> }> {
	const iam = new IAMClient({
		region: 'us-east-1',
		endpoint: moto.url,
		credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
	});
	await createMotoUser(iam, 'alice', { password: true, deviceNames: ['alice-phone'] });
	await createMotoUser(iam, 'bob', { password: true });
	const carol = await createMotoUser(iam, 'carol', { password: true, deviceNames: ['carol-phone', 'carol-key'] });
	await createMotoUser(iam, 'dave');
	await iam.send(new CreateAccessKeyCommand({ UserName: 'dave' }));
	await iam.send(
		new CreateRoleCommand({
			RoleName: 'deploy',
			AssumeRolePolicyDocument: JSON.stringify({
				Version: '2012-10-17',
				Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
			}),
		}),
	);
	const policy = async (name: string, statement: object) =>
		(
			await iam.send(
				new CreatePolicyCommand({ PolicyName: name, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }),
			)
		).Policy!.Arn!;
	await iam.send(
		new AttachUserPolicyCommand({
			UserName: 'bob',
			PolicyArn: await policy('ReadBuckets', { Effect: 'Allow', Action: 's3:Get*', Resource: '*' }),
		}),
	);
	await iam.send(
		new AttachRolePolicyCommand({
			RoleName: 'deploy',
			PolicyArn: await policy('FullAdmin', { Effect: 'Allow', Action: '*', Resource: '*' }),
		}),
	);
	await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
	await iam.send(new AttachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' }));
	await uploadExpiredCertificate(iam);
	return {
		carol,
		env: awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: carol.accessKeyId, AWS_SECRET_ACCESS_KEY: carol.secretAccessKey }),
	};
}
