// @ts-check
/**
 * `node scripts/run-tool.mjs <tool> [args…]`: runs a first-use tool's command (scripts/tools.mjs),
 * installing it from tools/<tool>/package-lock.json first if need be. The npm scripts `lint`,
 * `knip` and `check` go through here, so a fresh clone needs no install step of its own.
 */
import { spawnSync } from 'node:child_process';
import { toolEntry } from './tools.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name) {
	console.error('Usage: node scripts/run-tool.mjs <tool> [args…], where <tool> is a folder of tools/ (lint, knip, astro-check…).');
	process.exit(2);
}
const result = spawnSync(process.execPath, [toolEntry(/** @type {import('./tools.mjs').ToolName} */ (name)), ...args], {
	stdio: 'inherit',
});
process.exit(result.status ?? 1);
