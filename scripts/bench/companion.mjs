// @ts-check
/**
 * The companion's budgets (issue 14): the file the build emits, and how long system Node takes
 * from `node stepcheck-companion.mjs` to listening, started from an empty folder as a reader
 * would. Each start is one process; the median of `starts` is reported.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPANION_FILE_NAME } from '../../src/companion/settings.ts';
import { bundleCompanion } from '../../src/integrations/companion-file.ts';
import { freePort } from './free-port.mjs';

/** The Node readers have (Node 20 here), not the project's Node 24. */
const SYSTEM_NODE = process.env.STEPCHECK_SYSTEM_NODE || '/usr/bin/node';

/** @param {string} file @param {string} folder @returns {Promise<number>} ms from spawn to the "listening" line */
async function timeStart(file, folder) {
	const port = await freePort();
	const started = performance.now();
	const child = spawn(SYSTEM_NODE, [file, '--port', String(port)], {
		cwd: folder,
		// No credentials and no network: the identity lookup after listening fails fast and is not timed.
		env: { PATH: '/usr/bin:/bin', HOME: folder, AWS_EC2_METADATA_DISABLED: 'true' },
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	try {
		return await new Promise((resolve, reject) => {
			let out = '';
			const timer = setTimeout(() => reject(new Error(`the companion did not listen within 10 s:\n${out}`)), 10_000);
			child.stdout.on('data', (chunk) => {
				out += chunk;
				if (out.includes('listening on')) {
					clearTimeout(timer);
					resolve(performance.now() - started);
				}
			});
			child.once('exit', (code) => reject(new Error(`the companion exited (code ${code}):\n${out}`)));
		});
	} finally {
		child.kill('SIGINT');
	}
}

/**
 * @param {{ log: (line: string) => void, starts?: number }} options
 * @returns {Promise<{ bytes: number, startMs: number, startsMs: number[], node: string }>}
 */
export async function measureCompanion({ log, starts = 5 }) {
	const folder = mkdtempSync(join(tmpdir(), 'stepcheck-bench-companion-'));
	try {
		const bundle = await bundleCompanion({ siteOrigin: 'https://stepcheck.dev', extraOrigins: [], port: 4319, version: 'bench' });
		const file = join(folder, COMPANION_FILE_NAME);
		writeFileSync(file, bundle.code);
		/** @type {number[]} */
		const startsMs = [];
		for (let run = 0; run < starts; run++) startsMs.push(await timeStart(file, folder));
		const sorted = [...startsMs].sort((a, b) => a - b);
		const startMs = /** @type {number} */ (sorted[Math.floor(sorted.length / 2)]);
		log(
			`companion: ${(bundle.code.byteLength / 1e6).toFixed(2)} MB, listening after ${startMs.toFixed(0)} ms (median of ${starts} starts on ${SYSTEM_NODE})`,
		);
		return { bytes: bundle.code.byteLength, startMs, startsMs, node: SYSTEM_NODE };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
