import { describe, expect, it } from 'vitest';
import { readPaste } from '../../src/lib/checks/cloudshell';
import { reportCsv, reportLine } from '../support/credential-report-rows';

/** Pure cases of paste mode; every verdict from real CLI output is in tests/integration/cloudshell-paste.test.ts. */
const NOW = new Date('2026-12-01T12:00:00Z');
const SUMMARY = {
	SummaryMap: { AccountMFAEnabled: 1, AccountPasswordPresent: 1, AccountAccessKeysPresent: 0, AccountSigningCertificatesPresent: 0 },
};

describe('readPaste', () => {
	it('finds the JSON document among the lines a terminal shows around it', () => {
		const pasted = `[cloudshell-user@ip-10-0-0-1 ~]$ aws iam get-account-summary --output json\n${JSON.stringify(SUMMARY, null, 4)}\n[cloudshell-user@ip-10-0-0-1 ~]$`;
		const outcome = readPaste('root-user', pasted, { policy: null, now: NOW });
		expect(outcome.ok && outcome.result).toMatchObject({
			check: 'root-user',
			verdict: 'pass',
			checkedAt: NOW.toISOString(),
			identity: null,
		});
	});

	it('names the command whose output was pasted in the wrong box', () => {
		const outcome = readPaste('backup-device', JSON.stringify(SUMMARY), { policy: null });
		expect(outcome).toMatchObject({ ok: false, problem: 'other-output' });
		expect(!outcome.ok && outcome.message).toContain('{"stepcheck":"backup-device"');
	});

	it('reads a CLI error it has no document for, and keeps the policy for AccessDenied only', () => {
		const policy = { Version: '2012-10-17' as const, Statement: [] };
		const denied =
			'An error occurred (AccessDenied) when calling the GetAccountSummary operation: User: arn:aws:iam::1:user/x is not authorized';
		expect(readPaste('root-user', denied, { policy })).toMatchObject({ ok: false, problem: 'access-denied', policy });
		const throttled = 'An error occurred (Throttling) when calling the GetAccountSummary operation: Rate exceeded';
		expect(readPaste('root-user', throttled, { policy })).toMatchObject({ ok: false, problem: 'cli-error', policy: null });
	});

	it('reads a credential report without its time line, dated at the paste', () => {
		const csv =
			'user,arn,user_creation_time,password_enabled,mfa_active\nalice,arn:aws:iam::1:user/alice,2026-01-01T00:00:00+00:00,true,false\n';
		const outcome = readPaste('users-without-mfa', csv, { policy: null, now: NOW });
		expect(outcome.ok && outcome.result.verdict).toBe('fail');
		expect(outcome.ok && outcome.result.facts.find((fact) => fact.label === 'Report generated')?.value).toContain(NOW.toISOString());
	});

	it('reads the access key and unused credential checks from the same report, with its time line', () => {
		const pasted = `2026-12-01T11:00:00+00:00\n${reportCsv([
			reportLine('bob', { password: { changed: '2026-01-01T00:00:00+00:00', used: '2026-08-01T00:00:00+00:00' } }),
			reportLine('build-bot', { keys: [{ active: true, rotated: '2026-01-01T00:00:00+00:00', used: '2026-11-30T00:00:00+00:00' }] }),
		])}\n`;
		const unused = readPaste('unused-credentials', pasted, { policy: null, now: NOW });
		expect(unused.ok && [unused.result.verdict, unused.result.summary]).toEqual([
			'fail',
			'Unused for 45 days or more: 1 console password.',
		]);
		const keys = readPaste('access-keys', pasted, { policy: null, now: NOW });
		expect(keys.ok && keys.result.lists?.[0]?.items).toEqual(['build-bot (key 1, 334 days old)']);
		expect(keys.ok && keys.result.facts[1]?.value).toMatch(/^2026-12-01T11:00:00.000Z \(1 h 0 min ago/);
	});

	it('refuses, as another command’s output, a report without the access key columns', () => {
		const csv =
			'user,arn,user_creation_time,password_enabled,mfa_active\nalice,arn:aws:iam::1:user/alice,2026-01-01T00:00:00+00:00,true,false\n';
		expect(readPaste('access-keys', csv, { policy: null, now: NOW })).toMatchObject({ ok: false, problem: 'other-output' });
	});

	it('refuses a check that has no CloudShell command', () => {
		expect(readPaste('cli-mfa', '{}', { policy: null })).toMatchObject({ ok: false });
	});
});
