import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRatio, formatSummary, formatTable } from '../../scripts/bench/table.mjs';

describe('bench table formatter', () => {
	it('aligns columns (names left, numbers right) as a Markdown table', () => {
		const table = formatTable(
			['Build', 'Wall'],
			[
				['cold', '17.8 s'],
				['warm', '7.0 s'],
			],
		);
		expect(table.split('\n')).toEqual(['| Build |   Wall |', '|-------|-------:|', '| cold  | 17.8 s |', '| warm  |  7.0 s |']);
	});

	it('refuses a row with the wrong number of cells, naming the row', () => {
		expect(() => formatTable(['a', 'b'], [['1', '2'], ['3']])).toThrow(/row 2 has 1 cells but there are 2 headers/);
	});

	it.each([
		[512, '512 B'],
		[33_000, '33.0 kB'],
		[1_234_567, '1.2 MB'],
		[2_100_000_000, '2.10 GB'],
	])('writes %d bytes as %s', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});

	it.each([
		[53, '53 ms'],
		[17_800, '17.8 s'],
		[Number.NaN, '—'],
	])('writes %d ms as %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});

	it('shows median with min–max, only the median for one run or no spread', () => {
		expect(formatSummary({ median: 7_000, min: 6_500, max: 9_000, runs: 3 }, formatDuration)).toBe('7.0 s (6.5 s–9.0 s)');
		expect(formatSummary({ median: 7_000, min: 7_000, max: 7_000, runs: 1 }, formatDuration)).toBe('7.0 s');
		expect(formatSummary({ median: 7_010, min: 7_000, max: 7_020, runs: 3 }, formatDuration)).toBe('7.0 s');
		expect(formatSummary(undefined, formatDuration)).toBe('—');
	});

	it('writes ratios with two decimals and a dash for none', () => {
		expect(formatRatio(1.5)).toBe('1.50×');
		expect(formatRatio(null)).toBe('—');
	});
});
