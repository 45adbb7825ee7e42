import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * What becomes of a file a partial build wrote (path relative to its output, posix):
 * - `take`: the page of an edited guide, which replaces the last output's;
 * - `ignore`: what the merged output gets elsewhere: the server bundle (it holds no guide's
 *   text, only the same module paths, so the last build's is what a full build makes), the
 *   sitemap (it lists the pages this build did not write) and the search index (made again
 *   over the merged pages);
 * - `same`: any other file, which must be the last output's byte for byte, or be new.
 */
export function mergeRole(path: string, guides: readonly string[]): 'take' | 'ignore' | 'same' {
	if (path.startsWith('server/')) return 'ignore';
	if (/^client\/sitemap-[^/]*\.xml$/.test(path) || path.startsWith('client/pagefind/')) return 'ignore';
	if (guides.some((guide) => path === `client/guides/${guide}/index.html`)) return 'take';
	return 'same';
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.sort();
}

/**
 * Makes `merged` the last output (`previous`, hard-linked, so it costs no copy and leaves
 * `previous` as it is) with the files of a partial build (`partial`) laid over it, without the
 * search index, which the caller builds again over the merged pages. Returns the files the
 * partial build wrote differently from the last output where they had to be the same: then the
 * merged folder is not used and the caller builds in full.
 */
export function mergePartialOutput({
	previous,
	partial,
	merged,
	guides,
}: {
	previous: string;
	partial: string;
	merged: string;
	guides: readonly string[];
}): string[] {
	const mismatched: string[] = [];
	const taken: string[] = [];
	for (const path of filesUnder(partial)) {
		const role = mergeRole(path, guides);
		if (role === 'ignore') continue;
		const before = join(previous, path);
		if (role === 'take' || !existsSync(before)) taken.push(path);
		else if (!readFileSync(before).equals(readFileSync(join(partial, path)))) mismatched.push(path);
	}
	if (mismatched.length > 0) return mismatched;
	rmSync(merged, { recursive: true, force: true });
	for (const path of filesUnder(previous)) {
		if (path.startsWith('client/pagefind/')) continue;
		mkdirSync(dirname(join(merged, path)), { recursive: true });
		linkSync(join(previous, path), join(merged, path));
	}
	for (const path of taken) {
		rmSync(join(merged, path), { force: true });
		mkdirSync(dirname(join(merged, path)), { recursive: true });
		cpSync(join(partial, path), join(merged, path));
	}
	return [];
}
