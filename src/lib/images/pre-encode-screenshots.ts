import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodePool } from './encode-pool.ts';
import type { EncodeTarget } from './encode-worker.ts';
import { isFile, type ScreenshotCache } from './screenshot-cache.ts';
import { isRasterImage, type DescribeSource } from './screenshot-sources.ts';
import { planFiles, screenshotPlan } from './screenshot-options.ts';
import type { ScreenshotEncoding } from './screenshot-options.ts';
import { createLanes } from './lanes.ts';

/**
 * Encodes the guides' images into the screenshot cache while the rest of the build runs.
 * A build spends its first seconds loading content, bundling and rendering, mostly on one
 * core; the encoders fill the others meanwhile, so a cold build's screenshots are partly
 * done by the time the pages name them (with both cores of a 2-core machine encoding from
 * the start, the dense bench corpus built in 26.5 s rather than 31 s with one).
 * Each image gets the files a screenshot without `maxWidth` needs; anything else (a
 * `maxWidth`, an image no page uses) is left to the build's own pass, which also reports
 * every error: this pass never fails a build.
 */

export interface PreEncoding {
	/** Resolves when every image is done. */
	finished(): Promise<{ images: number; encoded: number }>;
}

export interface PreEncodeOptions {
	/** The guides' folder. */
	folder: string;
	cache: ScreenshotCache;
	/** The build's one description of each image (shared with the modules the pages import). */
	describe: DescribeSource;
	fingerprint: string;
	view: Omit<ScreenshotEncoding, 'width'>;
	/** How many images are encoded at once (the pool's threads). */
	lanes: number;
	pool: EncodePool;
}

export function preEncodeScreenshots({ folder, cache, describe, fingerprint, view, lanes: width, pool }: PreEncodeOptions): PreEncoding {
	const lanes = createLanes(width);
	const report = { images: 0, encoded: 0 };
	const listed = readdir(folder, { recursive: true, withFileTypes: true }).then(
		(entries) => entries.filter((e) => e.isFile() && isRasterImage(e.name)).map((e) => join(e.parentPath, e.name)),
		() => [] as string[],
	);
	const queued = listed.then((paths) => {
		report.images = paths.length;
		for (const path of paths) lanes.run(() => preEncodeOne(path).catch(() => undefined));
	});

	async function preEncodeOne(path: string): Promise<void> {
		const source = await describe(path);
		const files: EncodeTarget[] = [];
		for (const file of planFiles(screenshotPlan(source.width, null, view))) {
			const target = cache.path(source.digest, { ...file, fingerprint });
			if (!(await isFile(target))) files.push({ ...file, path: target });
		}
		if (!files.length) return;
		// A failure is the build's own pass to report (it encodes what is still missing).
		if ((await pool.encode({ source: path, files })).ok) report.encoded += files.length;
	}

	return {
		async finished() {
			await queued;
			await lanes.drained();
			return report;
		},
	};
}
