import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlePolicy } from '../../src/lib/http/check-endpoint';
import { grantedCalls, mergePolicies, policyForCalls, policyForChecks } from '../../src/lib/checks/check-policy';
import { declaredAttempts } from '../../src/lib/checks/check-runner';
import { POLICY_BLOCK_END, POLICY_BLOCK_START, renderPolicyBlock, replacePolicyBlock } from '../../src/lib/checks/docs-policies';
import { CHECKS, CHECK_IDS, findCheck } from '../../src/lib/checks/registry';
import { iamPolicySchema } from '../../src/lib/checks/result-schema';
import { ROOT } from '../support/paths';

const actionsOf = (policy: ReturnType<typeof policyForCalls>) => (policy?.Statement.flatMap((statement) => statement.Action) ?? []).sort();

describe('generated policies', () => {
	it.each(CHECKS.map((check) => [check.id, check] as const))(
		'%s: grants exactly the declared actions that need a permission, read-only',
		(_id, check) => {
			const policy = policyForCalls(check.calls);
			const expected = [...new Set(grantedCalls(check.calls).map((call) => call.action))].sort();
			expect(actionsOf(policy)).toEqual(expected);
			if (policy) {
				iamPolicySchema.parse(policy);
				for (const action of actionsOf(policy)) expect(action).toMatch(/^(iam|sts):(Get|List|Simulate|GenerateCredentialReport)/);
			}
			for (const call of check.calls.filter((declared) => declared.needsPermission === false))
				expect(call.reason, `${check.id} ${call.action} says why it needs no permission`).toBeTruthy();
		},
	);

	it('scopes own-user actions to the caller and keeps the partition', () => {
		const policy = policyForCalls(findCheck('backup-device')!.calls, 'aws-cn')!;
		expect(policy.Statement).toEqual([
			{
				Sid: 'StepcheckReadOwnUser',
				Effect: 'Allow',
				Action: ['iam:ListMFADevices'],
				Resource: ['arn:aws-cn:iam::*:user/${aws:username}', 'arn:aws-cn:iam::*:user/*/${aws:username}'],
			},
		]);
	});

	it('gives checks without AWS calls no policy', () => {
		expect(policyForCalls(findCheck('cli-mfa')!.calls)).toBeNull();
		expect(policyForCalls(findCheck('identity-center')!.calls)).toBeNull();
	});

	it('serves the union of the mfa and users-without-mfa checks at /api/mfa-status/policy, in the asked partition', async () => {
		const served = async (query: string) => {
			const response = handlePolicy(new Request(`http://127.0.0.1:4321/api/mfa-status/policy${query}`));
			return { status: response.status, body: await response.json() };
		};
		const policy = await served('');
		expect(policy.status).toBe(200);
		expect(policy.body).toEqual(policyForChecks([findCheck('mfa')!, findCheck('users-without-mfa')!]));
		expect(actionsOf(iamPolicySchema.parse(policy.body))).toEqual([
			'iam:GenerateCredentialReport',
			'iam:GetCredentialReport',
			'iam:GetLoginProfile',
			'iam:ListMFADevices',
		]);
		expect(policy.body.Statement[0].Resource).toEqual(['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/*/${aws:username}']);
		expect(JSON.stringify((await served('?partition=aws-cn')).body)).toContain('arn:aws-cn:iam::*:user/');
		expect(await served('?partition=mars')).toMatchObject({ status: 400, body: { error: { code: 'bad-request' } } });
	});
});

describe('docs/live-checks.md', () => {
	const readme = readFileSync(join(ROOT, 'docs/live-checks.md'), 'utf8');

	it('holds exactly the generated policy block (run npm run policies when this fails)', () => {
		const start = readme.indexOf(POLICY_BLOCK_START);
		const end = readme.indexOf(POLICY_BLOCK_END) + POLICY_BLOCK_END.length;
		expect(start, 'the generated block markers in docs/live-checks.md').toBeGreaterThan(readme.indexOf('## The least each check needs'));
		expect(readme.slice(start, end)).toBe(renderPolicyBlock(CHECKS));
	});

	it('prints each check policy as JSON that equals the generated one', () => {
		const block = readme.slice(readme.indexOf(POLICY_BLOCK_START), readme.indexOf(POLICY_BLOCK_END));
		for (const check of CHECKS) {
			const section = block.slice(block.indexOf(`### \`${check.id}\``));
			const json = /```json\n([\s\S]*?)\n```/.exec(
				section.slice(0, section.indexOf('\n### ', 4) > 0 ? section.indexOf('\n### ', 4) : undefined),
			);
			const policy = policyForCalls(check.calls);
			if (policy) expect(JSON.parse(json![1]!)).toEqual(policy);
			else expect(json).toBeNull();
		}
	});

	it('refuses a page without the markers, saying where they go', () => {
		expect(() => replacePolicyBlock('# Live checks', 'x')).toThrow(/no generated policy block.*The least each check needs/s);
	});
});

describe('registry', () => {
	it('has unique ids made of lower-case words', () => {
		expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
		for (const id of CHECK_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
	});

	it.each(CHECKS.map((check) => [check.id, check] as const))(
		'%s sits in its guide, inside the steps, with manual commands',
		(id, check) => {
			const text = readFileSync(join(ROOT, 'src/content/guides', check.guide, 'index.mdx'), 'utf8');
			const steps = text.slice(text.indexOf('<Steps>'), text.indexOf('</Steps>'));
			expect(steps).toContain(`<LiveCheck id="${id}" />`);
			expect(check.manual.length).toBeGreaterThan(0);
		},
	);

	it('refuses a call a check did not declare, naming the fix', async () => {
		const attempt = declaredAttempts('example', [{ action: 'iam:ListMFADevices', resource: 'own-user' }]);
		await expect(attempt('iam:ListUsers', async () => 1)).rejects.toThrow(
			/Check "example" called iam:ListUsers, which is not in its declared calls/,
		);
		expect(await attempt('iam:ListMFADevices', async () => 1)).toEqual({ ok: true, value: 1 });
	});
});

describe('mergePolicies (the checkup’s denied checks)', () => {
	it('keeps one statement per Sid with the union of its actions, and is null for nothing', () => {
		const merged = mergePolicies([
			policyForCalls(findCheck('mfa')!.calls),
			null,
			policyForCalls(findCheck('root-user')!.calls),
			policyForCalls(findCheck('mfa')!.calls),
		]);
		const actions = merged!.Statement.flatMap((statement) => statement.Action);
		expect(new Set(merged!.Statement.map((statement) => statement.Sid)).size).toBe(merged!.Statement.length);
		expect(actions).toEqual([...new Set(actions)]);
		expect(actions).toEqual(expect.arrayContaining(['iam:ListMFADevices', 'iam:GetLoginProfile', 'iam:GetAccountSummary']));
		expect(mergePolicies([null])).toBeNull();
	});
});
