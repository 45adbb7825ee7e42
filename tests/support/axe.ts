import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.2 A and AA, the level the site promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/*
 * The audit sees a page as it loads, as a reader's Lighthouse run does: steps below the fold
 * are not painted (content-visibility), and the page must pass as it is, not only once every
 * step is drawn (tests/e2e/dense-guide-contrast.test.ts covers the busiest steps).
 */

/** Axe violations as short readable lines, so a failure says what and where. */
export async function axeViolations(page: Page, options: { include?: string } = {}): Promise<string[]> {
	let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
	if (options.include) builder = builder.include(options.include);
	const { violations } = await builder.analyze();
	return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`));
}

/** Axe violations in the light and the dark theme, keyed by theme, so a new state is audited as both kinds of reader see it. */
export async function axeViolationsByTheme(page: Page, options: { include?: string } = {}): Promise<Record<'light' | 'dark', string[]>> {
	const found = { light: [] as string[], dark: [] as string[] };
	for (const theme of ['light', 'dark'] as const) {
		await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
		found[theme] = await axeViolations(page, options);
	}
	return found;
}

export const NO_VIOLATIONS = { light: [], dark: [] };
