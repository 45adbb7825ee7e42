import { fileURLToPath } from 'node:url';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
// Only the binding: the Pagefind binary starts in createIndex(), at the end of a build.
import { close, createIndex } from 'pagefind';
import { indexedWords, withIdentifierForms } from '../lib/search/indexed-html.ts';
import { buildVocabulary, VOCABULARY_FILE } from '../lib/search/spelling.ts';

/**
 * Words per index chunk (Pagefind counts a word's positions). Pagefind's default, 20,000,
 * puts a small site's whole index in one 30 kB file that the first search must download;
 * small chunks let a query fetch only the one or two that hold its words (about 1 kB each).
 * Pagefind reads it from its environment only (`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`).
 */
const INDEX_CHUNK_SIZE = 600;

async function htmlFiles(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** `guides/x/index.html` → `/guides/x/`, as Pagefind names a page it finds on disk. */
function pageUrl(site: string, file: string): string {
	return `/${relative(site, file).split(sep).join('/')}`.replace(/index\.html$/, '');
}

/**
 * Builds the Pagefind index from the prerendered pages at the end of `astro build`, in the
 * build's own process: a separate `pagefind` step would start Node and load Pagefind again
 * on every build. It runs last, so it sees the pages the other integrations wrote.
 * Each guide is indexed with the other forms of its identifiers (src/lib/search/indexed-html.ts),
 * and the words of all guides become the vocabulary the search suggests spellings from.
 */
export function pagefindIndex(): AstroIntegration {
	return {
		name: 'stepcheck-pagefind-index',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const site = fileURLToPath(dir);
				// The Pagefind service is a child process that inherits this environment when it starts.
				process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(INDEX_CHUNK_SIZE);
				try {
					const { index, errors } = await createIndex({});
					if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
					const words: string[][] = [];
					let pages = 0;
					for (const file of await htmlFiles(site)) {
						const html = await readFile(file, 'utf8');
						// Pagefind indexes only pages with a data-pagefind-body, once any page has one.
						if (!html.includes('data-pagefind-body')) continue;
						words.push(indexedWords(html));
						const added = await index.addHTMLFile({ url: pageUrl(site, file), content: withIdentifierForms(html) });
						if (added.errors.length) throw new Error(`Pagefind could not index ${file}: ${added.errors.join('; ')}`);
						pages += 1;
					}
					const output = join(site, 'pagefind');
					const written = await index.writeFiles({ outputPath: output });
					if (written.errors.length) throw new Error(`Pagefind could not write its index to ${output}: ${written.errors.join('; ')}`);
					await writeFile(join(output, VOCABULARY_FILE), JSON.stringify(buildVocabulary(words)));
					logger.info(`indexed ${pages} pages into ${output}`);
				} finally {
					await close();
				}
			},
		},
	};
}
