// @ts-check
/**
 * Loads one page in Chromium the way a reader would (load, scroll to the bottom so lazy
 * screenshots come in, then open search and search once) and accounts for every byte.
 *
 * Two figures per request: `transferred` is what the server actually sent (Playwright's
 * request sizes: headers + body as encoded on the wire), and `compressed` is what a static
 * host that gzips text would send (the gzip size of text bodies sent uncompressed, the body as
 * sent otherwise, no headers). The budgets speak of compressed bytes; the Node server does
 * not compress, so both are kept.
 */
import { gzipSync } from 'node:zlib';
import { resourceKind, tallyBytes, oversizedImages } from './bytes.mjs';

const VIEWPORTS = {
	phone: { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
	desktop: { width: 1440, height: 900, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};
const SEARCH_QUERY = 'mfa';

const COMPRESSIBLE = new Set(['html', 'css', 'js']);

/** @typedef {import('./bytes.mjs').RequestRecord & { compressedBytes: number }} MeasuredRequest */

/**
 * @param {import('playwright-core').Request} request
 * @returns {Promise<MeasuredRequest | null>}
 */
export async function measureRequest(request) {
	const response = await request.response();
	if (!response) return null;
	const sizes = await request.sizes();
	const headers = response.headers();
	const mimeType = headers['content-type'] ?? '';
	const url = request.url();
	const resourceType = request.resourceType();
	const transferredBytes = sizes.responseBodySize + sizes.responseHeadersSize;
	let compressedBytes = sizes.responseBodySize;
	const textual = COMPRESSIBLE.has(resourceKind({ url, resourceType, mimeType })) || /json|svg|wasm|text\//.test(mimeType);
	if (!headers['content-encoding'] && textual) {
		const body = await response.body().catch(() => null);
		if (body) compressedBytes = gzipSync(body, { level: 6 }).length;
	}
	return { url, resourceType, mimeType, transferredBytes, compressedBytes };
}

/** @param {import('playwright-core').Page} tab */
async function scrollToBottom(tab) {
	for (let i = 0; i < 200; i += 1) {
		const atBottom = await tab.evaluate(() => {
			window.scrollBy(0, window.innerHeight * 0.8);
			return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
		});
		await tab.waitForTimeout(120);
		if (atBottom) break;
	}
	await tab.waitForLoadState('networkidle');
	await tab.waitForTimeout(300);
}

/** @param {import('playwright-core').Page} tab */
async function openSearch(tab) {
	await tab.keyboard.press('/');
	await tab.waitForTimeout(400);
	const focusedInput = () =>
		tab.evaluate(() => {
			const el = document.activeElement;
			return !!el && (el.tagName === 'INPUT' || el.getAttribute('role') === 'combobox');
		});
	if (!(await focusedInput())) {
		const opener = tab
			.locator('input[type="search"], [role="combobox"], button[aria-label*="search" i], button:has-text("Search")')
			.first();
		if ((await opener.count()) > 0) {
			await opener.click();
			await tab.waitForTimeout(400);
		}
	}
	if (!(await focusedInput())) return false;
	await tab.keyboard.type(SEARCH_QUERY, { delay: 80 });
	await tab.waitForLoadState('networkidle');
	await tab.waitForTimeout(1000);
	return true;
}

/** @param {MeasuredRequest[]} requests */
export const tallies = (requests) => ({
	transferred: tallyBytes(requests),
	compressed: tallyBytes(requests.map((r) => ({ ...r, transferredBytes: r.compressedBytes }))),
});

/**
 * @param {{ browser: import('playwright-core').Browser, url: string, viewport: keyof typeof VIEWPORTS }} options
 */
export async function measurePage({ browser, url, viewport }) {
	const settings = VIEWPORTS[viewport];
	const context = await browser.newContext({
		viewport: { width: settings.width, height: settings.height },
		deviceScaleFactor: settings.deviceScaleFactor,
		isMobile: settings.isMobile,
		hasTouch: settings.hasTouch,
	});
	const tab = await context.newPage();
	/** @type {Promise<MeasuredRequest | null>[]} */
	const pending = [];
	tab.on('requestfinished', (request) => void pending.push(measureRequest(request)));
	try {
		const response = await tab.goto(url, { waitUntil: 'load' });
		if (!response || !response.ok())
			throw new Error(`${url} answered ${response?.status() ?? 'nothing'}; the page measurement needs the guide to exist in the build.`);
		await tab.waitForLoadState('networkidle');
		const onLoad = tallies(/** @type {MeasuredRequest[]} */ ((await Promise.all(pending)).filter(Boolean)));
		await scrollToBottom(tab);
		const loadedCount = pending.length;
		const scrolled = /** @type {MeasuredRequest[]} */ ((await Promise.all(pending)).filter(Boolean));
		const images = await tab.evaluate(() =>
			[...document.images]
				.filter((img) => img.complete && img.naturalWidth > 0)
				.map((img) => {
					const box = img.getBoundingClientRect();
					return {
						url: img.currentSrc || img.src,
						naturalWidth: img.naturalWidth,
						naturalHeight: img.naturalHeight,
						displayWidth: box.width,
						displayHeight: box.height,
					};
				}),
		);
		// Astro inlines small scripts into the HTML; they run on load too, so they count as JavaScript.
		const inlineScripts = await tab.evaluate(() =>
			[...document.scripts]
				.filter((el) => !el.src && (!el.type || el.type === 'module' || el.type.includes('javascript')))
				.map((el) => el.textContent ?? ''),
		);
		const inlineJsBytes = inlineScripts.reduce((n, text) => n + (text.trim() ? gzipSync(text, { level: 6 }).length : 0), 0);
		const searched = await openSearch(tab);
		const afterSearch = /** @type {MeasuredRequest[]} */ ((await Promise.all(pending.slice(loadedCount))).filter(Boolean));
		return {
			viewport,
			...settings,
			onLoad,
			scrolled: tallies(scrolled),
			inlineJsBytes,
			search: searched ? { ...tallies(afterSearch), urls: afterSearch.map((r) => r.url) } : null,
			images,
			oversized: oversizedImages(images, settings.deviceScaleFactor),
		};
	} finally {
		await context.close();
	}
}
