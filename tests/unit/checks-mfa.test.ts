import { describe, expect, it } from 'vitest';
import { classifyIdentity } from '../../src/lib/aws/identity';
import { decideMfa, type MfaAnswers } from '../../src/lib/checks/mfa';
import type { Device, Identity } from '../../src/lib/checks/result-schema';

const ROOT = classifyIdentity('arn:aws:iam::123456789012:root');
const USER = classifyIdentity('arn:aws:iam::123456789012:user/division/alice');
const SSO = classifyIdentity('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_abc/alice');
const ROLE = classifyIdentity('arn:aws:sts::123456789012:assumed-role/Deploy/ci');
const FEDERATED = classifyIdentity('arn:aws:sts::123456789012:federated-user/bob');
const UNKNOWN = classifyIdentity('arn:aws:iam::123456789012:role/Odd');

const device = (type: Device['type']): Device => ({ serial: `serial-${type}`, type, enabledAt: '2025-03-01T10:00:00.000Z' });
type Case = Partial<MfaAnswers> & { identity?: Identity };
const decide = ({ identity = USER, ...answers }: Case) =>
	decideMfa(identity, { root: null, devices: null, consolePassword: null, ...answers });

describe('decideMfa', () => {
	it.each<[string, Case, string, string[]]>([
		['root with MFA', { identity: ROOT, root: { mfaEnabled: true, passwordPresent: true } }, 'pass', ['protect-root']],
		['root with MFA and no password', { identity: ROOT, root: { mfaEnabled: true, passwordPresent: false } }, 'pass', ['protect-root']],
		[
			'root without password (central root access)',
			{ identity: ROOT, root: { mfaEnabled: false, passwordPresent: false } },
			'pass',
			['root-without-password'],
		],
		[
			'root with password and no MFA',
			{ identity: ROOT, root: { mfaEnabled: false, passwordPresent: true } },
			'fail',
			['add-root-mfa', 'protect-root'],
		],
		['root whose summary could not be read', { identity: ROOT }, 'unknown', ['check-by-hand']],
		['user with one virtual device', { devices: [device('virtual')], consolePassword: true }, 'pass', ['add-backup-device', 'test-device']],
		[
			'user with a passkey and a hardware token',
			{ devices: [device('passkey-or-security-key'), device('hardware-totp')], consolePassword: true },
			'pass',
			['test-device'],
		],
		['user with a device and unknown password', { devices: [device('virtual'), device('virtual')] }, 'pass', ['test-device']],
		[
			'user with SMS and a virtual device',
			{ devices: [device('sms'), device('virtual')], consolePassword: true },
			'pass',
			['replace-sms-device', 'add-backup-device', 'test-device'],
		],
		['user with only SMS', { devices: [device('sms')], consolePassword: true }, 'warn', ['replace-sms-device']],
		['user with password and no device', { devices: [], consolePassword: true }, 'fail', ['add-mfa-device']],
		['user without password and no device', { devices: [], consolePassword: false }, 'warn', ['add-mfa-device-before-console']],
		['user with no device, password unreadable', { devices: [] }, 'unknown', ['add-mfa-device', 'check-by-hand']],
		['user whose devices could not be read', { devices: null, consolePassword: true }, 'unknown', ['check-by-hand']],
		['Identity Center user', { identity: SSO }, 'not-applicable', ['identity-center-mfa']],
		['assumed role', { identity: ROLE }, 'not-applicable', ['role-mfa']],
		['federated user', { identity: FEDERATED }, 'not-applicable', ['federated-mfa']],
		['unknown identity', { identity: UNKNOWN }, 'unknown', ['check-by-hand']],
	])('%s', (_name, overrides, verdict, adviceIds) => {
		const result = decide(overrides);
		expect(result.verdict).toBe(verdict);
		expect(result.advice.map((advice) => advice.id)).toEqual(adviceIds);
		expect(result.summary.length).toBeGreaterThan(10);
	});

	it('points "no MFA device" at step 3 of the MFA guide', () => {
		const [advice] = decide({ devices: [], consolePassword: true }).advice;
		expect(advice?.guideStep).toBe('/guides/turn-on-mfa-aws/#step-3');
	});

	it('names the user and the role in the summary', () => {
		expect(decide({ devices: [], consolePassword: true }).summary).toContain('alice');
		expect(decide({ identity: ROLE }).summary).toContain('Deploy');
	});
});

describe('decideMfa: facts and lists', () => {
	const user: Identity = {
		type: 'iam-user',
		arn: 'arn:aws:iam::123456789012:user/alice',
		account: '123456789012',
		partition: 'aws',
		userName: 'alice',
	};
	const role: Identity = {
		type: 'assumed-role',
		arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice',
		account: '123456789012',
		partition: 'aws',
		roleName: 'Admin',
		sessionName: 'alice',
	};
	const phone = { serial: 'arn:aws:iam::123456789012:mfa/alice-phone', type: 'virtual' as const, enabledAt: '2026-11-01T09:30:00.000Z' };
	const key = { serial: 'arn:aws:iam::123456789012:u2f/user/alice/key-1', type: 'passkey-or-security-key' as const, enabledAt: null };
	it.each([
		[
			'a user with a password and two devices',
			user,
			[phone, key],
			true,
			'Yes',
			[
				'Authenticator app (virtual MFA), arn:aws:iam::123456789012:mfa/alice-phone, enabled 2026-11-01',
				'Passkey or security key, arn:aws:iam::123456789012:u2f/user/alice/key-1',
			],
		],
		['a user without a password or devices', user, [], false, 'No', []],
		['a user whose password could not be read', user, [], null, 'Unknown', []],
	] as const)('%s', (_name, identity, devices, password, passwordText, items) => {
		expect(decideMfa(identity, { root: null, devices: [...devices], consolePassword: password })).toMatchObject({
			facts: [{ label: 'Console password', value: passwordText }],
			lists: [{ label: 'MFA devices', items: [...items] }],
		});
	});
	it('shows nothing for identities whose MFA IAM cannot see', () => {
		expect(decideMfa(role, { root: null, devices: [phone], consolePassword: null })).toMatchObject({ facts: [], lists: [] });
	});
});
