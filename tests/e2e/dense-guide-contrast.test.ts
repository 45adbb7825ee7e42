import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { planCorpus } from '../../scripts/bench/corpus.mjs';
import { launchChromium } from '../support/chromium';
import { buildWithContent } from '../support/content-build';
import { ROOT } from '../support/paths';
import { startSiteServer, type RunningServer } from '../support/server';

/**
 * A reader's Lighthouse run audits the page as it loads: steps below the fold are not painted
 * (content-visibility), and nothing scrolls them into view. Axe's colour-contrast rule, which
 * Lighthouse runs, must still find each text's own background there. The bench's dense guides
 * hold what made it fail: a numbered list nested in step 6, tables, code and callouts in the
 * steps around it.
 */
const GUIDES = planCorpus(3, 1, 'dense');
const WITH_STEP_6 = GUIDES.filter((g) => /^6\. /m.test(g.source));
/** Lighthouse's mobile emulation (Moto G Power). */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

describe('dense guide pages pass colour contrast as first loaded, steps below the fold unpainted', () => {
	let server: RunningServer;
	let browser: Browser;

	beforeAll(async () => {
		const content = resolve(ROOT, '.test-output', 'dense-guides-content');
		rmSync(content, { recursive: true, force: true });
		// Plain grey screenshots: the audit is about the text around them, not their pixels.
		const png = await sharp({ create: { width: 1440, height: 900, channels: 3, background: '#d5dbdb' } })
			.png()
			.toBuffer();
		for (const guide of GUIDES) {
			mkdirSync(join(content, guide.id), { recursive: true });
			writeFileSync(join(content, guide.id, 'index.mdx'), guide.source);
			for (const shot of guide.screenshots) writeFileSync(join(content, guide.id, shot.file), png);
		}
		server = await startSiteServer(buildWithContent(content, 'dense-guides'));
		browser = await launchChromium(inject('chromiumPath'));
	}, 600_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('has guides with a step 6 to audit', () => {
		expect(WITH_STEP_6.length).toBeGreaterThan(0);
	});

	describe.each(['light', 'dark'] as const)('in the %s theme', (theme) => {
		it.each(WITH_STEP_6.map((g) => g.id))('/guides/%s/ has no colour-contrast violation', async (id) => {
			const context = await browser.newContext({ ...PHONE, colorScheme: theme });
			const page = await context.newPage();
			await page.goto(`${server.url}/guides/${id}/`);
			await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
			// The case this test is about: step 6's nested list is not rendered while audited.
			const step6ListShown = await page.evaluate(() =>
				document.querySelector('#step-6 .step-body ol li')?.checkVisibility({ contentVisibilityAuto: true }),
			);
			expect(step6ListShown).toBe(false);
			const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
			const found = violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`));
			expect(found).toEqual([]);
			await context.close();
		});
	});
});
