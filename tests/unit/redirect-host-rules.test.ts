import { describe, expect, it } from 'vitest';
import { buildRedirectMap } from '../../src/lib/redirects/redirect-map';
import {
	CLOUDFLARE_STATIC_REDIRECTS_MAX,
	cloudflareLimitWarning,
	CLOUDFRONT_FUNCTION_MAX_BYTES,
	cloudFrontFunction,
	cloudFrontSizeProblem,
	netlifyRedirects,
	nginxRedirects,
	sharingTagsOf,
	stubFilePath,
	stubPage,
} from '../../src/lib/redirects/host-rules';

const built = buildRedirectMap({
	guides: [
		{
			id: 'g',
			file: 'g/index.mdx',
			target: '/guides/g/',
			legacyUrl: '/blog/2019/old/',
			aliases: ['other'],
			images: [{ from: '/blog/2019/images/a.png', to: '/_astro/a.1.webp' }],
		},
	],
	legacy: { file: 'legacy.json', redirects: [{ from: '/aws_security', to: '/guides/' }] },
	pages: [
		{ path: '/guides/', file: 'index.astro' },
		{ path: '/guides/g/', file: 'g/index.mdx' },
	],
});
if (!built.ok) throw new Error(built.problems.join('\n'));
const map = built.map;

type CloudFrontHandler = (event: unknown) => Promise<{ statusCode?: number; headers?: { location?: { value: string } }; uri?: string }>;
const handler = new Function(`${cloudFrontFunction(map)}\nreturn handler;`)() as CloudFrontHandler;

function viewerRequest(uri: string, method = 'GET', querystring: Record<string, unknown> = {}) {
	return { version: '1.0', context: { eventType: 'viewer-request' }, request: { method, uri, querystring, headers: {}, cookies: {} } };
}

describe('host rules generated from the redirect map', () => {
	it('the CloudFront Function answers every spelling as the map does, with 301 and the query kept', async () => {
		for (const [from, to] of Object.entries(map.lookup)) {
			const response = await handler(
				viewerRequest(from, 'GET', { utm_source: { value: 'x' }, tag: { value: 'a', multiValue: [{ value: 'a' }, { value: 'b' }] } }),
			);
			expect(response.statusCode, from).toBe(301);
			expect(response.headers?.location?.value).toBe(`${to}?utm_source=x&tag=a&tag=b`);
		}
	});

	it('the CloudFront Function uses 308 for other methods and passes unknown paths through untouched', async () => {
		const post = await handler(viewerRequest('/aws_security', 'POST'));
		expect(post.statusCode).toBe(308);
		expect(post.headers?.location?.value).toBe('/guides/');
		const passed = await handler(viewerRequest('/guides/g/'));
		expect(passed.statusCode).toBeUndefined();
		expect(passed.uri).toBe('/guides/g/');
		expect((await handler(viewerRequest('/toString'))).uri).toBe('/toString');
	});

	it('_redirects has one 301 line per spelling, matching the map', () => {
		const lines = netlifyRedirects(map)
			.split('\n')
			.filter((l) => l && !l.startsWith('#'));
		const parsed = Object.fromEntries(lines.map((l) => l.split(' ')).map(([from, to, code]) => [from, `${to} ${code}`]));
		expect(parsed).toEqual(Object.fromEntries(Object.entries(map.lookup).map(([f, t]) => [f, `${t} 301`])));
	});

	it('a stub page refreshes at once, names the canonical URL, links visibly and keeps query and fragment', () => {
		const html = stubPage({ to: '/guides/g/' }, 'https://stepcheck.dev');
		expect(html).toContain('<link rel="canonical" href="https://stepcheck.dev/guides/g/">');
		expect(html).toContain('<meta http-equiv="refresh" content="0; url=/guides/g/">');
		expect(html).toContain('<a href="/guides/g/">');
		expect(html).toContain('location.replace("/guides/g/" + location.search + location.hash)');
	});

	it("a stub page carries the target's title and sharing tags, but keeps its own canonical link and noindex", () => {
		const target = [
			'<html><head><title>Turn on MFA</title>',
			'<meta name="description" content="Add a second factor.">',
			'<meta name="robots" content="index">',
			'<link rel="canonical" href="https://stepcheck.dev/guides/g/">',
			'<meta property="og:title" content="Turn on MFA"><meta property="og:image" content="https://stepcheck.dev/og.png">',
			'<meta name="twitter:card" content="summary_large_image">',
			'</head><body><meta property="og:title" content="not in head"></body></html>',
		].join('');
		const tags = sharingTagsOf(target);
		expect(tags).toEqual([
			'<title>Turn on MFA</title>',
			'<meta name="description" content="Add a second factor.">',
			'<meta property="og:title" content="Turn on MFA">',
			'<meta property="og:image" content="https://stepcheck.dev/og.png">',
			'<meta name="twitter:card" content="summary_large_image">',
		]);
		const html = stubPage({ to: '/guides/g/' }, 'https://stepcheck.dev', tags);
		expect(html).toContain('<title>Turn on MFA</title>');
		expect(html).not.toContain('This page has moved</title>');
		expect(html).toContain('<meta name="robots" content="noindex">');
		expect(html.match(/rel="canonical"/g)).toHaveLength(1);
	});

	it.each([
		['/blog/2019/old/', 'blog/2019/old/index.html'],
		['/old/page.html', 'old/page.html'],
		['/blog/2019/images/a.png', null],
	])('the stub for %s is written at %s', (from, file) => {
		expect(stubFilePath({ from })).toBe(file);
	});
});

