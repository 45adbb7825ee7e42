import { describe, expect, it } from 'vitest';
import { classifyIdentity } from '../../src/lib/aws/identity';
import type { Device } from '../../src/lib/aws/mfa-status-schema';
import { decideVerdict, type VerdictInput } from '../../src/lib/aws/verdict';

const ROOT = classifyIdentity('arn:aws:iam::123456789012:root');
const USER = classifyIdentity('arn:aws:iam::123456789012:user/division/alice');
const SSO = classifyIdentity('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_abc/alice');
const ROLE = classifyIdentity('arn:aws:sts::123456789012:assumed-role/Deploy/ci');
const FEDERATED = classifyIdentity('arn:aws:sts::123456789012:federated-user/bob');
const UNKNOWN = classifyIdentity('arn:aws:iam::123456789012:role/Odd');

const device = (type: Device['type']): Device => ({ serial: `serial-${type}`, type, enabledAt: '2025-03-01T10:00:00.000Z' });
const input = (overrides: Partial<VerdictInput>): VerdictInput => ({
	identity: USER,
	accountSummary: null,
	devices: null,
	consolePassword: null,
	...overrides,
});

describe('decideVerdict', () => {
	it.each<[string, Partial<VerdictInput>, string, string[]]>([
		['root with MFA', { identity: ROOT, accountSummary: { mfaEnabled: true, passwordPresent: true } }, 'pass', ['protect-root']],
		[
			'root with MFA and no password',
			{ identity: ROOT, accountSummary: { mfaEnabled: true, passwordPresent: false } },
			'pass',
			['protect-root'],
		],
		[
			'root without password (central root access)',
			{ identity: ROOT, accountSummary: { mfaEnabled: false, passwordPresent: false } },
			'pass',
			['root-without-password'],
		],
		[
			'root with password and no MFA',
			{ identity: ROOT, accountSummary: { mfaEnabled: false, passwordPresent: true } },
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
		const result = decideVerdict(input(overrides));
		expect(result.verdict).toBe(verdict);
		expect(result.advice.map((advice) => advice.id)).toEqual(adviceIds);
		expect(result.summary.length).toBeGreaterThan(10);
	});

	it('points "no MFA device" at step 3 of the MFA guide', () => {
		const [advice] = decideVerdict(input({ devices: [], consolePassword: true })).advice;
		expect(advice?.guideStep).toBe('/guides/turn-on-mfa-aws/#step-3');
	});

	it('names the user and the role in the summary', () => {
		expect(decideVerdict(input({ devices: [], consolePassword: true })).summary).toContain('alice');
		expect(decideVerdict(input({ identity: ROLE })).summary).toContain('Deploy');
	});
});
