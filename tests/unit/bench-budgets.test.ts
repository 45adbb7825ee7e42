import { describe, expect, it } from 'vitest';
import { checkBudgets, missedBudgets, STARLIGHT_REFERENCE } from '../../scripts/bench/budgets.mjs';
import type { ToolFigures } from '../../scripts/bench/budgets.mjs';

/** A cold build's deployable site, for a corpus of 10 screenshots per guide. */
const deployed = (outputFiles: number, outputBytes: number) => ({
	outputFiles,
	outputBytes,
	screenshots: (outputFiles > 1000 ? 200 : 20) * 10,
});

/** What the bench measured on a corpus's built site and in astro dev. */
const site = (searchFirstBytes: number, searchMedianMs: number, searchP95Ms: number, devEditMs: number) => ({
	searchFirstBytes,
	searchMedianMs,
	searchP95Ms,
	devEditMs,
});

/** Figures that meet every budget against the figures in `starlight` below. */
function passing(): ToolFigures {
	return {
		builds: {
			standard: {
				20: {
					coldMs: 17_000,
					warmMs: 5_000,
					editMs: 3_500,
					screenshotMs: 6_000,
					peakRssBytes: 0.8e9,
					...deployed(400, 19e6),
					...site(90_000, 40, 120, 600),
				},
				200: {
					coldMs: 120_000,
					warmMs: 15_000,
					editMs: 11_000,
					screenshotMs: 17_000,
					peakRssBytes: 1.5e9,
					...deployed(3_600, 200e6),
					...site(95_000, 45, 140, 900),
				},
			},
			dense: {
				20: {
					coldMs: 20_000,
					warmMs: 4_500,
					editMs: 3_000,
					screenshotMs: 6_000,
					peakRssBytes: 0.9e9,
					...deployed(400, 30e6),
					...site(90_000, 40, 120, 600),
				},
			},
		},
		page: {
			phone: { jsBeforeSearchBytes: 6_000, imageBytes: 100_000, firstSearchBytes: 120_000, oversizedImages: 0 },
			desktop: { jsBeforeSearchBytes: 6_000, imageBytes: 200_000, firstSearchBytes: 120_000, oversizedImages: 0 },
		},
		lighthouse: { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100, lcpMs: 1_000, tbtMs: 20, cls: 0 },
	};
}

function starlight(): ToolFigures {
	return {
		builds: {
			standard: {
				20: { coldMs: 17_800, warmMs: 7_000, editMs: 7_200, ...deployed(271, 13e6), ...site(100_000, 300, 400, 1_500) },
				200: { coldMs: 123_000, warmMs: 22_400, editMs: 23_000, ...deployed(2_448, 136e6), ...site(100_000, 320, 420, 2_000) },
			},
			dense: { 20: { coldMs: 21_000, warmMs: 6_000, editMs: 6_200, ...deployed(271, 20e6), ...site(100_000, 300, 400, 1_500) } },
		},
		page: {
			phone: { jsBeforeSearchBytes: 33_000, imageBytes: 500_000, firstSearchBytes: 200_000, oversizedImages: 4 },
			desktop: { jsBeforeSearchBytes: 33_000, imageBytes: 546_000, firstSearchBytes: 200_000, oversizedImages: 0 },
		},
		lighthouse: { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100, lcpMs: 1_290, tbtMs: 53, cls: 0 },
	};
}

