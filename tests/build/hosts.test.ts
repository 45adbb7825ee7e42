import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCloudFrontFunction, unsupportedSyntax } from '../support/cloudfront';
import { BASE_PATH } from '../support/global-base-build';
import { startNginx, startPagesDev, type RunningHost } from '../support/hosts';
import { productionBuildEnv, ROOT } from '../support/paths';
import { startSiteServer } from '../support/server';

/**
 * Old URLs proven on the engines that serve them: every spelling in the build's map, through
 * each host's own rule file, answers one 301 hop to a page that answers 200 itself, with the
 * query string kept, for GET and for HEAD.
 */

const QUERY = '?utm_source=old-blog&ref=a%20b';
const readMap = (outDir: string) => JSON.parse(readFileSync(join(outDir, 'redirects.json'), 'utf8')) as Record<string, string>;
/** An old URL of a build under the base path, and the same path at the root of the domain, where the old blog's links point. */
const bothSpellings = ([from, to]: [string, string]): [string, string][] => [
	[from, to],
	[`/${from.slice(BASE_PATH.length)}`, to],
];

async function expectOneHop(host: string, from: string, to: string) {
	for (const method of ['GET', 'HEAD']) {
		const response = await fetch(`${host}${from}${QUERY}`, { method, redirect: 'manual' });
		expect(response.status, `${method} ${from}`).toBe(301);
		const location = new URL(response.headers.get('location') ?? '', host);
		expect(location.origin, `${method} ${from}`).toBe(host);
		expect(`${location.pathname}${location.search}`, `${method} ${from}`).toBe(`${to}${QUERY}`);
	}
	const landed = await fetch(`${host}${to}`, { redirect: 'manual' });
	expect(landed.status, `${to} answers itself, so ${from} is one hop`).toBe(200);
}

describe.each([
	['nginx (Debian package) with dist/nginx-redirects.conf', (outDir: string) => startNginx(outDir)],
	["Cloudflare Pages' local runtime (wrangler pages dev) with _redirects", (outDir: string) => startPagesDev(join(outDir, 'client'))],
])('%s', (_, start) => {
	const outDir = inject('outDir');
	const map = readMap(outDir);
	let host: RunningHost;
	beforeAll(async () => {
		host = await start(outDir);
		// The first run also installs wrangler (tools/wrangler/, by scripts/tools.mjs): about 30 s here.
	}, 240_000);
	afterAll(async () => host?.stop());

	it('redirects every spelling of every old URL in one 301 hop, keeping the query, for GET and HEAD', async () => {
		expect(Object.keys(map).length).toBeGreaterThan(10);
		for (const [from, to] of Object.entries(map)) await expectOneHop(host.url, from, to);
	});

	it('serves the pages, assets and 404 of the build as they are', async () => {
		expect((await fetch(`${host.url}/guides/turn-on-mfa-aws/`)).status).toBe(200);
		expect((await fetch(`${host.url}/pagefind/pagefind.js`)).status).toBe(200);
		const missing = await fetch(`${host.url}/no-such-page/`);
		expect(missing.status).toBe(404);
		expect(await missing.text()).toContain('This page is not here');
	});
});

describe("the CloudFront Function, run with CloudFront's viewer-request event", () => {
	const outDir = inject('outDir');
	const source = readFileSync(join(outDir, 'cloudfront-function.js'), 'utf8');
	const map = readMap(outDir);

	it('uses only syntax of cloudfront-js-2.0 and stays within the 10 KB limit', () => {
		expect(unsupportedSyntax(source)).toEqual([]);
		expect(Buffer.byteLength(source)).toBeLessThanOrEqual(10_240);
	});

	it('the syntax check refuses what the runtime lacks', () => {
		const problems = unsupportedSyntax(
			'class A {}\nconst { a } = b;\nvar c = d?.e ?? f;\nfunction* g() {}\nvar h = { i };\nfor (var j of k) {}\nvar l = [...m];',
		);
		expect(problems.join('\n')).toMatch(/line 1: ClassDeclaration/);
		expect(problems.join('\n')).toMatch(/line 2: ObjectPattern/);
		expect(problems).toContain('line 3: optional chaining (ES 2020)');
		expect(problems).toContain('line 3: ?? (ES 2020)');
		expect(problems.join('\n')).toMatch(/line 4: generator/);
		expect(problems.join('\n')).toMatch(/line 5: object shorthand/);
		expect(problems.join('\n')).toMatch(/line 6: ForOfStatement/);
		expect(problems.join('\n')).toMatch(/line 7: SpreadElement/);
	});

	it('redirects every spelling in one 301, keeping every query value, and passes other requests through', async () => {
		const handler = loadCloudFrontFunction(source);
		for (const [from, to] of Object.entries(map)) {
			for (const method of ['GET', 'HEAD']) {
				const result = await handler({
					method,
					uri: from,
					querystring: { utm_source: { value: 'old-blog' }, tag: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] } },
				});
				expect(result.statusCode, `${method} ${from}`).toBe(301);
				expect(result.headers?.location?.value, from).toBe(`${to}?utm_source=old-blog&tag=a&tag=b`);
			}
			expect((await handler({ method: 'POST', uri: from })).statusCode).toBe(308);
		}
		const page = await handler({ uri: '/guides/turn-on-mfa-aws/' });
		expect(page.statusCode).toBeUndefined();
		expect(page.uri).toBe('/guides/turn-on-mfa-aws/');
	});

	it('under a base path, redirects every old URL below the base and at the root of the domain, and / to the base', async () => {
		const baseOut = inject('baseOutDir');
		const handler = loadCloudFrontFunction(readFileSync(join(baseOut, 'cloudfront-function.js'), 'utf8'));
		for (const [from, to] of [...Object.entries(readMap(baseOut)).flatMap(bothSpellings), ['/', BASE_PATH]]) {
			const result = await handler({ uri: from!, querystring: { utm_source: { value: 'old-blog' } } });
			expect(result.statusCode, from).toBe(301);
			expect(result.headers?.location?.value, from).toBe(`${to}?utm_source=old-blog`);
		}
		expect((await handler({ uri: `${BASE_PATH}guides/turn-on-mfa-aws/` })).statusCode).toBeUndefined();
	});
});

