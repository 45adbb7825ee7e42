import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { crawlSite } from '../support/crawl';
import { BASE_PATH } from '../support/global-base-build';
import { startSiteServer, type RunningServer } from '../support/server';

/**
 * No page of a build links to a missing page, file or step: a crawler follows every link,
 * asset and `#anchor` of the real build served by the real server, at the domain's root and
 * under a base path, starting from the home page, the not-found page and every old URL.
 */

// The live-check URLs are crawled too; with these the checks fail fast instead of looking for AWS.
const NO_AWS = {
	AWS_ACCESS_KEY_ID: 'AKIAEXAMPLECRAWLER00',
	AWS_SECRET_ACCESS_KEY: 'not-a-secret',
	AWS_REGION: 'us-east-1',
	AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9',
	AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9',
	AWS_CONFIG_FILE: '/nonexistent/aws-config',
};

describe.each([
	['at the domain root', () => inject('outDir'), '/'],
	['under a base path', () => inject('baseOutDir'), BASE_PATH],
])('every link of the build %s', (_, outDir, base) => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startSiteServer(outDir(), NO_AWS);
	});
	afterAll(async () => server?.stop());

	it('leads to a page, a file or a step that exists', async () => {
		const oldUrls = Object.keys(JSON.parse(readFileSync(join(outDir(), 'redirects.json'), 'utf8')) as Record<string, string>);
		expect(oldUrls.length).toBeGreaterThan(0);
		expect(oldUrls.every((url) => url.startsWith(base))).toBe(true);
		const result = await crawlSite(
			[
				{ url: `${server.url}${base}` },
				{ url: `${server.url}${base}no-such-page/`, status: 404 },
				...oldUrls.map((url) => ({ url: `${server.url}${url}` })),
			],
			{ publicOrigin: 'https://stepcheck.dev' },
		);
		expect(result.broken).toEqual([]);
		// Every guide, the listing, the check page, search, 404, home: the crawl saw the site.
		expect(result.pages).toBeGreaterThanOrEqual(12);
		expect(result.fragments).toBeGreaterThan(20);
		// Under a base path nothing of the site may live outside it.
		expect(result.paths.filter((path) => !path.startsWith(base))).toEqual([]);
	});

	it('the crawler itself notices a link to a missing page or step', async () => {
		const result = await crawlSite([
			{ url: `${server.url}${base}guides/turn-on-mfa-aws/#step-999` },
			{ url: `${server.url}${base}guides/no-such-guide/` },
		]);
		expect(result.broken.map((b) => b.problem).sort()).toEqual(['answers 404', 'has no element with id "step-999"']);
	});
});
