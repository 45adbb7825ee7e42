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
import { CONSOLE_PAGES, DENSE_CONSOLE_PAGES } from '../../scripts/bench/console-pages.mjs';
import { CODE_LANGUAGES, DENSE_WORDS } from '../../scripts/bench/corpus-dense.mjs';
import { CAPTURE_KINDS, VARIED_SCREENSHOTS, VARIED_STEPS, VARIED_WORDS } from '../../scripts/bench/corpus-varied.mjs';
import { screenshotCacheName } from '../../scripts/bench/screenshot-cache.mjs';
import { createHash } from 'node:crypto';

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

describe('bench corpus generator, dense shape', () => {
	const dense = planCorpus(40, 1, 'dense');
	const stepsOf = (source: string) => source.slice(source.indexOf('<Steps>'), source.indexOf('</Steps>'));

	it('writes guides that pass the content lint and the schema', () => {
		for (const guide of dense) {
			expect(guideSchema.safeParse(guide.frontmatter).success, guide.id).toBe(true);
			const files = new Set(guide.screenshots.map((s) => `./${s.file}`));
			expect(
				lintGuideSource(guide.source, (p) => files.has(p)),
				guide.id,
			).toEqual([]);
		}
	});

	it('varies guide length across 300 to 3,000 words of prose, and the step count with it', () => {
		const words = dense.map((g) => countWords(readableText(g.source)));
		for (const n of words) {
			expect(n).toBeGreaterThanOrEqual(DENSE_WORDS.min);
			expect(n).toBeLessThanOrEqual(DENSE_WORDS.max);
		}
		expect(Math.min(...words)).toBeLessThan(800);
		expect(Math.max(...words)).toBeGreaterThan(2200);
		const steps = new Set(dense.map((g) => (stepsOf(g.source).match(/^\d+\. /gm) ?? []).length));
		expect(steps.size).toBeGreaterThan(4);
	});

	it('puts sub-lists, tables, long code blocks in several languages, callouts and notes inside steps', () => {
		const all = dense.map((g) => stepsOf(g.source)).join('\n');
		expect(all).toMatch(/^ {3,4}1\. /m); // a numbered sub-list, indented under a step
		expect(all).toMatch(/^ {3,4}- /m); // a bulleted sub-list
		expect(all).toMatch(/^ {3,4}\| --- \|/m); // a table
		expect(all).toMatch(/^ {3,4}<Callout type="(note|tip|warning)">/m);
		expect(all).toMatch(/^ {3,4}> \*\*Note:\*\*/m);
		const fences = [...all.matchAll(/^ {3,4}```(\w+)\n([\s\S]*?)^ {3,4}```$/gm)];
		expect(new Set(fences.map((m) => m[1]))).toEqual(new Set(CODE_LANGUAGES));
		for (const [, lang, body] of fences) {
			const lines = body!.split('\n').length - 1;
			expect(lines, lang).toBeGreaterThanOrEqual(20);
			if (lang === 'json') expect(() => JSON.parse(body!)).not.toThrow();
		}
	});

	it('always nests a numbered list in step 6, the shape of the accessibility finding', () => {
		for (const guide of dense.filter((g) => /^6\. /m.test(stepsOf(g.source)))) {
			const step6 = stepsOf(guide.source).split(/^7\. /m)[0]!.split(/^6\. /m)[1]!;
			expect(step6, guide.id).toMatch(/^ {3}1\. /m);
		}
	});

	it('renders 10 distinct dense screenshots per guide, from busy console pages only', () => {
		const names = new Set(DENSE_CONSOLE_PAGES.map((p) => p.name));
		const html = new Set<string>();
		for (const guide of dense) {
			expect(guide.screenshots.map((s) => s.file)).toEqual(
				Array.from({ length: 10 }, (_, i) => `shot-${String(i + 1).padStart(2, '0')}.png`),
			);
			for (const shot of guide.screenshots) {
				expect(names.has(shot.page)).toBe(true);
				expect(shot.html).toContain('class="dense"');
				expect(guide.source).toContain(`](./${shot.file})`);
				html.add(shot.html);
			}
		}
		expect(html.size).toBe(40 * 10);
	});

	it('is deterministic and independent of the standard shape', () => {
		expect(planCorpus(3, 1, 'dense')[2]).toEqual(dense[2]);
		expect(dense[0]!.source).not.toEqual(corpus[0]!.source);
		expect(() => planCorpus(2, 1, 'sparse' as 'dense')).toThrow(/standard, dense, varied, got "sparse"/);
	});

	it('keeps the edit of the edit build valid on a dense guide', () => {
		const guide = dense[0]!;
		const edited = editGuideText(guide.source, 3);
		expect(edited).toMatch(/^1\. .*Edited for bench run 3\.$/m);
		const files = new Set(guide.screenshots.map((s) => `./${s.file}`));
		expect(lintGuideSource(edited, (p) => files.has(p))).toEqual([]);
	});
});

