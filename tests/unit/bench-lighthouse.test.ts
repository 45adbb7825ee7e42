import { describe, expect, it } from 'vitest';
import { lighthouseFigures } from '../../scripts/bench/lighthouse.mjs';

const report = {
	categories: { performance: { score: 0.98 }, accessibility: { score: 1 }, 'best-practices': { score: 0.96 }, seo: { score: 1 } },
	audits: {
		'largest-contentful-paint': { numericValue: 1234.5 },
		'total-blocking-time': { numericValue: 12 },
		'cumulative-layout-shift': { numericValue: 0.001 },
	},
};

describe('bench: figures from a Lighthouse report', () => {
	it('keeps the four category scores out of 100, LCP, TBT and CLS', () => {
		expect(lighthouseFigures(report)).toEqual({
			performance: 98,
			accessibility: 100,
			'best-practices': 96,
			seo: 100,
			lcpMs: 1234.5,
			tbtMs: 12,
			cls: 0.001,
		});
	});

	it('says which score is missing, with the runtime error, when a run failed', () => {
		const failed = { ...report, categories: { ...report.categories, performance: { score: null } }, runtimeError: { message: 'NO_FCP' } };
		expect(() => lighthouseFigures(failed)).toThrow(/no performance score .*NO_FCP/);
	});

	it('says which audit is missing', () => {
		expect(() => lighthouseFigures({ ...report, audits: {} })).toThrow(/largest-contentful-paint/);
	});
});
