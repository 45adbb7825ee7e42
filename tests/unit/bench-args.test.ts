import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../scripts/bench/args.mjs';

describe('bench options', () => {
	it('defaults to both corpus shapes, sizes 1, 20 and 200, 3 runs and 3 Lighthouse runs', () => {
		expect(parseBenchArgs([])).toMatchObject({
			shapes: ['standard', 'dense'],
			sizes: [1, 20, 200],
			runs: 3,
			phases: ['cold', 'warm', 'edit', 'screenshot'],
			lighthouseRuns: 3,
			withStarlight: false,
			check: false,
			json: null,
		});
	});

	it.each([
		[['--sizes', '200,1,20,20'], { sizes: [1, 20, 200] }],
		[['--sizes=1', '--runs=1'], { sizes: [1], runs: 1 }],
		[['--with-starlight', '--check', '--json', 'out.json'], { withStarlight: true, check: true, json: 'out.json' }],
		[['--skip-page', '--lighthouse-runs', '5'], { skipPage: true, lighthouseRuns: 5 }],
		[['--corpus', 'dense'], { shapes: ['dense'] }],
		[['--corpus=dense,standard,dense'], { shapes: ['dense', 'standard'] }],
		[['--corpus', 'varied'], { shapes: ['varied'] }],
		[['--corpus', 'standard,dense,varied'], { shapes: ['standard', 'dense', 'varied'] }],
		[['--phases', 'warm,cold'], { phases: ['cold', 'warm'] }],
		[['--phases=cold,screenshot'], { phases: ['cold', 'screenshot'] }],
	])('reads %j', (argv, expected) => {
		expect(parseBenchArgs(argv)).toMatchObject(expected);
	});

	it.each([
		[['--sizes', '0'], /--sizes needs a whole number ≥ 1, got "0"/],
		[['--runs'], /--runs needs a whole number ≥ 1, got nothing/],
		[['--phases', 'warm,edit'], /--phases takes cold followed by any of warm, edit and screenshot .*got "warm,edit"/],
		[['--phases', 'cold,hot'], /--phases takes cold .*got "cold,hot"/],
		[['--json', '--check'], /--json needs a file name/],
		[['--fast'], /Unknown option --fast/],
		[
			['--corpus', 'sparse'],
			/--corpus takes one or more of standard, dense and varied, comma-separated \(standard,dense,varied\), got "sparse"/,
		],
		[['--skip-builds', '--skip-page'], /leave nothing to measure/],
	])('refuses %j with a message that says what to write', (argv, message) => {
		expect(() => parseBenchArgs(argv)).toThrow(message);
	});
});
