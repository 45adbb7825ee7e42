import type { TestProject } from 'vitest/node';
import { findChromium } from './chromium';
import { startSiteServer } from './server';
import { TEST_OUT_DIR } from './paths';

/** Serves the test build with the real server once for all browser tests. */
export default async function setup(project: TestProject) {
	project.provide('chromiumPath', findChromium());
	const server = await startSiteServer(TEST_OUT_DIR);
	project.provide('baseUrl', server.url);
	return async () => server.stop();
}
