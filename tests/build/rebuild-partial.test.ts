import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchBuild } from '../support/scratch-build';

/**
 * After a sentence of one guide changed, `npm run build` renders that guide's page only and keeps
 * the rest of the last output; the result is the site a full build makes of the same sources,
 * file for file and byte for byte. A change to what other pages show of a guide (its title, a
 * step's title) builds in full.
 */
// Astro draws a new key for server islands at every build unless ASTRO_KEY sets one (as a
// deployment with several servers must): the same key for every build here, so the server
// bundles of two builds of the same sources can be compared byte for byte.
const site = scratchBuild('rebuild-partial', { ASTRO_KEY: randomBytes(32).toString('base64') });
const { out, cache, build } = site;
const guideFile = join(site.guides, 'turn-on-mfa-aws', 'index.mdx');
const page = join(out, 'client/guides/turn-on-mfa-aws/index.html');
afterAll(site.remove);

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
