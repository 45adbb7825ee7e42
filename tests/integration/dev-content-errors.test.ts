import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildService, type ChildService } from '../support/child-service';
import { findChromium, launchChromium } from '../support/chromium';
import { productionBuildEnv, ROOT } from '../support/paths';
import { freePort } from '../support/server';

/**
 * The author's loop in `npm run dev`, in Chromium: each kind of content error saved into a
 * guide shows Astro's error overlay with the file and line on that guide's page, never the page
 * as it was; fixing the file brings the page back; dev never stops. The guides are a copy, so
 * no real guide is edited.
 */
const scratch = mkdtempSync(join(tmpdir(), 'stepcheck-dev-errors-'));
const guides = join(scratch, 'guides');
cpSync(join(ROOT, 'src/content/guides'), guides, { recursive: true });
const file = join(guides, 'mfa-aws-cli', 'index.mdx');
const original = readFileSync(file, 'utf8');
const originalTitle = /^title: (.*)$/m.exec(original)![1]!;

let dev: ChildService;
let browser: Browser;
let page: Page;
let url: string;

function save(edit: (source: string) => string): number {
	writeFileSync(file, edit(original));
	return Date.now();
}

/** The overlay's text once it names this guide's file (Astro draws it in a shadow root). */
async function overlayText(expected: RegExp): Promise<string> {
	const message = page.locator('vite-error-overlay #message-content');
	await expect.poll(async () => ((await message.count()) ? await message.innerText() : ''), { timeout: 40_000 }).toMatch(expected);
	return message.innerText();
}

/** The page, reloaded by dev after the save, shows this heading (and so no overlay). */
async function expectHeading(title: string) {
	const heading = () =>
		page
			.locator('h1')
			.first()
			.textContent()
			.catch(() => '');
	await expect.poll(heading, { timeout: 40_000 }).toBe(title);
}

beforeAll(async () => {
	// Invalid from the start: a title whose quote never closes.
	writeFileSync(file, original.replace(/^title: .*$/m, `title: "${originalTitle}`));
	const port = await freePort();
	url = `http://127.0.0.1:${port}/guides/mfa-aws-cli/`;
	const env = productionBuildEnv({ STEPCHECK_CONTENT_DIR: guides, STEPCHECK_CACHE_DIR: join(scratch, 'cache') });
	// Astro's dev server hands no request to its pages when it believes it runs inside vitest.
	for (const name of Object.keys(env)) if (name === 'NODE_ENV' || name.startsWith('VITEST')) delete env[name];
	dev = await startChildService({
		name: 'npm run dev',
		command: 'npm',
		// --ignore-lock: a developer's own `npm run dev` of this project may be running beside the test.
		args: ['run', 'dev', '--', '--port', String(port), '--ignore-lock'],
		processGroup: true,
		env,
		cwd: ROOT,
		readyUrl: `http://127.0.0.1:${port}/`,
		timeoutMs: 90_000,
	});
	// The server answers before its first content sync is done.
	for (let tries = 0; !dev.output().includes('watching for file changes') && tries < 120; tries++) {
		await new Promise((r) => setTimeout(r, 500));
	}
	browser = await launchChromium(findChromium());
	page = await browser.newPage();
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await dev?.stop();
	rmSync(scratch, { recursive: true, force: true });
});

// The first request compiles the whole page; on a loaded 2-core machine that alone takes many seconds.
describe('npm run dev with a guide the validator refuses', { timeout: 60_000 }, () => {
	it('stays up at start and shows the YAML error at the line the quote opens', async () => {
		const response = await page.goto(url);
		expect(response?.status()).toBe(500);
		const text = await overlayText(/mfa-aws-cli\/index\.mdx:2 /);
		expect(text).toMatch(/not valid YAML: Missing closing "quote.*Close the quote on the same line/);
		expect(dev.process.exitCode).toBeNull();
	});

	it('brings the page back once the file is fixed, without a restart', async () => {
		save((source) => source.replace(/^title: .*$/m, 'title: Use MFA with the AWS CLI, edited'));
		await expectHeading('Use MFA with the AWS CLI, edited');
		expect(await page.locator('vite-error-overlay').count()).toBe(0);
	});

	it('shows an ambiguous date at its line within about a second, and never the stale page', async () => {
		const saved = save((source) => source.replace(/^published: .*$/m, 'published: 12-07-2026'));
		const text = await overlayText(/index\.mdx:4 +Front matter field .?published/);
		const seconds = (Date.now() - saved) / 1000;
		expect(text).toMatch(/"12-07-2026" is ambiguous.*Write the day you mean as YYYY-MM-DD/);
		// About a second on an idle machine; the bound leaves room for a loaded test machine.
		expect(seconds).toBeLessThan(5);
		console.log(`overlay after ${seconds} s`);
		const again = await fetch(url);
		expect(again.status).toBe(500);
		expect(await again.text()).not.toContain(originalTitle);
	});

	it('lists body problems (steps, an http link, broken JSON) with their lines', async () => {
		save((source) =>
			source
				.replace(/^(\d+)\. /m, '$1. Read [the old page](http://example.com/). ')
				.replace(/\n## Sources/, '\n```json\n{ "Version": "2012-10-17", \n```\n\n## Sources'),
		);
		const text = await overlayText(/is not https/);
		expect(text).toMatch(/index\.mdx:\d+ +The link "http:\/\/example\.com\/" is not https/);
		expect(text).toMatch(/index\.mdx:\d+ +.*JSON/);
		expect(dev.process.exitCode).toBeNull();
	});

	it('serves the page again once every problem is fixed', async () => {
		save((source) => source);
		await expectHeading(originalTitle);
		expect((await fetch(url)).status).toBe(200);
	});
});
