import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_IMAGE, placeholdersIn } from '../../src/lib/import/placeholder-images';
import { looksLikeId } from '../../src/lib/import/slug';
import { altTextWarnings } from '../../src/lib/import/alt-texts';

const folder = mkdtempSync(join(tmpdir(), 'stepcheck-placeholders-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('placeholders for missing images', () => {
	it('are found until each is replaced by a real image of the same name', () => {
		copyFileSync(PLACEHOLDER_IMAGE, join(folder, 'b.png'));
		copyFileSync(PLACEHOLDER_IMAGE, join(folder, 'a.png'));
		writeFileSync(join(folder, 'index.mdx'), 'text');
		expect(placeholdersIn(folder)).toEqual(['a.png', 'b.png']);
		writeFileSync(join(folder, 'a.png'), 'a real screenshot');
		expect(placeholdersIn(folder)).toEqual(['b.png']);
	});
});

describe('what the importer reads from a post', () => {
	it('tells names an export tool made up from names a person chose', () => {
		expect(looksLikeId('000-68966ab1bb4050a5-txt')).toBe(true);
		expect(looksLikeId('20190304')).toBe(true);
		expect(looksLikeId('enable-mfa-on-aws')).toBe(false);
		expect(looksLikeId('2019-03-04-enable-mfa')).toBe(false);
	});

	it('warns about alt texts that say nothing, and about one alt text on several images', () => {
		const warnings = altTextWarnings([
			{ alt: 'screenshot', path: '/a.png', line: 3 },
			{ alt: 'The IAM users list', path: '/b.png', line: 5 },
			{ alt: 'The IAM  users list', path: '/c.png', line: 9 },
			{ alt: 'The MFA assignment dialog', path: '/d.png', line: 12 },
		]);
		expect(warnings.map((w) => w.message)).toEqual([
			expect.stringMatching(/^image \/a\.png: has a placeholder alt text \("screenshot"\)/),
			'2 images share the alt text "The IAM users list" (/b.png, /c.png, lines 5, 9). Give each one words that say what it shows.',
		]);
	});
});
