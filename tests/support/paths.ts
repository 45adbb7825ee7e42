import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Tests build into their own folder so they never disturb a developer's `dist/`. */
export const TEST_OUT_DIR = resolve(ROOT, '.test-output/dist');

/**
 * The environment for a production build started from a test. vitest mirrors Vite's
 * `import.meta.env` onto process.env (DEV, PROD, MODE, SSR, BASE_URL) and sets NODE_ENV=test;
 * a build inheriting them takes its development paths (`import.meta.env.DEV` is true).
 */
export function productionBuildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ...extra };
	for (const name of ['DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL']) delete env[name];
	return env;
}
