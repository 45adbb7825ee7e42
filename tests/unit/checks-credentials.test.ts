import { describe, expect, it } from 'vitest';
import { readCredentialRows } from '../../src/lib/aws/credential-report';
import { decideAccessKeys, summarizeAccessKeys } from '../../src/lib/checks/access-keys';
import { decideUnusedCredentials, summarizeUnusedCredentials } from '../../src/lib/checks/unused-credentials';
import { reportCsv, reportLine } from '../support/credential-report-rows';

const NOW = new Date('2026-12-07T12:00:00Z');
const GENERATED = new Date('2026-12-07T11:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString().replace('.000Z', '+00:00');

describe('readCredentialRows', () => {
	it('reads passwords and both key slots, and reads N/A, no_information and not_supported as no date', () => {
		const [root, alice] = readCredentialRows(
			reportCsv([
				reportLine('<root_account>'),
				reportLine('alice', {
					password: { changed: daysAgo(100) },
					keys: [
						{ active: true, rotated: daysAgo(10), used: daysAgo(1) },
						{ active: false, rotated: daysAgo(200) },
					],
				}),
			]),
		);
		expect(root!.isRoot).toBe(true);
		expect(alice).toMatchObject({ userName: 'alice', isRoot: false, passwordEnabled: true, passwordLastUsed: null });
		expect(alice!.accessKeys).toEqual([
			{ slot: 1, active: true, lastRotated: new Date(daysAgo(10)).toISOString(), lastUsed: new Date(daysAgo(1)).toISOString() },
			{ slot: 2, active: false, lastRotated: new Date(daysAgo(200)).toISOString(), lastUsed: null },
		]);
	});

	it('refuses a CSV without the key columns, naming them', () => {
		expect(() => readCredentialRows('user,arn,password_enabled,mfa_active\nalice,x,true,true')).toThrow(
			/no user_creation_time, password_last_used, .*access_key_2_last_used_date column/,
		);
	});
});

describe('access-keys: one finding per CIS recommendation', () => {
	const decide = (lines: string[]) => decideAccessKeys(summarizeAccessKeys(reportCsv(lines), GENERATED, NOW));

	it('passes keys younger than 90 days, one per user and used, and says so', () => {
		const decision = decide([
			reportLine('<root_account>'),
			reportLine('alice', {
				password: { changed: daysAgo(300), used: daysAgo(1) },
				keys: [{ active: true, rotated: daysAgo(90), used: daysAgo(2) }],
			}),
			reportLine('build-bot', {
				keys: [
					{ active: false, rotated: daysAgo(400) },
					{ active: true, rotated: daysAgo(5) },
				],
			}),
		]);
		expect(decision.verdict).toBe('pass');
		expect(decision.summary).toBe('All 2 active access keys are younger than 90 days, one per user, and used.');
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual(['/guides/manage-access-keys/#step-3']);
		expect(decision.lists!.every((list) => list.items.length === 0)).toBe(true);
	});

	it('passes an account without active keys', () => {
		expect(decide([reportLine('alice', { password: { changed: daysAgo(3) } })]).summary).toBe('No IAM user has an active access key.');
	});

	it.each([
		[
			'a key older than 90 days (IAM.3)',
			reportLine('old-key', { keys: [{ active: true, rotated: daysAgo(91), used: daysAgo(1) }] }),
			'Not rotated in 90 days (Security Hub IAM.3)',
			'old-key (key 1, 91 days old)',
			'/guides/manage-access-keys/#step-6',
		],
		[
			'two active keys',
			reportLine('two-keys', {
				keys: [
					{ active: true, rotated: daysAgo(20), used: daysAgo(1) },
					{ active: true, rotated: daysAgo(3), used: daysAgo(1) },
				],
			}),
			'Two active keys',
			'two-keys',
			'/guides/manage-access-keys/#step-5',
		],
		[
			'a console user with a key never used (set up with the user)',
			reportLine('console-user', { password: { changed: daysAgo(30), used: daysAgo(1) }, keys: [{ active: true, rotated: daysAgo(30) }] }),
			'Console users with a key never used',
			'console-user (key 1, 30 days old)',
			'/guides/manage-access-keys/#step-4',
		],
	])('fails %s, listing it and linking its step', (_name, line, list, item, step) => {
		const decision = decide([reportLine('alice'), line]);
		expect(decision.verdict).toBe('fail');
		expect(decision.lists!.find((entry) => entry.label === list)!.items).toEqual([item]);
		expect(decision.lists!.filter((entry) => entry.label !== list).every((entry) => entry.items.length === 0)).toBe(true);
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual([step]);
	});

	it('does not count an inactive old key, a never-used key of a user without a password, or root keys', () => {
		const decision = decide([
			reportLine('<root_account>', { keys: [{ active: true, rotated: daysAgo(900) }] }),
			reportLine('script', {
				keys: [
					{ active: true, rotated: daysAgo(10) },
					{ active: false, rotated: daysAgo(500) },
				],
			}),
		]);
		expect(decision.verdict).toBe('pass');
	});

	it('names every finding in the summary when several fail', () => {
		const decision = decide([
			reportLine('a', {
				password: { changed: daysAgo(200), used: daysAgo(1) },
				keys: [
					{ active: true, rotated: daysAgo(120), used: daysAgo(2) },
					{ active: true, rotated: daysAgo(1) },
				],
			}),
		]);
		expect(decision.summary).toBe(
			'Access keys to fix: 1 key of console users never used; 1 user with two active keys; 1 key older than 90 days.',
		);
		expect(decision.advice.map((advice) => advice.id)).toEqual(['never-used', 'one-active-key', 'rotate']);
	});

	it('could not check without a report: unknown, with the step that lists keys by hand', () => {
		const decision = decideAccessKeys(null);
		expect(decision.verdict).toBe('unknown');
		expect(decision.advice[0]!.guideStep).toBe('/guides/manage-access-keys/#step-2');
	});
});

describe('unused-credentials: 45 days (CIS, Security Hub IAM.22)', () => {
	const decide = (lines: string[]) => decideUnusedCredentials(summarizeUnusedCredentials(reportCsv(lines), GENERATED, NOW));

	it('passes when every password and active key was used within 45 days, or set less than 45 days ago', () => {
		const decision = decide([
			reportLine('<root_account>', { password: { changed: daysAgo(900), used: daysAgo(800) } }),
			reportLine('alice', {
				password: { changed: daysAgo(400), used: daysAgo(44) },
				keys: [{ active: true, rotated: daysAgo(300), used: daysAgo(3) }],
			}),
			reportLine('new-user', { created: daysAgo(2), password: { changed: daysAgo(2) }, keys: [{ active: true, rotated: daysAgo(2) }] }),
			reportLine('retired-key', { keys: [{ active: false, rotated: daysAgo(400), used: daysAgo(300) }] }),
		]);
		expect(decision.verdict).toBe('pass');
		expect(decision.summary).toBe('No console password or active access key of the 3 users has gone unused for 45 days.');
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual(['/guides/remove-unused-credentials/#step-7']);
	});

	it('fails a password last used 45 days ago or more, and one never used but set 60 days ago, linking step 5', () => {
		const decision = decide([
			reportLine('bob', { password: { changed: daysAgo(400), used: daysAgo(45) } }),
			reportLine('carol', { password: { changed: daysAgo(60) } }),
		]);
		expect(decision.verdict).toBe('fail');
		expect(decision.lists![0]!.items).toEqual(['bob: last used 45 days ago', 'carol: never used, set 60 days ago']);
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual(['/guides/remove-unused-credentials/#step-5']);
		expect(decision.summary).toBe('Unused for 45 days or more: 2 console passwords.');
	});

	it('fails an active key unused for 45 days or more, linking step 6', () => {
		const decision = decide([
			reportLine('build-bot', {
				keys: [
					{ active: true, rotated: daysAgo(300), used: daysAgo(64) },
					{ active: true, rotated: daysAgo(50) },
				],
			}),
		]);
		expect(decision.lists![1]!.items).toEqual(['build-bot key 1: last used 64 days ago', 'build-bot key 2: never used, set 50 days ago']);
		expect(decision.advice.map((advice) => advice.guideStep)).toEqual(['/guides/remove-unused-credentials/#step-6']);
		expect(decision.advice[0]!.message).toBe('Deactivate, then delete, the unused keys of: build-bot.');
	});

	it('could not check without a report: unknown, with the step that reads it by hand', () => {
		const decision = decideUnusedCredentials(null);
		expect(decision.verdict).toBe('unknown');
		expect(decision.advice[0]!.guideStep).toBe('/guides/remove-unused-credentials/#step-2');
	});
});
