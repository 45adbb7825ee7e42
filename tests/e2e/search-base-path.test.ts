import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { buildWithContent } from '../support/content-build';
import { serveStatic } from '../../scripts/static-server.mjs';
import { readResults } from '../support/search-page';

const BASE = '/security/';

describe('search on a plain static host under a base path', () => {
	let host: Awaited<ReturnType<typeof serveStatic>>;
	let browser: Browser;

	beforeAll(async () => {
		const outDir = buildWithContent('src/content/guides', 'search-base-path', {
			STEPCHECK_BASE_PATH: BASE.replace(/\/$/, ''),
		});
		host = await serveStatic(join(outDir, 'client'), { base: BASE });
		browser = await launchChromium(inject('chromiumPath'));
	}, 600_000);
	afterAll(async () => {
		await browser?.close();
		await host?.stop();
	});

	it('loads Pagefind from the base path and links results under it', async () => {
		const page = await browser.newPage();
		const requested: string[] = [];
		page.on('request', (request) => requested.push(new URL(request.url()).pathname));
		await page.goto(`${host.url}${BASE}search/?q=${encodeURIComponent('QR code')}`);
		const { options } = await readResults(page);
		expect(options[0]?.target).toBe(`${BASE}guides/turn-on-mfa-aws/#step-6`);
		const pagefindFiles = requested.filter((path) => path.includes('/pagefind/'));
		expect(pagefindFiles.length).toBeGreaterThan(0);
		expect(pagefindFiles.every((path) => path.startsWith(`${BASE}pagefind/`))).toBe(true);

		await page.locator('#search-input').focus();
		await Promise.all([page.waitForURL(/#step-6$/), page.keyboard.press('Enter')]);
		expect(new URL(page.url()).pathname).toBe(`${BASE}guides/turn-on-mfa-aws/`);
		await page.waitForSelector('#step-6 mark.search-hit');
		await page.close();
	});
});
