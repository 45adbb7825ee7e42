import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
	checkFrontmatter,
	checkGuideBody,
	countSteps,
	frontmatterText,
	parseGuideBody,
	type GuideIndex,
} from '../../src/lib/content/guide-content-checks';
import { ROOT } from '../support/paths';

/** The content checks over every real guide in the repository, one test per guide. */

const GUIDES_DIR = join(ROOT, 'src/content/guides');
const guides = readdirSync(GUIDES_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory() && existsSync(join(GUIDES_DIR, d.name, 'index.mdx')))
	.map((d) => ({ id: d.name, source: readFileSync(join(GUIDES_DIR, d.name, 'index.mdx'), 'utf8') }));

const index: GuideIndex = new Map(guides.map((g) => [g.id, { steps: countSteps(parseGuideBody(g.source)) }]));

describe('guide content', () => {
	it('finds the guides', () => {
		expect(guides.length).toBeGreaterThan(0);
	});

	describe.each(guides.map((g) => [g.id, g.source] as const))('src/content/guides/%s/index.mdx', (id, source) => {
		it('has front matter that matches the schema', () => {
			const yaml = frontmatterText(source);
			expect(yaml, `${id}: the file has no front matter between --- lines`).not.toBeNull();
			const problems = checkFrontmatter(parseYaml(yaml!));
			expect(
				problems.map((p) => p.message),
				`${id}: front matter problems`,
			).toEqual([]);
		});

		it('passes the body checks (steps, images, links, JSON, IAM policies, sources)', () => {
			const problems = checkGuideBody(source, index);
			expect(
				problems.map((p) => `line ${p.line}: ${p.message}`),
				`${id}: content problems`,
			).toEqual([]);
		});
	});
});
