import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect } from 'vitest';
import { productionBuildEnv, ROOT } from './paths';

/**
 * A copy of the repository's guides with an output and cache folder of its own, built by the
 * real `npm run build`: for the tests of what a second build decides (keep, partial, full), which
 * must not disturb the shared test build.
 */
export function scratchBuild(name: string, env: Record<string, string> = {}) {
	const scratch = mkdtempSync(join(tmpdir(), `stepcheck-${name}-`));
	const guides = join(scratch, 'guides');
	cpSync(join(ROOT, 'src/content/guides'), guides, { recursive: true });
	// Inside the project: the server bundle resolves its packages from node_modules above it.
	const out = join(ROOT, '.test-output', name);
	const cache = `${out}-cache`;
	return {
		guides,
		out,
		cache,
		/** Runs `npm run build` with these arguments, expects it to succeed, and returns what it printed. */
		build(...args: string[]): string {
			const result = spawnSync('npm', ['run', 'build', ...(args.length > 0 ? ['--', ...args] : [])], {
				cwd: ROOT,
				encoding: 'utf8',
				env: productionBuildEnv({ STEPCHECK_CONTENT_DIR: guides, STEPCHECK_OUT_DIR: out, STEPCHECK_CACHE_DIR: cache, ...env }),
			});
			const output = stripVTControlCharacters(result.stdout + result.stderr);
			expect(result.status, output).toBe(0);
			return output;
		},
		remove() {
			for (const folder of [scratch, out, cache]) rmSync(folder, { recursive: true, force: true });
		},
	};
}
