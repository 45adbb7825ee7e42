/**
 * Credential report CSV with every column AWS writes, for the checks that read passwords and
 * access keys. A row gives only what a test cares about; the rest is what IAM writes for a
 * user without that credential.
 */
const REPORT_HEADER =
	'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

interface KeyColumns {
	active: boolean;
	rotated: string;
	/** Omitted: never used (`N/A`). */
	used?: string;
}

export interface UserColumns {
	created?: string;
	mfa?: boolean;
	/** Omitted: no console password. */
	password?: { changed: string; used?: string };
	keys?: KeyColumns[];
}

const key = (entry: KeyColumns | undefined) =>
	entry
		? [String(entry.active), entry.rotated, entry.used ?? 'N/A', entry.used ? 'us-east-1' : 'N/A', entry.used ? 's3' : 'N/A']
		: ['false', 'N/A', 'N/A', 'N/A', 'N/A'];

export function reportLine(user: string, columns: UserColumns = {}): string {
	const arn = user === '<root_account>' ? 'arn:aws:iam::123456789012:root' : `arn:aws:iam::123456789012:user/${user}`;
	const password = columns.password
		? ['true', columns.password.used ?? 'no_information', columns.password.changed]
		: ['false', 'N/A', 'N/A'];
	return [
		user,
		arn,
		columns.created ?? '2025-01-01T00:00:00+00:00',
		...password,
		'N/A',
		String(columns.mfa ?? false),
		...key(columns.keys?.[0]),
		...key(columns.keys?.[1]),
		'false',
		'N/A',
		'false',
		'N/A',
	].join(',');
}

export const reportCsv = (lines: string[]) => [REPORT_HEADER, ...lines].join('\n');
