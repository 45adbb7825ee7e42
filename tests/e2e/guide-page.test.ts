import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';

const base = inject('baseUrl');
const GUIDE = '/guides/turn-on-mfa-aws/';
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	browser = await launchChromium(inject('chromiumPath'));
});
afterAll(async () => {
	await browser?.close();
});

async function freshPage(options: Parameters<Browser['newContext']>[0] = {}) {
	await context?.close();
	context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
	page = await context.newPage();
	return page;
}

describe('a guide in the browser', () => {
	it('renders the guide with every screenshot loaded, lazy ones after scrolling', async () => {
		await freshPage();
		await page.goto(base + GUIDE);
		expect(await page.locator('h1').textContent()).toMatch(/MFA/);
		await page.evaluate(async () => {
			// Two frames per stop, as in screenshot-sizes.test.ts: a step body skipped off screen
			// (content-visibility) is laid out, and its lazy images requested, only at a rendering
			// update while it is near the viewport; a timer under load can pass one by.
			for (let y = 0; y < document.body.scrollHeight; y += 600) {
				window.scrollTo(0, y);
				await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			}
		});
		await page.waitForFunction(() => [...document.images].every((img) => img.complete));
		const images = await page.$$eval('.screenshot img', (imgs) =>
			imgs.map((img) => ({ src: (img as HTMLImageElement).currentSrc, natural: (img as HTMLImageElement).naturalWidth })),
		);
		expect(images.length).toBeGreaterThan(0);
		for (const img of images) {
			expect(img.natural, img.src).toBeGreaterThan(0);
			expect(img.src).toMatch(/\.avif$/);
		}
	});

	it('opens a screenshot full size by mouse and closes it with Esc, returning focus', async () => {
		await freshPage();
		await page.goto(base + GUIDE);
		const trigger = page.locator('a[data-zoom]').first();
		await trigger.scrollIntoViewIfNeeded();
		const scrollBefore = await page.evaluate(() => window.scrollY);
		await trigger.click();
		const dialog = page.locator('dialog[data-zoom-dialog]');
		await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
		expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
		await page.waitForFunction(() => (document.querySelector('[data-zoom-image]') as HTMLImageElement).naturalWidth > 0);
		expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
		await page.mouse.wheel(0, 800);
		expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
		await page.keyboard.press('Escape');
		await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
		expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-zoom'))).toBe(true);
	});

	it('opens a screenshot with Enter and with Space, and closes it from the keyboard', async () => {
		await freshPage();
		await page.goto(base + GUIDE);
		const dialog = page.locator('dialog[data-zoom-dialog]');
		const isOpen = () => dialog.evaluate((d) => (d as HTMLDialogElement).open);
		await page.locator('a[data-zoom]').first().focus();
		await page.keyboard.press('Enter');
		await expect.poll(isOpen).toBe(true);
		expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Close/);
		await page.keyboard.press('Enter');
		await expect.poll(isOpen).toBe(false);
		await page.keyboard.press('Space');
		await expect.poll(isOpen).toBe(true);
		await page.keyboard.press('Escape');
		await expect.poll(isOpen).toBe(false);
	});

	it('keeps progress across a reload and resets it', async () => {
		await freshPage();
		await page.goto(base + GUIDE);
		const status = page.locator('.progress-text');
		const total = Number(await page.locator('[data-progress-total]').textContent());
		expect(total).toBeGreaterThanOrEqual(3);
		await expect.poll(() => status.textContent()).toBe(`0 of ${total} steps done`);
		await page.locator('[data-step-done="1"]').click();
		await page.locator('[data-step-done="3"]').click();
		await expect.poll(() => status.textContent()).toBe(`2 of ${total} steps done`);
		await page.reload();
		await expect.poll(() => status.textContent()).toBe(`2 of ${total} steps done`);
		expect(await page.locator('[data-step-done="3"]').getAttribute('aria-pressed')).toBe('true');
		expect(await page.locator('[data-step-done="2"]').getAttribute('aria-pressed')).toBe('false');
		await page.locator('[data-progress-reset]').click();
		await expect.poll(() => status.textContent()).toBe(`0 of ${total} steps done`);
		await page.reload();
		await expect.poll(() => status.textContent()).toBe(`0 of ${total} steps done`);
	});

	it('fills in the progress counts without moving anything on the page (no layout shift)', async () => {
		await freshPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		await page.addInitScript(() => {
			const shifts: string[] = [];
			(window as unknown as { shifts: string[] }).shifts = shifts;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as unknown as { sources: { node?: Node | null }[] }[]) {
					for (const source of entry.sources) {
						const element = source.node instanceof Element ? source.node : source.node?.parentElement;
						if (element?.closest('[data-progress]')) shifts.push(element.className || element.nodeName);
					}
				}
			}).observe({ type: 'layout-shift', buffered: true });
		});
		await page.goto(base + GUIDE);
		await expect.poll(() => page.locator('[data-progress-total]').textContent()).not.toBe('0');
		await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
		expect(await page.evaluate(() => (window as unknown as { shifts: string[] }).shifts)).toEqual([]);
	});

	it('opens a linked step below the fold with its number in view, clear of the sticky progress bar', async () => {
		await freshPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		await page.goto(`${base + GUIDE}#step-6`);
		const number = page.locator('#step-6 .step-anchor');
		await expect.poll(() => number.isVisible()).toBe(true);
		const numberBox = (await number.boundingBox())!;
		const progressBox = (await page.locator('[data-progress]').boundingBox())!;
		expect(numberBox.y).toBeGreaterThanOrEqual(progressBox.y + progressBox.height);
		expect(numberBox.y + numberBox.height).toBeLessThanOrEqual(844);
		// The step is painted whole: its text is not clipped away by the off-screen rendering shortcut.
		expect(await page.locator('#step-6 .step-body p').first().isVisible()).toBe(true);
	});

	it('reads as a plain numbered list without JavaScript', async () => {
		await freshPage({ javaScriptEnabled: false });
		await page.goto(base + GUIDE);
		expect(await page.locator('ol.steps > li').count()).toBeGreaterThanOrEqual(3);
		expect(await page.locator('[data-step-done]:visible').count()).toBe(0);
		expect(await page.locator('[data-progress]:visible').count()).toBe(0);
		// The screenshot link still leads to the full-size image.
		const href = await page.locator('a[data-zoom]').first().getAttribute('href');
		expect((await page.request.get(base + href)).ok()).toBe(true);
	});

	it('follows the system theme, toggles, and remembers the choice without a flash', async () => {
		await freshPage({ colorScheme: 'dark' });
		await page.goto(base + GUIDE);
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
		const toggle = page.locator('[data-theme-toggle]');
		expect(await toggle.getAttribute('aria-pressed')).toBe('true');
		await toggle.click();
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
		expect(await toggle.getAttribute('aria-pressed')).toBe('false');
		const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		// The remembered theme is applied by the inline head script, before any module runs.
		await page.route('**/*.js', (route) => route.abort());
		await page.reload();
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
		expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
	});

	it('prints the steps and screenshots without the site chrome or controls', async () => {
		await freshPage();
		await page.goto(base + GUIDE);
		await page.emulateMedia({ media: 'print' });
		const shown = (selector: string) =>
			page
				.locator(selector)
				.first()
				.evaluate((el) => getComputedStyle(el).display !== 'none');
		expect(await shown('.site-header')).toBe(false);
		expect(await shown('.progress')).toBe(false);
		expect(await shown('.step-done')).toBe(false);
		expect(await shown('ol.steps')).toBe(true);
		expect(await shown('.screenshot img')).toBe(true);
		expect(
			await page
				.locator('.step')
				.first()
				.evaluate((el) => getComputedStyle(el).breakInside),
		).toBe('avoid-page');
	});

	it.each([
		['phone', { width: 390, height: 844 }, 3],
		['desktop', { width: 1440, height: 900 }, 1],
	])('does not shift its layout while loading on a %s', async (_, viewport, deviceScaleFactor) => {
		await freshPage({ viewport, deviceScaleFactor });
		await page.addInitScript(() => {
			(window as unknown as { shifts: number[] }).shifts = [];
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
					if (!entry.hadRecentInput) (window as unknown as { shifts: number[] }).shifts.push(entry.value);
				}
			}).observe({ type: 'layout-shift', buffered: true });
		});
		await page.goto(base + GUIDE, { waitUntil: 'load' });
		await page.waitForTimeout(500);
		const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
		expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
	});
});
