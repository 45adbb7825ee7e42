import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const outDir = inject('outDir');
const client = join(outDir, 'client');
const lookup = JSON.parse(readFileSync(join(outDir, 'redirects.json'), 'utf8')) as Record<string, string>;

type CloudFrontHandler = (event: unknown) => Promise<{ statusCode?: number; headers?: { location?: { value: string } }; uri?: string }>;

/** The MFA guide's old URLs from its plan, plus the site-level legacy map. */
const EXPECTED_OLD_PAGES: Record<string, string> = {
	'/blog/2019/enable-aws-mfa/': '/guides/turn-on-mfa-aws/',
	'/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures/': '/guides/turn-on-mfa-aws/',
	'/enable-mfa-on-aws-in-10-steps-with-pictures/': '/guides/turn-on-mfa-aws/',
	'/aws_security/': '/guides/',
};

describe('redirect outputs of the build', () => {
	it.each(Object.entries(EXPECTED_OLD_PAGES))('%s and its other spellings go to %s', (from, to) => {
		for (const spelling of [from, from.slice(0, -1), `${from}index.html`]) expect(lookup[spelling], spelling).toBe(to);
	});

	it('every old page has a stub with canonical link, immediate refresh, visible link and the script that keeps query and fragment', () => {
		for (const [from, to] of Object.entries(lookup)) {
			if (!from.endsWith('/')) continue;
			const html = readFileSync(join(client, from, 'index.html'), 'utf8');
			expect(html).toContain(`<link rel="canonical" href="https://stepcheck.dev${to}">`);
			expect(html).toContain(`<meta http-equiv="refresh" content="0; url=${to}">`);
			expect(html).toContain(`<a href="${to}">`);
			expect(html).toContain('location.search + location.hash');
			expect(html).toContain('<meta name="robots" content="noindex">');
			// Shared old links still preview as the page they lead to.
			const target = readFileSync(join(client, to, 'index.html'), 'utf8');
			const ogTitle = /<meta property="og:title"[^>]*>/.exec(target)?.[0];
			expect(ogTitle, `${to} has an og:title`).toBeDefined();
			expect(html).toContain(ogTitle);
		}
	});

	it('_redirects holds exactly the server map, as 301s', () => {
		const lines = readFileSync(join(client, '_redirects'), 'utf8')
			.split('\n')
			.filter((l) => l && !l.startsWith('#'));
		const rules = Object.fromEntries(
			lines.map((line) => {
				const [from, to, status] = line.split(/\s+/);
				expect(status).toBe('301');
				return [from, to];
			}),
		);
		expect(rules).toEqual(lookup);
	});

	it('the built CloudFront Function, run on every spelling with a query string, agrees with the server map', async () => {
		const source = readFileSync(join(outDir, 'cloudfront-function.js'), 'utf8');
		const handler = new Function(`${source}\nreturn handler;`)() as CloudFrontHandler;
		for (const [from, to] of Object.entries(lookup)) {
			const response = await handler({ request: { method: 'GET', uri: from, querystring: { ref: { value: 'old-blog' } }, headers: {} } });
			expect(response.statusCode, from).toBe(301);
			expect(response.headers?.location?.value, from).toBe(`${to}?ref=old-blog`);
		}
		const page = await handler({ request: { method: 'GET', uri: '/guides/turn-on-mfa-aws/', querystring: {}, headers: {} } });
		expect(page.uri).toBe('/guides/turn-on-mfa-aws/');
	});

	it('the sitemap lists no old URL and the internal declarations file is not published', () => {
		const sitemap = readFileSync(join(client, 'sitemap-0.xml'), 'utf8');
		expect(sitemap).toContain('/guides/turn-on-mfa-aws/');
		for (const from of Object.keys(lookup)) expect(sitemap).not.toContain(`https://stepcheck.dev${from}<`);
		expect(sitemap).not.toContain('legacy-redirect-sources');
		expect(existsSync(join(client, 'legacy-redirect-sources.json'))).toBe(false);
	});
});
