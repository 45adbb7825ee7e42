import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { loadPages } from '../support/built-site';
import { checkResult } from '../support/checkup-results';

/**
 * Every built page on a phone, as most readers read a guide: nothing scrolls sideways, no
 * Copy control sits on the code it copies, the sticky progress control stays small; and the
 * search dialog, the full-size view and the checkup with a result fit the screen too.
 */

const base = inject('baseUrl');
const paths = loadPages(join(inject('outDir'), 'client'))
	.filter((p) => !/http-equiv="refresh"/i.test(p.html) && !p.path.startsWith('/pagefind/'))
	.map((p) => p.path);
const PHONES = [
	{ width: 360, height: 740 },
	{ width: 390, height: 844 },
];
/**
 * Steps below the fold are not laid out until the reader nears them (content-visibility),
 * so the test lays them all out to measure them.
 */
const LAY_OUT_EVERY_STEP = '.step-body { content-visibility: visible !important; }';
/** The most the sticky progress control may take of a short screen. */
const PROGRESS_BUDGET_PX = 56;

/**
 * What breaks the layout on this page: sideways scrolling, content cut off at the screen's
 * edge (a step's body clips what overflows it, so that shows in no scrollWidth), Copy over
 * code, a tall progress control.
 */
function layoutProblems(budget: number): string[] {
	const problems: string[] = [];
	const root = document.documentElement;
	if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth - root.clientWidth} px wider than the screen`);
	const scrollsSideways = (element: Element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
	const pastTheEdge = (element: Element) => element.getBoundingClientRect().right > root.clientWidth + 0.5;
	for (const element of document.body.querySelectorAll('*')) {
		const box = element.getBoundingClientRect();
		if (box.width === 0 || box.height === 0 || !pastTheEdge(element)) continue;
		// A box that scrolls sideways on purpose (a code block, a wide table) may hold wider content.
		let inside = element.parentElement;
		while (inside && inside !== document.body && !scrollsSideways(inside)) inside = inside.parentElement;
		if (inside && inside !== document.body) continue;
		// Name the outermost element that sticks out, not each of its children.
		if (element.parentElement && element.parentElement !== document.body && pastTheEdge(element.parentElement)) continue;
		const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
		problems.push(
			`${name} “${(element.textContent ?? '').trim().slice(0, 40)}” ends ${Math.round(box.right - root.clientWidth)} px past the screen`,
		);
	}
	for (const button of document.querySelectorAll<HTMLElement>('.copy-code')) {
		const block = button.closest('.code-block');
		const code = block?.querySelector('pre code') ?? block?.querySelector('pre');
		if (!code || !button.offsetParent) continue;
		const range = document.createRange();
		range.selectNodeContents(code);
		const b = button.getBoundingClientRect();
		const hit = [...range.getClientRects()].some(
			(r) => r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top,
		);
		if (hit) problems.push(`a Copy control covers the code “${(code.textContent ?? '').slice(0, 40)}”`);
	}
	const progress = document.querySelector<HTMLElement>('[data-progress]');
	if (progress?.offsetParent) {
		const height = progress.getBoundingClientRect().height;
		if (height > budget) problems.push(`the progress control is ${Math.round(height)} px tall (budget ${budget} px)`);
	}
	return problems;
}

let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium(inject('chromiumPath'));
});
afterAll(async () => {
	await browser?.close();
});

describe.each(PHONES)('on a $width×$height phone', (viewport) => {
	let context: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		// bypassCSP lets the tests add their style rules under the site's Content Security Policy.
		context = await browser.newContext({ viewport, deviceScaleFactor: 3, isMobile: true, hasTouch: true, bypassCSP: true });
		page = await context.newPage();
	});
	afterAll(async () => {
		await context?.close();
	});

	it.each(paths)('%s fits the screen', async (path) => {
		await page.goto(base + path);
		// The Copy controls and progress counts are added by the page's scripts.
		await page.waitForLoadState('load');
		await page.addStyleTag({ content: LAY_OUT_EVERY_STEP });
		expect(await page.evaluate(layoutProblems, PROGRESS_BUDGET_PX)).toEqual([]);
	});

	it.each(paths)('%s fits the screen at twice the text size (nothing cut off or scrolling sideways, no Copy over code)', async (path) => {
		await page.goto(base + path);
		await page.waitForLoadState('load');
		await page.addStyleTag({ content: `html { font-size: 200% !important; } ${LAY_OUT_EVERY_STEP}` });
		// What a reader can unfold (a live check's other ways to run, the manual fallback) must fit too.
		await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
		// At twice the text size the progress control may take two lines; its budget is for 100%.
		expect(await page.evaluate(layoutProblems, Infinity)).toEqual([]);
	});

	it('folds the search filters into one control and keeps the dialog on the screen', async () => {
		await page.goto(`${base}/search/?q=mfa`);
		await page.waitForFunction(() => /places? in \d+ guides?/.test(document.querySelector('[data-search-status]')?.textContent ?? ''));
		const fits = await page.evaluate(() => {
			const dialog = document.querySelector<HTMLElement>('[data-search-dialog]')!;
			const box = dialog.getBoundingClientRect();
			return {
				page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
				dialog: dialog.scrollWidth <= dialog.clientWidth && box.left >= 0 && box.right <= window.innerWidth,
				chipsShown: [...document.querySelectorAll<HTMLElement>('[data-search-tags] button')].filter((b) => b.checkVisibility()).length,
				filterControls: document.querySelectorAll('[data-search-filters] summary').length,
			};
		});
		expect(fits).toEqual({ page: true, dialog: true, chipsShown: 0, filterControls: 1 });
	});

	it('opens the full-size view at the image’s natural pixel size, to pan around', async () => {
		await page.goto(`${base}/guides/turn-on-mfa-aws/`);
		await page.locator('a[data-zoom]').first().click();
		// The script sizes the image once it has loaded.
		await page.waitForFunction(() => (document.querySelector('[data-zoom-image]') as HTMLImageElement).hasAttribute('width'));
		const view = await page.evaluate(() => {
			const image = document.querySelector<HTMLImageElement>('[data-zoom-image]')!;
			const frame = document.querySelector<HTMLElement>('[data-zoom-frame]')!;
			return {
				pixels: Math.round(image.getBoundingClientRect().width * devicePixelRatio) / image.naturalWidth,
				pans: frame.scrollWidth > frame.clientWidth,
				focusable: frame.tabIndex === 0,
				pressed: document.querySelector('[data-zoom-size]')!.getAttribute('aria-pressed'),
				page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
			};
		});
		expect(view.pixels).toBeCloseTo(1, 1);
		expect(view).toMatchObject({ pans: true, focusable: true, pressed: 'true', page: true });
		// "Fit to screen" shows the whole image again.
		await page.locator('[data-zoom-size]').click();
		const fitted = await page.evaluate(() => {
			const frame = document.querySelector<HTMLElement>('[data-zoom-frame]')!;
			return frame.scrollWidth <= frame.clientWidth;
		});
		expect(fitted).toBe(true);
		await page.keyboard.press('Escape');
	});

	it('shows the checkup with a result as cards that fit the screen', async () => {
		// The checkup's layout is under test here, not AWS: every check answers with a long finding.
		await page.route('**/api/checks/*', async (route) => {
			const id = new URL(route.request().url()).pathname.split('/').pop()!;
			const body = checkResult(id, 'fail', {
				summary: 'arn:aws:iam::123456789012:user/a-very-long-user-name-for-a-narrow-screen has no MFA device and a console password.',
			});
			await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
		});
		await page.goto(`${base}/check/`);
		await page.locator('.checkup [data-run]').click();
		await page.waitForSelector('.checkup[data-state="done"] [data-rows] tr');
		const fits = await page.evaluate(() => {
			const rows = [...document.querySelectorAll<HTMLElement>('[data-rows] tr')];
			return {
				rows: rows.length > 0,
				page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
				inside: rows.every((row) => row.getBoundingClientRect().right <= window.innerWidth),
				cards: rows.every((row) => getComputedStyle(row).display === 'block'),
			};
		});
		await page.unroute('**/api/checks/*');
		expect(fits).toEqual({ rows: true, page: true, inside: true, cards: true });
	});
});
