import type { TestProject } from 'vitest/node';
import { buildWithContent } from './content-build';

/** The base path every base-path test builds under: the site deployed to a folder. */
export const BASE_PATH = '/security/';
const MARKER = 'STEPCHECK_TEST_BASE_BUILT';

/**
 * Builds the real guides once per `npm test` run under `/security/` (the build and e2e
 * layers share it), through the same `npm run build` as a deployment.
 */
export default function setup(project: TestProject) {
	const outDir =
		process.env[MARKER] || buildWithContent('src/content/guides', 'base-path', { STEPCHECK_BASE_PATH: BASE_PATH.slice(0, -1) });
	process.env[MARKER] = outDir;
	project.provide('baseOutDir', outDir);
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseOutDir: string;
	}
}
