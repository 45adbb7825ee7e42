import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { productionBuildEnv, ROOT } from './paths';

/**
 * Builds the site from another content folder (STEPCHECK_CONTENT_DIR) into its own
 * output folder, through the same `npm run build` as a deployment (which keeps that folder
 * when none of its inputs changed), so a test can read the real Pagefind index of known text.
 */
export function buildWithContent(contentDir: string, outName: string, extraEnv: Record<string, string> = {}): string {
	const outDir = resolve(ROOT, '.test-output', outName);
	if (process.env.STEPCHECK_REUSE_BUILD === '1' && existsSync(join(outDir, 'server/entry.mjs'))) return outDir;
	const result = spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		env: productionBuildEnv({
			STEPCHECK_OUT_DIR: outDir,
			STEPCHECK_CONTENT_DIR: contentDir,
			STEPCHECK_CACHE_DIR: `${outDir}-cache`,
			...extraEnv,
		}),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		throw new Error(`npm run build of ${contentDir} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	return outDir;
}
