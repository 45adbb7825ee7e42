import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import sharpService from 'astro/assets/services/sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeScreenshotFile } from '../../src/lib/images/encode-screenshot';
import { ENCODER_SETTINGS } from '../../src/lib/images/encoder-settings';
import { screenshotFileUrl } from '../../src/lib/images/screenshot-files';
import { ScreenshotFilesError, writeScreenshotFiles } from '../../src/lib/images/write-screenshot-files';

const FINGERPRINT = 'abc123';
let root: string;
let site: string;
let cacheDir: string;

async function screenshotPng(width = 800, height = 500): Promise<Buffer> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
		<rect width="100%" height="100%" fill="#f4f6f8"/><rect x="20" y="20" width="${width - 40}" height="60" fill="#232f3e"/>
		<text x="40" y="160" font-size="22" fill="#0972d3">Assign MFA device</text></svg>`;
	return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A built site: one page whose picture points at two widths in both formats of `a.H1.png`. */
async function builtSite(page = 'guides/a/index.html', original = 'a.H1.png') {
	mkdirSync(join(site, '_astro'), { recursive: true });
	mkdirSync(join(site, page, '..'), { recursive: true });
	writeFileSync(join(site, '_astro', 'a.H1.png'), await screenshotPng());
	const url = (width: number, quality: number, format: 'avif' | 'webp') =>
		screenshotFileUrl(`/_astro/${original}`, { width, quality, fingerprint: FINGERPRINT, format });
	writeFileSync(
		join(site, page),
		`<picture><source srcset="${url(400, 50, 'avif')} 400w, ${url(640, 30, 'avif')} 640w"><source srcset="${url(400, 80, 'webp')} 400w, ${url(640, 80, 'webp')} 640w"><img src="/_astro/${original}"></picture>`,
	);
}

const write = () => writeScreenshotFiles({ site, assetsFolder: '_astro', cacheDir, fingerprint: FINGERPRINT, concurrency: 2 });

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'stepcheck-shots-'));
	site = join(root, 'client');
	cacheDir = join(root, 'cache');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('writing screenshot files after a build', () => {
	it('encodes every file the pages name, at its width and format', async () => {
		await builtSite();
		expect(await write()).toEqual({ files: 4, encoded: 4, fromCache: 0 });
		for (const [name, format, width] of [
			['a.H1.png.400w-q50-abc123.avif', 'heif', 400],
			['a.H1.png.640w-q30-abc123.avif', 'heif', 640],
			['a.H1.png.400w-q80-abc123.webp', 'webp', 400],
			['a.H1.png.640w-q80-abc123.webp', 'webp', 640],
		] as const) {
			const meta = await sharp(join(site, '_astro', name)).metadata();
			expect([meta.format, meta.width], name).toEqual([format, width]);
		}
	});

	it('links the files of the next build from the cache instead of encoding or copying them', async () => {
		await builtSite();
		await write();
		rmSync(join(site, '_astro'), { recursive: true });
		await builtSite();
		expect(await write()).toEqual({ files: 4, encoded: 0, fromCache: 4 });
		const built = statSync(join(site, '_astro', 'a.H1.png.640w-q30-abc123.avif'));
		const cached = statSync(join(cacheDir, 'a.H1.png.640w-q30-abc123.avif'));
		expect(built.ino).toBe(cached.ino);
	});

	it('encodes exactly what astro dev serves for the same width, quality and format', async () => {
		const png = await screenshotPng();
		const config = { service: { entrypoint: '', config: ENCODER_SETTINGS } } as unknown as Parameters<typeof sharpService.transform>[2];
		const logger = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as unknown as Parameters<
			typeof sharpService.transform
		>[3];
		for (const [format, quality] of [
			['avif', 30],
			['webp', 80],
		] as const) {
			const build = await encodeScreenshotFile(png, { width: 500, quality, format });
			const dev = await sharpService.transform(png, { src: 'a.png', format, width: 500, quality }, config, logger);
			expect(Buffer.compare(build, Buffer.from(dev.data)), format).toBe(0);
		}
	});

	it('names the page and the missing original when a page points at a file it cannot make', async () => {
		await builtSite('guides/b/index.html', 'gone.H2.png');
		const error = await write().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ScreenshotFilesError);
		expect((error as Error).message).toMatch(/4 screenshot files/);
		expect((error as Error).message).toMatch(
			/\/guides\/b\/index\.html points at \/_astro\/gone\.H2\.png\.400w-q50-abc123\.avif, made from \/_astro\/gone\.H2\.png, but the build did not emit that file/,
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
		expect(await write()).toEqual({ files: 0, encoded: 0, fromCache: 0 });
		expect(readFileSync(join(site, 'index.html'), 'utf8')).toBe('<h1>No pictures</h1>');
	});
});
