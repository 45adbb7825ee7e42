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
		generatedAt: generatedAt.toISOString(),
		ageSeconds: Math.max(0, Math.round((now.getTime() - generatedAt.getTime()) / 1000)),
		userCount: users.length,
		consoleUsersWithoutMfa: users.filter((record) => record.password === 'true' && record.mfa !== true).map(toUser),
		usersWithoutMfa: users.filter((record) => record.mfa !== true).map(toUser),
		// Root's password_enabled is `not_supported` in the report, hence null.
		root: rootRecord ? { mfaActive: rootRecord.mfa === true, passwordEnabled: asBoolean(rootRecord.password) } : null,
	};
}
