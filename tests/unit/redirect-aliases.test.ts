import { describe, expect, it } from 'vitest';
import { canonicalOldPath, resolveAlias, urlVariants } from '../../src/lib/redirects/old-paths';
import { buildRedirectMap, type GuideRedirectSource, type SitePage } from '../../src/lib/redirects/redirect-map';

const POST = '/blog/2019/enable-aws-mfa/';

describe('Hugo alias resolution', () => {
	it.each([
		// [alias, legacyUrl, resolved path]
		['/enable-mfa-on-aws-in-10-steps-with-pictures/', POST, '/enable-mfa-on-aws-in-10-steps-with-pictures/'],
		['/enable-mfa-on-aws-in-10-steps-with-pictures', POST, '/enable-mfa-on-aws-in-10-steps-with-pictures/'],
		['/enable-mfa/index.html', POST, '/enable-mfa/'],
		['/old/page.html', POST, '/old/page.html'],
		['enable-mfa-on-aws-in-10-steps-with-pictures', POST, '/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures/'],
		['enable-mfa-on-aws-in-10-steps-with-pictures/', POST, '/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures/'],
		['./same-folder', POST, '/blog/2019/same-folder/'],
		['../older-name', POST, '/blog/older-name/'],
		['../../top-level', POST, '/top-level/'],
		['sub/dir/name', POST, '/blog/2019/sub/dir/name/'],
		['name', '/blog/2019/enable-aws-mfa/index.html', '/blog/2019/name/'],
		['name', '/blog/2019/enable-aws-mfa', '/blog/2019/name/'],
		['name', '/post/', '/name/'],
		['/a/../b/', POST, '/b/'],
		['/', POST, '/'],
	])('%s from %s is %s', (alias, legacyUrl, path) => {
		expect(resolveAlias(alias, legacyUrl)).toEqual({ ok: true, path });
	});

	it.each([
		['../../../escape', POST, 'climbs above the site root'],
		['/../escape', POST, 'climbs above the site root'],
		['../name', '/post/', 'climbs above the site root'],
		['relative-name', undefined, 'Add legacyUrl'],
		['https://old.example.com/post/', POST, 'is a full URL'],
		['//old.example.com/post/', POST, 'is a full URL'],
		['/post/?page=2', POST, 'holds a query'],
		['/post/#top', POST, 'holds a query'],
		['', POST, 'is empty'],
	])('%s from %s is refused: %s', (alias, legacyUrl, message) => {
		const result = resolveAlias(alias, legacyUrl);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain(message);
	});

	it.each([
		['/a/b', '/a/b/'],
		['/a/b/', '/a/b/'],
		['/a/b/index.html', '/a/b/'],
		['/a/./b//c/', '/a/b/c/'],
		['/blog/2019/images/awsmfa1.png', '/blog/2019/images/awsmfa1.png'],
		['/index.html', '/'],
		['/..', null],
	])('canonical form of %s is %s', (path, canonical) => {
		expect(canonicalOldPath(path)).toBe(canonical);
	});

	it.each([
		['/a/b/', ['/a/b', '/a/b/', '/a/b/index.html']],
		['/blog/2019/images/awsmfa1.png', ['/blog/2019/images/awsmfa1.png']],
		['/', ['/', '/index.html']],
	])('a reader may spell %s as %j', (path, variants) => {
		expect(urlVariants(path)).toEqual(variants);
	});
});

const mfaGuide: GuideRedirectSource = {
	id: 'turn-on-mfa-aws',
	file: 'src/content/guides/turn-on-mfa-aws/index.mdx',
	target: '/guides/turn-on-mfa-aws/',
	legacyUrl: POST,
	aliases: ['enable-mfa-on-aws-in-10-steps-with-pictures', '/enable-mfa-on-aws-in-10-steps-with-pictures/'],
	images: [{ from: '/blog/2019/images/awsmfa1.png', to: '/_astro/awsmfa1.abc.webp' }],
};
const pages: SitePage[] = [
	{ path: '/', file: 'src/pages/index.astro' },
	{ path: '/guides/', file: 'src/pages/guides/index.astro' },
	{ path: '/guides/turn-on-mfa-aws/', file: mfaGuide.file },
	{ path: '/guides/protect-root-user/', file: 'src/content/guides/protect-root-user/index.mdx' },
];
const legacy = { file: 'src/content/legacy-redirects.json', redirects: [{ from: '/aws_security', to: '/guides/' }] };

function problemsOf(result: ReturnType<typeof buildRedirectMap>): string[] {
	expect(result.ok).toBe(false);
	return result.ok ? [] : result.problems;
}

