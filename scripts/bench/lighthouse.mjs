// @ts-check
/**
 * Lighthouse (the first-use tool tools/lighthouse/) against a served page with
 * Debian's Chromium and Lighthouse's mobile defaults (emulated phone, simulated throttling).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser.mjs';

const LIGHTHOUSE_CATEGORIES = /** @type {const} */ (['performance', 'accessibility', 'best-practices', 'seo']);

/**
 * The figures the bench keeps from a Lighthouse JSON report.
 * @param {any} report
 */
export function lighthouseFigures(report) {
	/** @type {Record<string, number>} */
	const scores = {};
	for (const id of LIGHTHOUSE_CATEGORIES) {
		const score = report?.categories?.[id]?.score;
		if (typeof score !== 'number')
			throw new Error(
				`The Lighthouse report has no ${id} score (got ${JSON.stringify(score)}); the run probably failed: ${report?.runtimeError?.message ?? 'no runtime error given'}.`,
			);
		scores[id] = Math.round(score * 100);
	}
	const audit = (/** @type {string} */ id) => {
		const value = report?.audits?.[id]?.numericValue;
		if (typeof value !== 'number') throw new Error(`The Lighthouse report has no numeric value for ${id}.`);
		return value;
	};
	return {
		...scores,
		lcpMs: audit('largest-contentful-paint'),
		tbtMs: audit('total-blocking-time'),
		cls: audit('cumulative-layout-shift'),
	};
}

/**
 * @param {{ toolDir: string, url: string, scratch: string, runs: number, log: (line: string) => void, label: string }} options
 */
export async function runLighthouse({ toolDir, url, scratch, runs, log, label }) {
	const cli = join(toolDir, 'node_modules', 'lighthouse', 'cli', 'index.js');
	const figures = [];
	for (let run = 1; run <= runs; run += 1) {
		log(`${label} · Lighthouse run ${run}/${runs}…`);
		const output = join(scratch, `lighthouse-${label.replace(/\W+/g, '-')}-${run}.json`);
		rmSync(output, { force: true });
		const args = [
			cli,
			url,
			'--output=json',
			`--output-path=${output}`,
			`--chrome-path=${CHROMIUM_PATH}`,
			`--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
			`--only-categories=${LIGHTHOUSE_CATEGORIES.join(',')}`,
			'--quiet',
		];
		const code = await new Promise((resolvePromise) => {
			const child = spawn(process.execPath, args, {
				stdio: ['ignore', 'ignore', 'pipe'],
				env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
			});
			let err = '';
			child.stderr.on('data', (d) => (err += d));
			child.once('close', (c) => {
				if (c !== 0) log(`${label} · Lighthouse exited ${c}: ${err.split('\n').slice(-5).join(' ')}`);
				resolvePromise(c);
			});
		});
		if (code !== 0)
			throw new Error(
				`Lighthouse failed on ${url} (exit ${code}). Run it by hand to see why: node ${args.map((a) => JSON.stringify(a)).join(' ')}`,
			);
		figures.push(lighthouseFigures(JSON.parse(readFileSync(output, 'utf8'))));
	}
	return figures;
}
