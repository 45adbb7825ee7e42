import type { TestProject } from 'vitest/node';
import { TEST_OUT_DIR } from './paths';
import { startSiteServer } from './server';

/** The site the search tests drive: the main test build of the real guides, served by the real server. */
export default async function setup(project: TestProject) {
	const server = await startSiteServer(TEST_OUT_DIR);
	project.provide('searchBaseUrl', server.url);
	project.provide('searchOutDir', TEST_OUT_DIR);
	return async () => server.stop();
}

declare module 'vitest' {
	export interface ProvidedContext {
		searchBaseUrl: string;
		searchOutDir: string;
	}
}