describe('bench budget check', () => {
	it('meets every budget with passing figures, and checks all of them', () => {
		const results = checkBudgets({ stepcheck: passing(), starlight: starlight(), companion: { bytes: 500_000, startMs: 250 } });
		expect(missedBudgets(results)).toEqual([]);
		expect(results.filter((r) => r.status === 'unchecked')).toEqual([]);
		expect(results.map((r) => r.id)).toEqual(
			expect.arrayContaining([
				'lighthouse-performance',
				'lcp',
				'cls',
				'tbt',
				'js-on-load',
				'first-search',
				'phone-images',
				'oversized-images',
				'cold-standard-20',
				'warm-standard-200',
				'edit-standard-200',
				'memory-standard-200',
				'growth-standard-20-200',
				'cold-dense-20',
				'warm-dense-20',
				'deploy-files-standard-20',
				'deploy-bytes-dense-20',
				'hosts-files-standard-200',
				'search-first-dense-20',
				'search-p95-standard-200',
				'dev-edit-standard-200',
				'companion-size',
				'companion-start',
			]),
		);
	});

	it.each([
		['a companion over 535 kB', { bytes: 536_000, startMs: 250 }, 'companion-size', /536 kB/],
		['a companion listening after 301 ms', { bytes: 500_000, startMs: 301 }, 'companion-start', /301 ms/],
	])('misses the budget for %s', (_, companion, id, detail) => {
		const missed = missedBudgets(checkBudgets({ stepcheck: passing(), starlight: starlight(), companion }));
		expect(missed.map((r) => r.id)).toEqual([id]);
		expect(missed[0]?.detail).toMatch(detail);
	});

	it.each<[string, (f: ToolFigures) => void, string, RegExp]>([
		['a Lighthouse category below 100', (f) => (f.lighthouse!.accessibility = 96), 'lighthouse-accessibility', /scored 96/],
		['LCP not below Starlight', (f) => (f.lighthouse!.lcpMs = 1_290), 'lcp', /1\.3 s vs 1\.3 s/],
		['any layout shift', (f) => (f.lighthouse!.cls = 0.02), 'cls', /CLS 0\.020/],
		['TBT of 50 ms', (f) => (f.lighthouse!.tbtMs = 50), 'tbt', /TBT 50 ms/],
		['11 kB of JavaScript at one viewport', (f) => (f.page!.desktop!.jsBeforeSearchBytes = 11_000), 'js-on-load', /11\.0 kB/],
		[
			'a first search larger than Starlight’s',
			(f) => (f.page!.phone!.firstSearchBytes = 201_000),
			'first-search',
			/201\.0 kB for the first search vs 200\.0 kB/,
		],
		[
			'phone images at 41% of Starlight',
			(f) => (f.page!.phone!.imageBytes = 205_000),
			'phone-images',
			/205\.0 kB vs 500\.0 kB for Starlight \(41%\)/,
		],
		['an oversized image', (f) => (f.page!.phone!.oversizedImages = 2), 'oversized-images', /2 image\(s\)/],
		[
			'a cold build 10% slower than Starlight',
			(f) => (f.builds.standard![20]!.coldMs = 19_580),
			'cold-standard-20',
			/19\.6 s vs 17\.8 s \(1\.10×\)/,
		],
		[
			'a warm build at 0.85× Starlight’s',
			(f) => (f.builds.standard![200]!.warmMs = 19_040),
			'warm-standard-200',
			/19\.0 s vs 22\.4 s \(0\.85×\)/,
		],
		[
			'an edit build at 0.6× Starlight’s same edit',
			(f) => (f.builds.standard![200]!.editMs = 13_800),
			'edit-standard-200',
			/13\.8 s vs 23\.0 s \(0\.60×\)/,
		],
		[
			'2.1 GB for 200 guides',
			(f) => (f.builds.standard![200]!.peakRssBytes = 2.1e9),
			'memory-standard-200',
			/2\.10 GB \(1\.05× the limit\)/,
		],
		[
			'a site of 4,000 guides in 100,400 files',
			(f) => (f.builds.standard![4000] = { outputFiles: 100_400, screenshots: 40_000 }),
			'hosts-files-standard-4000',
			/100400 files, 2510 per 100 guides: 3984 such guides fit, 796 on the Free plan's 20,000/,
		],
		[
			'a first search on the corpus larger than Starlight’s',
			(f) => (f.builds.dense![20]!.searchFirstBytes = 110_000),
			'search-first-dense-20',
			/110\.0 kB vs 100\.0 kB \(1\.10×\)/,
		],
		[
			'a search p95 of 150 ms',
			(f) => (f.builds.standard![200]!.searchP95Ms = 150),
			'search-p95-standard-200',
			/p95 150 ms, median 45 ms \(1\.00× the limit\); Starlight p95 420 ms/,
		],
		[
			'a dev edit shown after 1.2 s',
			(f) => (f.builds.standard![200]!.devEditMs = 1_200),
			'dev-edit-standard-200',
			/1200 ms \(1\.20× the limit\); Starlight 2000 ms/,
		],
		[
			'superlinear growth',
			(f) => (f.builds.standard![20]!.coldMs = 11_000),
			'growth-standard-20-200',
			/10\.91× the time for 10\.0× the guides; 0\.606 s per added guide/,
		],
		['five files per screenshot', (f) => (f.builds.dense![20]!.outputFiles = 1_071), 'deploy-files-dense-20', /5\.36 vs 1\.35 \(3\.95×\)/],
		['four files per screenshot', (f) => (f.builds.dense![20]!.outputFiles = 800), 'deploy-files-dense-20', /4\.00 vs 1\.35 \(2\.95×\)/],
		[
			'210 kB per screenshot',
			(f) => (f.builds.standard![200]!.outputBytes = 420e6),
			'deploy-bytes-standard-200',
			/210\.0 kB vs 68\.0 kB \(3\.09×\)/,
		],
	])('misses exactly one budget for %s, with the numbers', (_name, spoil, id, detail) => {
		const figures = passing();
		spoil(figures);
		const missed = missedBudgets(checkBudgets({ stepcheck: figures, starlight: starlight() }));
		expect(missed.map((m) => m.id)).toEqual([id]);
		expect(missed[0]!.detail).toMatch(detail);
		expect(typeof missed[0]!.actual).toBe('number');
	});

	it('returns every missed budget at once, not only the first', () => {
		const figures = passing();
		figures.lighthouse!.seo = 90;
		figures.page!.phone!.oversizedImages = 1;
		figures.builds.standard![20]!.warmMs = 6_000;
		expect(missedBudgets(checkBudgets({ stepcheck: figures, starlight: starlight() })).map((m) => m.id)).toEqual([
			'lighthouse-seo',
			'oversized-images',
			'warm-standard-20',
		]);
	});

	it('holds a site of 1,000 guides in 22,300 files within the hosts, saying how many guides Cloudflare’s Free plan holds', () => {
		const figures = passing();
		figures.builds.standard![1000] = { outputFiles: 22_300, screenshots: 10_000 };
		const result = checkBudgets({ stepcheck: figures, starlight: starlight() }).find((r) => r.id === 'hosts-files-standard-1000');
		expect(result).toMatchObject({
			status: 'met',
			detail: "22300 files, 2230 per 100 guides: 4484 such guides fit, 896 on the Free plan's 20,000",
		});
	});

	it('sets the edit and memory budgets from 200 guides up, as the issue does: a 20-guide edit at 1.0× Starlight’s is no miss', () => {
		const figures = passing();
		figures.builds.standard![20]!.editMs = 7_200;
		figures.builds.standard![20]!.peakRssBytes = 2.5e9;
		const results = checkBudgets({ stepcheck: figures, starlight: starlight() });
		expect(missedBudgets(results)).toEqual([]);
		expect(results.map((r) => r.id)).not.toContain('edit-standard-20');
		expect(results.map((r) => r.id)).not.toContain('memory-standard-20');
		figures.builds.standard![200]!.editMs = 23_000;
		expect(missedBudgets(checkBudgets({ stepcheck: figures, starlight: starlight() })).map((r) => r.id)).toEqual(['edit-standard-200']);
	});

	it('compares with the reference figures when Starlight was not measured, and says what it could not check', () => {
		const results = checkBudgets({ stepcheck: passing(), starlight: null });
		const byId = Object.fromEntries(results.map((r) => [r.id, r]));
		expect(byId['cold-standard-20']).toMatchObject({ status: 'met', limit: STARLIGHT_REFERENCE.builds[20].coldMs });
		expect(byId.lcp).toMatchObject({ status: 'met', limit: 1_290 });
		// There is no reference for the dense shape, nor for deployed files.
		expect(byId['cold-dense-20']).toMatchObject({ status: 'unchecked', detail: expect.stringMatching(/--with-starlight/) });
		expect(byId['deploy-files-standard-20']).toMatchObject({ status: 'unchecked', detail: 'needs --with-starlight' });
		// Nor for an edit, nor for search on the corpus; the host limit and the absolute budgets need none.
		expect(byId['edit-standard-200']).toMatchObject({ status: 'unchecked', detail: expect.stringMatching(/--with-starlight/) });
		expect(byId['search-first-standard-20']).toMatchObject({ status: 'unchecked', detail: 'needs --with-starlight' });
		expect(byId['hosts-files-standard-20']).toMatchObject({ status: 'met', actual: 400 });
		expect(byId['search-p95-standard-20']).toMatchObject({ status: 'met', actual: 120 });
		expect(byId['dev-edit-standard-20']).toMatchObject({ status: 'met', actual: 600 });
		expect(byId['phone-images']).toMatchObject({ status: 'unchecked', detail: expect.stringMatching(/--with-starlight/) });
	});

	it('leaves budgets unchecked, not met, when the figures are missing', () => {
		const results = checkBudgets({
			stepcheck: { builds: { standard: { 1: { coldMs: 1_000, warmMs: 500, editMs: 600 } } } },
			starlight: null,
		});
		expect(results.filter((r) => r.status === 'met')).toEqual([]);
		expect(results.find((r) => r.id === 'cold-standard-1')).toMatchObject({
			status: 'unchecked',
			detail: expect.stringMatching(/no Starlight reference for 1 standard guide;/),
		});
		expect(results.find((r) => r.id === 'tbt')).toMatchObject({ status: 'unchecked' });
		// The page was skipped, so the reason is the missing page, not a missing Starlight.
		expect(results.find((r) => r.id === 'phone-images')).toMatchObject({ status: 'unchecked', detail: 'not measured in this run' });
	});

	it('holds the first search to Starlight’s reference (94.0 kB) when Starlight was not measured', () => {
		const figures = passing();
		expect(checkBudgets({ stepcheck: figures, starlight: null }).find((r) => r.id === 'first-search')).toMatchObject({
			status: 'missed',
			limit: STARLIGHT_REFERENCE.page.desktop.firstSearchBytes,
			budget: "First search at most the Starlight reference's, compressed",
		});
		figures.page!.phone!.firstSearchBytes = 89_000;
		figures.page!.desktop!.firstSearchBytes = 89_000;
		expect(checkBudgets({ stepcheck: figures, starlight: null }).find((r) => r.id === 'first-search')?.status).toBe('met');
	});

	it('checks peak memory at 1,000 guides too', () => {
		const figures = passing();
		figures.builds.standard![1000] = { coldMs: 500_000, peakRssBytes: 2.2e9, outputFiles: 18_000 };
		const memory = checkBudgets({ stepcheck: figures, starlight: starlight() }).find((r) => r.id === 'memory-standard-1000');
		expect(memory).toMatchObject({ status: 'missed', actual: 2.2e9, detail: '2.20 GB (1.10× the limit)' });
	});

	it('treats a dev server that never showed the edit as unchecked with the reason, never as met', () => {
		const figures = passing();
		figures.builds.standard![200]!.devEditMs = null;
		expect(checkBudgets({ stepcheck: figures, starlight: starlight() }).find((r) => r.id === 'dev-edit-standard-200')).toMatchObject({
			status: 'unchecked',
			detail: expect.stringMatching(/never showed the edit/),
		});
	});

	it('treats a search that was never opened as unchecked, not as zero bytes', () => {
		const figures = passing();
		figures.page!.phone!.firstSearchBytes = null;
		figures.page!.desktop!.firstSearchBytes = null;
		expect(checkBudgets({ stepcheck: figures, starlight: starlight() }).find((r) => r.id === 'first-search')).toMatchObject({
			status: 'unchecked',
			detail: 'no search was opened on the page',
		});
	});
});
