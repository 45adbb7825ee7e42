import { describe, expect, it } from 'vitest';
import type { CheckAnswer } from '../../src/lib/live/check-transport';
import { checkupCatalog } from '../../src/lib/checkup/checkup-catalog';
import { checkupJson, checkupMarkdown, deniedPolicy, markdownCell, redactSecrets } from '../../src/lib/checkup/checkup-export';
import { policyForCalls } from '../../src/lib/checks/check-policy';
import { checkupRows, summaryLine, type CheckupRow } from '../../src/lib/checkup/checkup-rows';
import type { CheckupEntry } from '../../src/lib/checkup/run-checkup';
import { CHECKS } from '../../src/lib/checks/registry';
import { checkResult, GUIDE_TITLES, identity } from '../support/checkup-results';

const catalog = checkupCatalog(CHECKS, GUIDE_TITLES);
const entry = (id: string, answer: CheckupEntry['answer']): CheckupEntry => ({ check: catalog.find((check) => check.id === id)!, answer });
const result = (id: string, verdict: Parameters<typeof checkResult>[1], extra = {}): CheckAnswer => ({
	kind: 'result',
	status: 200,
	body: checkResult(id, verdict, extra),
});
const advice = (guideStep: string, label: string) => ({
	id: 'a',
	message: 'Do it.',
	guideStep,
	guideStepLabel: label,
	docsUrl: null,
});

const ENTRIES: CheckupEntry[] = [
	entry(
		'mfa',
		result('mfa', 'pass', { summary: 'carol has MFA.', advice: [advice('/guides/turn-on-mfa-aws/#step-9', 'Step 9: Test it')] }),
	),
	entry(
		'root-user',
		result('root-user', 'fail', {
			summary: 'The root user is not locked down.',
			advice: [advice('/guides/protect-root-user/#step-3', 'Step 3: Give root a passkey')],
		}),
	),
	entry('backup-device', { kind: 'rate-limited', retryAfterSeconds: 42, message: 'Try again in 42 s.' }),
	entry('mfa-policy', result('mfa-policy', 'warn', { summary: 'carol has a Deny\nthat uses Bool.' })),
	entry(
		'cli-mfa',
		result('cli-mfa', 'unknown', { fileFound: false, configFile: '~/.aws/config', summary: 'There is no AWS config file.' }),
	),
	entry('users-without-mfa', { kind: 'skipped', reason: 'Not run: tick the box.' }),
	entry('identity-center', { kind: 'unreachable', cause: 'unreachable', message: 'Stepcheck’s server did not answer.' }),
];

