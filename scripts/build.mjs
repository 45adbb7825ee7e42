// `npm run build`: `astro build` into a staging folder beside the output, swapped in only when
// every step and hook of the build succeeded. A build that fails (a refused guide, a redirect
// collision in the last hook) leaves the site being served exactly as the last good build made it.
// Before that, an output already built from exactly these sources is kept as it is (see
// docs/performance.md, "Rebuilds"); `npm run build -- --force` builds regardless.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { guidesFolder } from '../src/lib/content/guides-folder.ts';
import { cacheFolder, outFolder } from '../src/lib/site/build-folders.ts';
import { fingerprintOf } from './rebuild/build-inputs.ts';
import { listOutput, readRecord, recordPath, removeRecord, writeRecord } from './rebuild/build-record.ts';
import { readBuildInputs } from './rebuild/read-inputs.ts';
import { decideReuse } from './rebuild/reuse-decision.ts';

const root = resolve(import.meta.dirname, '..');
const target = resolve(outFolder());
const staging = `${target}.staging`;
const previous = `${target}.previous`;
const shown = relative(process.cwd(), target) || target;

const args = process.argv.slice(2);
const force = args.includes('--force');
// `--force` is this script's; Astro would refuse it.
const astroArgs = args.filter((arg) => arg !== '--force');

const started = performance.now();
const record = recordPath(resolve(cacheFolder()), target);
const inputs = readBuildInputs(
	{ root, outDir: target, cacheDir: resolve(cacheFolder()), contentDir: resolve(guidesFolder()) },
	{ env: process.env, node: process.version, args: astroArgs },
);
const output = listOutput(target);
const decision = decideReuse(force ? null : readRecord(record), inputs, output, { outName: shown, force });
if (decision.reuse) {
	const checked = Object.keys(inputs.files).length + (output?.length ?? 0);
	const ms = Math.round(performance.now() - started);
	console.log(`${shown}/ is up to date with its sources: ${checked} files checked in ${ms} ms; \`npm run build -- --force\` rebuilds`);
	process.exit(0);
}
console.log(`Building ${shown}/: ${decision.reason}.`);
// From here until the new output is in place, the old record would vouch for a folder being replaced.
removeRecord(record);

const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
rmSync(staging, { recursive: true, force: true });
const build = spawnSync(process.execPath, [astro, 'build', ...astroArgs], {
	stdio: 'inherit',
	env: { ...process.env, STEPCHECK_OUT_DIR: staging },
});
if (build.status !== 0) {
	rmSync(staging, { recursive: true, force: true });
	console.error(`\nThe build failed, so ${shown}/ was not touched: it still holds the last good build.`);
	process.exit(build.status ?? 1);
}

// Two renames: the old output is out of the way for an instant only, and never half replaced.
rmSync(previous, { recursive: true, force: true });
if (existsSync(target)) renameSync(target, previous);
renameSync(staging, target);
rmSync(previous, { recursive: true, force: true });

// The inputs as read before the build: a file edited while Astro ran makes the next build run again.
const built = listOutput(target) ?? [];
writeRecord(record, { version: 1, fingerprint: fingerprintOf(inputs), inputs, output: built });
