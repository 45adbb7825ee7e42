import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { launchChromium } from '../support/chromium';
import { serveStatic } from '../../scripts/static-server.mjs';
import { startSilentSite } from '../support/silent-site';
import { freePort, startSiteServer, type RunningServer } from '../support/server';
import { productionBuildEnv, ROOT } from '../support/paths';
import { readResults } from '../support/search-page';

/**
 * `search.sites`: a second Stepcheck build (the "platform" site) searches the main test
 * build (the "security team" site) as well, each served on its own loopback port. A third
 * configured site is down and a fourth never answers: both are skipped with a note.
 */
const SECOND = resolve(ROOT, '.test-output/second-site');

describe('searching more than one site', () => {
	let security: Awaited<ReturnType<typeof serveStatic>> | undefined;
	let silent: Awaited<ReturnType<typeof startSilentSite>>;
	let platform: RunningServer;
	let browser: Browser;
	// The second site's build, its server, and the browser take a while.
	let page: Page;

	beforeAll(async () => {
		security = await serveStatic(join(inject('searchOutDir'), 'client'), { cors: true });
		silent = await startSilentSite();
		const down = `http://127.0.0.1:${await freePort()}/`;
		rmSync(SECOND, { recursive: true, force: true });
		const sites = [
			{ url: `${security.url}/`, label: 'Security team' },
			{ url: down, label: 'Old wiki' },
			{ url: silent.url, label: 'Slow site' },
		];
		const build = spawnSync('npm', ['run', 'build'], {
			cwd: ROOT,
			env: productionBuildEnv({
				STEPCHECK_OUT_DIR: join(SECOND, 'dist'),
				STEPCHECK_CACHE_DIR: join(SECOND, 'cache'),
				STEPCHECK_SEARCH_SITES: JSON.stringify(sites),
			}),
			encoding: 'utf8',
		});
		if (build.status !== 0) throw new Error(`the second build failed:\n${build.stdout}\n${build.stderr}`);
		platform = await startSiteServer(join(SECOND, 'dist'));
		browser = await launchChromium(inject('chromiumPath'));
		page = await (await browser.newContext()).newPage();
		page.on('console', (message) => message.type() === 'error' && console.log(`browser: ${message.text()}`));
	});
	afterAll(async () => {
		await browser?.close();
		await platform?.stop();
		await security?.stop();
		await silent?.stop();
	});

	const open = async (query: string) => {
		await page.goto(`${platform.url}/search/?q=${encodeURIComponent(query)}`);
		// The other sites are merged in the background; the list is redrawn when they are.
		await page.waitForSelector('[data-search-dialog][data-sites-merged]', { state: 'attached', timeout: 15_000 });
	};
	const search = async (query: string) => {
		await open(query);
		return readResults(page);
	};
	const labels = () => page.locator('[data-search-results] .result-site').allTextContents();

	it('labels the other site’s results, links to that site, and notes the sites it skipped', async () => {
		const { options } = await search('QR code');
		const remote = options.filter((o) => o.target.startsWith(security!.url));
		const local = options.filter((o) => o.target.startsWith('/guides/'));
		expect(local[0]?.target).toBe('/guides/turn-on-mfa-aws/#step-6');
		expect(remote[0]?.target).toBe(`${security!.url}/guides/turn-on-mfa-aws/#step-6`);
		expect(remote[0]?.guide).toBe('Security team Turn on MFA for your AWS sign-in');
		expect(await labels()).toContain('Security team');
		const note = await page.locator('[data-search-notes]').textContent();
		expect(note).toContain('Old wiki is not included: it could not be reached.');
		expect(note).toContain('Slow site is not included: it did not answer within 3 s.');
	});

	it('filters both sites by tag', async () => {
		await open('');
		await page.locator('[data-search-filters] summary').click();
		await page.locator('[data-search-tags] button[data-tag="recovery"]').click();
		await page.waitForFunction(() => /in \d+ guides?\.$/.test(document.querySelector('[data-search-status]')!.textContent ?? ''));
		const { options } = await readResults(page);
		expect(options.map((o) => o.target).sort()).toEqual(
			[`${security!.url}/guides/backup-mfa-device/`, '/guides/backup-mfa-device/'].sort(),
		);
	});

	it('keeps the keyboard pattern and has no axe violations with labelled results', async () => {
		await search('passkey');
		await page.keyboard.press('ArrowDown');
		expect(await page.locator('#search-input').getAttribute('aria-activedescendant')).toBe('search-option-0');
		const axe = await new AxeBuilder({ page }).analyze();
		expect(axe.violations.map((v) => v.id)).toEqual([]);
	});

	it('still lists its own guides when the other site stops answering after it was merged', async () => {
		await search('QR code');
		expect(await labels()).toContain('Security team');
		await security!.stop();
		security = undefined;
		await page.locator('#search-input').fill('alternate contacts');
		await page.waitForFunction(() => /for “alternate contacts”/.test(document.querySelector('[data-search-status]')!.textContent ?? ''));
		const { options } = await readResults(page);
		expect(options[0]?.target).toBe('/guides/protect-root-user/#step-7');
		// Index chunks the browser fetched from the other site while it answered may still match
		// (which ones depends on how Pagefind cut the index): such results keep their site label
		// and link there; none of them passes for this site's own.
		const foreign = options.filter((o) => !o.target.startsWith('/'));
		expect(await labels()).toEqual(foreign.map(() => 'Security team'));
	});

	it('still finds its own guides when the other site is down from the start', async () => {
		// A reader who never reached the other site: nothing of it in the browser's cache.
		await page.context().close();
		page = await (await browser.newContext()).newPage();
		const { options } = await search('QR code');
		expect(options[0]?.target).toBe('/guides/turn-on-mfa-aws/#step-6');
		expect(await labels()).toEqual([]);
		expect(await page.locator('[data-search-notes]').textContent()).toContain('Security team is not included: it could not be reached.');
	});
});
