import type { DeviceType } from '../checks/result-schema';

/**
 * Classifies an MFA device from the serial number `iam:ListMFADevices` returns:
 * virtual devices and passkeys have ARNs (`:mfa/`, `:u2f/`), hardware TOTP tokens
 * have the token's printed serial (not an ARN), and SMS devices (`:sms-mfa/`) date
 * from before AWS stopped offering them.
 */
export function classifyDevice(serial: string): DeviceType {
	if (!serial.startsWith('arn:')) return 'hardware-totp';
	if (serial.includes(':u2f/')) return 'passkey-or-security-key';
	if (serial.includes(':sms-mfa/')) return 'sms';
	if (serial.includes(':mfa/')) return 'virtual';
	return 'unknown';
}

export const DEVICE_TYPE_LABELS: Record<DeviceType, string> = {
	virtual: 'Authenticator app (virtual MFA)',
	'passkey-or-security-key': 'Passkey or security key',
	'hardware-totp': 'Hardware TOTP token',
	sms: 'SMS (no longer supported)',
	unknown: 'Unrecognised device type',
};
