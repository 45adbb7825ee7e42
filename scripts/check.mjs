// `npm run check [-- options]`: Astro's type check of every .astro and .ts file (`astro check`),
// run from @astrojs/check, which the first-use installer provides: only authors run it, and its
// 82 packages were a seventh of every `npm ci`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { toolEntry } from './tools.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(process.execPath, [toolEntry('@astrojs/check'), '--root', root, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