describe('bench corpus generator, varied shape', () => {
	const varied = planCorpus(60, 1, 'varied');
	const stepsOf = (source: string) => source.slice(source.indexOf('<Steps>'), source.indexOf('</Steps>'));
	const stepCount = (source: string) => (stepsOf(source).match(/^\d+\. /gm) ?? []).length;
	const pixels = (shot: { viewport: { width: number; height: number }; scale: number }) => ({
		width: shot.viewport.width * shot.scale,
		height: shot.viewport.height * shot.scale,
	});

	it('writes guides that pass the content lint and the schema', () => {
		for (const guide of varied) {
			expect(guideSchema.safeParse(guide.frontmatter).success, guide.id).toBe(true);
			const files = new Set(guide.screenshots.map((s) => `./${s.file}`));
			expect(
				lintGuideSource(guide.source, (p) => files.has(p)),
				guide.id,
			).toEqual([]);
		}
	});

	it('varies guide length from about 150 to about 5,000 words, and the step count from 5 (the lint minimum) to 20 and more', () => {
		const words = varied.map((g) => countWords(readableText(g.source)));
		for (const n of words) expect(n).toBeLessThanOrEqual(VARIED_WORDS.max * 1.1);
		expect(Math.min(...words)).toBeLessThan(250);
		expect(Math.max(...words)).toBeGreaterThan(4000);
		const steps = varied.map((g) => stepCount(g.source));
		for (const n of steps) {
			expect(n).toBeGreaterThanOrEqual(VARIED_STEPS.min);
			expect(n).toBeLessThanOrEqual(VARIED_STEPS.max);
		}
		expect(Math.min(...steps)).toBe(5);
		expect(Math.max(...steps)).toBeGreaterThanOrEqual(20);
	});

	it('has guides of almost pure prose, guides with long tables and guides with code', () => {
		const prose = varied.filter((g) => !/^ {3,4}(\||```|<Callout|>|- |1\. )/m.test(stepsOf(g.source)));
		expect(prose.length).toBeGreaterThan(3);
		const longestTable = Math.max(...varied.map((g) => (stepsOf(g.source).match(/^ {3,4}\| (?!---|Setting)/gm) ?? []).length));
		expect(longestTable).toBeGreaterThanOrEqual(30);
		expect(varied.some((g) => /^ {3,4}```(bash|json|yaml|python|typescript|hcl)$/m.test(stepsOf(g.source)))).toBe(true);
	});

	it('gives guides 0 to 24 screenshots, about 8 on average, with some guides having none', () => {
		const counts = varied.map((g) => g.screenshots.length);
		for (const n of counts) expect(n).toBeLessThanOrEqual(VARIED_SCREENSHOTS.max);
		expect(counts.filter((n) => n === 0).length).toBeGreaterThan(0);
		expect(Math.max(...counts)).toBeGreaterThanOrEqual(20);
		const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
		expect(mean).toBeGreaterThan(6);
		expect(mean).toBeLessThan(10);
		for (const guide of varied) {
			expect(guide.screenshots.map((s) => s.file)).toEqual(
				Array.from({ length: guide.screenshots.length }, (_, i) => `shot-${String(i + 1).padStart(2, '0')}.png`),
			);
			for (const shot of guide.screenshots) expect(guide.source).toContain(`](./${shot.file})`);
		}
	});

	it('captures each screenshot at its own size: phone at scale 3, tall full page, small crop, HiDPI desktop at scale 2, and 1440×900', () => {
		const shots = varied.flatMap((g) => g.screenshots);
		const seen = new Set(shots.map((s) => /\((\w+) capture\)/.exec(s.alt)?.[1]));
		expect(seen).toEqual(new Set(CAPTURE_KINDS));
		const is = {
			phone: (s: (typeof shots)[number]) => s.scale === 3 && s.viewport.width < 400 && pixels(s).height > 2300,
			tall: (s: (typeof shots)[number]) =>
				s.scale === 1 && s.viewport.width === 1440 && s.viewport.height >= 2000 && s.viewport.height <= 3600,
			crop: (s: (typeof shots)[number]) =>
				s.scale === 1 && s.viewport.width >= 400 && s.viewport.width <= 800 && s.viewport.height >= 300 && s.viewport.height <= 500,
			hidpi: (s: (typeof shots)[number]) => s.scale === 2 && pixels(s).width === 2560 && pixels(s).height === 1600,
			desktop: (s: (typeof shots)[number]) => s.scale === 1 && s.viewport.width === 1440 && s.viewport.height === 900,
		};
		for (const shot of shots) {
			const kind = /\((\w+) capture\)/.exec(shot.alt)?.[1] as keyof typeof is;
			expect(is[kind](shot), `${shot.alt}: ${JSON.stringify(shot.viewport)} @${shot.scale}`).toBe(true);
			// The page is laid out for the size it is captured at.
			expect(shot.html).toContain(`width:${shot.viewport.width}px;height:${shot.viewport.height}px`);
		}
		expect(new Set(shots.map((s) => `${s.viewport.width}x${s.viewport.height}`)).size).toBeGreaterThan(20);
	});

	it('keeps every page distinct and self-contained, so the screenshots are distinct files rendered with no network', () => {
		const shots = varied.flatMap((g) => g.screenshots);
		expect(new Set(shots.map((s) => s.html)).size).toBe(shots.length);
		expect(new Set(shots.map((s) => screenshotCacheName(s))).size).toBe(shots.length);
		for (const shot of shots) expect(shot.html).not.toMatch(/(src|href)="https?:/);
	});

	it('is deterministic and independent of the standard and dense shapes', () => {
		expect(planCorpus(3, 1, 'varied')[2]).toEqual(varied[2]);
		expect(planCorpus(3, 2, 'varied')[2]!.source).not.toEqual(varied[2]!.source);
		const dense = planCorpus(3, 1, 'dense');
		expect(varied[0]!.source).not.toEqual(corpus[0]!.source);
		expect(varied[0]!.source).not.toEqual(dense[0]!.source);
		// Adding the shape left the others as they were: same plan, 1440×900 at scale 1.
		for (const guide of [...corpus, ...dense]) {
			for (const shot of guide.screenshots) expect([shot.viewport, shot.scale]).toEqual([{ width: 1440, height: 900 }, 1]);
		}
	});

	it('gives the first guide a screenshot and a first step, and the edit of the edit build keeps it valid', () => {
		const guide = varied[0]!;
		expect(guide.screenshots[0]?.file).toBe('shot-01.png');
		const edited = editGuideText(guide.source, 4);
		expect(edited).toMatch(/^1\. .*Edited for bench run 4\.$/m);
		const files = new Set(guide.screenshots.map((s) => `./${s.file}`));
		expect(lintGuideSource(edited, (p) => files.has(p))).toEqual([]);
	});
});

describe('bench screenshot cache', () => {
	const page = planCorpus(1, 1)[0]!.screenshots[0]!;
	const sha = (text: string) => `${createHash('sha256').update(text).digest('hex')}.png`;

	it('names a 1440×900 capture at scale 1 by its HTML alone, as before, so corpora already rendered stay cached', () => {
		expect(screenshotCacheName(page)).toBe(sha(page.html));
	});

	it('names any other capture by its size and scale too, so one page at two sizes is two files', () => {
		const phone = screenshotCacheName({ ...page, viewport: { width: 390, height: 844 }, scale: 3 });
		const narrowDesktop = screenshotCacheName({ ...page, viewport: { width: 390, height: 844 }, scale: 1 });
		expect(new Set([screenshotCacheName(page), phone, narrowDesktop]).size).toBe(3);
	});
});
