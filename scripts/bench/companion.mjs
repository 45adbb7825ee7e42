// @ts-check
/**
 * The companion's budgets (issues 14 and 28): the file the build emits, and how long each
 * maintained Node line (the ones a reader may have, from scripts/tools.mjs) takes from
 * `node stepcheck-companion.mjs` to listening, started from an empty folder as a reader would.
 * Each start is one process; the median of `starts` per line is reported, and the budget reads
 * the slower line. The starts alternate between the lines, so a machine that slows down weighs
 * on both alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPANION_FILE_NAME } from '../../src/companion/settings.ts';
import { bundleCompanion } from '../../src/integrations/companion-file.ts';
import { MAINTAINED_NODE_VERSIONS, nodeBinary } from '../tools.mjs';
import { freePort } from './free-port.mjs';

/** @param {string} node @param {string} file @param {string} folder @returns {Promise<number>} ms from spawn to the "listening" line */
async function timeStart(node, file, folder) {
	const port = await freePort();
	const started = performance.now();
	const child = spawn(node, [file, '--port', String(port)], {
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

/** @param {number[]} values */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return /** @type {number} */ (sorted[Math.floor(sorted.length / 2)]);
}

/**
 * @param {{ log: (line: string) => void, starts?: number }} options
 * @returns {Promise<{ bytes: number, startMs: number, byNode: Record<string, { startMs: number, startsMs: number[] }> }>}
 */
export async function measureCompanion({ log, starts = 5 }) {
	const folder = mkdtempSync(join(tmpdir(), 'stepcheck-bench-companion-'));
	try {
		const bundle = await bundleCompanion({ siteOrigin: 'https://stepcheck.dev', extraOrigins: [], port: 4319, version: 'bench' });
		const file = join(folder, COMPANION_FILE_NAME);
		writeFileSync(file, bundle.code);
		const nodes = MAINTAINED_NODE_VERSIONS.map((version) => ({ version, binary: nodeBinary(version, { log }) }));
		/** @type {Record<string, number[]>} */
		const startsMs = Object.fromEntries(nodes.map(({ version }) => [version, []]));
		for (let run = 0; run < starts; run++)
			for (const { version, binary } of nodes) startsMs[version]?.push(await timeStart(binary, file, folder));
		const byNode = Object.fromEntries(
			Object.entries(startsMs).map(([version, times]) => [`v${version}`, { startMs: median(times), startsMs: times }]),
		);
		const startMs = Math.max(...Object.values(byNode).map((node) => node.startMs));
		log(
			`companion: ${(bundle.code.byteLength / 1e3).toFixed(0)} kB, listening after ${Object.entries(byNode)
				.map(([node, { startMs: ms }]) => `${ms.toFixed(0)} ms on Node ${node}`)
				.join(', ')} (median of ${starts} starts each)`,
		);
		return { bytes: bundle.code.byteLength, startMs, byNode };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
