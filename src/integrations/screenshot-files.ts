import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ENCODER_FINGERPRINT } from '../lib/images/encoder-settings.ts';
import { writeScreenshotFiles } from '../lib/images/write-screenshot-files.ts';

/**
 * Writes the AVIF and WebP files that <Screenshot> points at, once the pages are built, and
 * removes the originals no page points at any more.
 * Astro's own image step would copy every file from its cache on every build; this keeps
 * its own cache and hard-links from it (src/lib/images/write-screenshot-files.ts).
 */
export function screenshotFiles(): AstroIntegration {
	let cacheDir = '';
	let assetsFolder = '_astro';
	return {
		name: 'stepcheck-screenshot-files',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = join(fileURLToPath(config.cacheDir), 'screenshots');
				assetsFolder = config.build.assets;
			},
			'astro:build:done': async ({ dir, logger }) => {
				const started = performance.now();
				const report = await writeScreenshotFiles({
					site: fileURLToPath(dir),
					assetsFolder,
					cacheDir,
					fingerprint: ENCODER_FINGERPRINT,
					concurrency: availableParallelism(),
				});
				logger.info(
					`${report.files} screenshot files: ${report.encoded} encoded, ${report.fromCache} from the cache, ${report.originalsRemoved} originals left out of the output, in ${Math.round(performance.now() - started)} ms`,
				);
			},
		},
	};
}
