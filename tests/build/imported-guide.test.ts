import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/lib/import/run-import';
import { productionBuildEnv, ROOT } from '../support/paths';
import { startSiteServer, type RunningServer } from '../support/server';

/**
 * End to end for the importer: Hugo fixtures → guides in a scratch content folder →
 * a real build of only those guides → the real server answers their old URLs.
 * Scratch folders live inside the project so the build resolves node_modules.
 */
const CONTENT = join(ROOT, '.test-output/import-content');
const OUT = join(ROOT, '.test-output/import-dist');

function build(contentDir: string, outDir: string) {
	return spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		env: productionBuildEnv({ STEPCHECK_CONTENT_DIR: contentDir, STEPCHECK_OUT_DIR: outDir }),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

describe('an imported guide builds and its old URLs redirect', () => {
	let server: RunningServer;
	const bareLog: string[] = [];
	beforeAll(async () => {
		rmSync(CONTENT, { recursive: true, force: true });
		rmSync(OUT, { recursive: true, force: true });
		const errors: string[] = [];
		const code = runImport(
			[
				'tests/fixtures/hugo/site/content',
				'--images',
				'tests/fixtures/hugo/loose-images',
				'--date-order',
				'dmy',
				'--out',
				relative(ROOT, CONTENT),
			],
			{ cwd: ROOT, projectRoot: ROOT, log: () => {}, error: (line) => errors.push(line) },
		);
		expect(errors).toEqual([]);
		expect(code).toBe(0);
		// A post with only a title, a day-first date and aliases: the importer fills the rest.
		const bareCode = runImport(['tests/fixtures/hugo/bare-site/content', '--date-order', 'dmy', '--out', relative(ROOT, CONTENT)], {
			cwd: ROOT,
			projectRoot: ROOT,
			log: (line) => bareLog.push(line),
			error: (line) => errors.push(line),
		});
		expect(errors).toEqual([]);
		expect(bareCode).toBe(0);
		const result = build(relative(ROOT, CONTENT), relative(ROOT, OUT));
		if (result.status !== 0) throw new Error(`Building the imported guides failed:\n${result.stdout}\n${result.stderr}`);
		server = await startSiteServer(OUT);
	});
	afterAll(async () => server?.stop());

	it('renders the imported steps, callouts and screenshots', async () => {
		const html = await (await fetch(`${server.url}/guides/enable-aws-mfa/`)).text();
		for (let n = 1; n <= 5; n++) expect(html).toContain(`id="step-${n}"`);
		expect(html).not.toContain('id="step-6"');
		expect(html).toContain('callout-warning');
		expect(html).toContain('callout-tip');
		expect(html).toContain('frame-shadow');
		expect(html).toContain('<kbd>Ctrl</kbd>');
	});

	it.each([
		['/blog/2019/enable-aws-mfa/', '/guides/enable-aws-mfa/'],
		['/blog/2019/enable-aws-mfa', '/guides/enable-aws-mfa/'],
		['/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures/index.html', '/guides/enable-aws-mfa/'],
		['/enable-mfa-on-aws-in-10-steps-with-pictures', '/guides/enable-aws-mfa/'],
		['/blog/2019/rotate-access-keys/', '/guides/rotate-access-keys/'],
		['/blog/rotate-keys/', '/guides/rotate-access-keys/'],
	])('%s answers 301 to %s in one hop, keeping the query', async (from, to) => {
		const response = await fetch(`${server.url}${from}?from=bookmark`, { redirect: 'manual' });
		expect(response.status).toBe(301);
		expect(response.headers.get('location')).toBe(`${to}?from=bookmark`);
		expect((await fetch(`${server.url}${to}`, { redirect: 'manual' })).status).toBe(200);
	});

	it('a post with only title, date and aliases builds with the inferred fields, in the Imported topic of the home page', async () => {
		expect(bareLog.filter((line) => line.includes('inferred'))).toEqual([
			'    inferred description from the first paragraph: "A virtual MFA device is an app on your phone that shows a new six-digit code every thirty seconds. It costs nothing and takes about five minutes to set up."',
			"    inferred tags from the site config's default (importDefaults.tag): imported",
			"    inferred topic from the site config's default (importDefaults.topic): imported; move the guide to its own topic when you review it",
		]);
		const html = await (await fetch(`${server.url}/guides/set-up-a-virtual-mfa-device/`)).text();
		for (let n = 1; n <= 5; n++) expect(html).toContain(`id="step-${n}"`);
		expect(html).toContain('<meta name="description" content="A virtual MFA device is an app on your phone');
		expect(html).toContain('December 9, 2019');
		expect(html).toContain('frame-shadow');
		expect(html).toMatch(/srcset="[^"]*\.avif 609w/);
		const home = await (await fetch(`${server.url}/`)).text();
		expect(home).toMatch(/<h2 id="topic-imported">Imported<\/h2>[\s\S]*?href="\/guides\/set-up-a-virtual-mfa-device\/"/);
		for (const old of ['/posts/virtual-mfa-device/', '/2019/12/virtual-mfa', '/posts/old-virtual-mfa/index.html']) {
			const response = await fetch(`${server.url}${old}?utm_source=old-blog`, { redirect: 'manual' });
			expect(response.status, old).toBe(301);
			expect(response.headers.get('location'), old).toBe('/guides/set-up-a-virtual-mfa-device/?utm_source=old-blog');
		}
		const image = await fetch(`${server.url}/images/virtual-device-1.png`, { redirect: 'manual' });
		expect(image.status).toBe(301);
	});

	it('old image URLs redirect to the full-size image of the imported guide', async () => {
		for (const old of ['/blog/2019/images/awsmfa1.png', '/blog/2019/images/qr-code.png', '/blog/2019/rotate-access-keys/keys-list.png']) {
			const response = await fetch(`${server.url}${old}`, { redirect: 'manual' });
			expect(response.status, old).toBe(301);
			const location = response.headers.get('location')!;
			// The full-size view, as the guide's zoom link opens it: not a resized copy.
			expect(location).toMatch(/^\/_astro\/[^/]+\.(?:png|jpe?g|webp)\.\d+w-q\d+-[0-9a-f]+\.webp$/);
			const image = await fetch(`${server.url}${location}`);
			expect(image.status).toBe(200);
			expect(image.headers.get('content-type')).toBe('image/webp');
		}
		const map = JSON.parse(readFileSync(join(OUT, 'redirects.json'), 'utf8')) as Record<string, string>;
		const guide = await (await fetch(`${server.url}/guides/enable-aws-mfa/`)).text();
		expect(guide).toContain(`href="${map['/blog/2019/images/awsmfa1.png']}"`);
	});
});

