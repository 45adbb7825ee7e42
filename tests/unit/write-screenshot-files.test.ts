import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import sharpService from 'astro/assets/services/sharp';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncodePool } from '../../src/lib/images/encode-pool';
import { encodeScreenshotFile } from '../../src/lib/images/encode-screenshot';
import { ENCODER_SETTINGS } from '../../src/lib/images/encoder-settings';
import { contentDigest, openScreenshotCache } from '../../src/lib/images/screenshot-cache';
import { screenshotFileUrl } from '../../src/lib/images/screenshot-files';
import type { ScreenshotSource } from '../../src/lib/images/screenshot-sources';
import { ScreenshotFilesError, writeScreenshotFiles } from '../../src/lib/images/write-screenshot-files';

/** The build's encoder threads, as the integration makes them. */
const pool = createEncodePool(2);
afterAll(() => pool.close());
const FINGERPRINT = 'abc123';
let root: string;
let site: string;
let guides: string;
let cacheDir: string;
/** The guide images this build's pages imported, by published name (what the integration's modules record). */
let sources: Map<string, ScreenshotSource>;

async function screenshotPng(width = 800, height = 500): Promise<Buffer> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
		<rect width="100%" height="100%" fill="#f4f6f8"/><rect x="20" y="20" width="${width - 40}" height="60" fill="#232f3e"/>
		<text x="40" y="160" font-size="22" fill="#0972d3">Assign MFA device</text></svg>`;
	return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The image in a guide's folder, imported by a page under `published`. */
async function guideImage(published = 'a.H1.png') {
	const png = await screenshotPng();
	const path = join(guides, 'a.png');
	writeFileSync(path, png);
	sources.set(published, { path, digest: contentDigest(png), width: 800, height: 500, format: 'png' });
}

/** A built site: one page whose picture points at two AVIF widths of `a.H1.png` and its full-size WebP view. */
async function builtSite(page = 'guides/a/index.html', original = 'a.H1.png') {
	mkdirSync(join(site, page, '..'), { recursive: true });
	const url = (width: number, quality: number, format: 'avif' | 'webp') =>
		screenshotFileUrl(`/_astro/${original}`, { width, quality, fingerprint: FINGERPRINT, format });
	writeFileSync(
		join(site, page),
		`<a href="${url(800, 75, 'webp')}"><picture><source srcset="${url(400, 50, 'avif')} 400w, ${url(640, 30, 'avif')} 640w"><img src="${url(800, 75, 'webp')}"></picture></a>`,
	);
}

/** One build's pass: the cache opened, the files written, the cache index saved, as the integration does. */
async function write() {
	const cache = await openScreenshotCache(cacheDir);
	const report = await writeScreenshotFiles({
		site,
		assetsFolder: '_astro',
		sources,
		cache,
		fingerprint: FINGERPRINT,
		concurrency: 2,
		pool,
	});
	await cache.save();
	return report;
}

beforeEach(async () => {
	root = mkdtempSync(join(tmpdir(), 'stepcheck-shots-'));
	site = join(root, 'client');
	guides = join(root, 'guides');
	cacheDir = join(root, 'cache');
	mkdirSync(guides);
	sources = new Map();
	await guideImage();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writing screenshot files after a build', () => {
	it('encodes every file the pages name, at its width and format', async () => {
		await builtSite();
		expect(await write()).toEqual({ files: 3, encoded: 3, fromCache: 0, originalsCopied: 0 });
		for (const [name, format, width] of [
			['a.H1.png.400w-q50-abc123.avif', 'heif', 400],
			['a.H1.png.640w-q30-abc123.avif', 'heif', 640],
			['a.H1.png.800w-q75-abc123.webp', 'webp', 800],
		] as const) {
			const meta = await sharp(join(site, '_astro', name)).metadata();
			expect([meta.format, meta.width], name).toEqual([format, width]);
		}
	});

	it('keeps the full-size view at the original size and close to its pixels', async () => {
		await builtSite();
		await write();
		const original = await sharp(await screenshotPng())
			.removeAlpha()
			.raw()
			.toBuffer();
		const view = await sharp(join(site, '_astro', 'a.H1.png.800w-q75-abc123.webp'))
			.removeAlpha()
			.raw()
			.toBuffer();
		expect(view.length).toBe(original.length);
		let difference = 0;
		for (let i = 0; i < view.length; i += 1) difference += Math.abs(view[i]! - original[i]!);
		// Lossy, but a console page's flat colours and text stay within a level or two of 255.
		expect(difference / view.length).toBeLessThan(2);
	});

	it('leaves the original out of the output when the pages point only at its encoded files', async () => {
		await builtSite();
		await write();
		expect(existsSync(join(site, '_astro', 'a.H1.png'))).toBe(false);
	});

	it('copies in an original that a page or a JSON endpoint points at by its own name', async () => {
		await builtSite();
		writeFileSync(join(site, 'legacy.json'), JSON.stringify([{ from: '/old/a.png', to: '/_astro/a.H1.png' }]));
		expect((await write()).originalsCopied).toBe(1);
		expect(readFileSync(join(site, '_astro', 'a.H1.png'))).toEqual(await screenshotPng());
	});

	it('links the files of the next build from the cache instead of encoding or copying them', async () => {
		await builtSite();
		await write();
		rmSync(join(site, '_astro'), { recursive: true });
		await builtSite();
		expect(await write()).toEqual({ files: 3, encoded: 0, fromCache: 3, originalsCopied: 0 });
		const built = statSync(join(site, '_astro', 'a.H1.png.640w-q30-abc123.avif'));
		const cached = statSync(join(cacheDir, `${contentDigest(await screenshotPng())}.640w-q30-abc123.avif`));
		expect(built.ino).toBe(cached.ino);
	});

	it('finds a file encoded from the same image under another name, and a warm build reads no image', async () => {
		await builtSite();
		await write();
		rmSync(join(site, '_astro'), { recursive: true });
		// The same image in another guide's folder: another name, the same content, the same files.
		sources.set('a.Other.png', sources.get('a.H1.png')!);
		await builtSite('guides/a/index.html', 'a.Other.png');
		// The files come from the cache by the image's digest: the image itself is not even read.
		rmSync(join(guides, 'a.png'));
		expect(await write()).toMatchObject({ encoded: 0, fromCache: 3 });
	});

	it('names the page and the image when a file must be encoded from an image that is gone', async () => {
		await builtSite();
		rmSync(join(guides, 'a.png'));
		await expect(write()).rejects.toThrow(
			/\/guides\/a\/index\.html points at \/_astro\/a\.H1\.png\.400w-q50-abc123\.avif, made from .*a\.png, but .*a\.png is gone/,
		);
	});

	it('encodes exactly what astro dev serves for the same width, quality and format', async () => {
		const png = await screenshotPng();
		const config = { service: { entrypoint: '', config: ENCODER_SETTINGS } } as unknown as Parameters<typeof sharpService.transform>[2];
		const logger = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as unknown as Parameters<
			typeof sharpService.transform
		>[3];
		for (const [format, quality] of [
			['avif', 30],
			['webp', 75],
		] as const) {
			const build = await encodeScreenshotFile(png, { width: 500, quality, format });
			const dev = await sharpService.transform(png, { src: 'a.png', format, width: 500, quality }, config, logger);
			expect(Buffer.compare(build, Buffer.from(dev.data)), format).toBe(0);
		}
	});

	it('names the page and the missing image when a page points at a file of an image no page imported', async () => {
		await builtSite('guides/b/index.html', 'gone.H2.png');
		const error = await write().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ScreenshotFilesError);
		expect((error as Error).message).toMatch(/3 screenshot files/);
		expect((error as Error).message).toMatch(
			/\/guides\/b\/index\.html points at \/_astro\/gone\.H2\.png\.400w-q50-abc123\.avif, made from \/_astro\/gone\.H2\.png, but this build took no such image from the guides folder/,
		);
	});

	it('refuses a file named for other encoder settings instead of mislabelling it', async () => {
		await builtSite();
		writeFileSync(join(site, 'old.html'), '<img src="/_astro/a.H1.png.400w-q50-999999.avif">');
		await expect(write()).rejects.toThrow(
			/\/old\.html points at \/_astro\/a\.H1\.png\.400w-q50-999999\.avif, named for encoder settings 999999; this build encodes with abc123/,
		);
	});

	it('leaves a site without screenshots as it was', async () => {
		mkdirSync(site, { recursive: true });
		writeFileSync(join(site, 'index.html'), '<h1>No pictures</h1>');
		expect(await write()).toEqual({ files: 0, encoded: 0, fromCache: 0, originalsCopied: 0 });
		expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('<h1>No pictures</h1>');
	});
});
