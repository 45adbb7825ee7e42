import { describe, expect, it } from 'vitest';
import { buildFigures, corpusSiteTable, summarizeBuilds } from '../../scripts/bench/report.mjs';

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

	it('adds search on the corpus’s site and the dev edit to the figures of the size they were measured at', () => {
		const sites = {
			standard: { 20: { search: { firstSearchBytes: 91_000, medianMs: 40, p95Ms: 120 }, devEditMs: 650 } },
			dense: { 20: { search: null, devEditMs: null } },
		};
		const figures = buildFigures(summarizeBuilds(records), sites);
		expect(figures.standard![20]).toMatchObject({ searchFirstBytes: 91_000, searchMedianMs: 40, searchP95Ms: 120, devEditMs: 650 });
		expect(figures.standard![200]!.searchP95Ms).toBeUndefined();
		// A dev server that never showed the edit stays null (a reason), not missing (not measured).
		expect(figures.dense![20]!.devEditMs).toBeNull();
		expect(figures.dense![20]!.searchP95Ms).toBeUndefined();
	});

	it('keeps the first search’s bytes when no timed search ran (--search-queries 0), with no search times', () => {
		const sites = { standard: { 20: { search: { firstSearchBytes: 91_000, medianMs: null, p95Ms: null } } } };
		const figures = buildFigures(summarizeBuilds(records), sites);
		expect(figures.standard![20]).toMatchObject({ searchFirstBytes: 91_000, searchMedianMs: undefined, searchP95Ms: undefined });
		const table = corpusSiteTable({ stepcheck: { builds: summarizeBuilds(records), sites } });
		const standard20 = table.split('\n').find((line) => line.startsWith('| standard 20 '))!;
		expect(standard20.split('|').map((cell) => cell.trim())).toEqual(['', 'standard 20', '5000', '400', '91.0 kB', '—', '—', '']);
	});

	it('prints files per 100 guides and how many guides fit in 20,000 files, beside Starlight’s', () => {
		const sites = { standard: { 20: { search: { firstSearchBytes: 91_000, medianMs: 40, p95Ms: 120 }, devEditMs: 650 } } };
		const table = corpusSiteTable({
			stepcheck: { builds: summarizeBuilds(records), sites },
			starlight: { builds: summarizeBuilds(records.map((r) => ({ ...r, outputFiles: 26 * r.size }))), sites: {} },
		});
		const standard20 = table.split('\n').find((line) => line.startsWith('| standard 20 '))!;
		expect(standard20.split('|').map((cell) => cell.trim())).toEqual([
			'',
			'standard 20',
			'5000',
			'400',
			'91.0 kB',
			'40 ms, 120 ms',
			'650 ms',
			'2600',
			'—',
			'—',
			'—',
			'',
		]);
	});
});
