import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { axeViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { ROOT } from '../support/paths';

/**
 * The copy button on code blocks, in a real Chromium against the real server: it must be
 * reachable with Tab, copy exactly what the guide's author wrote (checked against the
 * MDX source, not against the page), and say "Copied" through the live region.
 */

const GUIDE = 'require-mfa-policy';

/** The code blocks as written in the guide's source, in page order. */
function sourceCodeBlocks(id: string): string[] {
	const tree = parseMdx(readFileSync(join(ROOT, 'src/content/guides', id, 'index.mdx'), 'utf8'));
	const blocks: string[] = [];
	const visit = (node: { type: string; value?: string; children?: unknown[] }) => {
		if (node.type === 'code') blocks.push(node.value ?? '');
		for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
	};
	visit(tree as unknown as Parameters<typeof visit>[0]);
	return blocks;
}

describe('copy button on guide code blocks', () => {
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	const baseUrl = inject('baseUrl');
	const expected = sourceCodeBlocks(GUIDE);

	beforeAll(async () => {
		browser = await launchChromium(inject('chromiumPath'));
		context = await browser.newContext();
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
		page = await context.newPage();
		await page.goto(`${baseUrl}/guides/${GUIDE}/`);
		await page.waitForSelector('.code-block .copy-code');
	});

	afterAll(async () => {
		await browser?.close();
	});

	const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
	const status = () => page.locator('[data-copy-status]').textContent();

	// The guide's own blocks; a live check's manual commands get copy buttons too, counted apart.
	const guideButtons = () => page.locator('.code-block:not(live-check .code-block) > .copy-code');

	it('adds one button per code block', async () => {
		expect(expected.length).toBeGreaterThanOrEqual(2);
		expect(await page.locator('.prose pre:not(live-check pre)').count()).toBe(expected.length);
		expect(await guideButtons().count()).toBe(expected.length);
		expect(await page.locator('live-check .code-block > .copy-code').count()).toBe(await page.locator('live-check pre').count());
	});

	it('reaches the button with Tab from its code block and copies the exact source text with Enter', async () => {
		await page.evaluate(() => navigator.clipboard.writeText('something else'));
		await page.locator('.prose pre').first().focus();
		await page.keyboard.press('Tab');
		// Found by its accessible name, so this also checks what a screen reader announces.
		const first = page.getByRole('button', { name: 'Copy code block 1', exact: true });
		expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);

		await page.keyboard.press('Enter');
		await expect.poll(clipboard).toBe(expected[0]);
		await expect.poll(status).toBe('Copied');
		expect(await page.locator('.copy-code').first().textContent()).toBe('Copied code block 1');
	});

	it('copies every block exactly, including a shell block with quotes and line continuations, with Space', async () => {
		for (let index = 1; index < expected.length; index++) {
			await page.evaluate(() => navigator.clipboard.writeText(''));
			const button = guideButtons().nth(index);
			await button.focus();
			await page.keyboard.press('Space');
			await expect.poll(clipboard, { message: `code block ${index + 1}` }).toBe(expected[index]);
		}
		expect(expected.some((code) => code.includes('\\\n') && code.includes("'"))).toBe(true);
	});

	it('announces again when the same button is used twice', async () => {
		const button = page.locator('.copy-code').first();
		// An earlier test's "Copied" must not pass for this click's: the clipboard answers asynchronously.
		await page.evaluate(() => (document.querySelector('[data-copy-status]')!.textContent = ''));
		await button.click();
		await expect.poll(status).toBe('Copied');
		await page.evaluate(() => {
			const region = document.querySelector('[data-copy-status]')!;
			(window as unknown as { announcements: string[] }).announcements = [];
			new MutationObserver(() => (window as unknown as { announcements: string[] }).announcements.push(region.textContent ?? '')).observe(
				region,
				{
					childList: true,
					characterData: true,
					subtree: true,
				},
			);
		});
		await button.click();
		await expect.poll(() => page.evaluate(() => (window as unknown as { announcements: string[] }).announcements)).toEqual(['', 'Copied']);
	});

	it('uses a polite status region that assistive technology reads out', async () => {
		const region = page.locator('[data-copy-status]');
		expect(await region.getAttribute('role')).toBe('status');
		expect(await region.getAttribute('aria-live')).toBe('polite');
	});

	it('says so, and tells how to copy by hand, when the clipboard refuses', async () => {
		const refusing = await browser.newContext();
		try {
			// Some browsers and embedded views block clipboard writes; simulate that refusal.
			await refusing.addInitScript(() => {
				navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
			});
			const other = await refusing.newPage();
			await other.goto(`${baseUrl}/guides/${GUIDE}/`);
			await other.locator('.copy-code').first().click();
			await expect.poll(() => other.locator('[data-copy-status]').textContent()).toBe('Copy failed: select the code and copy it by hand');
			expect(await other.locator('.copy-code').first().textContent()).toBe('Copy failed code block 1');
		} finally {
			await refusing.close();
		}
	});

	it('has no axe violations with the buttons in place', async () => {
		expect(await axeViolations(page)).toEqual([]);
	});
});
