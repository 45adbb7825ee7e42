// @ts-check
/**
 * Search on a corpus's built site, in Chromium, as a reader uses it: open search on a guide
 * page and type a search once (the first search: every byte it downloads, the index included),
 * then time 20 more searches from typing to results. Every search is typed a key at a time with
 * a person's pauses between keys (TYPING_GAPS_MS), so a tool that searches while the words are
 * still being typed pays for it in bytes and time as it would for a reader. Each search is timed
 * inside the page, from the input event of its last keystroke to the animation frame after the
 * tool has written the results for the whole query, so the browser driver's own round trips do
 * not count.
 */
import { measureRequest, tallies } from './page.mjs';
import { seededRandom } from './random.mjs';
import { percentile, summarize } from './stats.mjs';

/**
 * How each tool's search is opened and how it says it has answered a query.
 * `answered` is the text the answer element holds once the results for a query are written;
 * the words typed before the last key are shorter queries whose answers never hold it, and the
 * previous answer must be gone first, so no other query's answer can be taken for it.
 * @typedef {{ open: string, input: string, answer: string, answered: (query: string) => string }} SearchUi
 * @type {Record<'stepcheck' | 'starlight', SearchUi>}
 */
const SEARCH_UI = {
	// src/lib/search/result-options.ts: "12 places in 4 guides for “mfa”."
	stepcheck: { open: '[data-search-open]', input: '#search-input', answer: '[data-search-status]', answered: (q) => `for “${q}”` },
	// Pagefind's default UI, as Starlight ships it: "12 results for mfa", maybe followed by ". Showing results for…".
	// Its input waits 300 ms for more typing before it searches (its default), which a reader waits too.
	starlight: {
		open: 'button[data-open-modal]',
		input: '.pagefind-ui__search-input',
		answer: '.pagefind-ui__message',
		answered: (q) => `for ${q}`,
	},
};

/** Words and phrases every corpus shape uses (scripts/bench/corpus-text.mjs), each a distinct search. */
export const TIMED_QUERIES = [
	'root user',
	'access keys',
	'password policy',
	'cloudtrail',
	'roles',
	'session tokens',
	'passkeys',
	'break-glass',
	'billing alerts',
	'service control',
	'identity center',
	'security credentials',
	'device name',
	'policy summary',
	'user list',
	'account menu',
	'verification codes',
	'event history',
	'settings panel',
	'access key table',
];
const FIRST_QUERY = 'mfa';

/**
 * Milliseconds between two keys: an adult typing at 45 to 80 words a minute leaves 150 to 270 ms
 * between keys on average, less inside common words; drawn from one seed, so every run and
 * every tool meets the same typist.
 */
const TYPING_GAPS_MS = { min: 90, max: 240, seed: 7 };

/**
 * Types one search a key at a time and returns the milliseconds from the input event of its
 * last key to the frame after the answer for the whole query was written.
 * @param {import('playwright-core').Page} tab @param {SearchUi} ui @param {string} query @param {() => number} gap
 */
async function timedSearch(tab, ui, query, gap) {
	await tab.evaluate(
		({ input, answer, expected }) => {
			const box = /** @type {HTMLInputElement | null} */ (document.querySelector(input));
			if (!box) throw new Error(`no search box (${input}) on the page`);
			const timing = { lastInput: 0 };
			const stop = new AbortController();
			// Captured on the document, so it runs before any listener of the tool's own.
			document.addEventListener('input', (event) => event.target === box && (timing.lastInput = performance.now()), {
				capture: true,
				signal: stop.signal,
			});
			/** @type {any} */ (window).searchTimed = new Promise((resolve, reject) => {
				const done = () => (document.querySelector(answer)?.textContent ?? '').includes(expected);
				const timer = setTimeout(() => {
					observer.disconnect();
					stop.abort();
					reject(
						new Error(
							`no results for "${expected}" within 10 s of typing (${answer} says "${document.querySelector(answer)?.textContent ?? ''}")`,
						),
					);
				}, 10_000);
				const finish = () => {
					if (!done()) return;
					observer.disconnect();
					clearTimeout(timer);
					stop.abort();
					requestAnimationFrame(() => resolve(performance.now() - timing.lastInput));
				};
				const observer = new MutationObserver(finish);
				observer.observe(document.body, { subtree: true, childList: true, characterData: true });
			});
		},
		{ input: ui.input, answer: ui.answer, expected: ui.answered(query) },
	);
	await tab.focus(ui.input);
	for (const [index, key] of [...query].entries()) {
		if (index > 0) await new Promise((resolve) => setTimeout(resolve, gap()));
		await tab.keyboard.type(key);
	}
	return /** @type {Promise<number>} */ (tab.evaluate(() => /** @type {any} */ (window).searchTimed));
}

