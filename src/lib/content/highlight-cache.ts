import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import { satteriCreateHighlightFn, satteriHighlightPlugin } from '@astrojs/markdown-satteri';

/**
 * Code blocks highlighted once, then read back: Shiki (its TextMate grammars and the Oniguruma
 * WASM engine) was about an eighth of the main thread's time in a cold build of the dense
 * corpus, and every build highlighted every block again. Each highlighted block is kept as
 * its hast tree under a digest of the code, its language and meta, and the highlighter
 * (versions and settings), so an edit or an upgrade can only miss the cache, never read a
 * stale tree. Astro config loads this file directly, so its imports name their extension.
 */

type Highlight = (code: string, lang: string, meta?: string) => Promise<unknown>;

const SHIKI_CONFIG = markdownConfigDefaults.shikiConfig;

/** A package's version, from the package.json above its entry (not every package exports that file). */
function installedVersion(name: string): string {
	let dir = dirname(createRequire(import.meta.url).resolve(name));
	while (dir !== dirname(dir)) {
		try {
			const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
			if (manifest.name === name && manifest.version) return manifest.version;
		} catch {
			// No package.json at this level: keep walking up.
		}
		dir = dirname(dir);
	}
	throw new Error(`Could not find the version of ${name} above ${createRequire(import.meta.url).resolve(name)}.`);
}

/** Changes with anything that could change a highlighted tree. */
function highlighterFingerprint(): string {
	return JSON.stringify([installedVersion('shiki'), installedVersion('@astrojs/markdown-satteri'), SHIKI_CONFIG]);
}

/**
 * Wraps `make`'s highlighter with a cache in `folder`. The highlighter itself is made only when
 * a block is missing, so a build whose blocks are all cached never loads Shiki.
 */
export function cachedHighlight(folder: string, make: () => Promise<Highlight>, fingerprint = highlighterFingerprint()): Highlight {
	let highlighter: Promise<Highlight> | undefined;
	let folderMade = false;
	let queue: Promise<unknown> = Promise.resolve();
	return async (code, lang, meta) => {
		const key = createHash('sha256')
			.update(JSON.stringify([fingerprint, lang, meta ?? null, code]))
			.digest('base64url')
			.slice(0, 32);
		const file = join(folder, `${key}.json`);
		try {
			return JSON.parse(readFileSync(file, 'utf8')) as unknown;
		} catch {
			// Not cached yet, or a torn file from an interrupted build: highlight it again.
		}
		highlighter ??= make();
		// One block at a time: Shiki loads a language's grammars on its first use, and blocks
		// highlighted side by side while that load was under way came out mis-tokenized.
		const turn = queue.then(async () => (await highlighter!)(code, lang, meta));
		queue = turn.catch(() => undefined);
		const tree = await turn;
		if (!folderMade) {
			mkdirSync(folder, { recursive: true });
			folderMade = true;
		}
		// Written aside, then renamed: a build running beside this one never reads half a file.
		const partial = `${file}.${process.pid}.partial`;
		writeFileSync(partial, JSON.stringify(tree));
		renameSync(partial, file);
		return tree;
	};
}

/** Astro's own Shiki highlighting, with its default settings, through the cache in `folder`. */
export function cachedHighlightPlugin(folder: string) {
	const highlight = cachedHighlight(folder, async () => {
		const made = await satteriCreateHighlightFn('shiki', SHIKI_CONFIG);
		if (!made) throw new Error('Astro made no Shiki highlighter; code blocks cannot be highlighted.');
		return made;
	});
	return satteriHighlightPlugin(highlight as Parameters<typeof satteriHighlightPlugin>[0], undefined);
}
