import type { Page } from 'playwright-core';

export interface ShownOption {
	target: string;
	guide: string;
	section: string | null;
	excerpt: string;
}

/**
 * Waits until the search's live status reports the answer for the words in the box, then
 * reads the results shown. Search answers while the words are typed, so an answer for fewer
 * of them may come first.
 */
export async function readResults(page: Page): Promise<{ status: string; options: ShownOption[] }> {
	await page.waitForFunction(() => {
		const status = document.querySelector('[data-search-status]')?.textContent ?? '';
		const query = document.querySelector<HTMLInputElement>('#search-input')?.value.trim() ?? '';
		// A search by tag alone names no words.
		return /places? in \d+ guides?|No results/.test(status) && (!query || status.includes(`for “${query}”`));
	});
	return page.evaluate(() => ({
		status: document.querySelector('[data-search-status]')!.textContent ?? '',
		options: [...document.querySelectorAll<HTMLElement>('[data-search-results] [role="option"]')].map((o) => ({
			target: o.dataset.target ?? '',
			guide: o.querySelector('.result-guide')?.textContent ?? '',
			section: o.querySelector('.result-section')?.textContent ?? null,
			excerpt: o.querySelector('.result-excerpt')?.innerHTML ?? '',
		})),
	}));
}

/** Opens search prefilled through the shareable address, as a shared link would. */
export async function searchFor(page: Page, baseUrl: string, query: string) {
	await page.goto(`${baseUrl}/search/?q=${encodeURIComponent(query)}`);
	return readResults(page);
}
