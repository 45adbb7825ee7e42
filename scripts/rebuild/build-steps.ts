/**
 * The steps of `npm run build` around `astro build` (scripts/build.mjs runs each in a process
 * of its own, which ends before Astro starts or after it has ended):
 *
 *   plan    reads the inputs, decides between keeping the output, a partial and a full build,
 *           says so, and writes the plan the other steps read;
 *   merge   lays a partial build over the last output (exit 3: it may not, build in full);
 *   finish  indexes the new output for search unless Astro has, swaps it in and records what it was built from.
 *
 * Hashing every screenshot and loading TypeScript take about 100 MB at 1,000 guides, and Pagefind
 * up to 0.7 GB while it writes its index; beside Astro that memory would count in every build's peak.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { guidesFolder } from '../../src/lib/content/guides-folder.ts';
import { PARTIAL_GUIDES_ENV } from '../../src/lib/content/partial-build.ts';
import { INDEX_AFTER_BUILD_ENV, indexedAfterBuild, indexesAfterBuild } from '../../src/lib/search/index-after-build.ts';
import { cacheFolder, outFolder } from '../../src/lib/site/build-folders.ts';
import { buildMemorySettings, buildNodeFlags } from '../../src/lib/site/build-memory.ts';
import { fingerprintOf, type BuildInputs, type FileHashes } from './build-inputs.ts';
import { listOutput, readRecord, recordPath, removeRecord, writeRecord } from './build-record.ts';
import { guideOutline } from './guide-outline.ts';
import { mergePartialOutput } from './merge-output.ts';
import { decidePartial, guideOfFile } from './partial-decision.ts';
import { readBuildInputsAndHashes } from './read-inputs.ts';
import { decideReuse } from './reuse-decision.ts';

/** What the plan step hands the others (scripts/build.mjs reads it too, as JSON). */
export interface BuildPlan {
	reuse: boolean;
	/** The guides a partial build renders, or null for a full build. */
	partialGuides: string[] | null;
	folders: { target: string; staging: string; partial: string; previous: string; shown: string };
	/** Arguments for `astro build` (`--force` is the script's own). */
	astroArgs: string[];
	/** Added to the environment of `astro build` (src/lib/site/build-memory.ts). */
	memoryEnv: Record<string, string>;
	/** Node's flags for `astro build`, by the site's size (src/lib/site/build-memory.ts). */
	nodeFlags: readonly string[];
	partialGuidesEnv: string;
	/** Set for `astro build` when the finish step indexes the output (src/lib/search/index-after-build.ts). */
	indexAfterBuildEnv: string;
	/** Whether a full build leaves the search index to the finish step (it always does after a partial one). */
	indexAfterBuild: boolean;
	cacheDir: string;
	record: string;
	inputs: BuildInputs;
	hashes: FileHashes;
	outlines: Record<string, string>;
}

/** Exit status of the merge step when the partial output may not be used. */
const MERGE_REFUSED = 3;

