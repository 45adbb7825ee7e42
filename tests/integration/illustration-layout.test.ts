import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEVICE_SCALE,
	fitIllustration,
	illustrationPage,
	illustrationWidth,
	layoutProblems,
	MIN_TEXT_PX,
} from '../../scripts/illustrations/page.mjs';
import { findChromium, launchChromium } from '../support/chromium';
import { ILLUSTRATIONS } from '../support/illustrations';

/**
 * Lays out every illustration source the way `npm run illustrations` does and holds it to
 * what a reader needs in the step: no text under 14 CSS px, nothing cut off at the canvas
 * edge, and a committed PNG that is the capture of the source as it is now.
 */
const KIT = readFileSync('src/content/illustration-kit/console.css', 'utf8');
const sources = ILLUSTRATIONS;

let browser: Browser;
beforeAll(async () => {
	browser = await launchChromium(findChromium());
});
afterAll(async () => {
	await browser?.close();
});

async function layOut(html: string, width: number) {
	const context = await browser.newContext({ viewport: { width, height: 2000 }, deviceScaleFactor: DEVICE_SCALE });
	try {
		const tab = await context.newPage();
		await tab.setContent(illustrationPage(html, KIT, width), { waitUntil: 'load' });
		return await tab.evaluate(fitIllustration);
	} finally {
		await context.close();
	}
}

describe('illustration layout', () => {
	it('refuses text below the readable size and anything past the canvas', async () => {
		const html =
			'<html><head></head><body><p style="font-size:11px">Fine print</p><div style="min-width:900px">Too wide</div></body></html>';
		const problems = layoutProblems('bad.html', 608, await layOut(html, 608));
		expect(problems.join('\n')).toContain(`"Fine print" is 11px; text must be at least ${MIN_TEXT_PX}px`);
		expect(problems.join('\n')).toMatch(/div\. "Too wide" spans 0 to 900 px across .* outside the 608px canvas/);
	});

	it.each(sources.map((s) => [s.source, s]))('%s reads at the step width and its PNG is current', async (_, { source, png }) => {
		const html = readFileSync(source, 'utf8');
		const width = illustrationWidth(html, source);
		const fitted = await layOut(html, width);
		expect(layoutProblems(source, width, fitted)).toEqual([]);
		const { width: pixelsWide, height: pixelsHigh } = await sharp(png).metadata();
		expect(
			{ width: pixelsWide, height: pixelsHigh },
			`${png} is not the capture of ${source} as it is now: run npm run illustrations`,
		).toEqual({ width: width * DEVICE_SCALE, height: fitted.height * DEVICE_SCALE });
	});
});