describe('the checkup table', () => {
	const rows = checkupRows(ENTRIES);

	it('orders rows by risk: fail, warn, unknown, try again, pass, not applicable (catalog order within each)', () => {
		expect(rows.map((row) => [row.verdict, row.check])).toEqual([
			['fail', 'root-user'],
			['warn', 'mfa-policy'],
			['unknown', 'identity-center'],
			['try-again', 'backup-device'],
			['pass', 'mfa'],
			['not-applicable', 'cli-mfa'],
			['not-applicable', 'users-without-mfa'],
		]);
	});

	it('gives each row one line and the exact step that fixes it', () => {
		const row = (id: string) => rows.find((candidate) => candidate.check === id)!;
		expect(row('root-user')).toMatchObject({
			title: 'Root user check',
			finding: 'The root user is not locked down.',
			fix: { href: '/guides/protect-root-user/#step-3', label: 'Step 3: Give root a passkey' },
			checkedAt: '2026-12-01T22:00:00.000Z',
		});
		expect(row('mfa-policy').finding).toBe('carol has a Deny that uses Bool.');
		// Without advice, the first step the check verifies.
		expect(row('mfa-policy').fix).toEqual({ href: '/guides/require-mfa-policy/#step-5', label: 'Require MFA with a policy, step 5' });
	});

	it('shows a rate-limit refusal as "try again in N s", not as a failure', () => {
		const refused = rows.find((row) => row.check === 'backup-device')!;
		expect(refused).toMatchObject({ verdict: 'try-again', retryAfterSeconds: 42 });
		expect(refused.finding).toBe('Could not check (rate-limited): too many checks in a minute. Try again in 42 s.');
		expect(refused.couldNotCheck).toMatchObject({ cause: 'rate-limited', retryAfterSeconds: 42 });
	});

	it('shows the CLI check without a config file as not applicable, saying so', () => {
		expect(rows.find((row) => row.check === 'cli-mfa')!.finding).toBe(
			'There is no AWS CLI config file at ~/.aws/config, so there is no CLI profile to check. Set AWS_CONFIG_FILE if yours is elsewhere.',
		);
	});

	it('sums it up in one line', () => {
		expect(summaryLine(rows)).toBe(
			'Could not check 2 of 5 (1 no connection or no answer, 1 rate-limited): try again in 42 s, 1 thing to fix, 1 to look at, 1 fine, 2 not applicable',
		);
		const verdicts = (list: CheckupRow['verdict'][]) =>
			list.map((verdict) => ({ ...rows[0]!, verdict, retryAfterSeconds: undefined, couldNotCheck: undefined }));
		expect(summaryLine(verdicts(['fail', 'fail', 'warn', 'pass', 'pass', 'pass', 'pass']))).toBe('2 things to fix, 1 to look at, 4 fine');
		expect(summaryLine(verdicts(['pass', 'not-applicable']))).toBe('Nothing to fix, 1 fine, 1 not applicable');
		// A warning is not "nothing to fix": only every applicable check passing is.
		expect(summaryLine(verdicts(['warn', 'pass']))).toBe('1 to look at, 1 fine');
	});

	it('never says "Nothing to fix" when a check could not read, and says why first', () => {
		const denied = {
			cause: 'access-denied' as const,
			message:
				'The credentials are not allowed to call iam:ListMFADevices. Ask an administrator to attach the minimal read-only policy shown with this result, then check again.',
		};
		const unknown = (id: string) => entry(id, result(id, 'unknown', { summary: 'Could not read the MFA devices.', couldNotCheck: denied }));
		const allDenied = checkupRows([unknown('mfa'), unknown('root-user'), unknown('backup-device')]);
		expect(summaryLine(allDenied)).toBe('Could not check 3 of 3 (3 access denied)');
		expect(allDenied[0]!.finding).toContain('Could not check (access denied). The credentials are not allowed');
		const mixed = checkupRows([unknown('mfa'), entry('root-user', result('root-user', 'pass'))]);
		expect(summaryLine(mixed)).toBe('Could not check 1 of 2 (1 access denied), no failures in the checks that could read, 1 fine');
		expect(summaryLine(mixed)).not.toMatch(/nothing to fix/i);
	});
});