function plan(args: string[]): BuildPlan {
	const root = resolve(import.meta.dirname, '../..');
	const target = resolve(outFolder());
	const cacheDir = resolve(cacheFolder());
	const contentDir = resolve(guidesFolder());
	const shown = relative(process.cwd(), target) || target;
	const force = args.includes('--force');
	const astroArgs = args.filter((arg) => arg !== '--force');

	const started = performance.now();
	const record = recordPath(cacheDir, target);
	const last = readRecord(record);
	const { inputs, hashes } = readBuildInputsAndHashes(
		{ root, outDir: target, cacheDir, contentDir },
		{ env: process.env, node: process.version, args: astroArgs },
		last?.hashes ?? null,
	);
	const output = listOutput(target);
	const recorded = force ? null : last;
	const decision = decideReuse(recorded, inputs, output, { outName: shown, force });
	const guidesPrefix = relative(root, contentDir).split(sep).join('/');
	// Every guide is one folder with an index.mdx; the settings for large sites go by their number.
	const guides = new Set(
		Object.keys(inputs.files).flatMap((path) => (path.endsWith('/index.mdx') ? [guideOfFile(path, guidesPrefix)] : [])),
	).size;
	const base = {
		folders: { target, staging: `${target}.staging`, partial: `${target}.partial`, previous: `${target}.previous`, shown },
		astroArgs,
		memoryEnv: buildMemorySettings(process.env),
		nodeFlags: buildNodeFlags(guides),
		partialGuidesEnv: PARTIAL_GUIDES_ENV,
		indexAfterBuildEnv: INDEX_AFTER_BUILD_ENV,
		indexAfterBuild: indexesAfterBuild(guides),
		cacheDir,
		record,
		inputs,
		hashes,
	};
	if (decision.reuse) {
		const checked = Object.keys(inputs.files).length + (output?.length ?? 0);
		const ms = Math.round(performance.now() - started);
		console.log(`${shown}/ is up to date with its sources: ${checked} files checked in ${ms} ms; \`npm run build -- --force\` rebuilds`);
		return { ...base, reuse: true, partialGuides: null, outlines: {} };
	}
	const outlineOf = (id: string) => {
		const file = join(contentDir, id, 'index.mdx');
		return existsSync(file) ? guideOutline(readFileSync(file, 'utf8')) : null;
	};
	// Read with the inputs, before the build, for the same reason as they are.
	const outlines = Object.fromEntries(
		Object.keys(inputs.files).flatMap((path) => {
			const id = guideOfFile(path, guidesPrefix);
			const outline = id === null ? null : outlineOf(id);
			return id === null || outline === null ? [] : [[id, outline]];
		}),
	) as Record<string, string>;
	const partial = decidePartial(recorded, inputs, output, { guidesPrefix, outlines: (id) => outlines[id] ?? null });
	// From here until the new output is in place, the old record would vouch for a folder being replaced.
	removeRecord(record);
	if (partial.partial) {
		const them = partial.guides.length === 1 ? 'it' : 'them';
		console.log(
			`Building ${partial.guides.join(', ')} only into ${shown}/: ${decision.reason}; nothing other pages show of ${them} changed.`,
		);
	} else {
		console.log(`Building ${shown}/: ${decision.reason}.`);
	}
	return { ...base, reuse: false, partialGuides: partial.partial ? partial.guides : null, outlines };
}

function merge({ folders, partialGuides }: BuildPlan): number {
	const mismatched = mergePartialOutput({
		previous: folders.target,
		partial: folders.partial,
		merged: folders.staging,
		guides: partialGuides ?? [],
	});
	rmSync(folders.partial, { recursive: true, force: true });
	if (mismatched.length > 0) {
		rmSync(folders.staging, { recursive: true, force: true });
		const more = mismatched.length > 3 ? ` and ${mismatched.length - 3} more` : '';
		console.log(
			`The partial build changed ${mismatched.slice(0, 3).join(', ')}${more}, which only a full build may change: building in full.`,
		);
		return MERGE_REFUSED;
	}
	return 0;
}

async function finish({ folders, record, inputs, hashes, outlines, cacheDir }: BuildPlan): Promise<number> {
	// scripts/build.mjs says whether Astro has indexed the output already.
	if (indexedAfterBuild()) {
		const { indexSite } = await import('../../src/integrations/pagefind-index.ts');
		try {
			await indexSite(join(folders.staging, 'client'), cacheDir, { info: (message) => console.log(`[pagefind] ${message}`) });
		} catch (error) {
			// The index is part of the site: a build without it is not swapped in (scripts/build.mjs says so).
			console.error(`\nThe search index could not be built: ${error instanceof Error ? error.message : String(error)}`);
			return 1;
		}
	}
	// Two renames: the old output is out of the way for an instant only, and never half replaced.
	rmSync(folders.previous, { recursive: true, force: true });
	if (existsSync(folders.target)) renameSync(folders.target, folders.previous);
	renameSync(folders.staging, folders.target);
	rmSync(folders.previous, { recursive: true, force: true });
	// The inputs as read before the build: a file edited while Astro ran makes the next build run again.
	writeRecord(record, {
		version: 2,
		fingerprint: fingerprintOf(inputs),
		inputs,
		output: listOutput(folders.target) ?? [],
		outlines,
		hashes,
	});
	return 0;
}

const [step, planFile, ...args] = process.argv.slice(2);
if (!planFile) throw new Error('Usage: node scripts/rebuild/build-steps.ts plan|merge|finish <plan file> [astro build arguments]');
if (step === 'plan') {
	writeFileSync(planFile, JSON.stringify(plan(args)));
} else {
	const read = JSON.parse(readFileSync(planFile, 'utf8')) as BuildPlan;
	if (step === 'merge') process.exitCode = merge(read);
	else if (step === 'finish') process.exitCode = await finish(read);
	else throw new Error(`Unknown build step ${JSON.stringify(step)}: expected plan, merge or finish.`);
}
