import { describe, expect, it } from 'vitest';
import { buildFigures, summarizeBuilds } from '../../scripts/bench/report.mjs';

const record = (
	size: number,
	run: number,
	phase: 'cold' | 'warm' | 'edit' | 'screenshot',
	wallMs: number,
	peakRssBytes: number,
	shape = 'standard',
) => ({
	tool: 'stepcheck',
	shape,
	size,
	run,
	phase,
	wallMs,
	cpuMs: wallMs / 2,
	peakRssBytes,
	outputBytes: 1_000 * size,
	outputFiles: 50 * size,
	screenshots: 10 * size,
	imageBytesIn: 2,
	imageBytesOut: 3,
	pagefindBytes: 4,
});

describe('bench report: build summaries', () => {
	const records = [
		record(20, 1, 'cold', 18_000, 800),
		record(20, 2, 'cold', 16_000, 900),
		record(20, 3, 'cold', 30_000, 700),
		record(20, 1, 'warm', 7_000, 500),
		record(20, 2, 'warm', 6_000, 950),
		record(20, 3, 'warm', 8_000, 600),
		record(200, 1, 'cold', 120_000, 1_500),
		record(20, 1, 'cold', 25_000, 1_000, 'dense'),
	];

	it('summarizes each corpus shape, size and phase over its runs', () => {
		const summary = summarizeBuilds(records);
		expect(Object.keys(summary)).toEqual(['standard', 'dense']);
		const standard = summary.standard!;
		expect(Object.keys(standard)).toEqual(['20', '200']);
		expect(standard[20]!.cold!.wallMs).toEqual({ median: 18_000, min: 16_000, max: 30_000, runs: 3 });
		expect(standard[20]!.warm!.cpuMs!.median).toBe(3_500);
		expect(standard[200]!.warm).toBeUndefined();
		expect(summary.dense![20]!.cold!.wallMs!.median).toBe(25_000);
	});

	it('gives the budgets the median per phase and the highest median peak of any phase', () => {
		const figures = buildFigures(summarizeBuilds(records));
		expect(figures.standard![20]).toEqual({
			coldMs: 18_000,
			warmMs: 7_000,
			editMs: undefined,
			screenshotMs: undefined,
			peakRssBytes: 800,
			outputBytes: 20_000,
			outputFiles: 1_000,
			screenshots: 200,
		});
		expect(figures.standard![200]!.coldMs).toBe(120_000);
		expect(figures.dense![20]!.coldMs).toBe(25_000);
	});
});
