import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
// Only the binding: the Pagefind binary starts in createIndex(), at the end of a build.
import { close, createIndex } from 'pagefind';
import { indexedWords, withIdentifierForms } from '../lib/search/indexed-html.ts';
import { openIndexedHtmlCache } from '../lib/search/indexed-html-cache.ts';
import { buildVocabulary, VOCABULARY_FILE } from '../lib/search/spelling.ts';
import { partialGuides } from '../lib/content/partial-build.ts';
import { indexedAfterBuild } from '../lib/search/index-after-build.ts';

/**
 * Words per index chunk (Pagefind counts a word's positions). Pagefind's default, 20,000,
 * puts a small site's whole index in one 30 kB file that the first search must download;
 * small chunks let a query fetch only the one or two that hold its words (about 1 kB each).
 * Pagefind reads it from its environment only (`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`).
 */
const INDEX_CHUNK_SIZE = 600;

/** Changes with the code that adds the identifier forms, so no page is indexed from older rules. */
async function identifierFormsFingerprint(): Promise<string> {
	const hash = createHash('sha256');
	for (const file of ['../lib/search/indexed-html.ts', '../lib/search/identifier-forms.ts'])
		hash.update(await readFile(new URL(file, import.meta.url)));
	for (const dependency of ['satteri', 'hast-util-to-html']) hash.update(await readFile(await packageJsonOf(dependency)));
	return hash.digest('hex');
}

/** The package.json of an installed dependency: its version decides how pages are parsed and written. */
async function packageJsonOf(name: string): Promise<URL> {
	let folder = new URL('.', import.meta.resolve(name));
	for (;;) {
		const candidate = new URL('package.json', folder);
		try {
			const { name: found } = JSON.parse(await readFile(candidate, 'utf8')) as { name?: string };
			if (found === name) return candidate;
		} catch {
			// Not this folder: look in its parent.
		}
		const parent = new URL('..', folder);
		if (parent.href === folder.href) throw new Error(`Stepcheck could not find the package.json of ${name}. Run npm ci.`);
		folder = parent;
	}
}

async function htmlFiles(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** `guides/x/index.html` → `/guides/x/`, as Pagefind names a page it finds on disk. */
function pageUrl(site: string, file: string): string {
	return `/${relative(site, file).split(sep).join('/')}`.replace(/index\.html$/, '');
}

/**
 * Indexes every page of `site` (a build's client folder) into `site/pagefind`, reading back the
 * pages indexed before from Astro's cache folder `cacheDir`. Also what scripts/build.mjs runs over the merged output
 * of a partial build, which indexes no page itself.
 */
export async function indexSite(site: string, cacheDir: string, logger: Pick<AstroIntegrationLogger, 'info'>): Promise<void> {
	// The Pagefind service is a child process that inherits this environment when it starts.
	process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(INDEX_CHUNK_SIZE);
	try {
		const indexed = await openIndexedHtmlCache(join(cacheDir, 'indexed-html'), await identifierFormsFingerprint(), withIdentifierForms);
		const { index, errors } = await createIndex({});
		if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
		const words: string[][] = [];
		let pages = 0;
		for (const file of await htmlFiles(site)) {
			const html = await readFile(file, 'utf8');
			// Pagefind indexes only pages with a data-pagefind-body, once any page has one.
			if (!html.includes('data-pagefind-body')) continue;
			const content = await indexed.get(html);
			// The vocabulary holds the words Pagefind holds, so a word of a part left out of the index is not "known".
			words.push(indexedWords(content));
			const added = await index.addHTMLFile({ url: pageUrl(site, file), content });
			if (added.errors.length) throw new Error(`Pagefind could not index ${file}: ${added.errors.join('; ')}`);
			pages += 1;
		}
		const output = join(site, 'pagefind');
		const written = await index.writeFiles({ outputPath: output });
		if (written.errors.length) throw new Error(`Pagefind could not write its index to ${output}: ${written.errors.join('; ')}`);
		await writeFile(join(output, VOCABULARY_FILE), JSON.stringify(buildVocabulary(words)));
		await indexed.prune();
		logger.info(`indexed ${pages} pages into ${output}`);
	} finally {
		await close();
	}
}

/**
 * Builds the Pagefind index from the prerendered pages at the end of `astro build`, in the
 * build's own process: a separate `pagefind` step would start Node and load Pagefind again
 * on every build. It runs last, so it sees the pages the other integrations wrote.
 * Each guide is indexed with the other forms of its identifiers (src/lib/search/indexed-html.ts),
 * and the words of all guides become the vocabulary the search suggests spellings from.
 */
export function pagefindIndex(): AstroIntegration {
	let cacheDir = '';
	let indexing: Promise<void> | undefined;
	// `npm run build` indexes the output after Astro has exited, a partial build's once merged.
	const later = indexedAfterBuild() || partialGuides() !== null;

	return {
		name: 'stepcheck-pagefind-index',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = fileURLToPath(config.cacheDir);
			},
			// Started as soon as the pages exist: Pagefind's own process then works while the other
			// integrations' build:done hooks run. None of them writes a page Pagefind indexes.
			'astro:build:generated': ({ dir, logger }) => {
				if (later) return;
				indexing = indexSite(fileURLToPath(dir), cacheDir, logger);
				// Awaited in build:done; until then a failure must not count as unhandled.
				indexing.catch(() => undefined);
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (later) return;
				await (indexing ?? indexSite(fileURLToPath(dir), cacheDir, logger));
			},
		},
	};
}
