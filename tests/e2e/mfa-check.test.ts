import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { motoUserEnv } from '../support/aws-fixtures';
import { launchChromium } from '../support/chromium';
import { startMoto, type RunningMoto } from '../support/moto';
import { freePort, startSiteServer, type RunningServer } from '../support/server';

// A check is several AWS calls through moto; a busy 2-core machine can take seconds.
const POLL = { timeout: 15_000 };
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).include('mfa-check').analyze();
	return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

/** Serves only the static files, as a static host would: no API, so the island must fall back. */
async function startStaticHost(root: string): Promise<{ url: string; server: Server }> {
	const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
	const server = createServer(async (request, response) => {
		const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
		const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
		try {
			const body = await readFile(file);
			response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
			response.end(body);
		} catch {
			response.writeHead(404, { 'Content-Type': 'text/html' });
			response.end('<h1>Not found</h1>');
		}
	});
	const port = await freePort();
	await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
	return { url: `http://127.0.0.1:${port}`, server };
}

describe('MfaCheck island in Chromium (built site, moto behind it)', () => {
	let moto: RunningMoto;
	let passServer: RunningServer;
	let failServer: RunningServer;
	let browser: Browser;

	beforeAll(async () => {
		moto = await startMoto();
		const [aliceEnv, bobEnv] = [await motoUserEnv(moto, 'alice', { mfa: true }), await motoUserEnv(moto, 'bob', { mfa: false })];
		[passServer, failServer] = await Promise.all([startSiteServer(inject('outDir'), aliceEnv), startSiteServer(inject('outDir'), bobEnv)]);
		browser = await launchChromium(inject('chromiumPath'));
	});
	afterAll(async () => {
		await browser?.close();
		await Promise.all([passServer?.stop(), failServer?.stop()]);
		await moto?.stop();
	});

	async function openCheckPage(baseUrl: string) {
		const page = await (await browser.newContext()).newPage();
		const apiRequests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/api/')) apiRequests.push(request.url());
		});
		await page.goto(`${baseUrl}/check/`);
		await page.locator('mfa-check .mfa-check-live:not([hidden])').waitFor();
		return { page, apiRequests };
	}

	it('shows a pass for a user with MFA, with identity, device, advice and time', async () => {
		const { page, apiRequests } = await openCheckPage(passServer.url);
		expect(apiRequests, 'nothing is requested before the reader asks').toEqual([]);
		await page.getByRole('button', { name: 'Check my MFA' }).click();
		const status = page.getByRole('status');
		await expect.poll(() => status.textContent(), POLL).toMatch(/^Pass: alice has 1 MFA device\.$/);
		expect(apiRequests).toHaveLength(1);
		const result = page.locator('[data-result]');
		expect(await result.textContent()).toContain('IAM user alice');
		expect(await result.getByRole('listitem').filter({ hasText: 'Authenticator app (virtual MFA)' }).textContent()).toContain('arn:aws:iam::123456789012:mfa/alice-phone');
		expect(await result.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(await result.getByRole('link', { name: 'Step 9: Test the device' }).getAttribute('href')).toBe('/guides/turn-on-mfa-aws/#step-9');
		expect(await page.locator('mfa-check').getAttribute('data-state')).toBe('pass');
		expect(await page.getByRole('button', { name: 'Check again' }).count()).toBe(1);
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});

	it('shows a fail for a user without MFA and links the fix to step 3', async () => {
		const { page } = await openCheckPage(failServer.url);
		await page.getByRole('button', { name: 'Check my MFA' }).click();
		await expect.poll(() => page.getByRole('status').textContent(), POLL).toContain('Fail: bob can sign in to the console with a password and has no MFA device.');
		const result = page.locator('[data-result]');
		expect(await result.textContent()).toContain('Console password');
		expect(await result.getByRole('link', { name: 'Step 3: Assign MFA device' }).getAttribute('href')).toBe('/guides/turn-on-mfa-aws/#step-3');
		expect(await page.locator('mfa-check').getAttribute('data-state')).toBe('fail');
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});

	it('works by keyboard alone, including "Check again" and the account check', async () => {
		const { page } = await openCheckPage(failServer.url);
		const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		for (let presses = 0; presses < 40 && (await focusedText()) !== 'Check my MFA'; presses++) await page.keyboard.press('Tab');
		expect(await focusedText()).toBe('Check my MFA');
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedText(), POLL).toBe('Check again');
		await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/^Fail:/);
		await page.keyboard.press('Space');
		await expect.poll(() => page.locator('mfa-check').getAttribute('aria-busy'), POLL).toBeNull();
		await page.keyboard.press('Tab');
		expect(await focusedText()).toBe('Check every user in the account');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Account check finished.');
		const account = page.locator('[data-account-result]');
		expect(await account.getByRole('heading', { name: /Console password and no MFA/ }).textContent()).toContain('(1)');
		expect(await account.getByRole('listitem').allTextContents()).toContain('bob');
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});

	it('without JavaScript shows the AWS CLI commands and how to run Stepcheck locally', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${passServer.url}/check/`);
		expect(await page.locator('.mfa-check-live').isVisible()).toBe(false);
		const manual = page.locator('.mfa-check-manual');
		expect(await manual.getAttribute('open')).not.toBeNull();
		expect(await manual.textContent()).toContain('aws iam list-mfa-devices --user-name YOUR-USER-NAME');
		expect(await manual.textContent()).toContain('npm ci && npm start');
		await context.close();
	});
});

describe('MfaCheck island on a static host (no endpoint)', () => {
	let host: { url: string; server: Server };
	let browser: Browser;

	beforeAll(async () => {
		host = await startStaticHost(join(inject('outDir'), 'client'));
		browser = await launchChromium(inject('chromiumPath'));
	});
	afterAll(async () => {
		await browser?.close();
		await new Promise((done) => host?.server.close(done));
	});

	it('falls back to the manual commands when the endpoint is absent', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${host.url}/check/`);
		const manual = page.locator('.mfa-check-manual');
		expect(await manual.getAttribute('open')).toBeNull();
		await page.getByRole('button', { name: 'Check my MFA' }).click();
		await expect.poll(() => page.getByRole('status').textContent(), POLL).toContain('runs only when Stepcheck runs on your own computer');
		expect(await manual.getAttribute('open')).not.toBeNull();
		expect(await page.locator('mfa-check').getAttribute('data-state')).toBe('error');
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});
});
