import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { readResults } from '../support/search-page';

/**
 * Every page type under its real Content-Security-Policy (Astro's `security.csp` meta tag plus
 * the server's headers), in Chromium: no violation is reported while the page loads or while
 * search, zoom, copy, progress and a live check run. The other e2e tests run under the same
 * policy, so each feature they cover also works with it on.
 */
const base = inject('baseUrl');
const PAGES = ['/', '/guides/', '/guides/turn-on-mfa-aws/', '/guides/mfa-aws-cli/', '/check/', '/search/?q=mfa', '/no-such-page/'];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let violations: string[];

beforeAll(async () => {
	browser = await launchChromium(inject('chromiumPath'));
});
afterAll(async () => browser?.close());

async function open(path: string) {
	await context?.close();
	context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
	violations = [];
	await context.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) =>
			(window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
				`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
			),
		);
	});
	page = await context.newPage();
	page.on('console', (message) => {
		if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
	});
	const response = await page.goto(base + path, { waitUntil: 'networkidle' });
	return response!;
}

describe('pages under their CSP', () => {
	it.each(PAGES)('%s carries a hash-based CSP and the security headers, and reports no violation', async (path) => {
		const response = await open(path);
		const headers = response.headers();
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toBe('same-origin');
		expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'.*object-src 'none'.*base-uri 'self'.*form-action 'self'/);
		const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
		expect(meta).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
		expect(meta).toMatch(/object-src 'none'/);
		expect(meta).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		await page.waitForTimeout(200);
		expect(violations).toEqual([]);
	});

	it('search, zoom, copy and progress work with no violation', async () => {
		await open('/guides/turn-on-mfa-aws/');
		await page.keyboard.press('/');
		await page.keyboard.type('QR code');
		const results = await readResults(page);
		expect(results.options.length).toBeGreaterThan(0);
		await page.keyboard.press('Escape');

		await page.locator('a[data-zoom]').first().click();
		await page.waitForFunction(() => (document.querySelector('[data-zoom-image]') as HTMLImageElement | null)?.naturalWidth);
		await page.keyboard.press('Escape');

		const status = page.locator('.progress-text');
		const total = Number(await page.locator('[data-progress-total]').textContent());
		await page.locator('[data-step-done="1"]').click();
		await expect.poll(() => status.textContent()).toBe(`1 of ${total} steps done`);

		expect(violations).toEqual([]);

		await open('/guides/require-mfa-policy/');
		await page.locator('.code-block:not(live-check .code-block) > .copy-code').first().click();
		await expect.poll(() => page.locator('[data-copy-status]').first().textContent()).toBe('Copied');
		expect(await page.evaluate(() => navigator.clipboard.readText())).not.toBe('');
		expect(violations).toEqual([]);
	});

	it('a live check runs against the server with no violation', async () => {
		await open('/guides/mfa-aws-cli/');
		const check = page.locator('live-check').first();
		await check.getByRole('button').first().click();
		await expect.poll(() => check.getByRole('status').textContent(), { timeout: 15_000 }).not.toBe('');
		expect(violations).toEqual([]);
	});
});
