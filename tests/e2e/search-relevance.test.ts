import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { readResults, searchFor } from '../support/search-page';
import { INTENTS, OFF_TOPIC, RELEVANCE } from './search-relevance.table';

/** `/guides/x/#step-6` → `x`, the guide alone. */
function guideOf(target: string): string {
	return shorthand(target).replace(/#.*$/, '');
}

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

	it('has at least 40 intent rows and 5 off-topic ones', () => {
		expect(INTENTS.length).toBeGreaterThanOrEqual(40);
		expect(OFF_TOPIC.length).toBeGreaterThanOrEqual(5);
	});

	it('puts the guide that answers a reader’s question first (90%) and in the top three (all), with distinct excerpts', async () => {
		const rows: { query: string; guide: string; first: string; rank: number }[] = [];
		const repeated: string[] = [];
		for (const { query, guide } of INTENTS) {
			const { status, options } = await searchFor(page, baseUrl, query);
			const guides = [...new Set(options.map((option) => guideOf(option.target)))];
			rows.push({ query, guide, first: options[0] ? shorthand(options[0].target) : status, rank: guides.indexOf(guide) + 1 });
			const excerpts = options.slice(0, 5).map((option) => option.excerpt.replace(/<[^>]+>/g, ''));
			if (new Set(excerpts).size !== excerpts.length) repeated.push(query);
		}
		const table = rows.map(
			(row) => `${row.rank === 1 ? 'ok  ' : row.rank > 0 ? `#${row.rank}  ` : 'MISS'} ${row.query.padEnd(52)} ${row.first}`,
		);
		const first = rows.filter((row) => row.rank === 1).length;
		console.log(`Intent queries: ${first}/${rows.length} right guide first\n${table.join('\n')}`);
		expect(repeated, 'queries whose top five results repeat an excerpt').toEqual([]);
		expect(
			rows.filter((row) => row.rank < 1 || row.rank > 3).map((row) => `${row.query} → ${row.first} (wanted ${row.guide})`),
			'every intent query has its guide in the top three',
		).toEqual([]);
		expect(first / rows.length, `right guide first for ${first} of ${rows.length}`).toBeGreaterThanOrEqual(0.9);
		// One search per row on a busy 2-core machine.
	}, 600_000);

	it.each(OFF_TOPIC)('“%s” finds nothing and says no guide covers it', async (query) => {
		const { status, options } = await searchFor(page, baseUrl, query);
		expect(options).toEqual([]);
		expect(status).toContain('No guide covers this yet.');
		expect(await page.locator('[data-search-empty]').textContent()).toContain('No guide covers this yet.');
		expect(await page.locator('[data-search-empty] a[href$="/guides/"]').count()).toBe(1);
	});
});
