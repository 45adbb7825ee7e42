import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../../scripts/static-server.mjs';
import { launchChromium } from '../support/chromium';

const baseUrl = inject('baseUrl');
const outDir = inject('outDir');
const lookup = JSON.parse(readFileSync(join(outDir, 'redirects.json'), 'utf8')) as Record<string, string>;
const hostRules = Object.fromEntries(
	readFileSync(join(outDir, 'client/_redirects'), 'utf8')
		.split('\n')
		.filter((l) => l && !l.startsWith('#'))
		.map((l) => l.split(/\s+/)),
) as Record<string, string>;
type CloudFrontHandler = (event: unknown) => Promise<{ statusCode?: number; headers?: { location?: { value: string } } }>;
const cloudFront = new Function(`${readFileSync(join(outDir, 'cloudfront-function.js'), 'utf8')}\nreturn handler;`)() as CloudFrontHandler;

describe('the Node server answers old URLs', () => {
	it('with 301 and the right Location for every spelling, keeping the query, in one hop', async () => {
		expect(Object.keys(lookup).length).toBeGreaterThanOrEqual(12);
		for (const [from, to] of Object.entries(lookup)) {
			const response = await fetch(`${baseUrl}${from}?utm_source=newsletter&x=1%202`, { redirect: 'manual' });
			expect(response.status, from).toBe(301);
			const location = response.headers.get('location');
			expect(location, from).toBe(`${to}?utm_source=newsletter&x=1%202`);
			expect(location, `${from}: _redirects sends it elsewhere`).toBe(`${hostRules[from]}?utm_source=newsletter&x=1%202`);
			const edge = await cloudFront({
				request: { method: 'GET', uri: from, headers: {}, querystring: { utm_source: { value: 'newsletter' }, x: { value: '1%202' } } },
			});
			expect(edge.statusCode, `${from}: CloudFront status`).toBe(response.status);
			expect(edge.headers?.location?.value, `${from}: the CloudFront Function sends it elsewhere`).toBe(location);
			const landed = await fetch(new URL(location!, baseUrl), { redirect: 'manual' });
			expect(landed.status, `${from} → ${location} must be the page itself, not another hop`).toBe(200);
		}
	});

	it('with 301 to HEAD and 308 to other methods', async () => {
		const head = await fetch(`${baseUrl}/aws_security`, { method: 'HEAD', redirect: 'manual' });
		expect(head.status).toBe(301);
		const edgePost = await cloudFront({
			request: { method: 'POST', uri: '/blog/2019/enable-aws-mfa/', headers: {}, querystring: { a: { value: 'b' } } },
		});
		expect(edgePost.statusCode).toBe(308);
		expect(edgePost.headers?.location?.value).toBe('/guides/turn-on-mfa-aws/?a=b');
		for (const method of ['POST', 'PUT', 'DELETE']) {
			const response = await fetch(`${baseUrl}/blog/2019/enable-aws-mfa/?a=b`, { method, redirect: 'manual' });
			expect(response.status, method).toBe(308);
			expect(response.headers.get('location')).toBe('/guides/turn-on-mfa-aws/?a=b');
		}
	});

	it('and leaves real pages alone', async () => {
		const page = await fetch(`${baseUrl}/guides/turn-on-mfa-aws/`, { redirect: 'manual' });
		expect(page.status).toBe(200);
	});
});

describe('old URLs in Chromium', () => {
	let browser: Browser;
	// A plain static host with no redirect rules at all: only the stub pages can help.
	let staticHost: Awaited<ReturnType<typeof serveStatic>>;
	beforeAll(async () => {
		browser = await launchChromium(inject('chromiumPath'));
		staticHost = await serveStatic(join(outDir, 'client'));
	});
	afterAll(async () => {
		await browser?.close();
		await staticHost?.stop();
	});

	it('the stub pages on a plain static host land on the guide keeping query and fragment', async () => {
		const page = await browser.newPage();
		for (const from of [
			'/blog/2019/enable-aws-mfa/',
			'/blog/2019/enable-mfa-on-aws-in-10-steps-with-pictures',
			'/enable-mfa-on-aws-in-10-steps-with-pictures/index.html',
		]) {
			await page.goto(`${staticHost.url}${from}?ref=bookmark#step-3`);
			await page.waitForURL(/\/guides\/turn-on-mfa-aws\//);
			expect(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash).toBe(
				'/guides/turn-on-mfa-aws/?ref=bookmark#step-3',
			);
			expect(await page.title()).toContain('Turn on MFA');
		}
		await page.close();
	});

	it('a stub page still moves on without JavaScript, through the refresh', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${staticHost.url}/aws_security/`);
		await page.waitForURL(/\/guides\/$/);
		expect(new URL(page.url()).pathname).toBe('/guides/');
		await context.close();
	});

	it('the Node server redirect keeps the fragment in the browser', async () => {
		const page = await browser.newPage();
		await page.goto(`${baseUrl}/enable-mfa-on-aws-in-10-steps-with-pictures?ref=x#step-3`);
		expect(new URL(page.url()).pathname).toBe('/guides/turn-on-mfa-aws/');
		expect(new URL(page.url()).hash).toBe('#step-3');
		await page.close();
	});
});