/**
 * Cloudflare Pages under a base path, as docs/deploying.md says to publish it: the client
 * folder inside `security/`, with `_redirects` and `_headers` moved up to the published root.
 */
function publishUnderBase(outDir: string): string {
	const published = mkdtempSync(join(tmpdir(), 'stepcheck-pages-base-'));
	symlinkSync(join(outDir, 'client'), join(published, BASE_PATH.slice(1, -1)));
	for (const file of ['_redirects', '_headers']) copyFileSync(join(outDir, 'client', file), join(published, file));
	return published;
}

describe.each([
	['the Node server', (outDir: string) => startSiteServer(outDir)],
	['nginx', (outDir: string) => startNginx(outDir, BASE_PATH)],
	[
		"Cloudflare Pages' local runtime (wrangler pages dev)",
		async (outDir: string): Promise<RunningHost> => {
			const published = publishUnderBase(outDir);
			const host = await startPagesDev(published);
			return { url: host.url, stop: async () => (await host.stop(), rmSync(published, { recursive: true, force: true })) };
		},
	],
])('%s under a base path', (_, start) => {
	it(
		'redirects every old URL, below the base and at the root where the old links point, in one 301 hop keeping the query, and / to the base',
		{ timeout: 240_000 },
		async () => {
			const outDir = inject('baseOutDir');
			const host = await start(outDir);
			try {
				const map = readMap(outDir);
				expect(Object.keys(map).every((from) => from.startsWith(BASE_PATH))).toBe(true);
				for (const [from, to] of Object.entries(map).flatMap(bothSpellings)) await expectOneHop(host.url, from, to);
				await expectOneHop(host.url, '/', BASE_PATH);
			} finally {
				await host.stop();
			}
		},
	);
});

describe('the Node server under a base path', () => {
	it('serves pages only under the base and leads / to the base', async () => {
		const outDir = inject('baseOutDir');
		const host = await startSiteServer(outDir);
		try {
			const root = await fetch(`${host.url}/`, { redirect: 'manual' });
			expect(root.status).toBe(301);
			expect(root.headers.get('location')).toBe(BASE_PATH);
			expect((await fetch(`${host.url}/guides/turn-on-mfa-aws/`, { redirect: 'manual' })).status).toBe(404);
			expect((await fetch(`${host.url}${BASE_PATH}guides/turn-on-mfa-aws/`, { redirect: 'manual' })).status).toBe(200);
		} finally {
			await host.stop();
		}
	});
});

describe('a build whose old URLs would not fit in a CloudFront Function', () => {
	const content = join(ROOT, '.test-output/too-many-aliases-content');
	const out = join(ROOT, '.test-output/too-many-aliases-dist');
	afterAll(() => {
		rmSync(content, { recursive: true, force: true });
		rmSync(out, { recursive: true, force: true });
	});

	it('fails with the size, the limit and what to do', { timeout: 180_000 }, () => {
		rmSync(content, { recursive: true, force: true });
		mkdirSync(join(content, 'many-aliases'), { recursive: true });
		// 400 aliases and the site's one legacy URL.
		const aliases = Array.from({ length: 400 }, (_, n) => `/blog/2015/an-old-post-with-a-long-address-number-${n}/`);
		writeFileSync(
			join(content, 'many-aliases/index.mdx'),
			`---\ntitle: Many aliases\ndescription: A guide with more old URLs than a CloudFront Function can hold.\npublished: 2024-01-01\ntags: [aws]\naliases: ${JSON.stringify(aliases)}\n---\n\n<Steps>\n1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n</Steps>\n`,
		);
		const result = spawnSync('npm', ['run', 'build'], {
			cwd: ROOT,
			env: productionBuildEnv({ STEPCHECK_CONTENT_DIR: relative(ROOT, content), STEPCHECK_OUT_DIR: relative(ROOT, out) }),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output = `${result.stdout}\n${result.stderr}`;
		expect(result.status).not.toBe(0);
		expect(output).toMatch(/The CloudFront Function for the 401 old URLs is [\d,]+ bytes; CloudFront accepts at most 10,240/);
		expect(output).toContain('Retire old aliases');
	});
});