describe('taking the result away', () => {
	const rows = checkupRows(ENTRIES);

	it('Markdown: summary, who and when, and a table whose links open the step on the published site', () => {
		const markdown = checkupMarkdown({
			rows,
			summary: summaryLine(rows),
			identity: identity('iam-user', 'carol_admin'),
			checkedAt: '2026-12-01T22:03:09.000Z',
			siteUrl: 'https://stepcheck.example/',
			deniedPolicy: null,
		});
		const lines = markdown.split('\n');
		expect(lines.slice(0, 8)).toEqual([
			'## AWS account checkup (Stepcheck)',
			'',
			'Could not check 2 of 5 (1 no connection or no answer, 1 rate-limited): try again in 42 s, 1 thing to fix, 1 to look at, 1 fine, 2 not applicable.',
			'',
			'Checked 2026-12-01 22:03 UTC as IAM user carol\\_admin.',
			'',
			'| Check | Verdict | Finding | Step that fixes it |',
			'| --- | --- | --- | --- |',
		]);
		expect(lines[8]).toBe(
			'| Root user check | Fail | The root user is not locked down. | [Step 3: Give root a passkey](https://stepcheck.example/guides/protect-root-user/#step-3) |',
		);
		expect(lines.filter((line) => line.startsWith('| ')).length).toBe(2 + ENTRIES.length);
		expect(markdown).not.toContain('123456789012');
	});

	it('Markdown: access denied carries the one policy that lets every denied check read, as a fenced JSON block', () => {
		const denied = { cause: 'access-denied' as const, message: 'The credentials are not allowed to call iam:ListMFADevices.' };
		const deniedResult = (id: string) => {
			const check = CHECKS.find((candidate) => candidate.id === id)!;
			return entry(id, result(id, 'unknown', { couldNotCheck: denied, minimalPolicy: policyForCalls(check.calls) }));
		};
		const entries = [deniedResult('mfa'), deniedResult('root-user'), entry('backup-device', result('backup-device', 'pass'))];
		const policy = deniedPolicy(entries)!;
		expect(policy.Statement.flatMap((statement) => statement.Action).sort()).toEqual(
			['iam:GetAccountSummary', 'iam:GetLoginProfile', 'iam:ListMFADevices'].sort(),
		);
		const rows = checkupRows(entries);
		const markdown = checkupMarkdown({
			rows,
			summary: summaryLine(rows),
			identity: null,
			checkedAt: '2026-12-01T22:03:09.000Z',
			siteUrl: 'https://stepcheck.example/',
			deniedPolicy: policy,
		});
		const block = /\n(`{3,})json\n([\s\S]*?)\n\1\n/.exec(markdown);
		expect(block, markdown).not.toBeNull();
		expect(JSON.parse(block![2]!)).toEqual(policy);
		// Said in words before the block, after the table.
		const before = markdown.slice(0, block!.index);
		expect(before).toMatch(/\| --- \|[\s\S]*read-only policy/);
		// Nothing denied, nothing to attach.
		const fine = [entry('backup-device', result('backup-device', 'pass'))];
		expect(deniedPolicy(fine)).toBeNull();
		expect(
			checkupMarkdown({
				rows: checkupRows(fine),
				summary: 'x',
				identity: null,
				checkedAt: '2026-12-01T22:03:09.000Z',
				siteUrl: 'https://stepcheck.example/',
				deniedPolicy: null,
			}),
		).not.toContain('```');
	});

	it('Markdown: a policy from an answer is defanged and redacted, and cannot close its fence', () => {
		const hostile = {
			Version: '2012-10-17' as const,
			Statement: [
				{
					Sid: 'StepcheckReadAccount',
					Effect: 'Allow' as const,
					Action: ['iam:GetAccountSummary', '```\n[x](https://evil.example) AKIAIOSFODNN7EXAMPLE www.evil.example'],
					Resource: '*',
				},
			],
		};
		const markdown = checkupMarkdown({
			rows: [],
			summary: 'x',
			identity: null,
			checkedAt: '2026-12-01T22:03:09.000Z',
			siteUrl: 'https://stepcheck.example/',
			deniedPolicy: hostile,
		});
		const fence = /\n(`{3,})json\n/.exec(markdown)![1]!;
		expect(fence.length).toBeGreaterThan(3);
		// The fence closes once, at the end of the block: the backticks inside cannot end it early.
		expect(markdown.split(`\n${fence}`)).toHaveLength(3);
		expect(markdown).not.toMatch(/AKIAIOSFODNN7EXAMPLE|https:\/\/evil|www\.evil/);
		expect(markdown).toContain('https[:]//evil.example');
	});

	it('Markdown cells cannot break the table or inject links', () => {
		expect(markdownCell('a | b\n[x](javascript:y) *z*')).toBe('a \\| b \\[x\\](javascript:y) \\*z\\*');
	});

	it('JSON: the result bodies exactly as the API returned them, one array; a check with no body says why it could not check', () => {
		const parsed = JSON.parse(checkupJson(ENTRIES));
		const bodies = ENTRIES.flatMap((item) => (item.answer.kind === 'result' ? [item.answer.body] : []));
		expect(parsed.filter((body: { schemaVersion?: number }) => body.schemaVersion)).toEqual(bodies);
		expect(parsed.map((body: { check: string }) => body.check)).toEqual([
			'mfa',
			'root-user',
			'backup-device',
			'mfa-policy',
			'cli-mfa',
			'identity-center',
		]);
		expect(parsed.find((body: { check: string }) => body.check === 'backup-device')).toEqual({
			check: 'backup-device',
			verdict: 'unknown',
			couldNotCheck: { cause: 'rate-limited', message: 'Try again in 42 s.', retryAfterSeconds: 42 },
		});
		expect(parsed.find((body: { check: string }) => body.check === 'identity-center').couldNotCheck.cause).toBe('unreachable');
	});

	it('never lets a key or secret out, even if one reached a result', () => {
		const leaky = [
			entry(
				'mfa',
				result('mfa', 'fail', {
					summary: 'Key AKIAIOSFODNN7EXAMPLE is old; aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
					facts: [{ label: 'Token', value: 'x', SessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ' }],
				}),
			),
		];
		const json = checkupJson(leaky);
		const markdown = checkupMarkdown({
			rows: checkupRows(leaky),
			summary: 'x',
			identity: null,
			checkedAt: '2026-12-01T22:03:09.000Z',
			siteUrl: 'https://stepcheck.example/',
			deniedPolicy: null,
		});
		for (const text of [json, markdown]) {
			expect(text).not.toMatch(/AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI|IQoJb3JpZ2lu/);
			expect(text).toContain('(redacted)');
		}
		expect(JSON.parse(json)[0].summary).toBe('Key (redacted) is old; aws_secret_access_key = (redacted)');
		expect(redactSecrets('arn:aws:iam::123456789012:user/alice')).toBe('arn:aws:iam::123456789012:user/alice');
	});
});
