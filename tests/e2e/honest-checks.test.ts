import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHECK_RESULTS_KEY } from '../../src/lib/progress/check-results-store';
import { startMotoWithAccessDeniedUser, type MotoUserKeys } from '../support/aws-fixtures';
import { axeViolations, axeViolationsByTheme, NO_VIOLATIONS } from '../support/axe';
import { CHROMIUM_ARGS } from '../support/chromium';
import { emitCompanion, startCompanion, type RunningCompanion } from '../support/companion';
import { awsEnvFor, type RunningMoto } from '../support/moto';
import { freePort, startSiteServer, type RunningServer } from '../support/server';
import { startSilentSite } from '../support/silent-site';
import { serveStatic } from '../../scripts/static-server.mjs';

/**
 * Live checks never falsely reassure, and lead with the path that works: each way a check can
 * learn nothing is reproduced for real (moto refusing the caller, a wrong key, a refused port, a
 * server that never answers), and the island, the checkup headline, its exports and the steps'
 * marks are read in Chromium. The published site is served under a public host name.
 */
const POLL = { timeout: 60_000 };

/** The longest tests here run several pages, axe in two themes and the exports: on a loaded machine, more than the default minute. */
const SLOW_TEST_MS = 180_000;
const PUBLIC_HOST = 'stepcheck.test';
/** What no reader-facing text may tell a reader to do. */
const AUTHOR_ADVICE = /\bnpm\b|\bclone\b|README|restart Stepcheck|npm start/i;

let browser: Browser;

