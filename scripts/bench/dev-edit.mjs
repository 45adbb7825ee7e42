// @ts-check
/**
 * What an author feels all day in `astro dev`: the guide is open in the browser, they save a
 * change to its text, and wait for the page to show it. Timed from just before the file is
 * written to the frame in which the page's text holds the new sentence, whether the dev server
 * patched the page or reloaded it.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { editedSentence, editGuideText } from './corpus.mjs';
import { freePort } from './free-port.mjs';
import { summarize } from './stats.mjs';

/** The edits here say "Edited for bench run 101." and on, never a sentence a build run left in the guide. */
const DEV_RUN_OFFSET = 100;

/** @param {string} cwd the project folder @returns {string} its Astro's command-line entry */
function astroBin(cwd) {
	return join(dirname(createRequire(join(cwd, 'package.json')).resolve('astro/package.json')), 'bin', 'astro.mjs');
}

/**
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, path: string, log: (line: string) => void, label: string }} options
 */
async function startDevServer({ cwd, env, path, log, label }) {
	const port = await freePort();
	// Its own process group, so stopping it stops whatever it started, and nothing else. Outside
	// Astro's lock file: an author's own dev server must not stop the bench (nor the bench replace
	// it), and a lock left by a killed server, its pid since taken by another astro process, reads
	// as a server still running.
	const child = spawn(process.execPath, [astroBin(cwd), 'dev', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	const stop = () =>
		new Promise((done) => {
			if (child.exitCode !== null || child.pid === undefined) return done(undefined);
			child.once('exit', done);
			process.kill(-child.pid, 'SIGTERM');
		});
	const url = `http://127.0.0.1:${port}${path}`;
	const started = Date.now();
	log(`${label}: starting astro dev…`);
	while (Date.now() - started < 600_000) {
		if (child.exitCode !== null) throw new Error(`${label}: astro dev exited early (code ${child.exitCode}):\n${output.slice(-4000)}`);
		const answer = await fetch(url).catch(() => null);
		if (answer?.ok) {
			log(`${label}: astro dev answered ${path} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
			return { url, stop };
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	await stop();
	throw new Error(`${label}: astro dev did not answer ${url} within 10 minutes:\n${output.slice(-4000)}`);
}

/**
 * Waits until the page's text holds `text`, across the reload a dev server may do.
 * @param {import('playwright-core').Page} tab @param {string} text @param {number} timeoutMs
 */
async function waitForText(tab, text, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			await tab.waitForFunction((t) => document.body?.innerText.includes(t), text, { polling: 'raf', timeout: deadline - Date.now() });
			return true;
		} catch (error) {
			// A reload destroys the page's context under the wait; wait again in the new page.
			if (!/context was destroyed|navigat/i.test(String(error))) return false;
		}
	}
	return false;
}

/**
 * @param {{ browser: import('playwright-core').Browser, cwd: string, env: NodeJS.ProcessEnv, guidesDir: string, pristineDir: string,
 *   guide: string, transform?: (source: string) => string, runs: number, log: (line: string) => void, label: string }} options
 * @returns {Promise<{ editsMs: Array<number | null>, medianMs: number | null }>} null where the page never showed the edit within 30 s
 */
export async function measureDevEdit({ browser, cwd, env, guidesDir, pristineDir, guide, transform = (s) => s, runs, log, label }) {
	const file = join(guidesDir, guide, 'index.mdx');
	const pristine = readFileSync(join(pristineDir, guide, 'index.mdx'), 'utf8');
	writeFileSync(file, transform(pristine));
	const server = await startDevServer({ cwd, env, path: `/guides/${guide}/`, log, label });
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	/** @type {Array<number | null>} */
	const editsMs = [];
	try {
		const tab = await context.newPage();
		await tab.goto(server.url, { waitUntil: 'load' });
		await tab.waitForLoadState('networkidle');
		for (let run = 1; run <= runs; run += 1) {
			const text = editedSentence(DEV_RUN_OFFSET + run);
			const started = performance.now();
			writeFileSync(file, transform(editGuideText(pristine, DEV_RUN_OFFSET + run)));
			const shown = await waitForText(tab, text, 30_000);
			const elapsed = shown ? performance.now() - started : null;
			editsMs.push(elapsed);
			log(`${label}: edit ${run}/${runs} ${elapsed === null ? 'never shown within 30 s' : `shown after ${(elapsed / 1000).toFixed(2)} s`}`);
			await tab.waitForLoadState('networkidle');
			await tab.waitForTimeout(500);
		}
	} finally {
		await context.close();
		await server.stop();
		writeFileSync(file, transform(pristine));
	}
	const shown = editsMs.filter((ms) => ms !== null);
	// One edit the page never showed makes the whole measurement a miss, not a faster median.
	return { editsMs, medianMs: shown.length === editsMs.length && shown.length ? summarize(shown).median : null };
}
