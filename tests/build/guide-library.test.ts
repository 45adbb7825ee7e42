import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { frontmatterText } from '../../src/lib/content/guide-content-checks';
import { ROOT } from '../support/paths';

/**
 * Every published guide in src/content/guides reaches readers by every road: its own page
 * (with the copy-button live region), the sitemap, the RSS feed and the Pagefind index.
 */

const client = join(inject('outDir'), 'client');
const GUIDES_DIR = join(ROOT, 'src/content/guides');
const published = readdirSync(GUIDES_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory() && existsSync(join(GUIDES_DIR, d.name, 'index.mdx')))
	.map((d) => {
		const data = parseYaml(frontmatterText(readFileSync(join(GUIDES_DIR, d.name, 'index.mdx'), 'utf8')) ?? '') as {
			title: string;
			draft?: boolean;
		};
		return { id: d.name, title: data.title, draft: data.draft === true };
	})
	.filter((g) => !g.draft);

function sitemapText(): string {
	const files = readdirSync(client).filter((f) => /^sitemap-\d+\.xml$/.test(f));
	return files.map((f) => readFileSync(join(client, f), 'utf8')).join('\n');
}

/** Pagefind stores one gzip-compressed fragment per page, prefixed with a signature. */
function indexedUrls(): string[] {
	const folder = join(client, 'pagefind/fragment');
	return readdirSync(folder).map((file) => {
		const text = gunzipSync(readFileSync(join(folder, file))).toString('utf8');
		return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
	});
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('the guide library in the built site', () => {
	const sitemap = sitemapText();
	const rss = readFileSync(join(client, 'rss.xml'), 'utf8');
	const searchIndex = indexedUrls();

	it('has guides to check', () => {
		expect(published.length).toBeGreaterThanOrEqual(5);
	});

	describe.each(published.map((g) => [g.id, g.title] as const))('/guides/%s/', (id, title) => {
		const path = `/guides/${id}/`;

		it('is built with its title and the copy announcement region', () => {
			const file = join(client, 'guides', id, 'index.html');
			expect(existsSync(file), `${file} was not built`).toBe(true);
			const html = readFileSync(file, 'utf8');
			expect(html).toContain(`<title>${escapeXml(title)}`);
			expect(html).toMatch(/<p[^>]*role="status"[^>]*data-copy-status|data-copy-status[^>]*role="status"/);
		});

		it('is in the sitemap', () => {
			expect(sitemap).toContain(`${path}</loc>`);
		});

		it('is in the RSS feed', () => {
			expect(rss).toContain(`${path}</link>`);
		});

		it('is in the search index', () => {
			expect(searchIndex).toContain(path);
		});
	});
});
