import type { CheckResultBase } from '../checks/result-schema';
import type { CheckIdentity, CheckupCheck } from './checkup-catalog';

/**
 * Which checks a checkup runs for the identity behind the credentials. A check that cannot
 * say anything about this identity is not asked (each ask counts against the rate limit);
 * its row says why, as "not applicable", never as a failure.
 */

/** The check that says who the credentials belong to; the checkup asks it first. */
export const IDENTITY_CHECK = 'mfa';

export interface CheckupOptions {
	/** The reader ticked the account-wide checks (they make AWS generate the credential report). */
	includeAccountWide: boolean;
}

const IDENTITY_NAMES: Record<CheckIdentity['type'], string> = {
	root: 'the root user',
	'iam-user': 'an IAM user',
	'identity-center': 'IAM Identity Center',
	'assumed-role': 'a role',
	'federated-user': 'a federated user',
	unknown: 'an unknown identity',
};

type Rule = (identity: CheckIdentity) => string | null;

/** Checks that apply only to some identities; every other check applies to all. */
const IDENTITY_RULES: Record<string, Rule> = {
	'backup-device': (identity) =>
		identity.type === 'iam-user' || identity.type === 'root'
			? null
			: `You are signed in as ${IDENTITY_NAMES[identity.type]}, which has no MFA devices of its own in IAM: MFA is set where you sign in.`,
	'mfa-policy': (identity) =>
		identity.type === 'iam-user'
			? null
			: `This check reads an IAM user's policies, and you are signed in as ${IDENTITY_NAMES[identity.type]}. To check a user by name, use the check in its guide.`,
	'identity-center': (identity) =>
		identity.type === 'identity-center'
			? null
			: `You are signed in as ${IDENTITY_NAMES[identity.type]}, not through IAM Identity Center. If your organization uses it, look at its MFA settings in the guide.`,
};

/**
 * Why a check is not run in this checkup, or null to run it. `identity` is null when the
 * identity check gave none (refused, unreachable): then every check runs and speaks for itself.
 */
export function skipReason(check: CheckupCheck, identity: CheckIdentity | null, options: CheckupOptions): string | null {
	if (check.accountWide && !options.includeAccountWide) {
		return 'Not run: it asks AWS to generate a report for the whole account. Tick the box above the button to include it.';
	}
	if (!identity || identity.type === 'unknown') return null;
	return IDENTITY_RULES[check.id]?.(identity) ?? null;
}

/**
 * A result that says its check has nothing to look at on this computer, shown as not
 * applicable: the CLI check where there is no AWS config file.
 */
export function resultDoesNotApply(body: CheckResultBase): string | null {
	if (body.check === 'cli-mfa' && 'fileFound' in body && body.fileFound === false) {
		const where = 'configFile' in body && typeof body.configFile === 'string' ? ` at ${body.configFile}` : '';
		return `There is no AWS CLI config file${where}, so there is no CLI profile to check. Set AWS_CONFIG_FILE if yours is elsewhere.`;
	}
	return null;
}

/** Whose credentials were checked, as the identity check reported; null when no result said. */
export function checkedIdentity(bodies: readonly CheckResultBase[]): CheckIdentity | null {
	const first = bodies.find((body) => body.check === IDENTITY_CHECK) ?? bodies.find((body) => body.identity);
	return first?.identity && first.identity.type !== 'unknown' ? first.identity : null;
}
