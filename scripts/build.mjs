// `npm run build`: `astro build` into a staging folder beside the output, swapped in only when
// every step and hook of the build succeeded. A build that fails (a refused guide, a redirect
// collision in the last hook) leaves the site being served exactly as the last good build made it.
// Before that, an output already built from exactly these sources is kept as it is (see
// docs/performance.md, "Rebuilds"); `npm run build -- --force` builds regardless.
//
// This process only starts the others: the steps before and after Astro (scripts/rebuild/build-steps.ts,
// the search index among them) run in processes of their own, so what they hold is not resident beside Astro's (docs/performance.md,
// "Peak memory"). It imports no TypeScript for the same reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The exit status by which the merge step (build-steps.ts) says the partial output may not be used.
const MERGE_REFUSED = 3;
const steps = join(import.meta.dirname, 'rebuild', 'build-steps.ts');
const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'stepcheck-build-'));
const planFile = join(scratch, 'plan.json');

/** @param {string} step @param {NodeJS.ProcessEnv} [env] */
const runStep = (step, env = process.env) =>
	spawnSync(process.execPath, [steps, step, planFile, ...process.argv.slice(2)], { stdio: 'inherit', env }).status;

/** @param {number | null} status */
function end(status) {
	rmSync(scratch, { recursive: true, force: true });
	process.exit(status ?? 1);
}

if (runStep('plan') !== 0) end(1);
/** @type {import('./rebuild/build-steps.ts').BuildPlan} */
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
if (plan.reuse) end(0);
const { folders } = plan;

/** Runs `astro build` into `outDir`; a partial build renders `guides` only. @param {string} outDir @param {string[] | null} guides */
function astroBuild(outDir, guides) {
	const env = { ...process.env, ...plan.memoryEnv, STEPCHECK_OUT_DIR: outDir };
	delete env[plan.partialGuidesEnv];
	delete env[plan.indexAfterBuildEnv];
	if (plan.indexAfterBuild) env[plan.indexAfterBuildEnv] = '1';
	if (guides) env[plan.partialGuidesEnv] = guides.join(',');
	return spawnSync(process.execPath, [...plan.nodeFlags, astro, 'build', ...plan.astroArgs], { stdio: 'inherit', env }).status;
}
/** @param {number | null} status */
function failed(status) {
	for (const folder of [folders.staging, folders.partial]) rmSync(folder, { recursive: true, force: true });
	console.error(`\nThe build failed, so ${folders.shown}/ was not touched: it still holds the last good build.`);
	end(status);
}

rmSync(folders.staging, { recursive: true, force: true });
let mergedPartial = false;
if (plan.partialGuides) {
	rmSync(folders.partial, { recursive: true, force: true });
	const status = astroBuild(folders.partial, plan.partialGuides);
	if (status !== 0) failed(status);
	const merged = runStep('merge');
	if (merged === 0) mergedPartial = true;
	else if (merged !== MERGE_REFUSED) failed(merged);
}
if (!mergedPartial) {
	const status = astroBuild(folders.staging, null);
	if (status !== 0) failed(status);
}
// A partial build's integration indexes nothing: its merged output is indexed by the finish step.
const finishEnv = { ...process.env };
delete finishEnv[plan.indexAfterBuildEnv];
if (plan.indexAfterBuild || mergedPartial) finishEnv[plan.indexAfterBuildEnv] = '1';
const finished = runStep('finish', finishEnv);
if (finished !== 0) failed(finished);
end(0);
