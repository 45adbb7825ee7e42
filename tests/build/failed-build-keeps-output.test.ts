import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { recordPath } from '../../scripts/rebuild/build-record';
import { productionBuildEnv, ROOT } from '../support/paths';

/**
 * `npm run build` builds beside the published output and swaps it in only when everything
 * succeeded: a build that fails in its very last hook (a redirect collision) leaves the
 * previous output byte for byte, and says why as an Astro error with a hint, without a stack;
 * and no record of a good build, so the next build is a full one (tests/build/rebuild-reuse.test.ts).
 */
const scratch = mkdtempSync(join(tmpdir(), 'stepcheck-staged-build-'));
const guides = join(scratch, 'guides');
cpSync(join(ROOT, 'src/content/guides'), guides, { recursive: true });
// Inside the project: the server bundle resolves its packages from node_modules above it.
const out = join(ROOT, '.test-output', 'staged-build');
const cache = `${out}-cache`;
afterAll(() => {
	for (const folder of [scratch, out, cache]) rmSync(folder, { recursive: true, force: true });
});

function build() {
	const result = spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		encoding: 'utf8',
		env: productionBuildEnv({ STEPCHECK_CONTENT_DIR: guides, STEPCHECK_OUT_DIR: out, STEPCHECK_CACHE_DIR: cache }),
	});
	return { status: result.status, output: stripVTControlCharacters(result.stdout + result.stderr) };
}

function fingerprint(folder: string): string {
	const hash = createHash('sha256');
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const path = join(dir, entry.name);
			hash.update(relative(folder, path));
			if (entry.isDirectory()) walk(path);
			else hash.update(readFileSync(path));
		}
	};
	walk(folder);
	return hash.digest('hex');
}

describe('a build that fails at its last hook', () => {
	it('leaves the previous output byte-identical and prints the collision as an Astro error without a stack', () => {
		// The content store of a run with another scratch folder would name files that are gone.
		for (const folder of [out, cache]) rmSync(folder, { recursive: true, force: true });
		const good = build();
		expect(good.status, good.output).toBe(0);
		expect(good.output).not.toContain('MODULE_LEVEL_DIRECTIVE');
		expect(existsSync(join(out, 'client/_redirects'))).toBe(true);
		const before = fingerprint(out);

		// A second guide claims an old URL the first one already redirects.
		const file = join(guides, 'mfa-aws-cli', 'index.mdx');
		writeFileSync(
			file,
			readFileSync(file, 'utf8').replace(/^tags:/m, 'aliases:\n  - /enable-mfa-on-aws-in-10-steps-with-pictures/\ntags:'),
		);
		const failed = build();
		expect(failed.status).not.toBe(0);
		expect(failed.output).toMatch(/Stepcheck cannot build the redirects from old URLs/);
		expect(failed.output).toMatch(/mfa-aws-cli\/index\.mdx/);
		expect(failed.output).toMatch(/turn-on-mfa-aws\/index\.mdx/);
		expect(failed.output).toMatch(/Hint:\s+Each old URL may lead to one page only/);
		// Astro still names the hook that failed ("An unhandled error occurred while running…") on the line before.
		expect(failed.output).not.toMatch(/Stack trace|\n\s+at /);
		expect(failed.output).toMatch(/The build failed, so .*staged-build\/ was not touched/);
		expect(fingerprint(out)).toBe(before);
		expect(existsSync(`${out}.staging`)).toBe(false);
		// Nor does it leave a record of a good build: the next `npm run build` builds in full.
		expect(existsSync(recordPath(cache, out))).toBe(false);
	}, 400_000);
});
