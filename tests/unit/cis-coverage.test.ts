import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countSteps } from '../../src/lib/content/guide-content-checks';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { CHECKS } from '../../src/lib/checks/registry';
import { coverageCounts, coverageProblems, coverageRows, readCisCoverage, type CisCoverage } from '../../src/lib/coverage/cis-coverage';
import { ROOT } from '../support/paths';

/** The coverage map (src/content/cis-coverage.json) names only checks, guides and steps that exist. */

const FILE = 'src/content/cis-coverage.json';
const GUIDES_DIR = join(ROOT, 'src/content/guides');
const steps = new Map(
	readdirSync(GUIDES_DIR, { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(join(GUIDES_DIR, d.name, 'index.mdx')))
		.map((d) => [d.name, countSteps(parseMdx(readFileSync(join(GUIDES_DIR, d.name, 'index.mdx'), 'utf8')))]),
);
const guideSteps = (id: string) => steps.get(id);
const coverage = readCisCoverage(JSON.parse(readFileSync(join(ROOT, FILE), 'utf8')), FILE);

const row = (extra: Partial<CisCoverage['recommendations'][number]>): CisCoverage => ({
	...coverage,
	recommendations: [{ id: '2.99', title: 'A made-up recommendation', securityHub: null, fix: null, verify: null, ...extra }],
});

describe('the CIS coverage map', () => {
	it('lists every recommendation of the section once, in order', () => {
		const ids = coverage.recommendations.map((r) => r.id);
		expect(ids.length).toBeGreaterThanOrEqual(21);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual([...ids].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])));
	});

	it('names only checks in the registry, and guides and steps that exist', () => {
		expect(coverageProblems(coverage, CHECKS, guideSteps)).toEqual([]);
	});

	it('fails on a check that is not in the registry', () => {
		expect(coverageProblems(row({ verify: { check: 'no-such-check' } }), CHECKS, guideSteps)).toEqual([
			'2.99: verify names the check "no-such-check", which is not in src/lib/checks/registry.ts.',
		]);
	});

	it('fails on a guide that does not exist, and on a step past the end of a guide', () => {
		expect(coverageProblems(row({ fix: { guide: 'no-such-guide', step: 1 } }), CHECKS, guideSteps)).toEqual([
			'2.99: fix names the guide "no-such-guide", which does not exist under src/content/guides/.',
		]);
		const last = steps.get('protect-root-user')!;
		expect(coverageProblems(row({ fix: { guide: 'protect-root-user', step: last + 1 } }), CHECKS, guideSteps)).toEqual([
			`2.99: fix names step ${last + 1} of "protect-root-user", which has ${last} steps.`,
		]);
	});

	it('refuses a file that does not match the schema, naming the file and the field', () => {
		const broken = { ...coverage, recommendations: [{ ...coverage.recommendations[0], securityHub: 'iam nine' }] };
		expect(() => readCisCoverage(broken, FILE)).toThrow(
			/cis-coverage\.json.*\n.*recommendations\.0\.securityHub: a Security Hub control ID/,
		);
		expect(() =>
			readCisCoverage({ ...coverage, recommendations: [{ ...coverage.recommendations[0], verify: { byHand: '' } }] }, FILE),
		).toThrow(/say why no API can verify it/);
	});

	it("refuses a control ID without its AWS source, and a source that is not AWS's Security Hub guide", () => {
		const first = coverage.recommendations.find((r) => r.securityHub)!;
		const { securityHubSource: _, ...withoutSource } = first;
		expect(() => readCisCoverage({ ...coverage, recommendations: [withoutSource] }, FILE)).toThrow(
			/recommendations\.0\.securityHubSource: give securityHubSource/,
		);
		expect(() =>
			readCisCoverage({ ...coverage, recommendations: [{ ...first, securityHubSource: 'https://example.com/iam-1' }] }, FILE),
		).toThrow(/the control's page in AWS's Security Hub CSPM User Guide/);
	});

	it('records, for every control ID, the AWS page of that very control', () => {
		for (const r of coverage.recommendations.filter((row) => row.securityHub)) {
			const [service, number] = r.securityHub!.split('.');
			expect(r.securityHubSource, r.id).toBe(
				`https://docs.aws.amazon.com/securityhub/latest/userguide/${service!.toLowerCase()}-controls.html#${service!.toLowerCase()}-${number}`,
			);
		}
	});

	it('turns rows into links to the fixing step and the check, and counts what is covered', () => {
		const titles = new Map([['protect-root-user', 'Protect the root user']]);
		const rows = coverageRows(row({ fix: { guide: 'protect-root-user', step: 5 }, verify: { check: 'root-user' } }), CHECKS, titles);
		expect(rows[0]!.fix).toEqual({ href: '/guides/protect-root-user/#step-5', label: 'Protect the root user, step 5' });
		expect(rows[0]!.verify).toMatchObject({ status: 'live-check', href: '/guides/protect-root-user/', check: { id: 'root-user' } });
		const withControl = coverageRows(
			row({ securityHub: 'IAM.4', securityHubSource: 'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4' }),
			CHECKS,
			titles,
		);
		expect(withControl[0]!.securityHub).toEqual({
			id: 'IAM.4',
			href: 'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4',
		});
		const all = coverageRows(coverage, CHECKS, titles);
		const counts = coverageCounts(all);
		expect(counts['live-check'] + counts['by-hand'] + counts['not-covered']).toBe(coverage.recommendations.length);
		expect(counts['live-check']).toBe(coverage.recommendations.filter((r) => r.verify && 'check' in r.verify).length);
	});
});