describe('the redirect map', () => {
	it('maps every spelling of every old URL, the old page URL included, to its page in one hop', () => {
		const result = buildRedirectMap({ guides: [mfaGuide], legacy, pages });
		expect(result.ok).toBe(true);
		const lookup = result.ok ? result.map.lookup : {};
		expect(lookup).toEqual({
			'/aws_security': '/guides/',
			'/aws_security/': '/guides/',
			'/aws_security/index.html': '/guides/',
			'/blog/2019/enable-aws-mfa': '/guides/turn-on-mfa-aws/',
			'/blog/2019/enable-aws-mfa/': '/guides/turn-on-mfa-aws/',
			'/blog/2019/enable-aws-mfa/index.html': '/guides/turn-on-mfa-aws/',
			'/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures': '/guides/turn-on-mfa-aws/',
			'/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures/': '/guides/turn-on-mfa-aws/',
			'/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures/index.html': '/guides/turn-on-mfa-aws/',
			'/blog/2019/images/awsmfa1.png': '/_astro/awsmfa1.abc.webp',
			'/enable-mfa-on-aws-in-10-steps-with-pictures': '/guides/turn-on-mfa-aws/',
			'/enable-mfa-on-aws-in-10-steps-with-pictures/': '/guides/turn-on-mfa-aws/',
			'/enable-mfa-on-aws-in-10-steps-with-pictures/index.html': '/guides/turn-on-mfa-aws/',
		});
		for (const target of Object.values(lookup)) expect(lookup[target]).toBeUndefined();
	});

	it('under a base path, serves every old URL and its target below the base', () => {
		const based = (path: string) => `/security${path}`;
		const result = buildRedirectMap({
			guides: [
				{ ...mfaGuide, target: based(mfaGuide.target), images: [{ from: '/blog/2019/images/awsmfa1.png', to: based('/_astro/a.webp') }] },
			],
			legacy,
			pages: pages.map((page) => ({ ...page, path: based(page.path) })),
			base: '/security',
		});
		expect(result.ok).toBe(true);
		const lookup = result.ok ? result.map.lookup : {};
		expect(lookup['/security/blog/2019/enable-aws-mfa/']).toBe('/security/guides/turn-on-mfa-aws/');
		expect(lookup['/security/enable-mfa-on-aws-in-10-steps-with-pictures']).toBe('/security/guides/turn-on-mfa-aws/');
		expect(lookup['/security/aws_security/index.html']).toBe('/security/guides/');
		expect(lookup['/security/blog/2019/images/awsmfa1.png']).toBe('/security/_astro/a.webp');
		expect(Object.keys(lookup).filter((from) => !from.startsWith('/security/'))).toEqual([]);
	});

	it('refuses an alias that is a real page, naming the alias file and the page file', () => {
		const guide = { ...mfaGuide, aliases: ['/guides/protect-root-user'] };
		const [problem] = problemsOf(buildRedirectMap({ guides: [guide], legacy, pages }));
		expect(problem).toContain(mfaGuide.file);
		expect(problem).toContain('src/content/guides/protect-root-user/index.mdx');
		expect(problem).toContain('real page');
	});

	it("refuses an alias another guide also claims, naming both guides' files", () => {
		const other: GuideRedirectSource = {
			id: 'protect-root-user',
			file: 'src/content/guides/protect-root-user/index.mdx',
			target: '/guides/protect-root-user/',
			aliases: ['/enable-mfa-on-aws-in-10-steps-with-pictures'],
			images: [],
		};
		const [problem] = problemsOf(buildRedirectMap({ guides: [mfaGuide, other], legacy, pages }));
		expect(problem).toContain('/enable-mfa-on-aws-in-10-steps-with-pictures/ is claimed twice');
		expect(problem).toContain(mfaGuide.file);
		expect(problem).toContain(other.file);
	});

	it('refuses a legacy-map rule that disagrees with a guide alias, naming both files', () => {
		const clash = { ...legacy, redirects: [...legacy.redirects, { from: '/blog/2019/enable-aws-mfa/index.html', to: '/guides/' }] };
		const [problem] = problemsOf(buildRedirectMap({ guides: [mfaGuide], legacy: clash, pages }));
		expect(problem).toContain(mfaGuide.file);
		expect(problem).toContain(legacy.file);
		expect(problem).toContain('different targets');
	});

	it('refuses a chain (an old URL pointing at another old URL) and a rule pointing at itself', () => {
		const chained = {
			...legacy,
			redirects: [
				{ from: '/security', to: '/aws_security/' },
				{ from: '/aws_security', to: '/guides/' },
				{ from: '/loop/', to: '/loop' },
			],
		};
		const problems = problemsOf(buildRedirectMap({ guides: [], legacy: chained, pages }));
		expect(problems).toHaveLength(2);
		expect(problems[0]).toContain('redirects to itself');
		expect(problems[1]).toContain('which is itself an old URL');
		expect(problems[1]).toContain('Point it straight at /guides/');
	});

	it('refuses a rule whose target is no page of the build, and a relative alias without legacyUrl', () => {
		const nowhere = { ...legacy, redirects: [{ from: '/old-index', to: '/guides/missing/' }] };
		const guide = { ...mfaGuide, legacyUrl: undefined, aliases: ['relative-name'], images: [] };
		const problems = problemsOf(buildRedirectMap({ guides: [guide], legacy: nowhere, pages }));
		expect(problems.some((p) => p.includes('/guides/missing/') && p.includes('no page there'))).toBe(true);
		expect(problems.some((p) => p.includes(mfaGuide.file) && p.includes('Add legacyUrl'))).toBe(true);
	});
});