it.each([
	['/security/blog/2019/old/', 'blog/2019/old/index.html'],
	['/security/old/page.html', 'old/page.html'],
	['/elsewhere/old/', null],
])('under base /security, the stub for %s is written at %s in the output served at the base', (from, file) => {
	expect(stubFilePath({ from }, '/security')).toBe(file);
});

describe('the CloudFront Function stays within CloudFront limits', () => {
	it('holds each old path once, in its canonical form under its folder, and each target once, well under 10 KB', () => {
		const source = cloudFrontFunction(map);
		expect(source.match(/"aws_security\/"/g)).toHaveLength(1);
		expect(source.match(/"\/guides\/g\/"/g)).toHaveLength(1);
		expect(source).not.toContain('index.html":');
		expect(Buffer.byteLength(source)).toBeLessThan(CLOUDFRONT_FUNCTION_MAX_BYTES);
	});
});

describe('the nginx include', () => {
	it('has an exact-match location per spelling: 301 for GET and HEAD, 308 otherwise, the query kept, the Location a path', () => {
		const conf = nginxRedirects(map);
		const locations = conf.split('\n').filter((line) => line.startsWith('location'));
		expect(locations).toHaveLength(Object.keys(map.lookup).length);
		expect(locations).toContain(
			'location = "/blog/2019/old" { absolute_redirect off; if ($request_method !~ ^(GET|HEAD)$) { return 308 "/guides/g/$is_args$args"; } return 301 "/guides/g/$is_args$args"; }',
		);
	});

	it('refuses an old path nginx could not carry, naming the file and the fix', () => {
		const odd = buildRedirectMap({
			guides: [],
			legacy: { file: 'legacy.json', redirects: [{ from: '/price$list/', to: '/guides/' }] },
			pages: [{ path: '/guides/', file: 'index.astro' }],
		});
		if (!odd.ok) throw new Error(odd.problems.join('\n'));
		expect(() => nginxRedirects(odd.map)).toThrow(/legacy\.json: "\/price\$list" holds a character the nginx rules cannot carry.*%24/);
	});
});

describe('the CloudFront size limit', () => {
	it('says nothing for a function within 10 KB, and names size, limit and the fix beyond it', () => {
		expect(cloudFrontSizeProblem('x'.repeat(CLOUDFRONT_FUNCTION_MAX_BYTES), 3)).toBeNull();
		expect(cloudFrontSizeProblem('x'.repeat(CLOUDFRONT_FUNCTION_MAX_BYTES + 1), 3)).toMatch(
			/^The CloudFront Function for the 3 old URLs is 10,241 bytes; CloudFront accepts at most 10,240, so it could not be deployed\. Retire old aliases/,
		);
	});
});

describe('under a base path, every host output answers the old URLs at the root of the domain too', () => {
	const underBase = buildRedirectMap({
		guides: [
			{
				id: 'g',
				file: 'g/index.mdx',
				target: '/security/guides/g/',
				legacyUrl: '/blog/2019/old/',
				aliases: ['other'],
				images: [{ from: '/blog/2019/images/a.png', to: '/security/_astro/a.1.webp' }],
			},
		],
		legacy: { file: 'legacy.json', redirects: [{ from: '/aws_security', to: '/guides/' }] },
		pages: [
			{ path: '/security/guides/', file: 'index.astro' },
			{ path: '/security/guides/g/', file: 'g/index.mdx' },
		],
		base: '/security',
	});
	if (!underBase.ok) throw new Error(underBase.problems.join('\n'));
	const based = underBase.map;
	// What the Node server answers (answerOutsideBase): each spelling below the base, the same path at the root, and / to the base.
	const expected: Record<string, string> = { '/': '/security/' };
	for (const [from, to] of Object.entries(based.lookup)) {
		expected[from] = to;
		expected[from.slice('/security'.length)] = to;
	}

	it('holds the root spellings the map implies', () => {
		expect(expected['/blog/2019/old']).toBe('/security/guides/g/');
		expect(expected['/blog/2019/images/a.png']).toBe('/security/_astro/a.1.webp');
		expect(expected['/aws_security/index.html']).toBe('/security/guides/');
		expect(Object.keys(expected)).toHaveLength(Object.keys(based.lookup).length * 2 + 1);
	});

	it('_redirects has a 301 line for every spelling below the base and at the root, and / to the base', () => {
		const lines = netlifyRedirects(based)
			.split('\n')
			.filter((l) => l && !l.startsWith('#'));
		expect(lines).toHaveLength(Object.keys(expected).length);
		expect(Object.fromEntries(lines.map((l) => l.split(' ')).map(([from, to, code]) => [from, `${to} ${code}`]))).toEqual(
			Object.fromEntries(Object.entries(expected).map(([f, t]) => [f, `${t} 301`])),
		);
	});

	it('nginx has an exact-match location for every spelling below the base and at the root, and / to the base', () => {
		const locations = nginxRedirects(based)
			.split('\n')
			.filter((line) => line.startsWith('location'));
		const parsed = Object.fromEntries(
			locations.map((l) => /^location = "([^"]+)" .* return 301 "([^"$]+)\$is_args\$args"; }$/.exec(l)!.slice(1, 3)),
		);
		expect(parsed).toEqual(expected);
	});

	it('the CloudFront Function answers every spelling below the base and at the root, / with the base, and passes pages through', async () => {
		const based301 = new Function(`${cloudFrontFunction(based)}\nreturn handler;`)() as CloudFrontHandler;
		for (const [from, to] of Object.entries(expected)) {
			const response = await based301(viewerRequest(from, 'GET', { utm_source: { value: 'x' } }));
			expect(response.statusCode, from).toBe(301);
			expect(response.headers?.location?.value, from).toBe(`${to}?utm_source=x`);
		}
		for (const page of ['/security/guides/g/', '/security/', '/guides/g/', '/security/toString', '/toString/']) {
			const passed = await based301(viewerRequest(page));
			expect(passed.statusCode, page).toBeUndefined();
			expect(passed.uri).toBe(page);
		}
	});
});

