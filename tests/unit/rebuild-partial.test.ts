import { describe, expect, it } from 'vitest';
import { fingerprintOf, type BuildInputs } from '../../scripts/rebuild/build-inputs';
import type { BuildRecord, OutputFile } from '../../scripts/rebuild/build-record';
import { guideOutline } from '../../scripts/rebuild/guide-outline';
import { mergeRole } from '../../scripts/rebuild/merge-output';
import { decidePartial, guideOfFile, MAX_PARTIAL_GUIDES } from '../../scripts/rebuild/partial-decision';

/**
 * After an edit to the prose of a few guides, `npm run build` renders only those guides' pages and
 * keeps every other file of the last output. Only then: anything another page could show of an
 * edited guide (its outline) unchanged, nothing but guide text changed, the last output intact.
 */
const guide = `---
title: Turn on MFA
description: Add a second factor.
tags: [aws, mfa]
---

import Note from './note.astro';

A password on its own is one leak away from someone else.

## Steps

<Steps>
1. Sign in to the console. Use your own user.

   ![The sign-in page](./step-01.png)

2. Choose **Security credentials**. It is in the account menu.
</Steps>

See [the root guide](/guides/protect-root-user/).
`;

describe('the outline of a guide: what other pages can show of it', () => {
	const outline = guideOutline(guide);
	const edited = (from: string, to: string) => {
		expect(guide).toContain(from);
		return guideOutline(guide.replace(from, to));
	};

	it('stays the same when a sentence of prose changes, in a paragraph or after a step title', () => {
		expect(edited('one leak away', 'a single leak away')).toBe(outline);
		expect(edited('Use your own user.', 'Use your own IAM user.')).toBe(outline);
		expect(edited('It is in the account menu.', 'It is in the menu at the top right.')).toBe(outline);
	});

	it('changes with the front matter: title, description, tags', () => {
		expect(edited('title: Turn on MFA', 'title: Turn on MFA now')).not.toBe(outline);
		expect(edited('tags: [aws, mfa]', 'tags: [aws]')).not.toBe(outline);
	});

	it("changes with a step's title (its first sentence) or the number of steps", () => {
		expect(edited('1. Sign in to the console.', '1. Sign in to the AWS console.')).not.toBe(outline);
		expect(edited('2. Choose **Security credentials**.', '2. Choose **Security**.')).not.toBe(outline);
		expect(edited('</Steps>', '3. Check it worked.\n</Steps>')).not.toBe(outline);
	});

	it('changes with a heading, an import, a component tag, a link or an image', () => {
		expect(edited('## Steps', '## The steps')).not.toBe(outline);
		expect(edited("import Note from './note.astro';", "import Note from './other.astro';")).not.toBe(outline);
		expect(edited('<Steps>', '<Steps start={2}>')).not.toBe(outline);
		expect(edited('/guides/protect-root-user/', '/guides/mfa-aws-cli/')).not.toBe(outline);
		expect(edited('./step-01.png', './step-01b.png')).not.toBe(outline);
	});
});

describe('which guide a changed file is the text of', () => {
	it('names the guide of an index.mdx under the guides folder, nested ids included', () => {
		expect(guideOfFile('src/content/guides/turn-on-mfa-aws/index.mdx', 'src/content/guides')).toBe('turn-on-mfa-aws');
		expect(guideOfFile('../guides/aws/mfa/index.mdx', '../guides')).toBe('aws/mfa');
	});

	it('names none for an image, a file outside the folder, or the folder of a similar name', () => {
		expect(guideOfFile('src/content/guides/turn-on-mfa-aws/step-01.png', 'src/content/guides')).toBeNull();
		expect(guideOfFile('src/pages/index.mdx', 'src/content/guides')).toBeNull();
		expect(guideOfFile('src/content/guides-old/x/index.mdx', 'src/content/guides')).toBeNull();
	});
});

const prefix = 'src/content/guides';
const file = (id: string) => `${prefix}/${id}/index.mdx`;
const inputs: BuildInputs = {
	files: { 'src/pages/index.astro': 'p1', [file('mfa')]: 'm1', [file('root')]: 'r1', [`${prefix}/mfa/step-01.png`]: 'i1' },
	env: { STEPCHECK_OUT_DIR: 'dist' },
	node: 'v24.9.0',
	args: [],
};
const output: OutputFile[] = [{ path: 'client/index.html', size: 100, mtimeMs: 1000.5 }];
const record: BuildRecord = {
	version: 2,
	fingerprint: fingerprintOf(inputs),
	inputs,
	output,
	outlines: { mfa: 'outline-mfa', root: 'outline-root' },
};
const sameOutlines = (id: string) => record.outlines[id] ?? null;
const withFiles = (files: Record<string, string>): BuildInputs => ({ ...inputs, files: { ...inputs.files, ...files } });
const decide = (
	now: BuildInputs,
	options: { record?: BuildRecord | null; output?: OutputFile[] | null; outlines?: (id: string) => string | null } = {},
) =>
	decidePartial(options.record === undefined ? record : options.record, now, options.output === undefined ? output : options.output, {
		guidesPrefix: prefix,
		outlines: options.outlines ?? sameOutlines,
	});
