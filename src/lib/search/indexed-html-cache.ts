import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Remembers what Pagefind was given for each page between builds. Adding the identifier
 * forms parses and re-serializes a page (about 20 ms for a busy guide), and a rebuild gives
 * most pages back unchanged, so the result is kept under a digest of the page and of the
 * code that makes it (`fingerprint`). Entries no page asked for in a build are removed at
 * its end, so the folder holds one build's pages.
 */
export interface IndexedHtmlCache {
	get(html: string): Promise<string>;
	/** Removes what this build did not use. */
	prune(): Promise<void>;
}

export async function openIndexedHtmlCache(dir: string, fingerprint: string, make: (html: string) => string): Promise<IndexedHtmlCache> {
	await mkdir(dir, { recursive: true });
	const used = new Set<string>();
	return {
		async get(html) {
			const name = `${createHash('sha256').update(fingerprint).update('\0').update(html).digest('base64url').slice(0, 32)}.html`;
			used.add(name);
			const path = join(dir, name);
			try {
				return await readFile(path, 'utf8');
			} catch {
				const made = make(html);
				const partial = `${path}.${process.pid}.partial`;
				await writeFile(partial, made);
				await rename(partial, path);
				return made;
			}
		},
		async prune() {
			for (const name of await readdir(dir)) if (!used.has(name)) await rm(join(dir, name), { force: true });
		},
	};
}
