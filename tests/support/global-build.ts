import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { productionBuildEnv, ROOT, TEST_OUT_DIR } from './paths';

/**
 * Builds the site once per `npm test` run (the build and e2e layers share it), through
 * the same `npm run build` a deployment uses, which keeps the last test build when no input
 * changed (tests/ are inputs too). Set STEPCHECK_REUSE_BUILD=1 to skip the build even then,
 * while iterating on tests.
 */
export default function setup(project: TestProject) {
	project.provide('outDir', TEST_OUT_DIR);
	if (process.env.STEPCHECK_TEST_BUILT === TEST_OUT_DIR) return;
	if (process.env.STEPCHECK_REUSE_BUILD === '1' && existsSync(join(TEST_OUT_DIR, 'server/entry.mjs'))) {
		process.env.STEPCHECK_TEST_BUILT = TEST_OUT_DIR;
		return;
	}
	const started = Date.now();
	const result = spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		env: productionBuildEnv({ STEPCHECK_OUT_DIR: TEST_OUT_DIR }),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		throw new Error(`npm run build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	console.log(`test build ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${TEST_OUT_DIR}`);
	process.env.STEPCHECK_TEST_BUILT = TEST_OUT_DIR;
}

declare module 'vitest' {
	export interface ProvidedContext {
		outDir: string;
		baseUrl: string;
		chromiumPath: string;
	}
}
