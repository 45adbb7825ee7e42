import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { readResults, searchFor } from '../support/search-page';
import { RELEVANCE } from './search-relevance.table';

/** `/guides/x/#step-6` → `x#step-6`, the table's shorthand. */
function shorthand(target: string): string {
	const match = /\/guides\/([^/]+)\/(#.*)?$/.exec(target);
	return match ? `${match[1]}${match[2] ?? ''}` : target;
}

describe('search relevance (the table in search-relevance.table.ts)', () => {
	const baseUrl = inject('searchBaseUrl');
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await launchChromium(inject('chromiumPath'));
		page = await browser.newPage();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('has at least 15 rows', () => {
		expect(RELEVANCE.length).toBeGreaterThanOrEqual(15);
	});

	it('has at least 15 identifier rows and 5 misspellings', () => {
		expect(RELEVANCE.filter((row) => /[:._-]|\p{Ll}\p{Lu}/u.test(row.query) && !row.suggest).length).toBeGreaterThanOrEqual(15);
		expect(RELEVANCE.filter((row) => row.suggest).length).toBeGreaterThanOrEqual(5);
	});

	it.each(RELEVANCE)('“$query” → $expect ($why)', async ({ query, suggest, expect: expected }) => {
		let { status, options } = await searchFor(page, baseUrl, query);
		if (suggest) {
			expect(status, `the search for “${query}” should suggest “${suggest}”`).toContain(`Did you mean “${suggest}”?`);
			await page.locator(`button[data-suggest="${suggest}"]`).first().click();
			await page.waitForFunction((s) => document.querySelector('[data-search-status]')!.textContent!.includes(`for “${s}”`), suggest);
			({ status, options } = await readResults(page));
		}
		const shown = options.map((o) => shorthand(o.target));
		expect(shown[0], `results for “${suggest ?? query}” were: ${shown.join(', ') || status}`).toBe(expected);
	});
});
