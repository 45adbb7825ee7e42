import type { TestProject } from 'vitest/node';
import { RELEVANCE_CONTENT } from '../e2e/search-relevance.table';
import { buildWithContent } from './content-build';
import { TEST_OUT_DIR } from './paths';
import { startSiteServer } from './server';

/**
 * The site the search tests drive: built from the guides the relevance table is written
 * against (see RELEVANCE_CONTENT) and served by the real server. With RELEVANCE_CONTENT
 * set to null it is the main test build of the real guides.
 */
export default async function setup(project: TestProject) {
	let outDir = TEST_OUT_DIR;
	if (RELEVANCE_CONTENT) {
		const started = Date.now();
		outDir = buildWithContent(RELEVANCE_CONTENT, 'search-dist');
		console.log(`search test build ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${outDir}`);
	}
	const server = await startSiteServer(outDir);
	project.provide('searchBaseUrl', server.url);
	project.provide('searchOutDir', outDir);
	return async () => server.stop();
}

declare module 'vitest' {
	export interface ProvidedContext {
		searchBaseUrl: string;
		searchOutDir: string;
	}
}