beforeAll(async () => {
	browser = await chromium.launch({
		executablePath: inject('chromiumPath'),
		headless: true,
		// The static host listens on loopback; the browser reaches it by a public name, as a reader would.
		args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`],
	});
});
afterAll(async () => browser?.close());

/** The page's visible text with every fold opened: what a reader can read there. */
async function readableText(page: Page): Promise<string> {
	await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
	return page.evaluate(() => document.body.innerText);
}

/** A guide page with an MFA pass from an hour ago in the steps' marks: a run that learns nothing must not replace it. */
async function openGuideWithEarlierPass(page: Page, siteUrl: string) {
	const earlier = new Date(Date.now() - 3_600_000).toISOString();
	await page.goto(`${siteUrl}/guides/turn-on-mfa-aws/`);
	await page.evaluate(
		([key, checkedAt]) => localStorage.setItem(key!, JSON.stringify({ mfa: { verdict: 'pass', checkedAt } })),
		[CHECK_RESULTS_KEY, earlier],
	);
	await page.reload();
	const island = page.locator('live-check[data-check="mfa"]');
	await expect.poll(() => island.getAttribute('data-live-path'), POLL).toBe('local-server');
	return island;
}

/** What the reader takes away: the Markdown on the clipboard and the downloaded JSON, neither ever a pass; and printed, the same headline. */
async function takeAway(page: Page, checkup: Locator, headline: string) {
	await page.emulateMedia({ media: 'print' });
	expect(await checkup.locator('[data-summary]').isVisible()).toBe(true);
	expect(await checkup.locator('[data-summary]').textContent()).toBe(headline);
	expect(await checkup.locator('.checkup-table').isVisible()).toBe(true);
	await page.emulateMedia({ media: 'screen' });
	await checkup.getByRole('button', { name: 'Copy as Markdown' }).click();
	await expect.poll(() => checkup.locator('[data-action-status]').textContent(), POLL).toBe('Copied the checkup as Markdown.');
	const markdown = await page.evaluate(() => navigator.clipboard.readText());
	expect(markdown.split('\n')[2]).toBe(headline);
	expect(markdown).not.toMatch(/nothing to fix|\| Pass \|/i);
	const [download] = await Promise.all([page.waitForEvent('download'), checkup.getByRole('button', { name: 'Download JSON' }).click()]);
	const bodies = JSON.parse(await readFile((await download.path())!, 'utf8')) as Array<{
		verdict: string;
		couldNotCheck?: { cause: string; retryAfterSeconds?: number };
	}>;
	expect(bodies.filter((body) => body.verdict === 'pass')).toEqual([]);
	return { markdown, bodies };
}

async function expectEarlierPassKept(page: Page, siteUrl: string) {
	await page.goto(`${siteUrl}/guides/turn-on-mfa-aws/`);
	await expect.poll(() => page.locator('#step-9 .step-check-status').textContent(), POLL).toBe('Verified 1 hour ago');
}

describe('the published site, served as a public origin', () => {
	let host: Awaited<ReturnType<typeof serveStatic>>;
	let origin: string;

	beforeAll(async () => {
		host = await serveStatic(join(inject('outDir'), 'client'));
		origin = `http://${PUBLIC_HOST}:${host.port}`;
	});
	afterAll(async () => host?.stop());

	it.each([
		['the MFA guide', '/guides/turn-on-mfa-aws/', 'live-check[data-check="mfa"]'],
		['the checkup', '/check/', 'stepcheck-checkup'],
	])(
		'%s leads with CloudShell, asks nothing before a press, and names no author step',
		async (_name, path, box) => {
			for (const colorScheme of ['light', 'dark'] as const) {
				const context = await browser.newContext({ colorScheme });
				const page = await context.newPage();
				const requests: string[] = [];
				page.on('request', (request) => requests.push(request.url()));
				await page.goto(`${origin}${path}`);
				const live = page.locator(box);
				await expect.poll(() => live.getAttribute('data-live-path'), POLL).toBe('static');
				// The first thing a reader can press in the box is a way that works here.
				const first = live.locator('button:visible, summary:visible').first();
				expect(await first.textContent()).toMatch(/^\s*Check from AWS CloudShell \(nothing to install\)\s*$/);
				expect(await live.locator('[data-run]').isVisible()).toBe(false);
				// Nothing left the page for a check or the companion.
				expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
				expect(requests.filter((url) => url.includes('/api/'))).toEqual([]);
				expect(await axeViolations(page), colorScheme).toEqual([]);
				expect(await readableText(page)).not.toMatch(AUTHOR_ADVICE);
				expect(await page.locator('text=Node.js 22 or newer').count()).toBeGreaterThan(0);
				await context.close();
			}
		},
		SLOW_TEST_MS,
	);

	it('the companion that is not running, and something else on its port, are told apart', async () => {
		const port = await freePort();
		const context = await browser.newContext();
		const page = await context.newPage();
		// From the loopback address: a public http:// page may not reach the local network at all
		// (that case, "your browser blocked it", is tested over HTTPS in companion-and-cloudshell).
		await page.goto(`${host.url}/check/?companion-port=${port}`);
		const checkup = page.locator('stepcheck-checkup');
		await checkup.getByText('Check with the companion on your computer').click();
		await checkup.getByRole('button', { name: 'Run the checkup with the companion' }).click();
		await expect.poll(() => checkup.locator('[data-summary]').textContent(), POLL).toMatch(/^Nothing is listening on port \d+/);
		// A plain HTTP server on the port: not a companion.
		const { createServer: createHttpServer } = await import('node:http');
		const plain = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>'));
		await new Promise<void>((done) => plain.listen(port, '127.0.0.1', done));
		try {
			await checkup.getByRole('button', { name: 'Run the checkup with the companion' }).click();
			await expect
				.poll(() => checkup.locator('[data-summary]').textContent(), POLL)
				.toMatch(new RegExp(`^Something else is listening on port ${port} of this computer`));
			expect(await checkup.locator('[data-summary]').textContent()).not.toContain('refused');
			expect(await axeViolationsByTheme(page)).toEqual(NO_VIOLATIONS);
		} finally {
			await new Promise((done) => plain.close(done));
			await context.close();
		}
	});
});

