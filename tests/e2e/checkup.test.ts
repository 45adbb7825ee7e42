import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { seedCheckupAccount } from '../support/checkup-account';
import { launchChromium } from '../support/chromium';
import { emitCompanion, startCompanion, type RunningCompanion } from '../support/companion';
import { runInShell } from '../support/aws-cli';
import { checkupPasteCommand } from '../../src/lib/checkup/paste-checkup';
import { CHECK_IDS } from '../../src/lib/checks/registry';
import type { MotoUserKeys } from '../support/aws-fixtures';
import { startMoto, type RunningMoto } from '../support/moto';
import { startSiteServer, type RunningServer } from '../support/server';
import { serveStatic } from '../../scripts/static-server.mjs';

/**
 * The checkup on /check/, in Chromium against the built site and the real server, with a
 * moto account behind it: alice (MFA), bob (no MFA), carol (two devices, the caller), dave (two
 * access keys), a role,
 * and an AWS CLI config whose default profile has mfa_serial but no role_arn.
 */

// Eleven checks, several AWS calls each, on a busy 2-core machine.
const POLL = { timeout: 30_000 };

/** The table a reader gets, riskiest first, when they tick the account-wide check. */
const EXPECTED_TABLE = [
	[
		'Root user check',
		'Fail',
		'The root user is not locked down: root can sign in with a password and no MFA.',
		'Step 3: Give root a passkey or security key',
		'/guides/protect-root-user/#step-3',
	],
	[
		'MFA policy check',
		'Fail',
		'carol can use ordinary actions without MFA: no policy requires it.',
		'Step 5: Attach the policy to the test group',
		'/guides/require-mfa-policy/#step-5',
	],
	[
		'Users without MFA',
		'Fail',
		'Can sign in to the console without MFA: bob.',
		'Step 5: Follow up with each person',
		'/guides/find-users-without-mfa/#step-5',
	],
	[
		'Password policy check',
		'Fail',
		"The account has no password policy of its own, so IAM's default applies: 8 characters and any password may be reused. Set a policy.",
		'Step 3: Open the password policy',
		'/guides/password-policy/#step-3',
	],
	[
		'Access keys',
		'Fail',
		'Access keys to fix: 2 keys of console users never used; 1 user with two active keys.',
		'Step 4: Delete keys nobody uses',
		'/guides/manage-access-keys/#step-4',
	],
	[
		'Permissions through groups and roles',
		'Fail',
		'Permissions to fix: FullAdmin allows every action on every resource; bob has policies of their own; AWSCloudShellFullAccess is attached to group developers.',
		'Step 5: Replace full administrator policies',
		'/guides/permissions-through-groups/#step-5',
	],
	[
		'Expired server certificates',
		'Fail',
		'Expired server certificates are still stored in IAM: old-www-example-com.',
		'Step 6: Delete expired certificates',
		'/guides/account-access-controls/#step-6',
	],
	[
		'AWS CLI profile check',
		'Warning',
		'The profile "default" has mfa_serial but no role_arn, so the CLI never asks for a code with it.',
		'Step 5: Add a profile that asks for your code',
		'/guides/mfa-aws-cli/#step-5',
	],
	['Live MFA check', 'Pass', 'carol has 2 MFA devices.', 'Step 9: Test the device', '/guides/turn-on-mfa-aws/#step-9'],
	[
		'Backup MFA device check',
		'Pass',
		'carol has 2 MFA devices.',
		'Step 4: Sign in with the backup once',
		'/guides/backup-mfa-device/#step-4',
	],
	[
		'Unused credentials',
		'Pass',
		'No console password or active access key of the 4 users has gone unused for 45 days.',
		'Step 7: Keep it that way',
		'/guides/remove-unused-credentials/#step-7',
	],
	[
		'Identity Center MFA',
		'Not applicable',
		'You are signed in as an IAM user, not through IAM Identity Center. If your organization uses it, look at its MFA settings in the guide.',
		'Turn on MFA in IAM Identity Center, step 3',
		'/guides/identity-center-mfa/#step-3',
	],
];
const EXPECTED_SUMMARY = '7 things to fix, 1 to look at, 3 fine, 1 not applicable.';

/** The table as text: check, verdict, finding, link text and link target per row. */
async function tableRows(page: Page): Promise<string[][]> {
	return page.locator('.checkup-table tbody tr').evaluateAll((rows) =>
		rows.map((row) => {
			const cells = [...row.children].map((cell) => cell.textContent?.trim() ?? '');
			return [...cells, row.querySelector('a')?.getAttribute('href') ?? ''];
		}),
	);
}

