import type { CredentialReportSummary, ReportUser } from '../checks/result-schema';

/** The credential report names the root user this way in its `user` column. */
const ROOT_ROW_USER = '<root_account>';
const REQUIRED_COLUMNS = ['user', 'arn', 'password_enabled', 'mfa_active'] as const;

/** Splits CSV text into rows, honouring double-quoted fields (a user name may not, but an ARN path could, need them). */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((cells) => cells.some((cell) => cell !== ''));
}

const asBoolean = (value: string | undefined): boolean | null => (value === 'true' ? true : value === 'false' ? false : null);

/**
 * Reads the IAM credential report into the IAM.5 and IAM.19 lists and the root row.
 * The report can be up to four hours old, so its age travels with the lists.
 */
export function summarizeCredentialReport(csv: string, generatedAt: Date, now: Date): CredentialReportSummary {
	const [header, ...rows] = parseCsv(csv);
	const missing = REQUIRED_COLUMNS.filter((column) => !header?.includes(column));
	if (!header || missing.length > 0) {
		throw new Error(
			`The credential report has no ${missing.join(', ')} column; found columns: ${header?.join(', ') || 'none'}. Expected the CSV format of iam:GetCredentialReport.`,
		);
	}
	const column = (name: (typeof REQUIRED_COLUMNS)[number]) => header.indexOf(name);
	const records = rows.map((cells) => ({
		user: cells[column('user')] ?? '',
		arn: cells[column('arn')] ?? '',
		password: cells[column('password_enabled')],
		mfa: asBoolean(cells[column('mfa_active')]),
	}));
	const rootRecord = records.find((record) => record.user === ROOT_ROW_USER);
	const users = records.filter((record) => record.user !== ROOT_ROW_USER);
	const toUser = (record: (typeof users)[number]): ReportUser => ({ userName: record.user, arn: record.arn });
	return {
		...reportMeta(generatedAt, now, users.length),
		consoleUsersWithoutMfa: users.filter((record) => record.password === 'true' && record.mfa !== true).map(toUser),
		usersWithoutMfa: users.filter((record) => record.mfa !== true).map(toUser),
		// Root's password_enabled is `not_supported` in the report, hence null.
		root: rootRecord ? { mfaActive: rootRecord.mfa === true, passwordEnabled: asBoolean(rootRecord.password) } : null,
	};
}

/** One access key slot of a report row. */
interface ReportAccessKey {
	slot: 1 | 2;
	active: boolean;
	/** When the key was created or last rotated (ISO 8601); null when the user has no key in this slot. */
	lastRotated: string | null;
	/** When the key last signed a request (ISO 8601); null when it never has, or IAM has no record. */
	lastUsed: string | null;
}

/** A user's row of the credential report, with the columns the access key and unused-credential checks read. */
export interface ReportCredentials {
	userName: string;
	arn: string;
	isRoot: boolean;
	created: string | null;
	passwordEnabled: boolean | null;
	/** Null when the password was never used, or IAM has no record of its use (`no_information`, `N/A`). */
	passwordLastUsed: string | null;
	passwordLastChanged: string | null;
	accessKeys: ReportAccessKey[];
}

const CREDENTIAL_COLUMNS = [
	'user',
	'arn',
	'user_creation_time',
	'password_enabled',
	'password_last_used',
	'password_last_changed',
	'access_key_1_active',
	'access_key_1_last_rotated',
	'access_key_1_last_used_date',
	'access_key_2_active',
	'access_key_2_last_rotated',
	'access_key_2_last_used_date',
] as const;

/** A report date, or null for the report's words for "none" (`N/A`, `no_information`, `not_supported`). */
function reportDate(value: string | undefined): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
	const time = new Date(value);
	return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/**
 * Reads every row of the credential report with its password and access key columns. Throws,
 * naming the missing columns, when the CSV is not the report.
 */
export function readCredentialRows(csv: string): ReportCredentials[] {
	const [header, ...rows] = parseCsv(csv);
	const missing = CREDENTIAL_COLUMNS.filter((column) => !header?.includes(column));
	if (!header || missing.length > 0) {
		throw new Error(
			`The credential report has no ${missing.join(', ')} column; found columns: ${header?.join(', ') || 'none'}. Expected the CSV format of iam:GetCredentialReport.`,
		);
	}
	return rows.map((cells) => {
		const cell = (name: (typeof CREDENTIAL_COLUMNS)[number]) => cells[header.indexOf(name)];
		const key = (slot: 1 | 2): ReportAccessKey => ({
			slot,
			active: cell(`access_key_${slot}_active`) === 'true',
			lastRotated: reportDate(cell(`access_key_${slot}_last_rotated`)),
			lastUsed: reportDate(cell(`access_key_${slot}_last_used_date`)),
		});
		return {
			userName: cell('user') ?? '',
			arn: cell('arn') ?? '',
			isRoot: cell('user') === ROOT_ROW_USER,
			created: reportDate(cell('user_creation_time')),
			passwordEnabled: asBoolean(cell('password_enabled')),
			passwordLastUsed: reportDate(cell('password_last_used')),
			passwordLastChanged: reportDate(cell('password_last_changed')),
			accessKeys: [key(1), key(2)].filter((entry) => entry.lastRotated !== null || entry.active),
		};
	});
}

/** The report's time, its age when read and its number of users, as every report check's summary starts. */
export function reportMeta(generatedAt: Date, now: Date, userCount: number) {
	return {
		generatedAt: generatedAt.toISOString(),
		ageSeconds: Math.max(0, Math.round((now.getTime() - generatedAt.getTime()) / 1000)),
		userCount,
	};
}

/** Whole days from an ISO time to now, never negative. */
export function daysSince(iso: string, now: Date): number {
	return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}
