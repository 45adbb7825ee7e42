// `npm run build`: `astro build` into a staging folder beside the output, swapped in only when
// every step and hook of the build succeeded. A build that fails (a refused guide, a redirect
// collision in the last hook) leaves the site being served exactly as the last good build made it.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const target = resolve(process.env.STEPCHECK_OUT_DIR || 'dist');
const staging = `${target}.staging`;
const previous = `${target}.previous`;
const shown = relative(process.cwd(), target) || target;

const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
rmSync(staging, { recursive: true, force: true });
const build = spawnSync(process.execPath, [astro, 'build', ...process.argv.slice(2)], {
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
