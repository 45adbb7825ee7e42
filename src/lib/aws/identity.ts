import type { Identity, IdentityType } from '../checks/result-schema';

/** Partitions Stepcheck knows by name; any other `aws-*` partition is kept as reported. */
export const KNOWN_PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/** Identity Center creates one IAM role per permission set, always with this prefix. */
const IDENTITY_CENTER_ROLE_PREFIX = 'AWSReservedSSO_';

/**
 * Classifies the caller from the ARN that `sts:GetCallerIdentity` returns. Security Hub CSPM,
 * CIS and Prowler decide MFA findings by identity type first, so everything else keys off this.
 * An IAM user's ARN may carry a path (`user/division/alice`); the user name is the last segment.
 */
export function classifyIdentity(arn: string, account?: string | null): Identity {
	const parts = arn.split(':');
	if (parts.length < 6 || parts[0] !== 'arn' || !parts[1]) {
		return { type: 'unknown', arn, account: account ?? null, partition: null };
	}
	const [, partition, service, , arnAccount] = parts;
	const resource = parts.slice(5).join(':');
	const base = { arn, account: account ?? (arnAccount || null), partition };
	const segments = resource.split('/');
	const kind = segments[0];
	const identity = (type: IdentityType, extra: Partial<Identity> = {}): Identity => ({ type, ...base, ...extra });

	if (service === 'iam' && resource === 'root') return identity('root');
	if (service === 'iam' && kind === 'user' && segments.length >= 2 && segments.at(-1)) {
		return identity('iam-user', { userName: segments.at(-1) });
	}
	const roleName = segments[1];
	if (service === 'sts' && kind === 'assumed-role' && roleName && segments.length >= 3) {
		const sessionName = segments.slice(2).join('/');
		const type = roleName.startsWith(IDENTITY_CENTER_ROLE_PREFIX) ? 'identity-center' : 'assumed-role';
		return identity(type, { roleName, sessionName });
	}
	if (service === 'sts' && kind === 'federated-user' && segments.length >= 2) {
		return identity('federated-user', { userName: segments.slice(1).join('/') });
	}
	return identity('unknown');
}
