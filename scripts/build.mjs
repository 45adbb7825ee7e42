// `npm run build`: `astro build` into a staging folder beside the output, swapped in only when
// every step and hook of the build succeeded. A build that fails (a refused guide, a redirect
// collision in the last hook) leaves the site being served exactly as the last good build made it.
// Before that, an output already built from exactly these sources is kept as it is (see
// docs/performance.md, "Rebuilds"); `npm run build -- --force` builds regardless.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { guidesFolder } from '../src/lib/content/guides-folder.ts';
import { cacheFolder, outFolder } from '../src/lib/site/build-folders.ts';
import { withBuildMemorySettings } from '../src/lib/site/build-memory.ts';
import { fingerprintOf } from './rebuild/build-inputs.ts';
import { listOutput, readRecord, recordPath, removeRecord, writeRecord } from './rebuild/build-record.ts';
import { readBuildInputs } from './rebuild/read-inputs.ts';
import { decideReuse } from './rebuild/reuse-decision.ts';
import { guideOutline } from './rebuild/guide-outline.ts';
import { mergePartialOutput } from './rebuild/merge-output.ts';
import { decidePartial, guideOfFile } from './rebuild/partial-decision.ts';
import { PARTIAL_GUIDES_ENV } from '../src/lib/content/partial-build.ts';

const root = resolve(import.meta.dirname, '..');
const target = resolve(outFolder());
const staging = `${target}.staging`;
const previous = `${target}.previous`;
const partialOut = `${target}.partial`;
const cacheDir = resolve(cacheFolder());
const contentDir = resolve(guidesFolder());
const shown = relative(process.cwd(), target) || target;

const args = process.argv.slice(2);
const force = args.includes('--force');
// `--force` is this script's; Astro would refuse it.
const astroArgs = args.filter((arg) => arg !== '--force');

const started = performance.now();
const record = recordPath(cacheDir, target);
const inputs = readBuildInputs(
	{ root, outDir: target, cacheDir, contentDir },
	{ env: process.env, node: process.version, args: astroArgs },
);
const output = listOutput(target);
const recorded = force ? null : readRecord(record);
const decision = decideReuse(recorded, inputs, output, { outName: shown, force });
if (decision.reuse) {
	const checked = Object.keys(inputs.files).length + (output?.length ?? 0);
	const ms = Math.round(performance.now() - started);
	console.log(`${shown}/ is up to date with its sources: ${checked} files checked in ${ms} ms; \`npm run build -- --force\` rebuilds`);
	process.exit(0);
}
const guidesPrefix = relative(root, contentDir).split(sep).join('/');
const outlineOf = (/** @type {string} */ id) => {
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
);
const partial = decidePartial(recorded, inputs, output, { guidesPrefix, outlines: (id) => outlines[id] ?? null });
// From here until the new output is in place, the old record would vouch for a folder being replaced.
removeRecord(record);

const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
/** Runs `astro build` into `outDir`; a partial build renders `guides` only. */
const astroBuild = (/** @type {string} */ outDir, /** @type {string[] | null} */ guides) => {
	const env = withBuildMemorySettings({ ...process.env, STEPCHECK_OUT_DIR: outDir });
	delete env[PARTIAL_GUIDES_ENV];
	if (guides) env[PARTIAL_GUIDES_ENV] = guides.join(',');
	return spawnSync(process.execPath, [astro, 'build', ...astroArgs], { stdio: 'inherit', env }).status;
};
const failed = (/** @type {number | null} */ status) => {
	for (const folder of [staging, partialOut]) rmSync(folder, { recursive: true, force: true });
	console.error(`\nThe build failed, so ${shown}/ was not touched: it still holds the last good build.`);
	process.exit(status ?? 1);
};

rmSync(staging, { recursive: true, force: true });
let built = false;
if (partial.partial) {
	console.log(
		`Building ${partial.guides.join(', ')} only into ${shown}/: ${decision.reason}; nothing other pages show of ${partial.guides.length === 1 ? 'it' : 'them'} changed.`,
	);
	rmSync(partialOut, { recursive: true, force: true });
	const status = astroBuild(partialOut, partial.guides);
	if (status !== 0) failed(status);
	const mismatched = mergePartialOutput({ previous: target, partial: partialOut, merged: staging, guides: partial.guides });
	rmSync(partialOut, { recursive: true, force: true });
	if (mismatched.length === 0) {
		// Loaded only here: this process waits beside Astro for the whole build, and Pagefind's
		// module alone would stay resident in it (about 25 MB).
		const { indexSite } = await import('../src/integrations/pagefind-index.ts');
		await indexSite(join(staging, 'client'), cacheDir, { info: (message) => console.log(`[pagefind] ${message}`) });
		built = true;
	} else {
		rmSync(staging, { recursive: true, force: true });
		console.log(
			`The partial build changed ${mismatched.slice(0, 3).join(', ')}${mismatched.length > 3 ? ` and ${mismatched.length - 3} more` : ''}, which only a full build may change: building in full.`,
		);
	}
} else {
	console.log(`Building ${shown}/: ${decision.reason}.`);
}
if (!built) {
	const status = astroBuild(staging, null);
	if (status !== 0) failed(status);
}

// Two renames: the old output is out of the way for an instant only, and never half replaced.
rmSync(previous, { recursive: true, force: true });
if (existsSync(target)) renameSync(target, previous);
renameSync(staging, target);
rmSync(previous, { recursive: true, force: true });

// The inputs as read before the build: a file edited while Astro ran makes the next build run again.
writeRecord(record, { version: 2, fingerprint: fingerprintOf(inputs), inputs, output: listOutput(target) ?? [], outlines });