describe('a public http:// page, blocked by the browser from reaching the companion', () => {
	let blockingBrowser: Browser;
	let host: Awaited<ReturnType<typeof serveStatic>>;
	let origin: string;
	let emitted: Awaited<ReturnType<typeof emitCompanion>>;
	let companion: RunningCompanion;

	beforeAll(async () => {
		host = await serveStatic(join(inject('outDir'), 'client'));
		origin = `http://${PUBLIC_HOST}:${host.port}`;
		// A running companion that answers this very origin: only the browser stands in the way.
		emitted = await emitCompanion({ siteOrigin: origin });
		companion = await startCompanion(emitted.file, emitted.folder, { AWS_CONFIG_FILE: '/nonexistent/stepcheck-config' });
		// The page is reached by a public name on a public address, over plain http: Chromium's Local
		// Network Access treats its requests to 127.0.0.1 as public-to-loopback, from a non-secure context.
		blockingBrowser = await chromium.launch({
			executablePath: inject('chromiumPath'),
			headless: true,
			args: [
				...CHROMIUM_ARGS,
				`--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`,
				`--ip-address-space-overrides=127.0.0.1:${host.port}=public`,
			],
		});
	});
	afterAll(async () => {
		await blockingBrowser?.close();
		await companion?.stop();
		await emitted?.remove();
		await host?.stop();
	});

	it(
		'the island and the checkup say the browser blocked it, never a pass, and lead to CloudShell',
		async () => {
			for (const colorScheme of ['light', 'dark'] as const) {
				const context = await blockingBrowser.newContext({ colorScheme });
				const page = await context.newPage();
				const before = companion.output().length;
				await page.goto(`${origin}/guides/backup-mfa-device/?companion-port=${companion.port}`);
				expect(await page.evaluate(() => isSecureContext)).toBe(false);
				const island = page.locator('live-check[data-check="backup-device"]');
				await expect.poll(() => island.getAttribute('data-live-path'), POLL).toBe('static');
				await island.getByText('Check with the companion on your computer', { exact: true }).click();
				await island.getByRole('button', { name: 'Check with the companion' }).click();
				await expect.poll(() => island.getAttribute('data-state'), POLL).toBe('error');
				expect(await island.locator('[data-status]').textContent()).toBe(
					'Your browser blocked this page from reaching the companion on your computer: the page is not served over HTTPS.',
				);
				const todo = (await island.locator('[data-result]').textContent())!;
				expect(todo).toContain('Check from AWS CloudShell instead');
				// Allowing local network access cannot work from a plain http:// page: the page does not ask for it.
				expect(todo).not.toMatch(/Allow this site|Site settings/);
				expect(await island.locator('[data-result]').textContent()).not.toMatch(/^Pass|Nothing to fix/);
				expect(await axeViolations(page, { include: 'live-check[data-check="backup-device"]' }), colorScheme).toEqual([]);
				// The way it names works here: the CloudShell fold opens on a command to copy and a box to paste into.
				await island.getByText('Check from AWS CloudShell (nothing to install)', { exact: true }).click();
				await expect.poll(() => island.locator('[data-mode="cloudshell"] pre code').first().isVisible(), POLL).toBe(true);
				expect(await island.locator('[data-mode="cloudshell"] pre code').first().textContent()).toContain('aws ');
				expect(await island.locator('[data-mode="cloudshell"] textarea').isVisible()).toBe(true);

				await page.goto(`${origin}/check/?companion-port=${companion.port}`);
				const checkup = page.locator('stepcheck-checkup');
				await expect.poll(() => checkup.getAttribute('data-live-path'), POLL).toBe('static');
				await checkup.getByText('Check with the companion on your computer', { exact: true }).click();
				await checkup.getByRole('button', { name: 'Run the checkup with the companion' }).click();
				await expect.poll(() => checkup.getAttribute('data-state'), POLL).toBe('unavailable');
				const headline = (await checkup.locator('[data-summary]').textContent())!;
				expect(headline).toMatch(
					/^Your browser blocked this page from reaching the companion on your computer: the page is not served over HTTPS\..*Check from AWS CloudShell instead/,
				);
				expect(headline).not.toMatch(/nothing to fix|fine/i);
				expect(await checkup.locator('[data-results]').isVisible()).toBe(false);
				// The CloudShell paste leads on this page, open and ready.
				expect(await checkup.locator('[data-paste-section]').getAttribute('open')).not.toBeNull();
				expect(await checkup.locator('[data-paste]').isVisible()).toBe(true);
				expect(await axeViolations(page, { include: 'stepcheck-checkup' }), colorScheme).toEqual([]);
				// No result was kept for the steps, and nothing reached the companion.
				expect(await page.evaluate((key) => localStorage.getItem(key), CHECK_RESULTS_KEY)).toBeNull();
				expect(companion.output().slice(before)).not.toMatch(/^(GET|POST|OPTIONS|HEAD) /m);
				await context.close();
			}
		},
		SLOW_TEST_MS,
	);
});

