import { copyFile, link, mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createLanes } from './lanes.ts';
import type { EncodePool } from './encode-pool.ts';
import { isFile, type ScreenshotCache } from './screenshot-cache.ts';
import { originalsIn, parseScreenshotFileName, screenshotFilesIn, type ScreenshotFile } from './screenshot-files.ts';
import type { ScreenshotSource } from './screenshot-sources.ts';

/**
 * Writes every screenshot file the built pages point at. Files come from a cache kept
 * between builds and are hard-linked into the output: a warm build writes no image bytes,
 * only directory entries (copying 800 small files cost about 0.5–0.7 s here, linking them
 * 20–50 ms). Missing files are encoded from the image in the guide's folder, all cores
 * busy (encode-pool.ts), each image decoded once. An original is copied into the output only when a page
 * points at it by its own name: the pages point at the encoded files.
 */

export interface ScreenshotFilesOptions {
	/** The static site folder (the client half of the build). */
	site: string;
	/** Astro's `build.assets`, where the pages find the files. */
	assetsFolder: string;
	/** The images the pages' modules named, by published name (screenshot-sources.ts). */
	sources: ReadonlyMap<string, ScreenshotSource>;
	cache: ScreenshotCache;
	fingerprint: string;
	/** How many images are encoded at once (the pool's threads). */
	concurrency: number;
	pool: EncodePool;
}

export interface ScreenshotFilesReport {
	files: number;
	encoded: number;
	fromCache: number;
	/** Originals copied into the output because a page points at them by their own name. */
	originalsCopied: number;
}

export class ScreenshotFilesError extends Error {}

/** Pages that can point at images: HTML, and JSON endpoints (the legacy redirect sources). */
async function pageFiles(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile() && /\.(?:html|json)$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** A hard link where the file system allows one, a copy where it does not (another device, say). */
async function place(from: string, to: string): Promise<void> {
	try {
		await link(from, to);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
		await copyFile(from, to);
	}
}

export async function writeScreenshotFiles(options: ScreenshotFilesOptions): Promise<ScreenshotFilesReport> {
	const { site, assetsFolder, sources, cache, fingerprint, pool } = options;
	const assets = join(site, assetsFolder);
	/** name → the first page that points at it, for error messages. */
	const wanted = new Map<string, string>();
	const originalsInUse = new Set<string>();
	for (const page of await pageFiles(site)) {
		// Pagefind writes its index beside the pages meanwhile; a file that went away names nothing.
		const text = await readFile(page, 'utf8').catch(() => '');
		for (const name of screenshotFilesIn(text, assetsFolder)) {
			if (!wanted.has(name)) wanted.set(name, '/' + relative(site, page).split(sep).join('/'));
		}
		for (const original of originalsIn(text, assetsFolder)) originalsInUse.add(original);
	}
	const problems: string[] = [];
	const byOriginal = new Map<string, { name: string; file: ScreenshotFile }[]>();
	for (const [name, page] of wanted) {
		const file = parseScreenshotFileName(name)!;
		if (file.fingerprint !== fingerprint) {
			problems.push(
				`${page} points at /${assetsFolder}/${name}, named for encoder settings ${file.fingerprint}; this build encodes with ${fingerprint}. Rebuild the page rather than editing its HTML.`,
			);
			continue;
		}
		const siblings = byOriginal.get(file.original);
		if (siblings) siblings.push({ name, file });
		else byOriginal.set(file.original, [{ name, file }]);
	}
	const report: ScreenshotFilesReport = { files: wanted.size, encoded: 0, fromCache: 0, originalsCopied: 0 };
	if (byOriginal.size || originalsInUse.size) await mkdir(assets, { recursive: true });
	const lanes = createLanes(options.concurrency);
	for (const [original, files] of byOriginal) {
		lanes.run(async () => {
			const source = sources.get(original);
			if (!source) {
				for (const { name } of files)
					problems.push(
						`${wanted.get(name)} points at /${assetsFolder}/${name}, made from /${assetsFolder}/${original}, but this build took no such image from the guides folder. A screenshot's image must be a file in its guide's folder; a page whose HTML was edited by hand must be rebuilt instead.`,
					);
				return;
			}
			const targets = files.map(({ name, file }) => ({ name, cached: cache.path(source.digest, file), file }));
			const missing: typeof targets = [];
			for (const target of targets) {
				if (await isFile(target.cached)) report.fromCache += 1;
				else missing.push(target);
			}
			if (missing.length) {
				const outcome = await pool.encode({ source: source.path, files: missing.map(({ cached, file }) => ({ ...file, path: cached })) });
				if (!outcome.ok) {
					const why = outcome.code === 'ENOENT' ? `${source.path} is gone` : outcome.message;
					for (const { name } of missing)
						problems.push(`${wanted.get(name)} points at /${assetsFolder}/${name}, made from ${source.path}, but ${why}.`);
					return;
				}
				report.encoded += missing.length;
			}
			await Promise.all(targets.map(({ name, cached }) => place(cached, join(assets, name))));
		});
	}
	await lanes.drained();
	for (const original of originalsInUse) {
		const source = sources.get(original);
		if (!source) continue; // not a guide image: Astro put it in the output itself
		await copyFile(source.path, join(assets, original));
		report.originalsCopied += 1;
	}
	if (problems.length) {
		throw new ScreenshotFilesError(
			`Stepcheck could not write ${problems.length} screenshot file${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
		);
	}
	return report;
}
