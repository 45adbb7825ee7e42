// @ts-check
/** Command-line options of `npm run bench`. */

export const USAGE = `Usage: npm run bench -- [options]
  --sizes 1,20,200     corpus sizes (guides) to build        (default 1,20,200; 1000 for the large run)
  --corpus standard,dense  corpus shapes to build: standard, dense, varied  (default standard,dense)
  --runs 3             runs of each build phase              (default 3)
  --phases cold,warm   build phases of each run, cold first  (default cold,warm,edit,screenshot)
  --lighthouse-runs 3  Lighthouse runs per site              (default 3)
  --with-starlight     also build and measure stock Starlight, side by side
  --check              exit 1 when a budget is missed
  --json <file>        also write the results to this file
  --skip-builds        only the page measurement
  --skip-page          no page measurement (the MFA guide, Lighthouse)
  --skip-search        no search measurement on each corpus's site
  --skip-dev           no astro dev edit-to-browser measurement
  --search-queries 20  timed searches after the first on each corpus's site, 0 to 20 (default 20; 0 measures the first search's bytes only)
  --dir .bench         folder inside the project for the corpus, work folders and results (default .bench; a test gives its own)
  --seed 1             corpus seed
  --verbose            show the builds' own output`;

import { PHASES as ALL_PHASES } from './builds.mjs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CORPUS_SHAPES } from './corpus.mjs';
import { TIMED_QUERIES } from './search-speed.mjs';

/**
 * @typedef {{ sizes: number[], shapes: import('./corpus.mjs').CorpusShape[], phases: import('./builds.mjs').Phase[], runs: number, lighthouseRuns: number, withStarlight: boolean, check: boolean, json: string | null, dir: string | null,
 *   searchQueries: number, skipBuilds: boolean, skipPage: boolean, skipSearch: boolean, skipDev: boolean, seed: number, verbose: boolean, help: boolean }} BenchOptions
 */

/** @param {string} flag @param {string | undefined} value */
function positiveInt(flag, value) {
	const n = Number(value);
	if (value === undefined || !Number.isInteger(n) || n < 1)
		throw new Error(`${flag} needs a whole number ≥ 1, got ${value === undefined ? 'nothing' : JSON.stringify(value)}.\n${USAGE}`);
	return n;
}

/**
 * @param {readonly string[]} argv arguments after the script name
 * @returns {BenchOptions}
 */
export function parseBenchArgs(argv) {
	/** @type {BenchOptions} */
	const options = {
		sizes: [1, 20, 200],
		shapes: ['standard', 'dense'],
		phases: [...ALL_PHASES],
		runs: 3,
		lighthouseRuns: 3,
		withStarlight: false,
		check: false,
		json: null,
		dir: null,
		searchQueries: TIMED_QUERIES.length,
		skipBuilds: false,
		skipPage: false,
		skipSearch: false,
		skipDev: false,
		seed: 1,
		verbose: false,
		help: false,
	};
	for (let i = 0; i < argv.length; i += 1) {
		const arg = /** @type {string} */ (argv[i]);
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--sizes': {
				const text = value() ?? '';
				options.sizes = [...new Set(text.split(',').map((part) => positiveInt('--sizes', part.trim())))].sort((a, b) => a - b);
				break;
			}
			case '--corpus': {
				const parts = (value() ?? '').split(',').map((part) => part.trim());
				const unknown = parts.filter((part) => !(/** @type {readonly string[]} */ (CORPUS_SHAPES).includes(part)));
				if (unknown.length || !parts.length)
					throw new Error(
						`--corpus takes one or more of standard, dense and varied, comma-separated (standard,dense,varied), got ${JSON.stringify(unknown.join(',') || '')}.\n${USAGE}`,
					);
				options.shapes = /** @type {import('./corpus.mjs').CorpusShape[]} */ ([...new Set(parts)]);
				break;
			}
			case '--phases': {
				const parts = (value() ?? '').split(',').map((part) => part.trim());
				const unknown = parts.filter((part) => !(/** @type {readonly string[]} */ (ALL_PHASES).includes(part)));
				if (unknown.length || !parts.includes('cold'))
					throw new Error(
						`--phases takes cold followed by any of warm, edit and screenshot (each run starts from a cold build), got ${JSON.stringify(parts.join(','))}.\n${USAGE}`,
					);
				// In the order a run takes them, whatever order they were given in.
				options.phases = ALL_PHASES.filter((phase) => parts.includes(phase));
				break;
			}
			case '--runs':
				options.runs = positiveInt('--runs', value());
				break;
			case '--lighthouse-runs':
				options.lighthouseRuns = positiveInt('--lighthouse-runs', value());
				break;
			case '--seed':
				options.seed = positiveInt('--seed', value());
				break;
			case '--json': {
				const file = value();
				if (!file || file.startsWith('--')) throw new Error(`--json needs a file name, for example --json bench.json.\n${USAGE}`);
				options.json = file;
				break;
			}
			case '--dir': {
				const folder = value();
				if (!folder || folder.startsWith('--')) throw new Error(`--dir needs a folder, for example --dir .test-output/bench.\n${USAGE}`);
				options.dir = folder;
				break;
			}
			case '--search-queries': {
				const text = value();
				const n = Number(text);
				if (text === undefined || text === '' || !Number.isInteger(n) || n < 0 || n > TIMED_QUERIES.length)
					throw new Error(
						`--search-queries needs a whole number from 0 to ${TIMED_QUERIES.length}, got ${text === undefined ? 'nothing' : JSON.stringify(text)}.\n${USAGE}`,
					);
				options.searchQueries = n;
				break;
			}
			case '--with-starlight':
				options.withStarlight = true;
				break;
			case '--check':
				options.check = true;
				break;
			case '--skip-builds':
				options.skipBuilds = true;
				break;
			case '--skip-page':
				options.skipPage = true;
				break;
			case '--skip-search':
				options.skipSearch = true;
				break;
			case '--skip-dev':
				options.skipDev = true;
				break;
			case '--verbose':
				options.verbose = true;
				break;
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				throw new Error(`Unknown option ${arg}.\n${USAGE}`);
		}
	}
	if (options.skipBuilds && options.skipPage) throw new Error(`--skip-builds and --skip-page together leave nothing to measure.\n${USAGE}`);
	return options;
}

/**
 * The folder the bench writes its corpus, work folders and results to: `--dir` resolved from
 * the working directory, or `.bench/`. It must be inside the project: Astro's build of a corpus
 * goes into it, and the server bundle it prerenders with resolves its packages from the
 * node_modules folders above it.
 * @param {string} root the project @param {string | null} dir `--dir` as given
 */
export function benchFolder(root, dir) {
	if (dir === null) return join(root, '.bench');
	const folder = resolve(dir);
	const inside = relative(root, folder);
	if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
		throw new Error(
			`--dir ${dir} is not a folder inside the project (${root}): the builds it holds resolve their packages from node_modules above them. Use for example --dir .test-output/bench.`,
		);
	return folder;
}
