import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { guidesFolder } from '../lib/content/guides-folder.ts';
import { createEncodePool, type EncodePool } from '../lib/images/encode-pool.ts';
import { ENCODER_FINGERPRINT, VIEW_ENCODING } from '../lib/images/encoder-settings.ts';
import { preEncodeScreenshots, type PreEncoding } from '../lib/images/pre-encode-screenshots.ts';
import { openScreenshotCache, type ScreenshotCache } from '../lib/images/screenshot-cache.ts';
import {
	describeSources,
	guideImageImports,
	guideImagePath,
	imageModule,
	inlineImageImports,
	publishedName,
	type DescribeSource,
	type ScreenshotSource,
} from '../lib/images/screenshot-sources.ts';
import { writeScreenshotFiles } from '../lib/images/write-screenshot-files.ts';
import { joinBase } from '../lib/site/base-path.ts';

/**
 * Writes the AVIF and WebP files that <Screenshot> points at, once the pages are built.
 * A build never bundles the guides' images (screenshot-sources.ts): a guide's import of one
 * becomes a constant with its size and URL (any other import, a module with the same), and the
 * files are made from the image in the guide's folder.
 * Encoding starts with the build, beside the content loader and the bundler
 * (pre-encode-screenshots.ts), and whatever the pages need beyond it is encoded after them,
 * while Pagefind indexes (it starts at astro:build:generated).
 * Astro's own image step would copy every file from its cache on every build; this keeps
 * its own cache and hard-links from it (src/lib/images/write-screenshot-files.ts).
 */
export function screenshotFiles(): AstroIntegration {
	let cacheDir = '';
	let assetsFolder = '_astro';
	let base = '/';
	let cache: Promise<ScreenshotCache> | undefined;
	let preEncoding: Promise<PreEncoding> | undefined;
	/** One pool of encoder threads for the whole build: the early pass and the one after the pages. */
	const pool: EncodePool = createEncodePool(availableParallelism());
	/** The guides' images the pages imported, by the name their URLs give them. */
	const sources = new Map<string, ScreenshotSource>();
	// The final config's folder and base: the bundler loads modules after astro:config:done.
	const imageUrl = (source: ScreenshotSource) => joinBase(base, `/${assetsFolder}/${publishedName(source)}`);

	return {
		name: 'stepcheck-screenshot-files',
		hooks: {
			// As early as a build allows: the config is read, the content and the bundler not yet started.
			'astro:config:setup': ({ command, config, updateConfig }) => {
				cacheDir = join(fileURLToPath(config.cacheDir), 'screenshots');
				if (command !== 'build') return;
				const folder = resolve(fileURLToPath(config.root), guidesFolder());
				cache = openScreenshotCache(cacheDir);
				const describe: Promise<DescribeSource> = cache.then((opened) => describeSources(folder, opened));
				preEncoding = Promise.all([cache, describe]).then(([opened, described]) =>
					preEncodeScreenshots({
						folder,
						cache: opened,
						describe: described,
						fingerprint: ENCODER_FINGERPRINT,
						view: VIEW_ENCODING,
						lanes: availableParallelism(),
						pool,
					}),
				);
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'stepcheck:guide-images',
								load: {
									// Before astro:assets, which would read the image and hand it to the bundler.
									order: 'pre',
									filter: { id: /\.(?:png|jpe?g|webp|avif|gif|tiff?)(?:\?|$)/i },
									async handler(id: string) {
										const path = guideImagePath(id, folder);
										if (!path) return undefined;
										// A missing or unreadable image is Astro's to report, with its own message.
										const source = await (await describe)(path).catch(() => undefined);
										if (!source) return undefined;
										sources.set(publishedName(source), source);
										return { code: imageModule(imageUrl(source), source) };
									},
								},
								transform: {
									// After the MDX compiler, which turns every Markdown image into an import.
									order: 'post',
									filter: { id: /\.mdx$/ },
									async handler(code: string, id: string) {
										const imports = guideImageImports(code, id, folder);
										if (!imports.length) return undefined;
										const described = await Promise.all(
											imports.map(async (found) => {
												// Left as an import, for Astro to report, when it cannot be read.
												const source = await (await describe)(found.path).catch(() => undefined);
												if (!source) return [];
												sources.set(publishedName(source), source);
												return [{ ...found, source, url: imageUrl(source) }];
											}),
										);
										return { code: inlineImageImports(code, described.flat()), map: null };
									},
								},
							},
						],
					},
				});
			},
			'astro:config:done': ({ config }) => {
				assetsFolder = config.build.assets;
				base = config.base;
			},
			// The bundler runs between these two hooks (see EncodePool.hold).
			'astro:build:start': () => pool.hold(),
			'astro:build:ssr': () => pool.release(),
			// Not from astro:build:generated: Astro moves the server build's assets into the client folder after that hook.
			'astro:build:done': async ({ dir, logger }) => {
				const started = performance.now();
				// Whatever happened to the hooks between, nothing waits for a release that never comes.
				pool.release();
				const early = await (await preEncoding)?.finished();
				const opened = await (cache ?? openScreenshotCache(cacheDir));
				const report = await writeScreenshotFiles({
					site: fileURLToPath(dir),
					assetsFolder,
					sources,
					cache: opened,
					fingerprint: ENCODER_FINGERPRINT,
					concurrency: availableParallelism(),
					pool,
				}).finally(() => pool.close());
				await opened.save();
				logger.info(
					`${report.files} screenshot files: ${early?.encoded ?? 0} encoded beside the bundler, ${report.encoded} after it, ${report.originalsCopied} originals copied; ${Math.round(performance.now() - started)} ms after the pages`,
				);
			},
		},
	};
}
