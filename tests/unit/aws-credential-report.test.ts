import { describe, expect, it } from 'vitest';
import { parseCsv, summarizeCredentialReport } from '../../src/lib/aws/credential-report';

const HEADER = 'user,arn,user_creation_time,password_enabled,password_last_used,mfa_active,access_key_1_active';
const row = (user: string, password: string, mfa: string) =>
	`${user},arn:aws:iam::123456789012:${user === '<root_account>' ? 'root' : `user/${user}`},2024-01-01T00:00:00+00:00,${password},N/A,${mfa},false`;
const GENERATED = new Date('2026-11-29T10:00:00Z');
const NOW = new Date('2026-11-29T12:30:00Z');

describe('summarizeCredentialReport', () => {
	const csv = [
		HEADER,
		row('<root_account>', 'not_supported', 'false'),
		row('alice', 'true', 'true'),
		row('bob', 'true', 'false'),
		row('carol', 'false', 'false'),
		row('dave', 'false', 'true'),
	].join('\n');
	const summary = summarizeCredentialReport(csv, GENERATED, NOW);

	it('lists console users without MFA (IAM.5)', () => {
		expect(summary.consoleUsersWithoutMfa.map((user) => user.userName)).toEqual(['bob']);
	});
	it('lists every user without MFA (IAM.19)', () => {
		expect(summary.usersWithoutMfa.map((user) => user.userName)).toEqual(['bob', 'carol']);
	});
	it('reads the root row apart from the users', () => {
		expect(summary.root).toEqual({ mfaActive: false, passwordEnabled: null });
		expect(summary.userCount).toBe(4);
	});
	it('carries the report age', () => {
		expect(summary.ageSeconds).toBe(2.5 * 3600);
		expect(summary.generatedAt).toBe('2026-11-29T10:00:00.000Z');
	});
	it('has no root when the row is absent, and handles CRLF and a trailing newline', () => {
		const result = summarizeCredentialReport(`${HEADER}\r\n${row('alice', 'true', 'false')}\r\n`, GENERATED, NOW);
		expect(result.root).toBeNull();
		expect(result.consoleUsersWithoutMfa.map((user) => user.userName)).toEqual(['alice']);
	});
	it('refuses a CSV without the needed columns and says which', () => {
		expect(() => summarizeCredentialReport('user,arn\nalice,x', GENERATED, NOW)).toThrow(/password_enabled, mfa_active/);
	});
});

describe('parseCsv', () => {
	it.each([
		[
			'a,b\n1,2',
			[
				['a', 'b'],
				['1', '2'],
			],
		],
		[
			'a,"b,c"\n"x ""y""",2',
			[
				['a', 'b,c'],
				['x "y"', '2'],
			],
		],
		['a,,c\n\n', [['a', '', 'c']]],
	])('%j', (text, rows) => {
		expect(parseCsv(text)).toEqual(rows);
	});
});
