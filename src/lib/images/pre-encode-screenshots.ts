import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { contentDigest, encodeIntoCache, isFile, type ScreenshotCache } from './screenshot-cache.ts';
import { planFiles, screenshotPlan } from './screenshot-options.ts';
import type { ScreenshotEncoding } from './screenshot-options.ts';
import { createLanes } from './lanes.ts';

/**
 * Encodes the guides' images into the screenshot cache while the rest of the build runs.
 * A build spends its first seconds loading content, bundling and rendering, mostly on one
 * core; the encoders fill the others meanwhile, so a cold build's screenshots are partly
 * done by the time the pages name them (with both cores of a 2-core machine encoding from
 * the start, the dense bench corpus built in 26.5 s rather than 31 s with one). Each image gets the files a screenshot without `maxWidth` needs; anything
 * else (a `maxWidth`, an image no page uses) is left to the build's own pass, which also
 * reports every error: this pass never fails a build.
 */

const IMAGE = /\.(?:png|jpe?g|webp)$/i;

export interface PreEncoding {
	/** Resolves when every image is done. */
	finished(): Promise<{ images: number; encoded: number }>;
}

export interface PreEncodeOptions {
	/** The guides' folder. */
	folder: string;
	cache: ScreenshotCache;
	fingerprint: string;
	view: Omit<ScreenshotEncoding, 'width'>;
	/** How many images are encoded at once. */
	lanes: number;
}

/** EXIF orientations 5–8 swap width and height: such an image (width 0 in the index) waits for the build's own pass. */
const ROTATED = new Set([5, 6, 7, 8]);

export function preEncodeScreenshots({ folder, cache, fingerprint, view, lanes: width }: PreEncodeOptions): PreEncoding {
	const lanes = createLanes(width);
	const report = { images: 0, encoded: 0 };
	const listed = readdir(folder, { recursive: true, withFileTypes: true }).then(
		(entries) => entries.filter((e) => e.isFile() && IMAGE.test(e.name)).map((e) => join(e.parentPath, e.name)),
		() => [] as string[],
	);
	const queued = listed.then((paths) => {
		report.images = paths.length;
		for (const path of paths) lanes.run(() => preEncodeOne(path).catch(() => undefined));
	});

	async function preEncodeOne(path: string): Promise<void> {
		const key = relative(folder, path);
		const info = await stat(path);
		let bytes: Buffer | undefined;
		let known = cache.index.sources[key];
		if (!known || known.size !== info.size || known.mtimeMs !== info.mtimeMs) {
			bytes = await readFile(path);
			const { default: sharp } = await import('sharp');
			const meta = await sharp(bytes).metadata();
			const plain = meta.width && !ROTATED.has(meta.orientation ?? 1) && (meta.pages ?? 1) === 1;
			known = { size: info.size, mtimeMs: info.mtimeMs, digest: contentDigest(bytes), width: plain ? meta.width! : 0 };
			cache.index.sources[key] = known;
		}
		if (!known.width) return;
		for (const file of planFiles(screenshotPlan(known.width, null, view))) {
			const target = cache.path(known.digest, { ...file, fingerprint });
			if (await isFile(target)) continue;
			bytes ??= await readFile(path);
			await encodeIntoCache(target, bytes, file);
			report.encoded += 1;
		}
	}

	return {
		async finished() {
			await queued;
			await lanes.drained();
			return report;
		},
	};
}