/** Empties the search box and waits until the previous answer is gone, so the next one is new. */
async function clearSearch(/** @type {import('playwright-core').Page} */ tab, /** @type {SearchUi} */ ui, /** @type {string} */ previous) {
	await tab.fill(ui.input, '');
	await tab.waitForFunction(
		({ answer, expected }) => !(document.querySelector(answer)?.textContent ?? '').includes(expected),
		{ answer: ui.answer, expected: ui.answered(previous) },
		{ timeout: 10_000 },
	);
}

/**
 * With no `queries`, only the first search is measured (its bytes): CI checks that budget, which no
 * machine's speed moves, without the minute of typing the timed searches take.
 * @param {{ browser: import('playwright-core').Browser, url: string, tool: 'stepcheck' | 'starlight', queries?: readonly string[] }} options
 * @returns {Promise<{ firstSearchBytes: number, latenciesMs: number[], medianMs: number | null, p95Ms: number | null, minMs: number | null, maxMs: number | null }>}
 */
export async function measureSearch({ browser, url, tool, queries = TIMED_QUERIES }) {
	const ui = SEARCH_UI[tool];
	const random = seededRandom(TYPING_GAPS_MS.seed);
	const gap = () => random.int(TYPING_GAPS_MS.min, TYPING_GAPS_MS.max);
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const tab = await context.newPage();
	try {
		const response = await tab.goto(url, { waitUntil: 'load' });
		if (!response?.ok())
			throw new Error(`${url} answered ${response?.status() ?? 'nothing'}; the search measurement needs the guide page.`);
		await tab.waitForLoadState('networkidle');
		/** @type {Promise<import('./page.mjs').MeasuredRequest | null>[]} */
		const pending = [];
		const measure = (/** @type {import('playwright-core').Request} */ request) => void pending.push(measureRequest(request));
		tab.on('requestfinished', measure);
		await tab.click(ui.open);
		await tab.waitForSelector(ui.input, { state: 'visible' });
		await timedSearch(tab, ui, FIRST_QUERY, gap);
		await tab.waitForLoadState('networkidle');
		// Only the first search's requests count; one measured later could still be reading its
		// body when the context closes, and its rejection would stop the bench.
		tab.off('requestfinished', measure);
		const first = tallies(/** @type {import('./page.mjs').MeasuredRequest[]} */ ((await Promise.all(pending)).filter(Boolean)));
		let previous = FIRST_QUERY;
		const latenciesMs = [];
		for (const query of queries) {
			await clearSearch(tab, ui, previous);
			latenciesMs.push(await timedSearch(tab, ui, query, gap));
			previous = query;
		}
		if (!latenciesMs.length)
			return { firstSearchBytes: first.compressed.total, latenciesMs, medianMs: null, p95Ms: null, minMs: null, maxMs: null };
		const summary = summarize(latenciesMs);
		return {
			firstSearchBytes: first.compressed.total,
			latenciesMs,
			medianMs: summary.median,
			p95Ms: percentile(latenciesMs, 95),
			minMs: summary.min,
			maxMs: summary.max,
		};
	} finally {
		await context.close();
	}
}
