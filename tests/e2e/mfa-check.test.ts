import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { motoUserEnv } from '../support/aws-fixtures';
import { axeViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startMoto, type RunningMoto } from '../support/moto';
import { startSiteServer, type RunningServer } from '../support/server';

// The static-host fallback of these checks is tested with the others in live-checks.test.ts.
// A check is several AWS calls through moto; a busy 2-core machine can take seconds.
const POLL = { timeout: 15_000 };
const MFA = 'live-check[data-check="mfa"]';
const ACCOUNT = 'live-check[data-check="users-without-mfa"]';

// /check/ is the checkup (checkup.test.ts); these two checks are tested where readers meet them, in their guides.
describe('LiveCheck "mfa" and "users-without-mfa" in their guides in Chromium (built site, moto behind it)', () => {
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

	async function openCheckPage(baseUrl: string, guide = 'turn-on-mfa-aws') {
		const page = await (await browser.newContext()).newPage();
		const apiRequests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/api/')) apiRequests.push(request.url());
		});
		await page.goto(`${baseUrl}/guides/${guide}/`);
		// The MFA guide opens with the check; the same check sits again in the step it verifies.
		const mfa = page.locator(MFA).first();
		const account = page.locator(ACCOUNT);
		if (guide === 'turn-on-mfa-aws') await mfa.locator('.live-check-live:not([hidden])').waitFor();
		else await account.locator('.live-check-live:not([hidden])').waitFor();
		return { page, apiRequests, mfa, account };
	}

	it('shows a pass for a user with MFA, with identity, device, advice and time', async () => {
		const { page, apiRequests, mfa } = await openCheckPage(passServer.url);
		expect(apiRequests, 'nothing is requested before the reader asks').toEqual([]);
		await mfa.getByRole('button', { name: 'Check my MFA' }).click();
		const status = mfa.getByRole('status');
		await expect.poll(() => status.textContent(), POLL).toMatch(/^Pass: alice has 1 MFA device\.$/);
		expect(apiRequests).toEqual([`${passServer.url}/api/checks/mfa`]);
		const result = mfa.locator('[data-result]');
		expect(await result.textContent()).toContain('IAM user alice');
		const device = await result.getByRole('listitem').filter({ hasText: 'Authenticator app (virtual MFA)' }).textContent();
		expect(device).toContain('arn:aws:iam::123456789012:mfa/alice-phone');
		expect(device, 'the device shows when it was enabled').toMatch(/, enabled \d{4}-\d\d-\d\d$/);
		expect(await result.getByRole('heading', { name: 'MFA devices (1)' }).count()).toBe(1);
		expect(await result.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(await result.getByRole('link', { name: 'Step 9: Test the device' }).getAttribute('href')).toBe(
			'/guides/turn-on-mfa-aws/#step-9',
		);
		expect(await mfa.getAttribute('data-state')).toBe('pass');
		expect(await mfa.getByRole('button', { name: 'Check again' }).count()).toBe(1);
		expect(await axeViolations(page, { include: 'live-check' })).toEqual([]);
		await page.context().close();
	});

	it('shows a fail for a user without MFA and links the fix to step 3', async () => {
		const { page, mfa } = await openCheckPage(failServer.url);
		await mfa.getByRole('button', { name: 'Check my MFA' }).click();
		await expect
			.poll(() => mfa.getByRole('status').textContent(), POLL)
			.toContain('Fail: bob can sign in to the console with a password and has no MFA device.');
		const result = mfa.locator('[data-result]');
		expect(await result.textContent()).toContain('Console password');
		expect(await result.getByRole('heading', { name: 'MFA devices (0)' }).count()).toBe(1);
		expect(await result.getByRole('link', { name: 'Step 3: Assign MFA device' }).getAttribute('href')).toBe(
			'/guides/turn-on-mfa-aws/#step-3',
		);
		expect(await mfa.getAttribute('data-state')).toBe('fail');
		expect(await axeViolations(page, { include: 'live-check' })).toEqual([]);
		await page.context().close();
	});

	it('works by keyboard alone, including "Check again"', async () => {
		const { page, mfa } = await openCheckPage(failServer.url);
		const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		for (let presses = 0; presses < 40 && (await focusedText()) !== 'Check my MFA'; presses++) await page.keyboard.press('Tab');
		expect(await focusedText()).toBe('Check my MFA');
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedText(), POLL).toBe('Check again');
		await expect.poll(() => mfa.getByRole('status').textContent(), POLL).toMatch(/^Fail:/);
		await page.keyboard.press('Space');
		await expect.poll(() => mfa.getAttribute('aria-busy'), POLL).toBeNull();
		expect(await focusedText()).toBe('Check again');
		// From "Check again" the reader tabs on to the advice links.
		const visited: string[] = [];
		for (let presses = 0; presses < 10 && !visited.includes('Step 3: Assign MFA device'); presses++) {
			await page.keyboard.press('Tab');
			visited.push(await focusedText());
		}
		expect(visited).toContain('Step 3: Assign MFA device');
		await page.context().close();
	});

	it('runs the account check by keyboard in its guide', async () => {
		const { page, account } = await openCheckPage(failServer.url, 'find-users-without-mfa');
		const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		for (let presses = 0; presses < 60 && (await focusedText()) !== 'Check every user in the account'; presses++) {
			await page.keyboard.press('Tab');
		}
		expect(await focusedText()).toBe('Check every user in the account');
		await page.keyboard.press('Enter');
		await expect
			.poll(() => account.getByRole('status').textContent(), POLL)
			.toMatch(/^Fail: Can sign in to the console without MFA: .*bob/);
		expect(await account.getAttribute('data-state')).toBe('fail');
		const result = account.locator('[data-result]');
		expect(await result.getByRole('heading', { name: /Console password and no MFA/ }).count()).toBe(1);
		expect(await result.getByRole('listitem').allTextContents()).toContain('bob');
		expect(await result.textContent(), 'the report says how old it is').toMatch(/min ago; AWS regenerates it at most every four hours/);
		expect(await axeViolations(page, { include: 'live-check' })).toEqual([]);
		await page.context().close();
	});

	it('without JavaScript shows the AWS CLI commands, and no author step (npm) for the reader', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${passServer.url}/guides/turn-on-mfa-aws/`);
		expect(await page.locator(`${MFA} .live-check-live`).first().isVisible()).toBe(false);
		const manual = page.locator(`${MFA} .live-check-manual`).first();
		expect(await manual.getAttribute('open')).not.toBeNull();
		expect(await manual.textContent()).toContain('aws iam list-mfa-devices --user-name YOUR-USER-NAME');
		expect(await manual.textContent()).not.toContain('npm');
		await page.goto(`${passServer.url}/guides/find-users-without-mfa/`);
		const accountManual = page.locator(`${ACCOUNT} .live-check-manual`);
		expect(await accountManual.getAttribute('open')).not.toBeNull();
		expect(await accountManual.textContent()).toContain('aws iam generate-credential-report');
		await context.close();
	});
});
