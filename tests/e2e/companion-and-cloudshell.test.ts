import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMPANION_STATUS_PATH } from '../../src/companion/settings';
import { findCloudShellCheck, type CloudShellCheck } from '../../src/lib/checks/cloudshell';
import { createMotoUser, rawRequest } from '../support/aws-fixtures';
import { runInShell } from '../support/aws-cli';
import { axeViolations, axeViolationsByTheme, NO_VIOLATIONS } from '../support/axe';
import { CHROMIUM_ARGS } from '../support/chromium';
import { emitCompanion, startCompanion, type RunningCompanion } from '../support/companion';
import { awsEnvFor, SETUP_KEYS, startMoto, type RunningMoto } from '../support/moto';
import { freePort } from '../support/server';
import { serveStatic } from '../../scripts/static-server.mjs';

/**
 * The published site's two ways, in real Chromium: the static build is served over HTTPS on an
 * address Chromium is told to treat as public (`--ip-address-space-overrides`), so a request
 * to the companion on 127.0.0.1 is a public-to-loopback request under Local Network Access,
 * which needs the reader's permission (`local-network-access`) before anything leaves the page.
 */
const POLL = { timeout: 20_000 };

describe('live checks on the published (static) site', () => {
	let moto: RunningMoto;
	let host: Awaited<ReturnType<typeof serveStatic>>;
	let browser: Browser;
	let emitted: Awaited<ReturnType<typeof emitCompanion>>;
	let companion: RunningCompanion;
	let certDir: string;
	let keys: { accessKeyId: string; secretAccessKey: string };

	beforeAll(async () => {
		certDir = await mkdtemp(join(tmpdir(), 'stepcheck-tls-'));
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1',
				'-keyout',
				join(certDir, 'key.pem'),
				'-out',
				join(certDir, 'cert.pem'),
			],
			{ stdio: 'ignore' },
		);
		host = await serveStatic(join(inject('outDir'), 'client'), {
			tls: { key: await readFile(join(certDir, 'key.pem')), cert: await readFile(join(certDir, 'cert.pem')) },
		});
		moto = await startMoto();
		const iam = new IAMClient({
			region: 'us-east-1',
			endpoint: moto.url,
			credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
		});
		keys = await createMotoUser(iam, 'reader', { password: true, devices: 1 });
		// The file the build would emit for a site published at this origin.
		emitted = await emitCompanion({ siteOrigin: host.url });
		companion = await startCompanion(
			emitted.file,
			emitted.folder,
			awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey }),
		);
		browser = await chromium.launch({
			executablePath: inject('chromiumPath'),
			headless: true,
			args: [...CHROMIUM_ARGS, '--ignore-certificate-errors', `--ip-address-space-overrides=127.0.0.1:${host.port}=public`],
		});
	});
	afterAll(async () => {
		await browser?.close();
		await companion?.stop();
		await emitted?.remove();
		await host?.stop();
		await moto?.stop();
		await rm(certDir, { recursive: true, force: true });
	});

	/** Opens a guide as a reader would, with the local-network permission granted, denied or never asked. */
	async function openGuide(guide: string, options: { permission: 'granted' | 'denied' | 'never'; port: number }) {
		const context = await browser.newContext({ ignoreHTTPSErrors: true });
		if (options.permission === 'granted') await context.grantPermissions(['local-network-access'], { origin: host.url });
		const page = await context.newPage();
		if (options.permission === 'denied') {
			const { targetInfo } = await (await context.newCDPSession(page)).send('Target.getTargetInfo');
			await (
				await browser.newBrowserCDPSession()
			).send('Browser.setPermission', {
				permission: { name: 'local-network-access' },
				setting: 'denied',
				origin: host.url,
				browserContextId: targetInfo.browserContextId,
			});
		}
		const loopback: string[] = [];
		page.on('request', (request) => {
			if (!request.url().startsWith(host.url)) loopback.push(request.url());
		});
		await page.goto(`${host.url}/guides/${guide}/?companion-port=${options.port}`);
		return { page, loopback };
	}

	async function checkWithCompanion(page: Page, id: string) {
		const check = page.locator(`live-check[data-check="${id}"]`);
		await check.getByText('Check with the companion on your computer', { exact: true }).first().click();
		await check.getByRole('button', { name: 'Check with the companion' }).click();
		return check;
	}

	it('permission granted: the companion answers and the result renders like a same-origin one, with step links', async () => {
		const { page, loopback } = await openGuide('backup-mfa-device', { permission: 'granted', port: companion.port });
		const check = page.locator('live-check[data-check="backup-device"]');
		await check.getByText('Check with the companion on your computer', { exact: true }).first().click();
		expect(await check.getByRole('link', { name: 'stepcheck-companion.mjs' }).getAttribute('href')).toBe(
			'/companion/stepcheck-companion.mjs',
		);
		expect(loopback, 'nothing is sent before the reader presses the button').toEqual([]);
		await check.getByRole('button', { name: 'Check with the companion' }).click();
		await expect.poll(() => check.locator('[data-status]').textContent(), POLL).toBe('Fail: reader has one MFA device and no backup.');
		expect(await check.locator('.live-result.live-fail').count()).toBe(1);
		expect(await check.getByRole('link', { name: 'Step 3: Add the backup device' }).getAttribute('href')).toBe(
			'/guides/backup-mfa-device/#step-3',
		);
		expect(loopback).toEqual([
			`http://127.0.0.1:${companion.port}${COMPANION_STATUS_PATH}`,
			`http://127.0.0.1:${companion.port}/api/checks/backup-device`,
		]);
		await expect.poll(() => companion.output()).toContain(`GET backup-device from ${host.url}: fail`);
		expect(await axeViolations(page, { include: 'live-check[data-check="backup-device"]' })).toEqual([]);
		await page.context().close();
	});

	it('the downloadable file is served where the page links it, with the SHA-256 the page shows', async () => {
		const { page } = await openGuide('backup-mfa-device', { permission: 'never', port: companion.port });
		const shown = await page.locator('live-check[data-check="backup-device"] [data-mode="companion"] li code').first().textContent();
		const served = await page.request.get(`${host.url}/companion/stepcheck-companion.mjs`);
		expect(served.status()).toBe(200);
		expect(
			createHash('sha256')
				.update(await served.body())
				.digest('hex'),
		).toBe(shown);
		await page.context().close();
	});

	it('permission denied: says the browser blocked it and how to allow it, and nothing reaches the companion', async () => {
		const before = companion.output().length;
		const { page } = await openGuide('backup-mfa-device', { permission: 'denied', port: companion.port });
		const check = await checkWithCompanion(page, 'backup-device');
		await expect
			.poll(() => check.locator('[data-status]').textContent(), POLL)
			.toBe('Your browser blocked this page from reaching the companion on your computer.');
		expect(await check.locator('[data-result]').textContent()).toContain('Local network access');
		expect(companion.output().slice(before)).not.toContain('backup-device');
		expect(await axeViolationsByTheme(page, { include: 'live-check[data-check="backup-device"]' })).toEqual(NO_VIOLATIONS);
		await page.context().close();
	});

	it('companion not running: says so and shows the command again', async () => {
		const nothing = await freePort();
		const { page } = await openGuide('backup-mfa-device', { permission: 'granted', port: nothing });
		const check = await checkWithCompanion(page, 'backup-device');
		await expect
			.poll(() => check.locator('[data-status]').textContent(), POLL)
			.toBe(`Nothing is listening on port ${nothing} of this computer: the companion is not running.`);
		expect(await check.locator('[data-result] pre').textContent()).toBe(`node stepcheck-companion.mjs --port ${nothing}`);
		await page.context().close();
	});

	describe('a companion made for another site', () => {
		let foreign: Awaited<ReturnType<typeof emitCompanion>>;
		let other: RunningCompanion;
		beforeAll(async () => {
			foreign = await emitCompanion({ siteOrigin: 'https://stepcheck.test' });
			other = await startCompanion(foreign.file, foreign.folder, awsEnvFor(moto.url));
		});
		afterAll(async () => {
			await other?.stop();
			await foreign?.remove();
		});

		it('refuses this origin with 403 and no CORS headers; the page says to start it with --allow-origin', async () => {
			const direct = await rawRequest(`${other.url}/api/checks/backup-device`, {
				headers: { Origin: host.url, 'Sec-Fetch-Site': 'cross-site' },
			});
			expect(direct.status).toBe(403);
			expect(Object.keys(direct.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
			const { page } = await openGuide('backup-mfa-device', { permission: 'granted', port: other.port });
			const check = await checkWithCompanion(page, 'backup-device');
			await expect
				.poll(() => check.locator('[data-status]').textContent(), POLL)
				.toBe(`The companion on port ${other.port} refused this page: it answers only the site it was downloaded from, not ${host.url}.`);
			expect(await check.locator('[data-result] pre').textContent()).toBe(
				`node stepcheck-companion.mjs --port ${other.port} --allow-origin ${host.url}`,
			);
			expect(await axeViolationsByTheme(page, { include: 'live-check[data-check="backup-device"]' })).toEqual(NO_VIOLATIONS);
			await page.context().close();
		});

		it('refuses a foreign Host (DNS rebinding) with 403', async () => {
			const answer = await rawRequest(`${companion.url}/api/checks/backup-device`, {
				headers: { Host: `attacker.example:${companion.port}`, Origin: host.url },
			});
			expect(answer.status).toBe(403);
			expect(JSON.parse(answer.body).error.code).toBe('forbidden-host');
		});
	});

	describe('a companion of another result format', () => {
		let newer: Server;
		let port: number;
		beforeAll(async () => {
			port = await freePort();
			// Speaks the status contract, but a format this page does not know.
			newer = createServer((req, res) => {
				const cors = { 'Access-Control-Allow-Origin': host.url, 'Content-Type': 'application/json' };
				res.writeHead(200, cors).end(JSON.stringify({ service: 'stepcheck-companion', schemaVersion: 99, version: '9.0.0', checks: [] }));
			});
			await new Promise<void>((done) => newer.listen(port, '127.0.0.1', done));
		});
		afterAll(() => new Promise<void>((done) => newer.close(() => done())));

		it('says the companion is for another version of the site and to fetch it again', async () => {
			const { page } = await openGuide('backup-mfa-device', { permission: 'granted', port });
			const check = await checkWithCompanion(page, 'backup-device');
			await expect
				.poll(() => check.locator('[data-status]').textContent(), POLL)
				.toBe('The companion you are running is for another version of this site.');
			expect(await check.locator('[data-result]').textContent()).toContain('download it again');
			expect(await axeViolationsByTheme(page, { include: 'live-check[data-check="backup-device"]' })).toEqual(NO_VIOLATIONS);
			await page.context().close();
		});
	});

	describe('Check from AWS CloudShell', () => {
		const command = (id: string) => (findCloudShellCheck(id) as CloudShellCheck).command;

		it('shows the command, decides a real CLI output in the page, sends nothing, and renders pasted text only as text', async () => {
			const { page, loopback } = await openGuide('protect-root-user', { permission: 'never', port: companion.port });
			const check = page.locator('live-check[data-check="root-user"]');
			await check.getByText('Check from AWS CloudShell (nothing to install)', { exact: true }).click();
			await expect.poll(() => check.locator('[data-mode="cloudshell"] pre').textContent(), POLL).toBe(command('root-user'));
			const box = check.getByLabel('Output from CloudShell');
			await box.fill(
				await runInShell(command('root-user'), {
					AWS_ENDPOINT_URL: moto.url,
					AWS_ACCESS_KEY_ID: 'testing',
					AWS_SECRET_ACCESS_KEY: 'testing',
				}),
			);
			await check.getByRole('button', { name: 'Check the pasted output' }).click();
			await expect.poll(() => check.locator('[data-status]').textContent(), POLL).toMatch(/^Fail: The root user is not locked down/);
			expect(await check.getByRole('link', { name: 'Step 3: Give root a passkey or security key' }).getAttribute('href')).toBe(
				'/guides/protect-root-user/#step-3',
			);
			expect(await axeViolations(page, { include: 'live-check[data-check="root-user"]' })).toEqual([]);
			await box.fill('<img src=x onerror="document.title=\'pwned\'"> {"SummaryMap": ');
			await check.getByRole('button', { name: 'Check the pasted output' }).click();
			await expect.poll(() => check.locator('[data-status]').textContent(), POLL).toContain('The JSON stops before its end');
			expect(await check.locator('img').count()).toBe(0);
			expect(await page.title()).not.toBe('pwned');
			await box.fill('');
			await check.getByRole('button', { name: 'Check the pasted output' }).click();
			await expect.poll(() => check.locator('[data-status]').textContent(), POLL).toContain('The box is empty');
			expect(await axeViolations(page, { include: 'live-check[data-check="root-user"]' })).toEqual([]);
			expect(loopback, 'paste mode sends nothing anywhere').toEqual([]);
			await page.context().close();
		});

		it('says why a check cannot work from CloudShell (cli-mfa reads your own config file)', async () => {
			const { page } = await openGuide('mfa-aws-cli', { permission: 'never', port: companion.port });
			const check = page.locator('live-check[data-check="cli-mfa"]');
			await check.getByText('Check from AWS CloudShell (nothing to install)', { exact: true }).click();
			await expect
				.poll(() => check.locator('[data-mode="cloudshell"] [data-panel]').textContent(), POLL)
				.toContain('reads the AWS CLI config file on your own computer');
			await page.context().close();
		});
	});
});