describe('the CloudFront Function with a large table of old URLs', () => {
	// 300 old URLs as an old blog has them: 100 posts over six years, each with its page and two aliases.
	const guides = Array.from({ length: 100 }, (_, n) => ({
		id: `guide-${n}`,
		file: `guide-${n}/index.mdx`,
		target: `/guides/review-aws-setting-${n}/`,
		legacyUrl: `/blog/${2015 + (n % 6)}/review-aws-setting-${n}/`,
		aliases: [`/post-${n}/`, `aws-setting-${n}`],
		images: [] as { from: string; to: string }[],
	}));
	const at = (base: string, posts: number) => {
		const result = buildRedirectMap({
			guides: guides.slice(0, posts).map((g) => ({
				...g,
				target: `${base}${g.target.slice(1)}`,
				images: g.images.map((i) => ({ ...i, to: `${base}${i.to.slice(1)}` })),
			})),
			legacy: { file: 'legacy.json', redirects: [] },
			pages: guides.slice(0, posts).map((g) => ({ path: `${base}${g.target.slice(1)}`, file: g.file })),
			base,
		});
		if (!result.ok) throw new Error(result.problems.join('\n'));
		return result.map;
	};

	it('holds at least 250 old URLs within 10 KB, and as many under a base path, which adds its length once', () => {
		// The most old URLs of this shape that fit, found by adding one post (three URLs) at a time.
		const capacity = (base: string) => {
			let posts = 0;
			while (posts < guides.length && Buffer.byteLength(cloudFrontFunction(at(base, posts + 1))) <= CLOUDFRONT_FUNCTION_MAX_BYTES) posts++;
			return at(base, posts).rules.length;
		};
		const atRoot = capacity('/');
		const underBase = capacity('/security/');
		console.log(`The CloudFront Function holds ${atRoot} old URLs at the root and ${underBase} under /security/.`);
		expect(atRoot).toBeGreaterThanOrEqual(250);
		expect(atRoot).toBeLessThan(guides.length * 3);
		expect(underBase).toBe(atRoot);
		const full = at('/', 100);
		expect(full.rules).toHaveLength(300);
		const rootBytes = Buffer.byteLength(cloudFrontFunction(full));
		const baseBytes = Buffer.byteLength(cloudFrontFunction(at('/security/', 100)));
		expect(baseBytes - rootBytes).toBeLessThanOrEqual('/security/'.length);
		// Past the limit the build refuses with the size (tests/build/hosts.test.ts), rather than deploying a function CloudFront rejects.
		expect(cloudFrontSizeProblem(cloudFrontFunction(full), full.rules.length)).toMatch(/300 old URLs is [\d,]+ bytes/);
	});
});

describe("Cloudflare Pages' limit on _redirects", () => {
	const rules = (count: number) => `# comment\n${Array.from({ length: count }, (_, n) => `/old-${n} /guides/g/ 301`).join('\n')}\n`;

	it('says nothing up to 2,000 rules, and warns with the count, the limit and what to do beyond', () => {
		expect(cloudflareLimitWarning(rules(CLOUDFLARE_STATIC_REDIRECTS_MAX))).toBeNull();
		expect(cloudflareLimitWarning(rules(CLOUDFLARE_STATIC_REDIRECTS_MAX + 1))).toMatch(
			/^_redirects holds 2,001 rules; Cloudflare Pages applies at most 2,000 static redirects, .*Retire old aliases/,
		);
	});
});
