import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { STEP_CONTENT_PX, STEP_LAYOUT } from '../../src/lib/images/screenshot-options';

/**
 * `sizes` is computed from layout numbers in screenshot-options.ts, not from the page; these
 * tests hold those numbers to the real CSS, and check that the browser then downloads an
 * image that fits the box it is drawn in (the bench's "nothing larger than shown", 10%).
 */
const base = inject('baseUrl');
const GUIDE = '/guides/turn-on-mfa-aws/';
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium(inject('chromiumPath'));
});
afterAll(async () => {
	await browser?.close();
});

interface Drawn {
	src: string;
	natural: number;
	shown: number;
	candidates: number[];
}

async function screenshotsAt(width: number, deviceScaleFactor: number): Promise<Drawn[]> {
	const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor });
	try {
		const page = await context.newPage();
		await page.goto(base + GUIDE);
		await page.evaluate(async () => {
			// Two frames per stop: a step body skipped off screen (content-visibility) is laid out,
			// and its lazy images requested, only at a rendering update while it is near the viewport.
			for (let y = 0; y < document.body.scrollHeight; y += 600) {
				window.scrollTo(0, y);
				await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			}
		});
		await page.waitForFunction(() =>
			[...document.querySelectorAll<HTMLImageElement>('.screenshot img')].every((img) => img.complete && img.naturalWidth > 0),
		);
		return await page.$$eval('.screenshot img', (imgs) =>
			(imgs as HTMLImageElement[]).map((img) => ({
				src: img.currentSrc,
				natural: img.naturalWidth,
				shown: img.getBoundingClientRect().width,
				candidates: (img.parentElement?.querySelector('source[type="image/avif"]')?.getAttribute('srcset') ?? '')
					.split(',')
					.map((entry) => Number(/(\d+)w\s*$/.exec(entry)?.[1])),
			})),
		);
	} finally {
		await context.close();
	}
}

/** What the layout numbers predict for a screenshot in a step at this viewport width. */
function predictedWidth(viewport: number): number {
	const segment = STEP_LAYOUT.find((s) => viewport <= s.maxViewportPx);
	return segment ? viewport - segment.insetPx : STEP_CONTENT_PX;
}

describe('screenshot sizes against the real layout', () => {
	it.each([320, 390, 640, 641, 700, 720, 1024, 1440])(
		'draws step screenshots as wide as the layout numbers say at %i px',
		async (viewport) => {
			const drawn = await screenshotsAt(viewport, 1);
			expect(drawn.length).toBeGreaterThan(0);
			for (const image of drawn) expect(image.shown, `${image.src} at ${viewport} px`).toBeCloseTo(predictedWidth(viewport), 0);
		},
	);

	it.each([
		['a phone at 3×', 390, 3],
		['a small phone at 2×', 360, 2],
		['a desktop at 1×', 1440, 1],
		['a narrow window at 1×', 700, 1],
	])('on %s (%i px wide) downloads no screenshot more than a tenth wider than drawn', async (_, viewport, dpr) => {
		const drawn = await screenshotsAt(viewport, dpr);
		expect(drawn.length).toBeGreaterThan(0);
		for (const image of drawn) {
			const needed = image.shown * dpr;
			const smallest = Math.min(...image.candidates);
			expect(image.src, 'AVIF is what Chromium should pick').toMatch(/\.avif$/);
			// The smallest candidate is the floor: a box narrower than it cannot be served tighter.
			if (image.natural > smallest)
				expect(image.natural, `${image.src}: ${Math.round(needed)} px needed`).toBeLessThanOrEqual(needed * 1.1);
		}
	});

	it('gives a wide 2× screen the full-size view in the step (what the zoom then opens), and a 3× phone only the small AVIF', async () => {
		const desktop = await screenshotsAt(1440, 2);
		expect(desktop.length).toBeGreaterThan(0);
		for (const image of desktop) {
			expect(image.src, 'the zoom view, already loaded').toMatch(/\.webp$/);
			// naturalWidth is in CSS pixels once a srcset width applies, so the file name says the width.
			const fileWidth = Number(/\.(\d+)w-q\d+-[0-9a-f]+\.webp$/.exec(image.src)?.[1]);
			expect(fileWidth, `${image.src}: denser than the AVIF`).toBeGreaterThan(Math.max(...image.candidates));
		}
		const phone = await screenshotsAt(390, 3);
		for (const image of phone) {
			expect(image.src, 'a phone never downloads the full-size file for the page').toMatch(/\.avif$/);
			expect(image.natural, image.src).toBeLessThanOrEqual(Math.min(...image.candidates));
		}
	});
});
