import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { guidesFolder } from '../lib/content/guides-folder.ts';
import { ENCODER_FINGERPRINT, VIEW_ENCODING } from '../lib/images/encoder-settings.ts';
import { preEncodeScreenshots, type PreEncoding } from '../lib/images/pre-encode-screenshots.ts';
import { openScreenshotCache, type ScreenshotCache } from '../lib/images/screenshot-cache.ts';
import { writeScreenshotFiles } from '../lib/images/write-screenshot-files.ts';

/**
 * Writes the AVIF and WebP files that <Screenshot> points at, once the pages are built, and
 * removes the originals no page points at any more. Encoding starts with the build, beside
 * the content loader and the bundler (pre-encode-screenshots.ts), and whatever the pages
 * need beyond it is encoded after them, while Pagefind indexes (it starts at
 * astro:build:generated).
 * Astro's own image step would copy every file from its cache on every build; this keeps
 * its own cache and hard-links from it (src/lib/images/write-screenshot-files.ts).
 */
export function screenshotFiles(): AstroIntegration {
	let cacheDir = '';
	let assetsFolder = '_astro';
	let cache: Promise<ScreenshotCache> | undefined;
	let preEncoding: Promise<PreEncoding> | undefined;

	return {
		name: 'stepcheck-screenshot-files',
		hooks: {
			// As early as a build allows: the config is read, the content and the bundler not yet started.
			'astro:config:setup': ({ command, config }) => {
				cacheDir = join(fileURLToPath(config.cacheDir), 'screenshots');
				if (command !== 'build') return;
				cache = openScreenshotCache(cacheDir);
				preEncoding = cache.then((opened) =>
					preEncodeScreenshots({
						folder: resolve(fileURLToPath(config.root), guidesFolder()),
						cache: opened,
						fingerprint: ENCODER_FINGERPRINT,
						view: VIEW_ENCODING,
						lanes: availableParallelism(),
					}),
				);
			},
			'astro:config:done': ({ config }) => {
				assetsFolder = config.build.assets;
			},
			// Not from astro:build:generated: Astro moves the server build's assets (originals among
			// them) into the client folder after that hook.
			'astro:build:done': async ({ dir, logger }) => {
				const started = performance.now();
				const early = await (await preEncoding)?.finished();
				const opened = await (cache ?? openScreenshotCache(cacheDir));
				const report = await writeScreenshotFiles({
					site: fileURLToPath(dir),
					assetsFolder,
					cache: opened,
					fingerprint: ENCODER_FINGERPRINT,
					concurrency: availableParallelism(),
				});
				await opened.save();
				logger.info(
					`${report.files} screenshot files: ${early?.encoded ?? 0} encoded beside the bundler, ${report.encoded} after it, ${report.originalsRemoved} originals left out of the output; ${Math.round(performance.now() - started)} ms after the pages`,
				);
			},
		},
	};
}