describe('the checkup on the local server', () => {
	let moto: RunningMoto;
	let carol: MotoUserKeys;
	let configDir: string;
	let browser: Browser;
	const servers: RunningServer[] = [];

	/** One server per test that runs checks: the rate limit is per server and per client. */
	async function server(): Promise<RunningServer> {
		const { env } = await seedOnce();
		const started = await startSiteServer(inject('outDir'), { ...env, AWS_CONFIG_FILE: join(configDir, 'config') });
		servers.push(started);
		return started;
	}
	let seeded: ReturnType<typeof seedCheckupAccount> | undefined;
	const seedOnce = () => (seeded ??= seedCheckupAccount(moto));

	beforeAll(async () => {
		moto = await startMoto({ loadManagedPolicies: true });
		({ carol } = await seedOnce());
		configDir = await mkdtemp(join(tmpdir(), 'stepcheck-checkup-'));
		await writeFile(join(configDir, 'config'), '[default]\nmfa_serial = arn:aws:iam::123456789012:mfa/carol-phone\n');
		browser = await launchChromium(inject('chromiumPath'));
	});
	afterAll(async () => {
		await browser?.close();
		await Promise.all(servers.map((running) => running.stop()));
		await moto?.stop();
		await rm(configDir, { recursive: true, force: true });
	});

	async function openCheckup(baseUrl: string, options: { colorScheme?: 'light' | 'dark' } = {}) {
		const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
		const page = await context.newPage();
		const requests: string[] = [];
		page.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`));
		await page.goto(`${baseUrl}/check/`);
		return { context, page, requests, checkup: page.locator('stepcheck-checkup') };
	}

	const apiRequests = (requests: string[]) => requests.filter((request) => request.includes('/api/')).sort();

	let shared: { context: BrowserContext; page: Page; baseUrl: string };

	it('runs every check that applies, once, and shows the table riskiest first with the step that fixes each finding', async () => {
		const running = await server();
		const { context, page, requests, checkup } = await openCheckup(running.url);
		shared = { context, page, baseUrl: running.url };
		expect(apiRequests(requests), 'nothing is asked before the reader presses the button').toEqual([]);
		expect(
			requests.some((request) => request.includes('checkup-island')),
			'the checkup code loads when the reader starts it',
		).toBe(false);
		await checkup.getByLabel(/Also check every user in the account/).check();
		await checkup.getByRole('button', { name: 'Run the checkup' }).click();
		await expect.poll(() => checkup.locator('[data-summary]').textContent(), POLL).toBe(EXPECTED_SUMMARY);
		expect(requests.some((request) => request.includes('checkup-island'))).toBe(true);
		expect(apiRequests(requests)).toEqual([
			'GET /api/checks/backup-device',
			'GET /api/checks/cli-mfa',
			'GET /api/checks/mfa',
			'GET /api/checks/mfa-policy',
			'GET /api/checks/password-policy',
			'GET /api/checks/permissions',
			'GET /api/checks/root-user',
			'GET /api/checks/server-certificates',
			'POST /api/checks/access-keys',
			'POST /api/checks/unused-credentials',
			'POST /api/checks/users-without-mfa',
		]);
		expect(await tableRows(page)).toEqual(
			EXPECTED_TABLE.map(([check, verdict, finding, label, href]) => [check, verdict, finding, label, href]),
		);
		expect(await checkup.locator('[data-meta]').textContent()).toMatch(/^Checked .+ as IAM user carol \(account 123456789012\)\.$/);
		expect(await checkup.getByRole('status').first().getAttribute('aria-live')).toBeNull();
		expect(await page.getByRole('button', { name: 'Run the checkup again' }).count()).toBe(1);
	});

	it('Copy as Markdown and Download JSON carry the results and never a key', async () => {
		// The results of the first run, on its page: another run on this server would meet the rate limit.
		const { page: first, baseUrl } = shared;
		const firstCheckup = first.locator('stepcheck-checkup');
		await expect.poll(() => firstCheckup.locator('[data-summary]').textContent(), POLL).toBe(EXPECTED_SUMMARY);
		await firstCheckup.getByRole('button', { name: 'Copy as Markdown' }).click();
		await expect.poll(() => firstCheckup.locator('[data-action-status]').textContent(), POLL).toBe('Copied the checkup as Markdown.');
		const markdown = await first.evaluate(() => navigator.clipboard.readText());
		const lines = markdown.split('\n');
		expect(lines[0]).toBe('## AWS account checkup (Stepcheck)');
		expect(lines[2]).toBe(EXPECTED_SUMMARY);
		expect(lines[4]).toMatch(/^Checked \d{4}-\d\d-\d\d \d\d:\d\d UTC as IAM user carol\.$/);
		expect(lines[8]).toBe(
			'| Root user check | Fail | The root user is not locked down: root can sign in with a password and no MFA. | [Step 3: Give root a passkey or security key](https://stepcheck.dev/guides/protect-root-user/#step-3) |'.replace(
				'https://stepcheck.dev/',
				(await firstCheckup.getAttribute('data-site')) || `${baseUrl}/`,
			),
		);
		expect(lines.filter((line) => line.startsWith('| ')).length).toBe(2 + EXPECTED_TABLE.length);

		const [download] = await Promise.all([
			first.waitForEvent('download'),
			firstCheckup.getByRole('button', { name: 'Download JSON' }).click(),
		]);
		expect(download.suggestedFilename()).toMatch(/^stepcheck-checkup-\d{4}-\d\d-\d\d\.json$/);
		const json = await readFile((await download.path())!, 'utf8');
		const bodies = JSON.parse(json) as Array<{ check: string; verdict: string; schemaVersion: number }>;
		expect(bodies.map((body) => [body.check, body.verdict])).toEqual([
			['mfa', 'pass'],
			['root-user', 'fail'],
			['backup-device', 'pass'],
			['mfa-policy', 'fail'],
			['cli-mfa', 'warn'],
			['users-without-mfa', 'fail'],
			['password-policy', 'fail'],
			['unused-credentials', 'pass'],
			['access-keys', 'fail'],
			['permissions', 'fail'],
			['server-certificates', 'fail'],
		]);
		// Exactly what the API answers: the same check asked directly has the same fields.
		const direct = await (await fetch(`${baseUrl}/api/checks/identity-center`)).json();
		expect(Object.keys(bodies[0]!).slice(0, 4)).toEqual(Object.keys(direct).slice(0, 4));
		for (const text of [markdown, json]) {
			expect(text).not.toContain(carol.accessKeyId);
			expect(text).not.toContain(carol.secretAccessKey);
			expect(text).not.toMatch(/AKIA[A-Z0-9]{16}|aws_secret_access_key/i);
		}
	});

	it('shows a check refused by the rate limit as "try again in N s", not as a failure', async () => {
		const { page } = shared;
		const checkup = page.locator('stepcheck-checkup');
		// A client may ask two whole checkups a minute (and each account check 3 times): run again until
		// the limit refuses, a few runs at most.
		const limited = /^Could not check \d+ of \d+ \(\d+ rate-limited\): try again in \d+ s(, |\.$)/;
		for (let runs = 0; runs < 4 && !limited.test((await checkup.locator('[data-summary]').textContent()) ?? ''); runs++) {
			await checkup.getByRole('button', { name: 'Run the checkup again' }).click();
			await expect
				.poll(
					async () =>
						(await checkup.getAttribute('data-state')) === 'done' && Boolean(await checkup.locator('[data-summary]').textContent()),
					POLL,
				)
				.toBe(true);
		}
		expect(await checkup.locator('[data-summary]').textContent()).toMatch(limited);
		expect(await checkup.locator('[data-summary]').textContent()).not.toMatch(/nothing to fix/i);
		const rows = await tableRows(page);
		const refused = rows.filter((row) => row[1] === 'Try again');
		expect(refused.length).toBeGreaterThan(0);
		for (const row of refused)
			expect(row[2]).toMatch(/^Could not check \(rate-limited\): too many checks in a minute\. Try again in \d+ s\.$/);
		expect(rows.filter((row) => row[1] === 'Fail').length + refused.length).toBeGreaterThanOrEqual(3);
		expect(rows.map((row) => row[1])).not.toContain('Could not check');
		const retry = checkup.getByRole('button', { name: /^Ask the (\d+ )?refused checks? again$/ });
		expect(await retry.isVisible()).toBe(true);
	});

	it('marks the verified steps in each guide with the last result', async () => {
		const { page, baseUrl } = shared;
		// The step the first run's fix link names (its href is checked in the first test) shows the last
		// result. The run just before was refused whole by the rate limit, so the table has no fix links now.
		await page.goto(`${baseUrl}/guides/protect-root-user/#step-3`);
		const status = (step: number) => page.locator(`#step-${step} .step-check-status`);
		await expect.poll(() => status(3).textContent(), POLL).toBe('Still failing (checked just now)');
		expect(await axeViolations(page, { include: '#step-3' })).toEqual([]);
		await page.goto(`${baseUrl}/guides/turn-on-mfa-aws/#step-9`);
		await expect.poll(() => status(9).textContent(), POLL).toBe('Verified just now');
		expect(await status(3).textContent()).toBe('Verified just now');
		expect(await status(8).textContent()).toBe('Verified just now');
		// A guide no check has run for shows nothing.
		await page.goto(`${baseUrl}/guides/identity-center-mfa/`);
		expect(await page.locator('.step-check-status').count()).toBe(0);
	});

	it('works by keyboard alone: tick, run, hear the summary once, reach the fixes and the exports', async () => {
		const running = await server();
		const { page, checkup, context } = await openCheckup(running.url);
		const focused = () =>
			page.evaluate(() => document.activeElement?.textContent?.trim() || (document.activeElement as HTMLInputElement)?.id);
		for (let presses = 0; presses < 40 && (await focused()) !== 'checkup-account-wide'; presses++) await page.keyboard.press('Tab');
		expect(await focused()).toBe('checkup-account-wide');
		await page.keyboard.press('Space');
		expect(await checkup.getByLabel(/Also check every user/).isChecked()).toBe(true);
		await page.keyboard.press('Tab');
		expect(await focused()).toBe('Run the checkup');
		// Count what the live region says: the summary is its one announcement.
		await page.evaluate(() => {
			const region = document.querySelector('[data-summary]')!;
			const heard: string[] = [];
			new MutationObserver(() => region.textContent && heard.push(region.textContent)).observe(region, {
				childList: true,
				characterData: true,
				subtree: true,
			});
			(window as unknown as { heard: string[] }).heard = heard;
		});
		await page.keyboard.press('Enter');
		await expect.poll(() => checkup.locator('[data-summary]').textContent(), POLL).toBe(EXPECTED_SUMMARY);
		expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([EXPECTED_SUMMARY]);
		expect(await focused()).toBe('Run the checkup again');
		const visited: string[] = [];
		for (let presses = 0; presses < 24 && (await focused()) !== 'Download JSON'; presses++) {
			await page.keyboard.press('Tab');
			visited.push(String(await focused()));
		}
		// The reader-path choices come first; then every fix, in table order.
		const firstFix = visited.indexOf(EXPECTED_TABLE[0]![3]!);
		expect(visited.slice(firstFix, firstFix + EXPECTED_TABLE.length)).toEqual(EXPECTED_TABLE.map((row) => row[3]));
		expect(visited.at(-1)).toBe('Download JSON');
		await context.close();
	});

	it.each(['light', 'dark'] as const)('has no axe violation in the %s theme, before and after a run', async (theme) => {
		const running = await server();
		const { page, checkup, context } = await openCheckup(running.url, { colorScheme: theme });
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
		expect(await axeViolations(page)).toEqual([]);
		await checkup.getByRole('button', { name: 'Run the checkup' }).click();
		await expect.poll(() => checkup.locator('[data-summary]').textContent(), POLL).toMatch(/fine/);
		// Without the tick, the account-wide check says why it did not run.
		const rows = await tableRows(page);
		expect(rows.find((row) => row[0] === 'Users without MFA')?.slice(1, 3)).toEqual([
			'Not applicable',
			'Not run: it asks AWS to generate a report for the whole account. Tick the box above the button to include it.',
		]);
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});

	it('prints on one page: the summary and the table, none of the controls', async () => {
		const running = await server();
		const { page, checkup, context } = await openCheckup(running.url);
		await checkup.getByLabel(/Also check every user in the account/).check();
		await checkup.getByRole('button', { name: 'Run the checkup' }).click();
		await expect.poll(() => checkup.locator('[data-summary]').textContent(), POLL).toBe(EXPECTED_SUMMARY);
		await page.emulateMedia({ media: 'print' });
		for (const hidden of ['.site-header', '.site-footer', '[data-run]', '[data-account-wide]', '[data-copy]', '.checkup-manual']) {
			expect(await page.locator(hidden).first().isVisible(), `${hidden} is not printed`).toBe(false);
		}
		expect(await page.locator('.checkup-table').isVisible()).toBe(true);
		expect(await checkup.locator('[data-summary]').isVisible()).toBe(true);
		const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
		expect(pdf.match(/\/Type\s*\/Page\b/g)?.length, 'pages in the printed checkup').toBe(1);
		await context.close();
	});

	it('without JavaScript lists every check with a link to its guide, and no author step (npm) for the reader', async () => {
		const running = servers[0]!;
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${running.url}/check/`);
		expect(await page.getByRole('button', { name: 'Run the checkup' }).isVisible()).toBe(false);
		await page.getByText('Check by hand').click();
		const links = await page.locator('.checkup-manual li a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
		expect(links).toHaveLength(CHECK_IDS.length);
		expect(links).toContain('/guides/protect-root-user/#step-3');
		expect(await page.locator('.checkup-manual').textContent()).not.toContain('npm');
		await context.close();
	});
});

describe('the checkup on a static host (no endpoint)', () => {
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

	it('says this site has no checkup of its own, names the reader’s paths and opens the manual list', async () => {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`${host.url}/check/`);
		const checkup = page.locator('stepcheck-checkup');
		await checkup.getByRole('button', { name: 'Run the checkup' }).click();
		await expect
			.poll(() => checkup.locator('[data-summary]').textContent(), POLL)
			.toBe('This site has no checkup of its own. Check from AWS CloudShell or with the companion (above), or by hand (below).');
		expect(await checkup.locator('.checkup-manual').getAttribute('open')).not.toBeNull();
		expect(await checkup.locator('.checkup-table').isVisible()).toBe(false);
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});
});

describe('the checkup on a static host through the companion', () => {
	let host: Awaited<ReturnType<typeof serveStatic>>;
	let moto: RunningMoto;
	let emitted: Awaited<ReturnType<typeof emitCompanion>>;
	let companion: RunningCompanion;
	let configDir: string;
	let browser: Browser;

	beforeAll(async () => {
		host = await serveStatic(join(inject('outDir'), 'client'));
		moto = await startMoto({ loadManagedPolicies: true });
		const { env } = await seedCheckupAccount(moto);
		configDir = await mkdtemp(join(tmpdir(), 'stepcheck-checkup-companion-'));
		await writeFile(join(configDir, 'config'), '[default]\nmfa_serial = arn:aws:iam::123456789012:mfa/carol-phone\n');
		// The companion answers pages from the site it was built for: here, the static host.
		emitted = await emitCompanion({ siteOrigin: host.url });
		companion = await startCompanion(emitted.file, emitted.folder, { ...env, AWS_CONFIG_FILE: join(configDir, 'config') });
		browser = await launchChromium(inject('chromiumPath'));
	});
	afterAll(async () => {
		await browser?.close();
		await companion?.stop();
		await emitted?.remove();
		await moto?.stop();
		await host?.stop();
		await rm(configDir, { recursive: true, force: true });
	});

	it('gives the same table as the local server', async () => {
		const page = await (await browser.newContext()).newPage();
		const requests: string[] = [];
		page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
		await page.goto(`${host.url}/check/?companion-port=${companion.port}`);
		const checkup = page.locator('stepcheck-checkup');
		await checkup.getByLabel(/Also check every user in the account/).check();
		await checkup.getByRole('button', { name: 'Run the checkup' }).click();
		await expect.poll(() => checkup.getAttribute('data-state'), POLL).toBe('done');
		// The companion never carries the MFA policy check's local evaluation, and moto has no policy
		// simulator: that one check could not check here, ranked below the findings; every other row is the server's.
		const mfaPolicy = EXPECTED_TABLE.find((row) => row[0] === 'MFA policy check')!;
		const cliRow = EXPECTED_TABLE.findIndex((row) => row[0] === 'AWS CLI profile check');
		const rows = await tableRows(page);
		const others = EXPECTED_TABLE.filter((row) => row !== mfaPolicy);
		expect(rows.filter((row) => row[0] !== 'MFA policy check')).toEqual(others);
		expect(rows.findIndex((row) => row[0] === 'MFA policy check')).toBe(cliRow);
		expect(rows.find((row) => row[0] === 'MFA policy check')!.slice(0, 2)).toEqual(['MFA policy check', 'Could not check']);
		expect(await checkup.locator('[data-summary]').textContent()).toMatch(
			/^Could not check 1 of 11 \(.+\), 6 things to fix, 1 to look at, 3 fine, 1 not applicable\.$/,
		);
		// The site's own origin has no endpoint; every check went to the companion once.
		const toCompanion = requests.filter((request) => request.includes(`127.0.0.1:${companion.port}/api/checks/`));
		expect(toCompanion.map((request) => request.replace(/ .*\//, ' ')).sort()).toEqual([
			'GET backup-device',
			'GET cli-mfa',
			'GET mfa',
			'GET mfa-policy',
			'GET password-policy',
			'GET permissions',
			'GET root-user',
			'GET server-certificates',
			'POST access-keys',
			'POST unused-credentials',
			'POST users-without-mfa',
		]);
		expect(companion.output()).toContain(`GET mfa from ${host.url}: pass`);
		await page.context().close();
	});
});

describe('the checkup from one CloudShell paste', () => {
	let host: Awaited<ReturnType<typeof serveStatic>>;
	let moto: RunningMoto;
	let browser: Browser;
	let pasted: string;

	beforeAll(async () => {
		host = await serveStatic(join(inject('outDir'), 'client'));
		moto = await startMoto({ loadManagedPolicies: true });
		const { carol } = await seedCheckupAccount(moto);
		// What CloudShell prints for the whole command, captured with the real AWS CLI as carol.
		pasted = await runInShell(
			checkupPasteCommand(CHECK_IDS),
			{ AWS_ENDPOINT_URL: moto.url, AWS_ACCESS_KEY_ID: carol.accessKeyId, AWS_SECRET_ACCESS_KEY: carol.secretAccessKey },
			300_000,
		);
		browser = await launchChromium(inject('chromiumPath'));
	}, 400_000);
	afterAll(async () => {
		await browser?.close();
		await moto?.stop();
		await host?.stop();
	});

	it('shows the command that matches the tick, reads one paste, and gives the table with what CloudShell cannot check as could not check', async () => {
		const page = await (await browser.newContext()).newPage();
		const requests: string[] = [];
		page.on('request', (request) => requests.push(new URL(request.url()).pathname));
		await page.goto(`${host.url}/check/`);
		const checkup = page.locator('stepcheck-checkup');
		await checkup.getByText('Check from AWS CloudShell (nothing to install)').click();
		const shownCommand = () => checkup.locator('.checkup-command:visible pre code').textContent();
		expect(await shownCommand()).toBe(
			checkupPasteCommand(CHECK_IDS.filter((id) => !['users-without-mfa', 'unused-credentials', 'access-keys'].includes(id))),
		);
		await checkup.getByLabel(/Also check every user in the account/).check();
		expect(await shownCommand()).toBe(checkupPasteCommand(CHECK_IDS));
		await checkup.getByLabel('Copy everything it printed and paste it here:').fill(pasted);
		await checkup.getByRole('button', { name: 'Read the paste' }).click();
		await expect.poll(() => checkup.getAttribute('data-state'), POLL).toBe('done');
		const rows = await tableRows(page);
		const byCheck = new Map(EXPECTED_TABLE.map((row) => [row[0], row]));
		// The checks CloudShell can run say what the server says; the others say why not. moto has no
		// policy simulator, which is all paste mode asks for the MFA policy check, so that one could not check
		// here, and the CLI check cannot run in CloudShell at all.
		expect(rows.map((row) => [row[0], row[1]])).toEqual([
			['Root user check', 'Fail'],
			['Users without MFA', 'Fail'],
			['Password policy check', 'Fail'],
			['Access keys', 'Fail'],
			['Permissions through groups and roles', 'Fail'],
			['Expired server certificates', 'Fail'],
			['MFA policy check', 'Could not check'],
			['AWS CLI profile check', 'Could not check'],
			['Live MFA check', 'Pass'],
			['Backup MFA device check', 'Pass'],
			['Unused credentials', 'Pass'],
			['Identity Center MFA', 'Not applicable'],
		]);
		for (const row of [...rows.slice(0, 6), ...rows.slice(8, 11)]) expect(row).toEqual(byCheck.get(row[0]!));
		expect(rows[7]![2]).toMatch(/^Could not check \(cannot run on this path\)\. This check reads the AWS CLI config file/);
		const summary = await checkup.locator('[data-summary]').textContent();
		expect(summary).toMatch(/^Could not check 2 of 11 \(.*1 cannot run on this path.*\), 6 things to fix, 3 fine, 1 not applicable\.$/);
		expect(
			requests.filter((path) => path.startsWith('/api/')),
			'paste mode sends nothing',
		).toEqual([]);
		expect(await axeViolations(page)).toEqual([]);
		await page.context().close();
	});
});
