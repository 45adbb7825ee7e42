import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarize, summarizeFields } from '../../scripts/bench/stats.mjs';

describe('bench statistics', () => {
	it.each([
		[[5], { median: 5, min: 5, max: 5, runs: 1 }],
		[[3, 1, 2], { median: 2, min: 1, max: 3, runs: 3 }],
		[[4, 1, 3, 2], { median: 2.5, min: 1, max: 4, runs: 4 }],
		[[10, 10, 90], { median: 10, min: 10, max: 90, runs: 3 }],
	])('summarizes %j', (values, expected) => {
		expect(summarize(values)).toEqual(expected);
	});

	it('leaves out values that are not finite numbers, and refuses when none is left', () => {
		expect(summarize([1, Number.NaN, 3])).toEqual({ median: 2, min: 1, max: 3, runs: 2 });
		expect(() => summarize([])).toThrow(/none is a finite number/);
	});

	it("does not reorder the caller's array", () => {
		const values = [3, 1, 2];
		summarize(values);
		expect(values).toEqual([3, 1, 2]);
	});

	it('summarizes every numeric field the runs share', () => {
		const out = summarizeFields([
			{ wallMs: 100, cpuMs: 50, note: null },
			{ wallMs: 300, cpuMs: 70, note: null },
			{ wallMs: 200, cpuMs: 60, note: null },
		]);
		expect(Object.keys(out).sort()).toEqual(['cpuMs', 'wallMs']);
		expect(out.wallMs).toEqual({ median: 200, min: 100, max: 300, runs: 3 });
	});

	it('gives ratios only when both sides are numbers and the divisor is not zero', () => {
		expect(ratio(3, 2)).toBe(1.5);
		expect(ratio(3, 0)).toBeNull();
		expect(ratio(undefined, 2)).toBeNull();
	});

	it('takes the p95 of 20 search timings as the 19th smallest, a value that was measured', () => {
		const timings = Array.from({ length: 20 }, (_, i) => (i + 1) * 10).reverse();
		expect(percentile(timings, 95)).toBe(190);
		expect(percentile(timings, 50)).toBe(100);
		expect(percentile([7, Number.NaN, 3], 95)).toBe(7);
		expect(() => percentile([Number.NaN], 95)).toThrow(/none is a finite number/);
	});
});
