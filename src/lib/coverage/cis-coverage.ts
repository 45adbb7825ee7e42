import { z } from 'astro/zod';
import type { GuideSteps } from '../content/guide-content-checks';

/**
 * The coverage map: for every recommendation of the CIS benchmark's identity section, the
 * Security Hub CSPM control that checks the same thing (if any), the guide step that fixes it,
 * and how a reader verifies it: a live check, or by hand and why. `null` means "not covered
 * yet", and the page says so rather than hiding the row.
 */

const stepSchema = z.object({
	guide: z.string().regex(/^[a-z0-9-]+$/, 'a guide id is the folder name under src/content/guides/, such as "protect-root-user"'),
	step: z.number().int().positive(),
});

const verifySchema = z.union([
	z.object({ check: z.string().min(1) }).strict(),
	z.object({ byHand: z.string().min(20, 'say why no API can verify it, and how a reader verifies it by hand') }).strict(),
]);

const recommendationSchema = z
	.object({
		/** The benchmark's own number, such as "2.4". */
		id: z.string().regex(/^\d+(\.\d+)+$/, 'a CIS recommendation number such as "2.4"'),
		title: z.string().min(1),
		/** The Security Hub CSPM control ID (such as "IAM.9"), or null when no control checks it. */
		securityHub: z
			.string()
			.regex(/^[A-Za-z0-9]+\.\d+$/, 'a Security Hub control ID such as "IAM.9"')
			.nullable(),
		/** AWS's own page for that control, where the ID was checked; required with every ID. */
		securityHubSource: z
			.url()
			.startsWith('https://docs.aws.amazon.com/securityhub/', "the source is the control's page in AWS's Security Hub CSPM User Guide")
			.optional(),
		fix: stepSchema.nullable(),
		verify: verifySchema.nullable(),
		/** Anything the reader should know about how complete the coverage is. */
		note: z.string().min(1).optional(),
	})
	.strict()
	.refine((row) => (row.securityHub === null) === (row.securityHubSource === undefined), {
		message: "give securityHubSource, the control's page on docs.aws.amazon.com, with each Security Hub control ID (and none without one)",
		path: ['securityHubSource'],
	});

const cisCoverageSchema = z
	.object({
		benchmark: z.string().min(1),
		section: z.string().min(1),
		/** The CIS version Security Hub CSPM maps its controls to, which may lag the benchmark. */
		securityHubStandard: z.string().min(1),
		recommendations: z.array(recommendationSchema).min(1),
	})
	.strict();

export type CisCoverage = z.infer<typeof cisCoverageSchema>;
type Recommendation = CisCoverage['recommendations'][number];

/** The live checks by id, as the registry declares them. */
export interface CoverageCheck {
	id: string;
	title: string;
	guide: string;
}

/** Reads the mapping file's JSON, naming the file and the field of each problem. */
export function readCisCoverage(data: unknown, file: string): CisCoverage {
	const parsed = cisCoverageSchema.safeParse(data);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
	throw new Error(`${file} does not match the coverage schema (src/lib/coverage/cis-coverage.ts):\n${problems.join('\n')}`);
}

/** Every name in the mapping that points nowhere: a check, a guide or a step that does not exist, or a repeated row. */
export function coverageProblems(coverage: CisCoverage, checks: readonly CoverageCheck[], guideSteps: GuideSteps): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const row of coverage.recommendations) {
		if (seen.has(row.id)) problems.push(`${row.id}: the recommendation is listed twice; keep one row per recommendation.`);
		seen.add(row.id);
		if (row.fix) {
			const steps = guideSteps(row.fix.guide);
			if (steps === undefined) {
				problems.push(`${row.id}: fix names the guide "${row.fix.guide}", which does not exist under src/content/guides/.`);
			} else if (row.fix.step > steps) {
				problems.push(`${row.id}: fix names step ${row.fix.step} of "${row.fix.guide}", which has ${steps} steps.`);
			}
		}
		if (row.verify && 'check' in row.verify) {
			const id = row.verify.check;
			if (!checks.some((check) => check.id === id)) {
				problems.push(`${row.id}: verify names the check "${id}", which is not in src/lib/checks/registry.ts.`);
			}
		}
	}
	return problems;
}

export type CoverageStatus = 'live-check' | 'by-hand' | 'not-covered';

export interface CoverageRow {
	id: string;
	title: string;
	/** The control ID and AWS's page for it, or null when no control checks the recommendation. */
	securityHub: { id: string; href: string } | null;
	/** The step's address on the site (without the base), and its label. */
	fix: { href: string; label: string } | null;
	verify: { status: 'live-check'; check: CoverageCheck; href: string } | { status: 'by-hand'; reason: string } | { status: 'not-covered' };
	note?: string;
}

function verifyOf(row: Recommendation, checks: readonly CoverageCheck[]): CoverageRow['verify'] {
	if (!row.verify) return { status: 'not-covered' };
	if ('byHand' in row.verify) return { status: 'by-hand', reason: row.verify.byHand };
	const id = row.verify.check;
	const check = checks.find((candidate) => candidate.id === id);
	if (!check) throw new Error(`The coverage map names the check "${id}", which is not in the registry.`);
	return { status: 'live-check', check, href: `/guides/${check.guide}/` };
}

/** The rows the coverage page shows, with links and the checks' own titles from the registry. */
export function coverageRows(
	coverage: CisCoverage,
	checks: readonly CoverageCheck[],
	guideTitles: ReadonlyMap<string, string>,
): CoverageRow[] {
	return coverage.recommendations.map((row) => {
		const title = row.fix ? guideTitles.get(row.fix.guide) : undefined;
		return {
			id: row.id,
			title: row.title,
			securityHub: row.securityHub && row.securityHubSource ? { id: row.securityHub, href: row.securityHubSource } : null,
			fix: row.fix
				? { href: `/guides/${row.fix.guide}/#step-${row.fix.step}`, label: `${title ?? row.fix.guide}, step ${row.fix.step}` }
				: null,
			verify: verifyOf(row, checks),
			...(row.note ? { note: row.note } : {}),
		};
	});
}

/** How many rows each status has, for the page's summary line. */
export function coverageCounts(rows: readonly CoverageRow[]): Record<CoverageStatus, number> {
	const counts: Record<CoverageStatus, number> = { 'live-check': 0, 'by-hand': 0, 'not-covered': 0 };
	for (const row of rows) counts[row.verify.status] += 1;
	return counts;
}
