import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.2 A and AA, the level the site promises. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Chromium's cap on a viewport's side is far above any guide; this only stops a runaway page. */
const TALLEST_VIEWPORT = 30_000;

/**
 * Steps below the fold are not painted until the reader nears them (`content-visibility: auto`),
 * and axe's colour-contrast rule hit-tests what is painted: it would judge a skipped step's text
 * against whatever else is drawn there. So the audit runs with the viewport as tall as the page,
 * where every step is painted, and the viewport is put back afterwards.
 */
async function withEveryStepPainted<T>(page: Page, audit: () => Promise<T>): Promise<T> {
	const original = page.viewportSize();
	if (!original) return audit();
	try {
		let height = original.height;
		// Painting a step replaces its estimated height with its real one, so measure again until the page stops growing.
		for (let round = 0; round < 5; round += 1) {
			const pageHeight = Math.min(TALLEST_VIEWPORT, await page.evaluate(() => document.documentElement.scrollHeight));
			if (pageHeight <= height) break;
			height = pageHeight;
			await page.setViewportSize({ width: original.width, height });
			await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
		}
		return await audit();
	} finally {
		await page.setViewportSize(original);
	}
}

/** Axe violations as short readable lines, so a failure says what and where. */
export async function axeViolations(page: Page, options: { include?: string } = {}): Promise<string[]> {
	let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
	if (options.include) builder = builder.include(options.include);
	const { violations } = await withEveryStepPainted(page, () => builder.analyze());
	return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`));
}
