import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCloudFrontResponseFunction } from '../support/cloudfront';
import { startNginx, startPagesDev, type RunningHost } from '../support/hosts';
import { startSiteServer } from '../support/server';

/**
 * The security headers on every host engine the site can be served by, from the build's own
 * outputs: the Node server, nginx with nginx-redirects.conf, Cloudflare Pages' local runtime
 * with _headers, and the CloudFront viewer-response function. And no host turns a path with
 * backslashes or doubled slashes into a Location another site could be read from.
 */
const EXPECTED = {
	'content-security-policy': /frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'/,
	'x-frame-options': /^DENY$/,
	'x-content-type-options': /^nosniff$/,
	'referrer-policy': /^same-origin$/,
};
const HSTS = /^max-age=63072000; includeSubDomains$/;
const SNEAKY_PATHS = [
	'/\\evil.example/..',
	'/\\\\evil.example/',
	'//evil.example/..',
	'/%5Cevil.example/..',
	'/guides//..//\\evil.example',
];

describe.each([
	['the Node server', (outDir: string) => startSiteServer(outDir), false],
	['nginx with nginx-redirects.conf', (outDir: string) => startNginx(outDir), true],
	["Cloudflare Pages' local runtime (wrangler pages dev) with _headers", (outDir: string) => startPagesDev(join(outDir, 'client')), true],
])('%s', (_, start, https) => {
	let host: RunningHost;
	beforeAll(async () => {
		host = await start(inject('outDir'));
	}, 90_000);
	afterAll(async () => host?.stop());

	it('sends the security headers with pages, files, the 404 page and redirects', async () => {
		for (const path of ['/', '/guides/turn-on-mfa-aws/', '/favicon.svg', '/no-such-page/', '/blog/2019/enable-aws-mfa/']) {
			const response = await fetch(`${host.url}${path}`, { redirect: 'manual' });
			for (const [name, value] of Object.entries(EXPECTED)) expect(response.headers.get(name), `${name} on ${path}`).toMatch(value);
			if (https) expect(response.headers.get('strict-transport-security'), path).toMatch(HSTS);
		}
	});

	it.each(SNEAKY_PATHS)('never answers %j with a Location to another host', async (path) => {
		const response = await fetch(`${host.url}${path}`, { redirect: 'manual' });
		const location = response.headers.get('location');
		if (location !== null) {
			expect(location).not.toMatch(/^(?:[/\\]{2}|\/\\|\\)/);
			expect(new URL(location, host.url).origin).toBe(host.url);
		}
		expect(response.status).toBeLessThan(500);
	});
});

describe('the CloudFront viewer-response function', () => {
	it('adds the security headers and HSTS to every answer, keeping the origin headers', async () => {
		const handler = loadCloudFrontResponseFunction(readFileSync(join(inject('outDir'), 'cloudfront-headers-function.js'), 'utf8'));
		const result = await handler('/guides/', { statusCode: 200, headers: { 'content-type': { value: 'text/html' } } });
		for (const [name, value] of Object.entries(EXPECTED)) expect(result.headers[name]?.value, name).toMatch(value);
		expect(result.headers['strict-transport-security']?.value).toMatch(HSTS);
		expect(result.headers['content-type']?.value).toBe('text/html');
	});
});