const reason = (decision: ReturnType<typeof decide>) => (decision.partial ? `partial: ${decision.guides.join(',')}` : decision.reason);

describe('whether npm run build renders only the edited guides', () => {
	it('does when only the text of guides changed and their outlines did not', () => {
		expect(decide(withFiles({ [file('mfa')]: 'm2' }))).toEqual({ partial: true, guides: ['mfa'] });
		expect(decide(withFiles({ [file('mfa')]: 'm2', [file('root')]: 'r2' }))).toEqual({ partial: true, guides: ['mfa', 'root'] });
	});

	it("does not when an edited guide's outline changed (a title, a step title, a heading…)", () => {
		const outlines = (id: string) => (id === 'mfa' ? 'outline-mfa-2' : sameOutlines(id));
		expect(reason(decide(withFiles({ [file('mfa')]: 'm2' }), { outlines }))).toMatch(/mfa\/index\.mdx changed what other pages show of it/);
	});

	it('does not when an image, a project file, the environment, Node or the arguments changed', () => {
		expect(reason(decide(withFiles({ [`${prefix}/mfa/step-01.png`]: 'i2' })))).toMatch(/step-01\.png is not the text of a guide/);
		expect(reason(decide(withFiles({ [file('mfa')]: 'm2', 'src/pages/index.astro': 'p2' })))).toMatch(
			/index\.astro is not the text of a guide/,
		);
		expect(reason(decide({ ...inputs, files: { ...inputs.files, [file('mfa')]: 'm2' }, env: { STEPCHECK_BASE_PATH: '/x' } }))).toMatch(
			/environment/,
		);
		expect(reason(decide({ ...withFiles({ [file('mfa')]: 'm2' }), node: 'v24.10.0' }))).toMatch(/Node/);
		expect(reason(decide({ ...withFiles({ [file('mfa')]: 'm2' }), args: ['--verbose'] }))).toMatch(/arguments/);
	});

	it('does not when a guide was added or removed', () => {
		expect(reason(decide(withFiles({ [file('new')]: 'n1' })))).toMatch(/new\/index\.mdx was added or removed/);
		const { [file('root')]: _removed, ...rest } = inputs.files;
		expect(reason(decide({ ...inputs, files: rest }))).toMatch(/root\/index\.mdx was added or removed/);
	});

	it(`does not for more than ${MAX_PARTIAL_GUIDES} guides`, () => {
		const ids = Array.from({ length: MAX_PARTIAL_GUIDES + 1 }, (_, i) => `g${i}`);
		const before = { ...inputs, files: { ...inputs.files, ...Object.fromEntries(ids.map((id) => [file(id), 'a'])) } };
		const now = { ...before, files: { ...before.files, ...Object.fromEntries(ids.map((id) => [file(id), 'b'])) } };
		const outlines = Object.fromEntries(ids.map((id) => [id, `o-${id}`]));
		const last = { ...record, inputs: before, fingerprint: fingerprintOf(before), outlines };
		expect(reason(decide(now, { record: last, outlines: (id) => outlines[id] ?? null }))).toMatch(/4 guides changed/);
	});

	it('does not without a record, with the output changed or missing, or with nothing changed', () => {
		const now = withFiles({ [file('mfa')]: 'm2' });
		expect(reason(decide(now, { record: null }))).toMatch(/no record/);
		expect(reason(decide(now, { output: null }))).toMatch(/output is missing/);
		expect(reason(decide(now, { output: [{ ...output[0]!, size: 99 }] }))).toMatch(/client\/index\.html was changed after the build/);
		expect(reason(decide(inputs))).toBe('nothing changed');
	});
});

describe('how the files of a partial build join the last output', () => {
	it("takes the edited guides' pages", () => {
		expect(mergeRole('client/guides/mfa/index.html', ['mfa'])).toBe('take');
		expect(mergeRole('client/guides/aws/mfa/index.html', ['aws/mfa'])).toBe('take');
	});

	it('ignores the server bundle, the sitemap and the search index, which come from elsewhere', () => {
		for (const path of ['server/entry.mjs', 'client/sitemap-0.xml', 'client/sitemap-index.xml', 'client/pagefind/pagefind.js'])
			expect(mergeRole(path, ['mfa'])).toBe('ignore');
	});

	it('requires every other file to be the same as before: pages of other guides, lists, assets', () => {
		for (const path of [
			'client/guides/root-user/index.html',
			'client/index.html',
			'client/rss.xml',
			'client/_astro/x.avif',
			'client/guides/mfa/other.html',
		])
			expect(mergeRole(path, ['mfa'])).toBe('same');
	});
});