describe('could not check, each cause for real, on the local server', () => {
	let moto: RunningMoto;
	let erin: MotoUserKeys;
	let silent: Awaited<ReturnType<typeof startSilentSite>>;
	let downloads: string;
	const servers: RunningServer[] = [];

	beforeAll(async () => {
		({ moto, keys: erin } = await startMotoWithAccessDeniedUser());
		// Accepts and never answers: AWS that times out.
		silent = await startSilentSite();
		downloads = await mkdtemp(join(tmpdir(), 'stepcheck-honest-'));
	});
	afterAll(async () => {
		await Promise.all(servers.map((server) => server.stop()));
		await silent?.stop();
		await moto?.stop();
		await rm(downloads, { recursive: true, force: true });
	});

	const keysOf = (keys: MotoUserKeys) => ({ AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey });
	// No CLI config: the CLI check is not applicable, and every other check asks AWS.
	const noConfig = { AWS_CONFIG_FILE: '/nonexistent/stepcheck-config' };

	const CASES = [
		['access denied', () => awsEnvFor(moto.url, keysOf(erin)), 'access denied'],
		[
			'a wrong key',
			() => awsEnvFor(moto.url, { ...keysOf(erin), AWS_SECRET_ACCESS_KEY: 'wrong-secret-key-0000000000000000000000' }),
			'credentials rejected or expired',
		],
		// Empty keys, no files, no instance metadata: the SDK's chain finds nothing.
		['no credentials', () => awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }), 'no credentials found'],
		['a refused port', () => awsEnvFor(`http://127.0.0.1:1`, keysOf(erin)), 'no connection or no answer'],
		['a server that never answers', () => awsEnvFor(silent.url, keysOf(erin)), 'no connection or no answer'],
	] as const;

	it.each(CASES)(
		'%s: the island, the headline, the exports and the step marks say "could not check", and why',
		async (_name, env, label) => {
			const server = await startSiteServer(inject('outDir'), { ...env(), ...noConfig });
			servers.push(server);
			const context = await browser.newContext({ acceptDownloads: true });
			await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
			const page = await context.newPage();
			const island = await openGuideWithEarlierPass(page, server.url);
			await island.getByRole('button', { name: 'Check my MFA' }).click();
			await expect.poll(() => island.getAttribute('data-state'), POLL).toBe('error');
			const status = await island.locator('[data-status]').textContent();
			expect(status).toContain(`Could not check (${label}).`);
			expect(status).not.toMatch(/^Pass|Nothing to fix/);
			expect(status).not.toMatch(AUTHOR_ADVICE);
			expect(await island.locator('.live-could-not-check').textContent()).toContain(`Why: ${label}.`);
			if (label === 'access denied')
				expect(await island.locator('[data-result] pre code').textContent()).toContain('"iam:GetLoginProfile"');
			expect(await page.locator('#step-9 .step-check-status').textContent()).toBe('Verified 1 hour ago');
			expect(await axeViolationsByTheme(page, { include: 'live-check[data-check="mfa"]' })).toEqual(NO_VIOLATIONS);

			await page.goto(`${server.url}/check/`);
			const checkup = page.locator('stepcheck-checkup');
			await checkup.getByRole('button', { name: 'Run the checkup' }).click();
			await expect.poll(() => checkup.getAttribute('data-state'), POLL).toBe('done');
			const headline = (await checkup.locator('[data-summary]').textContent())!;
			expect(headline).toMatch(new RegExp(`^Could not check \\d+ of \\d+ \\(\\d+ ${label.replace(/[()]/g, '\\$&')}`));
			expect(headline).not.toMatch(/nothing to fix/i);
			// Access denied shows the one policy that lets every denied check read.
			const policy = checkup.locator('[data-denied-policy]');
			expect(await policy.isVisible()).toBe(label === 'access denied');
			if (label === 'access denied') expect(await policy.locator('code').textContent()).toContain('"iam:GetAccountSummary"');
			const verdicts = await checkup.locator('.checkup-table tbody tr td:nth-child(2)').allTextContents();
			expect(verdicts).not.toContain('Pass');
			expect(verdicts).toContain('Could not check');
			expect(await axeViolationsByTheme(page, { include: 'stepcheck-checkup' })).toEqual(NO_VIOLATIONS);

			const { markdown, bodies } = await takeAway(page, checkup, headline);
			expect(markdown).toContain(`| Could not check |`);
			// The policy the page shows travels with the Markdown, as a fenced JSON block, only when a check was denied.
			const block = /\n(`{3,})json\n([\s\S]*?)\n\1\n/.exec(markdown);
			expect(Boolean(block), markdown).toBe(label === 'access denied');
			if (block) expect(JSON.parse(block[2]!)).toEqual(JSON.parse((await policy.locator('code').textContent())!));
			expect(bodies.some((body) => body.couldNotCheck)).toBe(true);
			await expectEarlierPassKept(page, server.url);
			await context.close();
		},
		SLOW_TEST_MS,
	);
});

describe('could not check because of the rate limit, in Chromium', () => {
	let server: RunningServer;
	let spender: ReturnType<typeof keepSpent> | undefined;

	beforeAll(async () => {
		// AWS that refuses connections: a check the limit lets through still learns nothing, so nothing can pass.
		server = await startSiteServer(inject('outDir'), {
			...awsEnvFor('http://127.0.0.1:1'),
			AWS_CONFIG_FILE: '/nonexistent/stepcheck-config',
		});
	});
	afterAll(async () => {
		await spender?.stop();
		await server?.stop();
	});

	/**
	 * Keeps this client's checks spent until stopped: asks a check every 20 ms, so each token the
	 * limit refills (one per 2.5 s) is taken at once, and the browser, on the same loopback address,
	 * meets the limit for real.
	 */
	function keepSpent(): { stop: () => Promise<void>; refusals: () => number } {
		let running = true;
		let refused = 0;
		const loop = (async () => {
			while (running) {
				try {
					const response = await fetch(`${server.url}/api/checks/identity-center`, { headers: { Origin: server.url } });
					await response.body?.cancel();
					if (response.status === 429) refused += 1;
				} catch {
					running = false;
				}
				await new Promise((done) => setTimeout(done, 20));
			}
		})();
		return {
			stop: async () => {
				running = false;
				await loop;
			},
			refusals: () => refused,
		};
	}

	it(
		'the island, the headline, print, the exports and the step marks say "rate-limited" and when to try again, never a pass',
		async () => {
			const context = await browser.newContext({ acceptDownloads: true });
			await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
			const page = await context.newPage();
			const island = await openGuideWithEarlierPass(page, server.url);
			spender = keepSpent();
			const { refusals } = spender;
			await expect.poll(() => refusals(), POLL).toBeGreaterThan(0);
			await island.getByRole('button', { name: 'Check my MFA' }).click();
			await expect.poll(() => island.getAttribute('data-state'), POLL).toBe('error');
			expect(await island.locator('[data-status]').textContent()).toMatch(/^Could not check \(rate-limited\)\. .*Try again in \d+ s\.$/);
			expect(await page.locator('#step-9 .step-check-status').textContent()).toBe('Verified 1 hour ago');
			expect(await axeViolationsByTheme(page, { include: 'live-check[data-check="mfa"]' })).toEqual(NO_VIOLATIONS);

			await page.goto(`${server.url}/check/`);
			const checkup = page.locator('stepcheck-checkup');
			await checkup.getByRole('button', { name: 'Run the checkup' }).click();
			await expect.poll(() => checkup.getAttribute('data-state'), POLL).toBe('done');
			await spender.stop();
			const headline = (await checkup.locator('[data-summary]').textContent())!;
			expect(headline).toMatch(/^Could not check \d+ of \d+ \([^)]*\d+ rate-limited[^)]*\): try again in \d+ s/);
			expect(headline).not.toMatch(/nothing to fix/i);
			const verdicts = await checkup.locator('.checkup-table tbody tr td:nth-child(2)').allTextContents();
			expect(verdicts).toContain('Try again');
			expect(verdicts).not.toContain('Pass');
			expect(await checkup.getByRole('button', { name: /^Ask the (refused check|\d+ refused checks) again$/ }).isVisible()).toBe(true);
			expect(await axeViolationsByTheme(page, { include: 'stepcheck-checkup' })).toEqual(NO_VIOLATIONS);
			const { markdown, bodies } = await takeAway(page, checkup, headline);
			expect(markdown).toContain('| Try again |');
			expect(bodies.some((body) => body.couldNotCheck?.cause === 'rate-limited' && (body.couldNotCheck.retryAfterSeconds ?? 0) > 0)).toBe(
				true,
			);

			await expectEarlierPassKept(page, server.url);
			await context.close();
		},
		SLOW_TEST_MS,
	);
});
