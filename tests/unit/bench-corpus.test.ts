import { describe, expect, it } from 'vitest';
import { guideSchema } from '../../src/lib/content/schema';
import { lintGuideSource } from '../../src/lib/content/lint';
import {
	SCREENSHOTS_PER_GUIDE,
	STEPS_PER_GUIDE,
	countWords,
	editGuideText,
	planCorpus,
	planGuide,
	readableText,
} from '../../scripts/bench/corpus.mjs';
import { CONSOLE_PAGES } from '../../scripts/bench/console-pages.mjs';

const corpus = planCorpus(24, 1);

describe('bench corpus generator', () => {
	it('plans the number of guides asked for, with distinct ids', () => {
		expect(corpus).toHaveLength(24);
		expect(new Set(corpus.map((g) => g.id)).size).toBe(24);
	});

	it('gives every guide front matter the real schema accepts', () => {
		for (const guide of corpus) {
			const parsed = guideSchema.safeParse(guide.frontmatter);
			expect(parsed.success, `${guide.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
		}
	});

	it('writes guides that pass the content lint (one ordered list in <Steps>, images present, alt text)', () => {
		for (const guide of corpus) {
			const files = new Set(guide.screenshots.map((s) => `./${s.file}`));
			expect(lintGuideSource(guide.source, (p) => files.has(p))).toEqual([]);
		}
	});

	it('has about 10 steps and about 1,200 words per guide', () => {
		for (const guide of corpus) {
			const steps = guide.source.slice(guide.source.indexOf('<Steps>')).match(/^\d+\. /gm) ?? [];
			expect(steps).toHaveLength(STEPS_PER_GUIDE);
			const words = countWords(readableText(guide.source));
			expect(words).toBeGreaterThanOrEqual(1100);
			expect(words).toBeLessThanOrEqual(1300);
		}
	});

	it('references 10 screenshots per guide, each from a console page, and every page is distinct', () => {
		const allHtml = new Set<string>();
		for (const guide of corpus) {
			expect(guide.screenshots).toHaveLength(SCREENSHOTS_PER_GUIDE);
			for (const shot of guide.screenshots) {
				expect(guide.source).toContain(`](./${shot.file})`);
				expect(shot.html).toMatch(/^<!doctype html>/);
				allHtml.add(shot.html);
			}
		}
		expect(allHtml.size).toBe(24 * SCREENSHOTS_PER_GUIDE);
	});

	it('draws on a dozen varied page kinds, and uses all of them across a corpus', () => {
		expect(CONSOLE_PAGES.length).toBeGreaterThanOrEqual(12);
		const used = new Set(corpus.flatMap((g) => g.screenshots.map((s) => s.page)));
		expect(used.size).toBe(CONSOLE_PAGES.length);
	});

	it('keeps pages self-contained so rendering needs no network', () => {
		for (const shot of corpus.flatMap((g) => g.screenshots)) {
			expect(shot.html).not.toMatch(/(src|href)="https?:/);
		}
	});

	it('is deterministic: the same index and seed give the same guide whatever the corpus size', () => {
		expect(planCorpus(3, 1)[2]).toEqual(corpus[2]);
		expect(planGuide(5, 2).source).not.toEqual(planGuide(5, 1).source);
	});

	it('refuses a corpus size that is not a whole number of guides', () => {
		expect(() => planCorpus(0)).toThrow(/whole number of guides ≥ 1, got 0/);
		expect(() => planCorpus(1.5)).toThrow(/got 1.5/);
	});

	it('edits a guide differently on every run, in its first step, keeping it valid', () => {
		const guide = corpus[0]!;
		const once = editGuideText(guide.source, 1);
		const twice = editGuideText(guide.source, 2);
		expect(once).not.toEqual(guide.source);
		expect(once).not.toEqual(twice);
		expect(once).toMatch(/^1\. .*Edited for bench run 1\.$/m);
		const files = new Set(guide.screenshots.map((s) => `./${s.file}`));
		expect(lintGuideSource(once, (p) => files.has(p))).toEqual([]);
	});
});