describe('a build with colliding old URLs', () => {
	const content = join(ROOT, '.test-output/collision-content');
	const out = join(ROOT, '.test-output/collision-dist');
	const guide = (id: string, aliases: string[]) => {
		mkdirSync(join(content, id), { recursive: true });
		writeFileSync(
			join(content, id, 'index.mdx'),
			`---\ntitle: Guide ${id}\ndescription: A guide for the collision test.\npublished: 2024-01-01\ntags: [aws]\naliases: ${JSON.stringify(aliases)}\n---\n\n` +
				// Otherwise valid, so the build reaches the redirects.
				'<Steps>\n1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n</Steps>\n\n## Sources\n\n- [IAM User Guide](https://docs.aws.amazon.com/IAM/latest/UserGuide/)\n',
		);
	};
	afterAll(() => {
		rmSync(content, { recursive: true, force: true });
		rmSync(out, { recursive: true, force: true });
	});

	it('fails, naming both files of each collision', { timeout: 180_000 }, () => {
		rmSync(content, { recursive: true, force: true });
		guide('first-guide', ['/old-shared/']);
		guide('second-guide', ['/old-shared', '/guides/first-guide/']);
		const result = build(relative(ROOT, content), relative(ROOT, out));
		const output = `${result.stdout}\n${result.stderr}`;
		expect(result.status).not.toBe(0);
		expect(output).toMatch(/\/old-shared\/ is claimed twice .*first-guide\/index\.mdx.*second-guide\/index\.mdx/);
		expect(output).toMatch(
			/"\/guides\/first-guide\/" in .*second-guide\/index\.mdx is the URL of a real page \(\/guides\/first-guide\/, from .*first-guide\/index\.mdx\)/,
		);
	});
});
