// @ts-check
/**
 * The build benchmark: for one site (Stepcheck or stock Starlight) over one corpus, each run
 * measures a cold build (output and caches removed), a warm one (nothing changed), one
 * guide's text edited and one screenshot replaced. Side by side, the tools' runs alternate.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { editedSentence } from './corpus.mjs';
import { editOneGuide, replaceOneScreenshot } from './corpus-writer.mjs';
import { folderBytes, folderSize, IMAGE_FILE } from './disk.mjs';
import { measureCommand } from './process-tree.mjs';
import { formatBytes } from './table.mjs';

export const PHASES = /** @type {const} */ (['cold', 'warm', 'edit', 'screenshot']);
/** @typedef {(typeof PHASES)[number]} Phase */

/**
 * @typedef {object} BuildTarget
 * @property {'stepcheck' | 'starlight'} tool
 * @property {import('./corpus.mjs').CorpusShape} shape
 * @property {number} size
 * @property {string} cwd where `npm run build` runs
 * @property {NodeJS.ProcessEnv} env
 * @property {string} guidesDir the working copy of the guides this build reads
 * @property {string} pristineDir the untouched corpus, source of every edit
 * @property {string[]} removeForCold output and cache folders
 * @property {string} clientDir the static site that would be deployed
 * @property {string} pagefindDir
 * @property {(source: string) => string} [transform] how a guide's source becomes this tool's page
 */

/**
 * @typedef {{ tool: string, shape: string, size: number, run: number, phase: Phase, wallMs: number, cpuMs: number, peakRssBytes: number,
 *   outputBytes: number, outputFiles: number, screenshots: number, imageBytesIn: number, imageBytesOut: number, pagefindBytes: number }} BuildRecord
 */

/** The process tree runs on the project's Node 24 whatever `node` is first on PATH. */
function withProjectNode(/** @type {NodeJS.ProcessEnv} */ env) {
	return { ...env, PATH: `${dirname(process.execPath)}:${env.PATH ?? process.env.PATH ?? ''}` };
}

/**
 * The order of the measured runs: run by run, with the tools taking turns to go first. A
 * machine that speeds up or slows down while the bench runs (other tenants on a VM, a warmer
 * page cache) then weighs on every tool alike, rather than on whichever tool ran later.
 * @template T
 * @param {T[]} tools
 * @param {number} runs
 * @returns {{ tool: T, run: number }[]}
 */
export function runOrder(tools, runs) {
	const order = [];
	for (let run = 1; run <= runs; run += 1) {
		const turn = run % 2 === 1 ? tools : [...tools].reverse();
		for (const tool of turn) order.push({ tool, run });
	}
	return order;
}

/**
 * One run of the phases for one site (by default all: cold, warm, one guide edited, one screenshot replaced).
 * @param {BuildTarget} target
 * @param {number} run
 * @param {{ runs: number, phases?: readonly Phase[], log: (line: string) => void, verbose?: boolean, firstGuide: string, firstScreenshot: string }} options
 * @returns {Promise<BuildRecord[]>}
 */
export async function benchRun(target, run, { runs, phases = PHASES, log, verbose = false, firstGuide, firstScreenshot }) {
	/** @type {BuildRecord[]} */
	const records = [];
	const label = `${target.tool} · ${target.size} ${target.shape} guide${target.size === 1 ? '' : 's'}`;
	for (const phase of phases) {
		if (phase === 'cold') for (const folder of target.removeForCold) rmSync(folder, { recursive: true, force: true });
		if (phase === 'edit')
			editOneGuide({ pristine: target.pristineDir, working: target.guidesDir, guide: firstGuide, run, transform: target.transform });
		if (phase === 'screenshot')
			await replaceOneScreenshot({
				pristine: target.pristineDir,
				working: target.guidesDir,
				guide: firstGuide,
				file: firstScreenshot,
				run,
			});
		log(`${label} · run ${run}/${runs} · ${phase} build…`);
		const measure = await measureCommand({
			command: 'npm',
			args: ['run', '--silent', 'build'],
			cwd: target.cwd,
			env: withProjectNode(target.env),
			onLine: verbose ? (line) => log(`    ${line}`) : undefined,
		});
		if (measure.exitCode !== 0) {
			throw new Error(
				`${label}: the ${phase} build failed (exit ${measure.exitCode}) in ${target.cwd}. Its output ends with:\n${measure.output.split('\n').slice(-40).join('\n')}`,
			);
		}
		if (phase === 'edit') assertPageShowsEdit(target, firstGuide, run, label);
		const output = folderSize(target.clientDir);
		const images = folderSize(target.guidesDir, (p) => IMAGE_FILE.test(p));
		const record = {
			tool: target.tool,
			shape: target.shape,
			size: target.size,
			run,
			phase,
			wallMs: measure.wallMs,
			cpuMs: measure.cpuMs,
			peakRssBytes: measure.peakRssBytes,
			outputBytes: output.bytes,
			outputFiles: output.files,
			screenshots: images.files,
			imageBytesIn: images.bytes,
			imageBytesOut: folderBytes(target.clientDir, (p) => IMAGE_FILE.test(p) && !p.startsWith(target.pagefindDir)),
			pagefindBytes: folderBytes(target.pagefindDir),
		};
		records.push(record);
		log(
			`${label} · run ${run}/${runs} · ${phase}: ${(record.wallMs / 1000).toFixed(1)} s wall, ${(record.cpuMs / 1000).toFixed(1)} s CPU, ${formatBytes(record.peakRssBytes)} peak`,
		);
	}
	return records;
}

/**
 * The edit build counts only once the deployable page holds the new sentence: a build that
 * finished without it (a stale cache) would time nothing an author wants.
 * @param {BuildTarget} target @param {string} guide @param {number} run @param {string} label
 */
export function assertPageShowsEdit(target, guide, run, label) {
	const page = join(target.clientDir, 'guides', guide, 'index.html');
	const sentence = editedSentence(run);
	const html = existsSync(page) ? readFileSync(page, 'utf8') : null;
	if (!html?.includes(sentence))
		throw new Error(
			`${label}: after the edit build, ${page} ${html === null ? 'does not exist' : `does not hold "${sentence}"`}; the rebuild did not publish the edited guide.`,
		);
}

/** @param {string} work */
export function stepcheckOutputs(work) {
	const outDir = join(work, 'dist');
	return { outDir, cacheDir: join(work, 'cache'), clientDir: join(outDir, 'client'), pagefindDir: join(outDir, 'client', 'pagefind') };
}
