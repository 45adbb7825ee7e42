import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchFolder, parseBenchArgs } from '../../scripts/bench/args.mjs';
import { starlightSitesDir } from '../../scripts/bench/starlight.mjs';

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
			dir: null,
			searchQueries: 20,
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
		[['--dir', 'scratch/bench'], { dir: 'scratch/bench' }],
		[['--dir=scratch'], { dir: 'scratch' }],
		[['--search-queries', '0'], { searchQueries: 0 }],
		[['--search-queries=20'], { searchQueries: 20 }],
	])('reads %j', (argv, expected) => {
		expect(parseBenchArgs(argv)).toMatchObject(expected);
	});

	it.each([
		[['--sizes', '0'], /--sizes needs a whole number ≥ 1, got "0"/],
		[['--runs'], /--runs needs a whole number ≥ 1, got nothing/],
		[['--phases', 'warm,edit'], /--phases takes cold followed by any of warm, edit and screenshot .*got "warm,edit"/],
		[['--phases', 'cold,hot'], /--phases takes cold .*got "cold,hot"/],
		[['--json', '--check'], /--json needs a file name/],
		[['--dir'], /--dir needs a folder/],
		[['--dir', '--check'], /--dir needs a folder/],
		[['--search-queries', '21'], /--search-queries needs a whole number from 0 to 20, got "21"/],
		[['--search-queries', '-1'], /--search-queries needs a whole number from 0 to 20, got "-1"/],
		[['--search-queries', '--check'], /--search-queries needs a whole number from 0 to 20, got "--check"/],
		[['--search-queries'], /--search-queries needs a whole number from 0 to 20, got nothing/],
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

describe('bench --dir and the Starlight projects', () => {
	const root = resolve('project');

	it('writes to .bench/ by default and to a --dir inside the project, resolved from the working directory', () => {
		expect(benchFolder(root, null)).toBe(join(root, '.bench'));
		expect(benchFolder(root, join(root, '.test-output', 'bench-1'))).toBe(join(root, '.test-output', 'bench-1'));
		expect(benchFolder(root, 'project/.test-output/bench')).toBe(join(root, '.test-output', 'bench'));
	});

	it.each([['elsewhere'], ['project/..'], ['project'], ['project-b/bench']])(
		'refuses --dir %s, outside the project, where a build cannot find its packages',
		(dir) => {
			expect(() => benchFolder(root, dir)).toThrow(/is not a folder inside the project .*node_modules above them/);
		},
	);

	it('keeps the default bench’s projects in sites/, and each other bench folder’s in a subfolder of its own', () => {
		expect(starlightSitesDir('tools/starlight', null)).toBe(join('tools/starlight', 'sites'));
		const one = starlightSitesDir('tools/starlight', 'scratch/one');
		expect(one).toMatch(/^tools\/starlight\/sites\/dir-[0-9a-f]{12}$/);
		expect(starlightSitesDir('tools/starlight', 'scratch/one')).toBe(one);
		expect(starlightSitesDir('tools/starlight', 'scratch/two')).not.toBe(one);
	});
});
