import { describe, expect, it } from 'vitest';
import { classifyDevice } from '../../src/lib/aws/devices';
import { classifyIdentity } from '../../src/lib/aws/identity';

describe('classifyIdentity', () => {
	it.each([
		['arn:aws:iam::123456789012:root', { type: 'root', partition: 'aws', account: '123456789012' }],
		['arn:aws-cn:iam::123456789012:root', { type: 'root', partition: 'aws-cn' }],
		['arn:aws:iam::123456789012:user/alice', { type: 'iam-user', userName: 'alice', partition: 'aws' }],
		['arn:aws:iam::123456789012:user/division/alice', { type: 'iam-user', userName: 'alice' }],
		['arn:aws:iam::123456789012:user/a/b/c/bob.smith@example.com', { type: 'iam-user', userName: 'bob.smith@example.com' }],
		['arn:aws-us-gov:iam::123456789012:user/gov/carol', { type: 'iam-user', userName: 'carol', partition: 'aws-us-gov' }],
		['arn:aws-cn:iam::123456789012:user/dave', { type: 'iam-user', userName: 'dave', partition: 'aws-cn' }],
		[
			'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com',
			{ type: 'identity-center', roleName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef', sessionName: 'alice@example.com' },
		],
		[
			'arn:aws-us-gov:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_abc/erin',
			{ type: 'identity-center', partition: 'aws-us-gov' },
		],
		['arn:aws:sts::123456789012:assumed-role/Deploy/ci-run-42', { type: 'assumed-role', roleName: 'Deploy', sessionName: 'ci-run-42' }],
		// A role's path is not in the assumed-role ARN, but a look-alike role name must not count as Identity Center.
		['arn:aws:sts::123456789012:assumed-role/MyAWSReservedSSO_Copy/x', { type: 'assumed-role' }],
		['arn:aws:sts::123456789012:federated-user/bob', { type: 'federated-user', userName: 'bob' }],
		['arn:aws:iam::123456789012:role/Deploy', { type: 'unknown', partition: 'aws' }],
		['arn:aws:iam::123456789012:user/', { type: 'unknown' }],
		['not-an-arn', { type: 'unknown', partition: null }],
		['', { type: 'unknown', partition: null }],
	])('%s', (arn, expected) => {
		expect(classifyIdentity(arn)).toMatchObject({ arn, ...expected });
	});

	it('prefers the account GetCallerIdentity reports', () => {
		expect(classifyIdentity('arn:aws:iam::111111111111:user/a', '222222222222').account).toBe('222222222222');
	});

	it('has no user name for root or roles', () => {
		expect(classifyIdentity('arn:aws:iam::123456789012:root').userName).toBeUndefined();
		expect(classifyIdentity('arn:aws:sts::123456789012:assumed-role/R/s').userName).toBeUndefined();
	});
});

describe('classifyDevice', () => {
	it.each([
		['arn:aws:iam::123456789012:mfa/alice-phone', 'virtual'],
		['arn:aws-cn:iam::123456789012:mfa/path/alice', 'virtual'],
		['arn:aws:iam::123456789012:u2f/user/alice/yubikey-ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'passkey-or-security-key'],
		['GAHT12345678', 'hardware-totp'],
		['12345678', 'hardware-totp'],
		['arn:aws:iam::123456789012:sms-mfa/alice', 'sms'],
		['arn:aws:iam::123456789012:something/else', 'unknown'],
	])('%s is %s', (serial, type) => {
		expect(classifyDevice(serial)).toBe(type);
	});
});
