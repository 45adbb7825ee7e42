import type { AnyCheck } from './check-definition';
import { accessKeysCheck } from './access-keys';
import { backupDeviceCheck } from './backup-device';
import { cliMfaCheck } from './cli-mfa';
import { identityCenterCheck } from './identity-center';
import { mfaCheck } from './mfa';
import { mfaPolicyCheck } from './mfa-policy';
import { passwordPolicyCheck } from './password-policy';
import { rootUserCheck } from './root-user';
import { unusedCredentialsCheck } from './unused-credentials';
import { usersWithoutMfaCheck } from './users-without-mfa';

/** Every live check, in the order docs/live-checks.md lists them. Adding a check is one import here. */
export const CHECKS: readonly AnyCheck[] = [
	mfaCheck,
	rootUserCheck,
	backupDeviceCheck,
	mfaPolicyCheck,
	cliMfaCheck,
	usersWithoutMfaCheck,
	identityCenterCheck,
	passwordPolicyCheck,
	unusedCredentialsCheck,
	accessKeysCheck,
];

export const CHECK_IDS = CHECKS.map((check) => check.id);

export function findCheck(id: string): AnyCheck | undefined {
	return CHECKS.find((check) => check.id === id);
}
