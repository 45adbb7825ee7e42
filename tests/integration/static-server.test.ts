import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/static-server.mjs';
import { rawRequest } from '../support/aws-fixtures';

/** The plain static host of the tests and the bench, as a CDN would serve a built site. */
describe('serveStatic', () => {
	let root: string;
	let site: Awaited<ReturnType<typeof serveStatic>>;
	let underBase: Awaited<ReturnType<typeof serveStatic>>;

	beforeAll(async () => {
		root = await mkdtemp(join(tmpdir(), 'stepcheck-static-'));
		const client = join(root, 'client');
		await mkdir(join(client, 'guides', 'a'), { recursive: true });
		await writeFile(join(client, 'guides', 'a', 'index.html'), '<h1>Guide A</h1>');
		await writeFile(join(client, 'app.js'), 'console.log(1)');
		await writeFile(join(client, '404.html'), '<h1>Not here</h1>');
		await writeFile(join(root, 'secret.txt'), 'outside the site');
		site = await serveStatic(client);
		underBase = await serveStatic(client, { base: '/security/' });
	});
	afterAll(async () => {
		await site?.stop();
		await underBase?.stop();
		await rm(root, { recursive: true, force: true });
	});

	it('serves a folder as its index.html and files with their type', async () => {
		const page = await rawRequest(`${site.url}/guides/a/`);
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.body).toBe('<h1>Guide A</h1>');
		expect((await rawRequest(`${site.url}/app.js`)).headers['content-type']).toMatch(/^text\/javascript/);
	});

	it.each(['/missing/', '/../secret.txt', '/%2e%2e/secret.txt'])('answers %s with 404 and the site’s 404 page', async (path) => {
		const response = await rawRequest(`${site.url}${path}`);
		expect(response.status).toBe(404);
		expect(response.body).toBe('<h1>Not here</h1>');
	});

	it('serves under a base path, and nothing outside it', async () => {
		expect((await rawRequest(`${underBase.url}/security/guides/a/`)).body).toBe('<h1>Guide A</h1>');
		expect((await rawRequest(`${underBase.url}/guides/a/`)).status).toBe(404);
	});
});
