import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { axeViolations } from '../support/axe';
import { loadPages } from '../support/built-site';

const base = inject('baseUrl');
// Every page of the build, except redirect stubs (they leave at once) and Pagefind's own files.
const paths = loadPages(join(inject('outDir'), 'client'))
	.filter((p) => !/http-equiv="refresh"/i.test(p.html) && !p.path.startsWith('/pagefind/'))
	.map((p) => p.path);
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium(inject('chromiumPath'));
});
afterAll(async () => {
	await browser?.close();
});

describe.each(['light', 'dark'] as const)('WCAG 2.2 A/AA in the %s theme', (theme) => {
	it.each(paths)('%s has no axe violation', async (path) => {
		const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1280, height: 900 } });
		const page = await context.newPage();
		await page.goto(base + path);
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});
});
