import { CreateAccessKeyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { createMotoUser, type MotoUserKeys } from './aws-fixtures';
import { awsEnvFor, SETUP_KEYS, type RunningMoto } from './moto';

/**
 * The account the checkup tests run against, seeded in moto with a mix: alice (console
 * password, one MFA device), bob (console password, no MFA), carol (console password, two MFA
 * devices), dave (no password, two active access keys) and a role. The checkup runs as carol,
 * so hers is the only key that has signed a request: alice's and bob's keys were never used.
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
	return {
		carol,
		env: awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: carol.accessKeyId, AWS_SECRET_ACCESS_KEY: carol.secretAccessKey }),
	};
}
