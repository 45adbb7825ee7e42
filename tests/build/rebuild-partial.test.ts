import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { productionBuildEnv, ROOT } from '../support/paths';

/**
 * After a sentence of one guide changed, `npm run build` renders that guide's page only and keeps
 * the rest of the last output; the result is the site a full build makes of the same sources,
 * file for file and byte for byte. A change to what other pages show of a guide (its title, a
 * step's title) builds in full.
 */
const scratch = mkdtempSync(join(tmpdir(), 'stepcheck-partial-'));
const guides = join(scratch, 'guides');
cpSync(join(ROOT, 'src/content/guides'), guides, { recursive: true });
// Inside the project: the server bundle resolves its packages from node_modules above it.
const out = join(ROOT, '.test-output', 'rebuild-partial');
const cache = `${out}-cache`;
const guideFile = join(guides, 'turn-on-mfa-aws', 'index.mdx');
const page = join(out, 'client/guides/turn-on-mfa-aws/index.html');
// Astro draws a new key for server islands at every build unless ASTRO_KEY sets one (as a
// deployment with several servers must): the same key for every build here, so the server
// bundles of two builds of the same sources can be compared byte for byte.
const astroKey = randomBytes(32).toString('base64');
afterAll(() => {
	for (const folder of [scratch, out, cache]) rmSync(folder, { recursive: true, force: true });
});

function build(...args: string[]) {
	const result = spawnSync('npm', ['run', 'build', ...(args.length > 0 ? ['--', ...args] : [])], {
		cwd: ROOT,
		encoding: 'utf8',
		env: productionBuildEnv({ STEPCHECK_CONTENT_DIR: guides, STEPCHECK_OUT_DIR: out, STEPCHECK_CACHE_DIR: cache, ASTRO_KEY: astroKey }),
	});
	const output = stripVTControlCharacters(result.stdout + result.stderr);
	expect(result.status, output).toBe(0);
	return output;
}

/** Every file of a folder with the SHA-256 of its bytes, by path. */
function contents(folder: string): Record<string, string> {
	const files: Record<string, string> = {};
	for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
		const path = join(entry.parentPath, entry.name);
		files[relative(folder, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
	}
	return files;
}

function edit(from: string, to: string) {
	const source = readFileSync(guideFile, 'utf8');
	expect(source).toContain(from);
	writeFileSync(guideFile, source.replace(from, to));
}

describe('npm run build after one guide was edited', () => {
	it('renders only the edited guide after a sentence changed, and makes the site a full build makes', () => {
		for (const folder of [out, cache]) rmSync(folder, { recursive: true, force: true });
		expect(build()).toMatch(/Building .*rebuild-partial\/: there is no record/);

		const sentence = 'This sentence was added to test a partial rebuild.';
		edit('A password on its own', `${sentence} A password on its own`);
		const partial = build();
		expect(partial).toMatch(
			/Building turn-on-mfa-aws only into .*rebuild-partial\/: changed: .*guides\/turn-on-mfa-aws\/index\.mdx; nothing other pages show of it changed\./,
		);
		// Only the edited guide's page was rendered: Astro lists the pages it generated.
		expect(partial).toMatch(/guides\/turn-on-mfa-aws\/index\.html/);
		expect(partial).not.toMatch(/guides\/protect-root-user\/index\.html/);
		expect(readFileSync(page, 'utf8')).toContain(sentence);
		const merged = contents(out);
		expect(JSON.stringify(merged)).not.toBe('{}');

		expect(build('--force')).toMatch(/Building .*: --force was given/);
		// No exception: the same paths with the same bytes, search index and server bundle included.
		expect(contents(out)).toEqual(merged);
	}, 900_000);

	it("builds in full when a guide's title changed", () => {
		edit('title: Turn on MFA for your AWS sign-in', 'title: Turn on MFA for your AWS console sign-in');
		const output = build();
		expect(output).toMatch(/Building .*rebuild-partial\/: changed: .*guides\/turn-on-mfa-aws\/index\.mdx\./);
		expect(output).not.toMatch(/only into/);
		expect(readFileSync(join(out, 'client/guides/index.html'), 'utf8')).toContain('Turn on MFA for your AWS console sign-in');
	}, 600_000);

	it("builds in full when a step's title changed", () => {
		edit('1. Sign in to the [AWS Management Console]', '1. Sign in to your [AWS Management Console]');
		const output = build();
		expect(output).toMatch(/Building .*rebuild-partial\/: changed: .*guides\/turn-on-mfa-aws\/index\.mdx\./);
		expect(output).not.toMatch(/only into/);
	}, 600_000);
});
