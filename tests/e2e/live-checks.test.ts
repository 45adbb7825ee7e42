import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findCheck } from '../../src/lib/checks/registry';
import { axeViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { accountSummary, callerIdentity, startFakeAws, type RunningFake } from '../support/fake-aws';
import { reportCsv, reportLine } from '../support/credential-report-rows';
import { credentialReportCsv, everyProbe, getUser, mfaDevices, reportComplete, simulation } from '../support/fake-iam-replies';
import { awsEnvFor } from '../support/moto';
import { startSiteServer, type RunningServer } from '../support/server';
import { serveStatic } from '../../scripts/static-server.mjs';

// A check is several AWS calls; a busy 2-core machine can take seconds.
const POLL = { timeout: 15_000 };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Each guide's check, what the fake AWS behind the server makes it say, and the step its first advice opens. */
const CASES = [
	{
		id: 'root-user',
		state: 'fail',
		guide: 'protect-root-user',
		status: /^Fail: The root user is not locked down: root can sign in with a password and no MFA, and root has access keys\.$/,
		link: 'Step 3: Give root a passkey or security key',
		href: '/guides/protect-root-user/#step-3',
	},
	{
		id: 'backup-device',
		state: 'fail',
		guide: 'backup-mfa-device',
		status: /^Fail: alice has one MFA device and no backup\.$/,
		link: 'Step 3: Add the backup device',
		href: '/guides/backup-mfa-device/#step-3',
	},
	{
		id: 'mfa-policy',
		state: 'fail',
		guide: 'require-mfa-policy',
		user: 'mfa-tester',
		status: /^Fail: mfa-tester can use ordinary actions without MFA/,
		link: 'Step 5: Attach the policy to the test group',
		href: '/guides/require-mfa-policy/#step-5',
	},
	{
		id: 'cli-mfa',
		state: 'warn',
		guide: 'mfa-aws-cli',
		status: /^Warning: The profile "default" has mfa_serial but no role_arn/,
		link: 'Step 5: Add a profile that asks for your code',
		href: '/guides/mfa-aws-cli/#step-5',
	},
	{
		id: 'users-without-mfa',
		state: 'fail',
		guide: 'find-users-without-mfa',
		status: /^Fail: Can sign in to the console without MFA: bob\.$/,
		link: 'Step 5: Follow up with each person',
		href: '/guides/find-users-without-mfa/#step-5',
	},
	{
		id: 'unused-credentials',
		state: 'fail',
		guide: 'remove-unused-credentials',
		status: /^Fail: Unused for 45 days or more: 1 console password\.$/,
		link: 'Step 5: Turn off unused console passwords',
		href: '/guides/remove-unused-credentials/#step-5',
	},
	{
		id: 'access-keys',
		state: 'fail',
		guide: 'manage-access-keys',
		status: /^Fail: Access keys to fix: 1 user with two active keys; 1 key older than 90 days\.$/,
		link: 'Step 5: Keep one active key per user',
		href: '/guides/manage-access-keys/#step-5',
	},
	{
		id: 'identity-center',
		state: 'unknown',
		guide: 'identity-center-mfa',
		status: /^Could not check \(cannot run on this path\)\. AWS offers no API that reads the MFA settings of IAM Identity Center/,
		link: 'Step 2: Go to the MFA settings',
		href: '/guides/identity-center-mfa/#step-2',
	},
] as const;

describe('LiveCheck in every guide (Chromium, built site, fake AWS behind it)', () => {
	let fake: RunningFake;
	let server: RunningServer;
	let browser: Browser;
	let configDir: string;

	beforeAll(async () => {
		fake = await startFakeAws({
			GetCallerIdentity: callerIdentity('arn:aws:iam::123456789012:user/alice'),
			GetAccountSummary: accountSummary({
				AccountMFAEnabled: 0,
				AccountPasswordPresent: 1,
				AccountAccessKeysPresent: 1,
				AccountSigningCertificatesPresent: 0,
			}),
			ListMFADevices: mfaDevices('alice', ['arn:aws:iam::123456789012:mfa/alice-phone']),
			GetUser: getUser('mfa-tester'),
			SimulatePrincipalPolicy: simulation(everyProbe('allowed')),
			GenerateCredentialReport: reportComplete,
			// alice is fine; bob has no MFA, a password unused for 97 days, and two active keys, one 200 days old.
			GetCredentialReport: credentialReportCsv(
				reportCsv([
					reportLine('alice', {
						mfa: true,
						password: { changed: daysAgo(300), used: daysAgo(1) },
						keys: [{ active: true, rotated: daysAgo(10), used: daysAgo(1) }],
					}),
					reportLine('bob', {
						password: { changed: daysAgo(300), used: daysAgo(97) },
						keys: [
							{ active: true, rotated: daysAgo(200), used: daysAgo(2) },
							{ active: true, rotated: daysAgo(5), used: daysAgo(1) },
						],
					}),
				]),
			),
		});
		configDir = await mkdtemp(join(tmpdir(), 'stepcheck-e2e-'));
		await writeFile(join(configDir, 'config'), '[default]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice-phone\n');
		server = await startSiteServer(inject('outDir'), { ...awsEnvFor(fake.url), AWS_CONFIG_FILE: join(configDir, 'config') });
		browser = await launchChromium(inject('chromiumPath'));
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await fake?.stop();
		await rm(configDir, { recursive: true, force: true });
	});

	async function openGuide(guide: string, id: string): Promise<{ page: Page; apiRequests: string[] }> {
		const page = await (await browser.newContext()).newPage();
		const apiRequests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/api/')) apiRequests.push(request.url());
		});
		await page.goto(`${server.url}/guides/${guide}/`);
		await page.locator(`live-check[data-check="${id}"] .live-check-live`).waitFor();
		return { page, apiRequests };
	}

	it.each(CASES.map((entry) => [entry.id, entry] as const))(
		'%s: renders inside its step, runs, and links its advice to the right step',
		async (id, entry) => {
			const { page, apiRequests } = await openGuide(entry.guide, id);
			const check = page.locator(`live-check[data-check="${id}"]`);
			const verifiedStep = findCheck(id)!.steps;
			expect(await check.evaluate((node) => node.closest('li[id^="step-"]')?.id ?? null), 'the check sits inside a step').toMatch(
				/^step-\d+$/,
			);
			expect(verifiedStep.length).toBeGreaterThan(0);
			expect(apiRequests, 'nothing is requested before the reader asks').toEqual([]);
			if ('user' in entry) await check.getByLabel(/IAM user to check/).fill(entry.user);
			await check.getByRole('button', { name: findCheck(id)!.action }).click();
			await expect.poll(() => check.getByRole('status').textContent(), POLL).toMatch(entry.status);
			expect(apiRequests).toEqual([`${server.url}/api/checks/${id}${'user' in entry ? `?user=${entry.user}` : ''}`]);
			const advice = check.getByRole('link', { name: entry.link });
			expect(await advice.getAttribute('href')).toBe(entry.href);
			expect(await check.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
			expect(await check.getAttribute('data-state')).toBe(entry.state);
			expect(await check.getByRole('button', { name: 'Check again' }).count()).toBe(1);
			// Each step the check verifies now shows the result; an unknown one leaves them unmarked.
			const remembered = { fail: 'Still failing (checked just now)', warn: 'Needs a look (checked just now)' } as Record<string, string>;
			for (const step of verifiedStep) {
				const shown = page.locator(`#step-${step} > .step-check-status`);
				if (remembered[entry.state]) expect(await shown.textContent(), `step ${step}`).toBe(remembered[entry.state]);
				else expect(await shown.count(), `step ${step}`).toBe(0);
			}
			expect(await axeViolations(page, { include: `live-check[data-check="${id}"]` })).toEqual([]);
			// The link opens the step it names, on this page.
			await advice.click();
			await expect.poll(() => page.evaluate(() => location.pathname + location.hash), POLL).toBe(entry.href);
			expect(await page.locator(`li${new URL(entry.href, server.url).hash}`).count()).toBe(1);
			await page.context().close();
		},
	);

	it('works by keyboard: type a user name, press Enter, hear the result', async () => {
		const { page } = await openGuide('require-mfa-policy', 'mfa-policy');
		const check = page.locator('live-check[data-check="mfa-policy"]');
		await check.getByLabel(/IAM user to check/).focus();
		await page.keyboard.type('mfa tester');
		await page.keyboard.press('Enter');
		await expect.poll(() => check.getByRole('status').textContent(), POLL).toContain('not a valid IAM user name');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Check the MFA policy');
		await page.context().close();
	});

	it.each(CASES.map((entry) => [entry.id, entry.guide] as const))('%s without JavaScript shows its manual commands', async (id, guide) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${server.url}/guides/${guide}/`);
		const check = page.locator(`live-check[data-check="${id}"]`);
		// Where the reader would be: a step below the fold is not painted until it is near.
		await check.scrollIntoViewIfNeeded();
		expect(await check.isVisible()).toBe(true);
		expect(await check.locator('.live-check-live').isVisible()).toBe(false);
		const manual = check.locator('.live-check-manual');
		expect(await manual.getAttribute('open')).not.toBeNull();
		const first = findCheck(id)!.manual[0]!;
		expect(await manual.textContent()).toContain(first.command ?? first.text);
		expect(await manual.isVisible()).toBe(true);
		await context.close();
	});
});

describe('LiveCheck on a static host (no endpoint)', () => {
	let host: Awaited<ReturnType<typeof serveStatic>>;
	let browser: Browser;

	beforeAll(async () => {
		host = await serveStatic(join(inject('outDir'), 'client'));
		browser = await launchChromium(inject('chromiumPath'));
	});
	afterAll(async () => {
		await browser?.close();
		await host?.stop();
	});

	it.each([
		['backup-device', '/guides/backup-mfa-device/'],
		['root-user', '/guides/protect-root-user/'],
	])('%s on %s falls back to the manual commands when the endpoint is absent', async (id, path) => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${host.url}${path}`);
		const check = page.locator(`live-check[data-check="${id}"]`);
		const manual = check.locator('.live-check-manual');
		expect(await manual.getAttribute('open')).toBeNull();
		await check.getByRole('button', { name: findCheck(id)!.action }).click();
		await expect.poll(() => check.getByRole('status').textContent(), POLL).toContain('This site has no live check of its own.');
		expect(await manual.getAttribute('open')).not.toBeNull();
		expect(await check.getAttribute('data-state')).toBe('error');
		expect(await manual.textContent()).not.toMatch(/npm|README|restart Stepcheck/);
		expect(await axeViolations(page, { include: 'live-check' })).toEqual([]);
		await page.context().close();
	});
});
