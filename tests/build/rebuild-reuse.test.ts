import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordPath } from '../../scripts/rebuild/build-record';
import { scratchBuild } from '../support/scratch-build';

/**
 * `npm run build` keeps an output already built from exactly today's sources (one line says so,
 * nothing is written), and builds as soon as anything is in doubt: a guide edited, a file of the
 * output gone, `--force`.
 */
const site = scratchBuild('rebuild-reuse');
const { out, cache } = site;
const page = join(out, 'client/guides/turn-on-mfa-aws/index.html');
afterAll(site.remove);

/** Runs `npm run build`: what it printed, and whether Astro ran at all. */
function build(...args: string[]) {
	const output = site.build(...args);
	return { output, astroRan: /\[build\] Complete!/.test(output) };
}

/** Every file of a folder with its bytes and modification time: a reused output keeps both. */
function snapshot(folder: string): Map<string, string> {
	const files = new Map<string, string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else files.set(relative(folder, path), `${statSync(path).mtimeMs} ${readFileSync(path).toString('base64')}`);
		}
	};
	walk(folder);
	return files;
}

describe('npm run build with an output built before', () => {
	it('keeps an up-to-date output untouched and says so in one line', () => {
		for (const folder of [out, cache]) rmSync(folder, { recursive: true, force: true });
		const first = build();
		expect(first.astroRan).toBe(true);
		expect(first.output).toMatch(/Building .*rebuild-reuse\/: there is no record of a finished build/);
		// The record is in the cache, never in the output that gets deployed.
		const { fingerprint } = JSON.parse(readFileSync(recordPath(cache, out), 'utf8'));
		expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
		const before = snapshot(out);
		expect([...before.values()].filter((file) => Buffer.from(file.split(' ')[1]!, 'base64').includes(fingerprint))).toEqual([]);

		const second = build();
		expect(second.astroRan).toBe(false);
		expect(second.output).toMatch(
			/rebuild-reuse\/ is up to date with its sources: \d+ files checked in \d+ ms; `npm run build -- --force` rebuilds/,
		);
		expect(snapshot(out)).toEqual(before);
	}, 400_000);

	// Only that guide's page, as tests/build/rebuild-partial.test.ts specifies.
	it('builds after a sentence of a guide changed, and the page shows it', () => {
		const file = join(site.guides, 'turn-on-mfa-aws', 'index.mdx');
		const sentence = 'This sentence was added to test a rebuild.';
		writeFileSync(file, readFileSync(file, 'utf8').replace('A password on its own', `${sentence} A password on its own`));
		const edited = build();
		expect(edited.astroRan).toBe(true);
		expect(edited.output).toMatch(/Building .*: changed: \.\.\/.*guides\/turn-on-mfa-aws\/index\.mdx/);
		expect(readFileSync(page, 'utf8')).toContain(sentence);
	}, 400_000);

	it('builds in full when a file of the output was deleted, and the file is back', () => {
		rmSync(page);
		const rebuilt = build();
		expect(rebuilt.astroRan).toBe(true);
		expect(rebuilt.output).toMatch(/is not as the last build left it: client\/guides\/turn-on-mfa-aws\/index\.html is missing/);
		expect(existsSync(page)).toBe(true);
	}, 400_000);

	it('builds in full with --force, which Astro never sees', () => {
		const forced = build('--force');
		expect(forced.astroRan).toBe(true);
		expect(forced.output).toMatch(/Building .*: --force was given/);
		expect(build().astroRan).toBe(false);
	}, 400_000);
});
