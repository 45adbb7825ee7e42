import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../support/paths';
import { readIndexedPages } from '../support/pagefind-index';

const clientDir = join(inject('outDir'), 'client');
const guidesDir = join(ROOT, 'src/content/guides');

/** The guides the build publishes: every folder with an index.mdx that is not a draft. */
function publishedGuideIds(): string[] {
	return readdirSync(guidesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && existsSync(join(guidesDir, entry.name, 'index.mdx')))
		.filter((entry) => {
			const frontMatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(guidesDir, entry.name, 'index.mdx'), 'utf8'))?.[1] ?? '';
			return !/^draft:\s*true\s*$/m.test(frontMatter);
		})
		.map((entry) => entry.name)
		.sort();
}

describe('the Pagefind index of the build', () => {
	const pages = readIndexedPages(clientDir);

	it('holds every guide and nothing else (no home, listing, search, 404 or redirect pages)', () => {
		const expected = publishedGuideIds().map((id) => `/guides/${id}/`);
		expect(expected.length).toBeGreaterThan(0);
		expect(pages.map((page) => page.url).sort()).toEqual(expected);
	});

	it.each(publishedGuideIds())('%s: every step is a sub-result titled "Step N: …" that links to #step-N', (id) => {
		const html = readFileSync(join(clientDir, 'guides', id, 'index.html'), 'utf8');
		const stepIds = [...html.matchAll(/<li[^>]*\bid="(step-\d+)"/g)].map((m) => m[1]);
		expect(stepIds.length).toBeGreaterThan(0);
		const page = pages.find((p) => p.url === `/guides/${id}/`)!;
		const stepAnchors = page.anchors.filter((a) => /^step-\d+$/.test(a.id));
		expect(stepAnchors.map((a) => a.id)).toEqual(stepIds);
		for (const anchor of stepAnchors) expect(anchor.title).toMatch(new RegExp(`^Step ${anchor.id.slice(5)}(: .+)?$`));
	});

	it.each(publishedGuideIds())('%s: headings inside the guide are sub-results too, but for Related guides and Sources', (id) => {
		const html = readFileSync(join(clientDir, 'guides', id, 'index.html'), 'utf8');
		const article = html.slice(html.indexOf('<div class="prose">'));
		const headingIds = [...article.matchAll(/<h[2-6][^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
		// Lists of other guides and of documentation pages stay on the page and out of the index.
		expect(headingIds).toContain('sources');
		const page = pages.find((p) => p.url === `/guides/${id}/`)!;
		const anchored = page.anchors.filter((a) => /^h[2-6]$/.test(a.element) && a.text.trim()).map((a) => a.id);
		expect(anchored).toEqual(headingIds.filter((heading) => heading !== 'related-guides' && heading !== 'sources'));
	});

	it('carries title, description and tags as metadata, and tags as filters', () => {
		for (const page of pages) {
			expect(page.meta.title, page.url).toBeTruthy();
			expect(page.meta.description, page.url).toBeTruthy();
			expect(page.filters.tag?.length, `${page.url} has no tag filter`).toBeGreaterThan(0);
			expect(page.meta.tags?.split(', ')).toEqual(page.filters.tag);
		}
	});

	it('leaves out navigation, footer, progress controls, step links and captions', () => {
		const chrome = [
			'Skip to content',
			'RSS feed',
			'Reset progress',
			'steps done',
			'On this page',
			'Dark theme',
			'Search the guides',
			'More guides',
		];
		for (const page of pages) {
			for (const words of chrome) expect(page.content, `${page.url} indexes “${words}”`).not.toContain(words);
			expect(page.content, `${page.url} indexes the Done buttons`).not.toMatch(/Done with step/);
			const html = readFileSync(join(clientDir, new URL(page.url, 'http://x').pathname, 'index.html'), 'utf8');
			for (const caption of html.matchAll(/<span class="screenshot-caption"[^>]*>([^<]+)<\/span>/g)) {
				expect(page.content).not.toContain(caption[1]!.trim());
			}
		}
	});

	it('indexes the other forms of identifiers, in the step that uses them, and never puts them on the page', () => {
		const policy = pages.find((p) => p.url === '/guides/require-mfa-policy/')!;
		const words = policy.content.split(/\s+/);
		const step2 = policy.anchors.find((a) => a.id === 'step-2')!.location;
		const step3 = policy.anchors.find((a) => a.id === 'step-3')!.location;
		const inStep2 = words.slice(step2, step3).join(' ');
		expect(inStep2).toContain('"aws:MultiFactorAuthPresent":');
		expect(inStep2).toMatch(/⟦[^⟧]*\bmultifactorauthpresent\b[^⟧]*⟧/);
		expect(inStep2).toMatch(/⟦[^⟧]*\blistmfadevices\b[^⟧]*⟧/);
		const html = readFileSync(join(clientDir, 'guides', 'require-mfa-policy', 'index.html'), 'utf8');
		// The guide's own search words (tags, keywords, synonyms) ride in its hidden search-data block,
		// which is neither shown nor read aloud; the step text never carries an identifier's forms.
		const searchData = /<div class="search-data" hidden>[\s\S]*?<\/div><\/div>/;
		expect(html).toMatch(searchData);
		expect(html.replace(searchData, '')).not.toContain('⟦');
		expect(html).not.toContain('data-stepcheck-forms');
	});

	it('splits the index into small chunks, so a first search fetches only the few that hold its words', () => {
		const folder = join(clientDir, 'pagefind', 'index');
		const sizes = readdirSync(folder).map((name) => statSync(join(folder, name)).size);
		expect(sizes.length).toBeGreaterThan(5);
		expect(Math.max(...sizes)).toBeLessThan(4_000);
	});

	it('writes the vocabulary the spelling suggestions come from: the guides’ words, most used first', () => {
		const vocabulary = JSON.parse(readFileSync(join(clientDir, 'pagefind', 'stepcheck-vocabulary.json'), 'utf8')) as string[];
		expect(vocabulary.slice(0, 30)).toEqual(expect.arrayContaining(['mfa', 'device']));
		expect(vocabulary).toEqual(expect.arrayContaining(['passkey', 'report', 'resync', 'authenticator']));
		expect(vocabulary).not.toContain('skip');
	});
});
