import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runImport } from '../../src/lib/import/run-import';
import { launchChromium } from '../support/chromium';
import { buildWithContent } from '../support/content-build';
import { ROOT } from '../support/paths';
import { startSiteServer, type RunningServer } from '../support/server';

/**
 * A hostile Hugo post through the whole path a reader meets: import, build, and a page load in
 * Chromium, where clicking everything on the page must run no script and open no dialog.
 */
const HUGO = join(ROOT, '.test-output/hostile-hugo');
const CONTENT = join(ROOT, '.test-output/hostile-content');
const PAYLOADS = [
	'Intro with ``<img src=x onerror="window.__ran=1;alert(1)">` and `<img src=x onerror=alert(2)>`` and <script>alert(3)</script>.',
	'',
	'<img src="x" onerror="alert(4)">',
	'',
	'<a href="javascript:alert(5)">raw link</a> and <svg onload=alert(6)></svg> and <iframe srcdoc="<script>alert(7)</script>"></iframe>',
	'',
	'```<img src=x onerror=alert(8)>``',
	'',
	'{alert(9)} and {/* x */} and <details open ontoggle=alert(10)>x</details>',
];

describe('a hostile Hugo post, imported, built and opened', () => {
	let server: RunningServer;
	let browser: Browser;
	const output: string[] = [];

	beforeAll(async () => {
		rmSync(HUGO, { recursive: true, force: true });
		rmSync(CONTENT, { recursive: true, force: true });
		mkdirSync(join(HUGO, 'content/blog'), { recursive: true });
		writeFileSync(
			join(HUGO, 'content/blog/hostile.md'),
			`---\ntitle: "A post with > and \\"quotes\\" in its title"\nslug: hostile\ndate: 2019-12-09\ndescription: "Tries every way to run script."\n---\n\n${PAYLOADS.join('\n')}\n\n1. One.\n2. Two.\n3. Three.\n4. Four.\n5. Five.\n`,
		);
		const code = runImport([relative(ROOT, join(HUGO, 'content')), '--out', relative(ROOT, CONTENT)], {
			cwd: ROOT,
			projectRoot: ROOT,
			log: (line) => output.push(line),
			error: (line) => output.push(line),
		});
		expect(code, output.join('\n')).toBe(0);
		const outDir = buildWithContent(relative(ROOT, CONTENT), 'hostile-dist');
		server = await startSiteServer(outDir);
		browser = await launchChromium(inject('chromiumPath'));
	}, 600_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('warns, per post and line, about each piece of raw HTML it escaped', () => {
		const warnings = output.filter((line) => line.startsWith('warning:') && line.includes('hostile.md:'));
		expect(warnings.length).toBeGreaterThanOrEqual(6);
		expect(warnings.join('\n')).toMatch(/raw HTML <img src="x" onerror="alert\(4\)"> was escaped/);
		expect(readFileSync(join(CONTENT, 'hostile/index.mdx'), 'utf8')).not.toMatch(/(^|[^;`])<(?:img|script|svg|iframe|a|details)\b/m);
	});

	it('runs no script and opens no dialog, even when everything on the page is clicked', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await page.goto(`${server.url}/guides/hostile/`, { waitUntil: 'networkidle' });
		expect(await page.locator('h1').textContent()).toContain('A post with > and "quotes"');
		const article = page.locator('main');
		// Shown as text (smart punctuation curls its quotes), never as an element.
		expect(await article.textContent()).toMatch(/<img src=.x. onerror=.alert\(4\).>/);
		for (const element of await page.locator('main a, main details, main summary').all()) {
			await element.click({ timeout: 2_000, noWaitAfter: true }).catch(() => {});
		}
		await page.waitForTimeout(500);
		expect(dialogs).toEqual([]);
		expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
		expect(
			await page.locator('main img[onerror], main [onload], main iframe, main script:not([type]), main a[href^="javascript:" i]').count(),
		).toBe(0);
		await context.close();
	});
});
