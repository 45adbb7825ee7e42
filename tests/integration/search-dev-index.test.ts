import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagefindDevFiles } from '../../src/lib/search/dev-index';
import { rawRequest } from '../support/aws-fixtures';

/** The files `npm run dev` serves at `<base>pagefind/`, over real HTTP. */
describe('the dev search index files', () => {
	let site: string;
	let server: Server;
	let url: string;

	beforeAll(async () => {
		site = await mkdtemp(join(tmpdir(), 'stepcheck-dev-index-'));
		await mkdir(join(site, 'pagefind', 'fragment'), { recursive: true });
		await writeFile(join(site, 'pagefind', 'pagefind.js'), 'export const search = 1;');
		await writeFile(join(site, 'pagefind', 'fragment', 'en_1.pf_fragment'), 'fragment');
		await writeFile(join(site, 'secret.txt'), 'outside the index');
		server = createServer(pagefindDevFiles(join(site, 'pagefind')));
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		const address = server.address();
		url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	});
	afterAll(async () => {
		await new Promise((done) => server?.close(done));
		await rm(site, { recursive: true, force: true });
	});

	it('serves the index files, never cached', async () => {
		const script = await rawRequest(`${url}/pagefind.js`);
		expect(script.status).toBe(200);
		expect(script.headers['content-type']).toMatch(/^text\/javascript/);
		expect(script.headers['cache-control']).toBe('no-store');
		expect(script.body).toBe('export const search = 1;');
		expect((await rawRequest(`${url}/fragment/en_1.pf_fragment?v=1`)).body).toBe('fragment');
	});

	it('serves a file a build wrote after the dev server started', async () => {
		await writeFile(join(site, 'pagefind', 'pagefind-entry.json'), '{"version":"1"}');
		expect((await rawRequest(`${url}/pagefind-entry.json`)).status).toBe(200);
	});

	it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/missing.js'])(
		'answers %s with 404 and how to make an index',
		async (path) => {
			const response = await rawRequest(`${url}${path}`);
			expect(response.status).toBe(404);
			expect(response.body).toContain('npm run build');
			expect(response.body).not.toContain('outside the index');
		},
	);
});
