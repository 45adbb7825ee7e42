import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkFrontmatter, countSteps, frontmatterText } from '../../src/lib/content/guide-content-checks';
import { lintGuideSource } from '../../src/lib/content/lint';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { ROOT } from '../support/paths';

/** The content validator the build runs (lint.ts), over every real guide in the repository, one test per guide. */

const GUIDES_DIR = join(ROOT, 'src/content/guides');
const guides = readdirSync(GUIDES_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory() && existsSync(join(GUIDES_DIR, d.name, 'index.mdx')))
	.map((d) => ({ id: d.name, source: readFileSync(join(GUIDES_DIR, d.name, 'index.mdx'), 'utf8') }));

const steps = new Map(guides.map((g) => [g.id, countSteps(parseMdx(g.source))]));

describe('guide content', () => {
	it('finds the guides', () => {
		expect(guides.length).toBeGreaterThan(0);
	});

	describe.each(guides.map((g) => [g.id, g.source] as const))('src/content/guides/%s/index.mdx', (id, source) => {
		it('has front matter that matches the schema, with the day it was last reviewed', () => {
			const yaml = frontmatterText(source);
			expect(yaml, `${id}: the file has no front matter between --- lines`).not.toBeNull();
			const data = parseYaml(yaml!);
			expect(
				checkFrontmatter(data).map((p) => p.message),
				`${id}: front matter problems`,
			).toEqual([]);
			expect(data.reviewed, `${id}: set reviewed: YYYY-MM-DD to the day you checked the guide against AWS`).toBeDefined();
		});

		it('passes the content validator the build runs (steps, images, links, JSON, IAM policies, commands, sources)', () => {
			const problems = lintGuideSource(
				source,
				(path) => existsSync(join(GUIDES_DIR, id, path)),
				(other) => steps.get(other),
			);
			expect(
				problems.map((p) => `line ${p.line}: ${p.message}`),
				`${id}: content problems`,
			).toEqual([]);
		});
	});
});
