import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentDigest, openScreenshotCache } from '../../src/lib/images/screenshot-cache';
import {
	describeSources,
	guideImageImports,
	guideImagePath,
	imageModule,
	inlineImageImports,
	publishedName,
} from '../../src/lib/images/screenshot-sources';

let root: string;
let guides: string;
let cacheDir: string;

const png = (width: number, height: number, background = '#e9ebed') =>
	sharp({ create: { width, height, channels: 3, background } })
		.png()
		.toBuffer();

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'stepcheck-sources-'));
	guides = join(root, 'guides');
	cacheDir = join(root, 'cache');
	mkdirSync(join(guides, 'a'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('which imports are guide images', () => {
	const folder = '/site/src/content/guides';

	it('takes raster images inside the guides folder, also when front matter names them', () => {
		expect(guideImagePath(`${folder}/a/shot-01.png`, folder)).toBe(`${folder}/a/shot-01.png`);
		expect(guideImagePath(`${folder}/a/images/photo.JPEG`, folder)).toBe(`${folder}/a/images/photo.JPEG`);
		expect(guideImagePath(`${folder}/a/shot.webp?astroContentImageFlag`, folder)).toBe(`${folder}/a/shot.webp`);
	});

	it('leaves Astro everything else: SVG, other queries, images outside the folder or beside it', () => {
		expect(guideImagePath(`${folder}/a/diagram.svg`, folder)).toBeNull();
		expect(guideImagePath(`${folder}/a/shot.png?url`, folder)).toBeNull();
		expect(guideImagePath(`${folder}/a/shot.png?raw`, folder)).toBeNull();
		expect(guideImagePath('/site/src/assets/logo.png', folder)).toBeNull();
		expect(guideImagePath('/site/src/content/guides-old/a.png', folder)).toBeNull();
		expect(guideImagePath('./a/shot.png', folder)).toBeNull();
	});
});

describe('the module an imported guide image becomes', () => {
	it('is named like a bundled asset, so a changed image gets new URLs', () => {
		const source = { path: '/g/a/shot 01.png', digest: 'Kq3zT0aBcD_e-fGhIjKlMn', format: 'png' };
		expect(publishedName(source)).toBe('shot-01.Kq3zT0aBcD.png');
		expect(publishedName({ ...source, digest: 'Zz3zT0aBcD_e-fGhIjKlMn' })).not.toBe(publishedName(source));
	});

	it('exports the metadata astro:assets gives an imported image, and no path of this machine', async () => {
		const code = imageModule('/security/_astro/shot.Kq3zT0aBcD.png', {
			path: '/home/me/site/src/content/guides/a/shot.png',
			digest: 'Kq3zT0aBcD_e-fGhIjKlMn',
			width: 1440,
			height: 900,
			format: 'png',
		});
		const { default: image } = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: unknown };
		expect(image).toEqual({ src: '/security/_astro/shot.Kq3zT0aBcD.png', width: 1440, height: 900, format: 'png' });
		expect(code).not.toContain('/home/me');
	});
});

describe("a compiled guide's image imports", () => {
	const folder = '/site/src/content/guides';
	const file = `${folder}/mfa/index.mdx`;
	const compiled = [
		'import { Fragment as _Fragment, jsx as _jsx } from "astro/jsx-runtime";',
		'function _createMdxContent() { return _jsx(Img, { src: __0___shot_01_png__ }); }',
		'import { Image as __AstroImage__ } from "astro:assets";',
		'import __0___shot_01_png__ from "./shot-01.png";',
		"import photo from '../shared/photo.jpg';",
		'import diagram from "./diagram.svg";',
		'import logo from "/site/src/assets/logo.png";',
		'import outside from "../../assets/logo.png";',
		'import raw from "./shot-01.png?raw";',
		'export const url = "./shot-01.png";',
		'export default function MDXContent() { return _createMdxContent(); }',
	].join('\n');
	const source = (path: string) => ({ path, digest: 'Kq3zT0aBcD_e-fGhIjKlMn', width: 1440, height: 900, format: 'png' });

	it('are the relative imports of raster images inside the guides folder; Astro keeps the others', () => {
		const found = guideImageImports(compiled, file, folder);
		expect(found.map(({ local, path }) => [local, path])).toEqual([
			['__0___shot_01_png__', `${folder}/mfa/shot-01.png`],
			['photo', `${folder}/shared/photo.jpg`],
		]);
		for (const { start, end } of found) expect(compiled.slice(start, end)).toMatch(/^import \S+ from ["'][^"']+["'];$/);
	});

	it('become constants holding what the image module would export, each on its own line', async () => {
		const found = guideImageImports(compiled, file, folder);
		const code = inlineImageImports(
			compiled,
			found.map((image) => ({ ...image, url: `/_astro/${image.local}.png`, source: source(image.path) })),
		);
		expect(code.split('\n')).toHaveLength(compiled.split('\n').length);
		expect(code).not.toMatch(/import \S+ from "\.\/shot-01\.png";/);
		expect(code).toContain('import diagram from "./diagram.svg";');
		expect(code).toContain('import raw from "./shot-01.png?raw";');
		const constant = code.split('\n').find((line) => line.startsWith('const __0___shot_01_png__ = '));
		const value = JSON.parse(constant!.replace(/^const \S+ = /, '').replace(/;$/, '')) as unknown;
		const { default: fromModule } = (await import(
			`data:text/javascript,${encodeURIComponent(imageModule('/_astro/__0___shot_01_png__.png', source(`${folder}/mfa/shot-01.png`)))}`
		)) as { default: unknown };
		expect(value).toEqual(fromModule);
	});
});

describe('describing a guide image', () => {
	it('gives its content digest and its size as readers see it, EXIF rotation applied', async () => {
		const wide = await png(1440, 900);
		writeFileSync(join(guides, 'a', 'wide.png'), wide);
		// Stored 300×200 with orientation 6 (rotate 90°): readers see 200×300.
		writeFileSync(
			join(guides, 'a', 'phone.jpg'),
			await sharp(await png(300, 200))
				.jpeg()
				.withMetadata({ orientation: 6 })
				.toBuffer(),
		);
		const describe = describeSources(guides, await openScreenshotCache(cacheDir));
		expect(await describe(join(guides, 'a', 'wide.png'))).toEqual({
			path: join(guides, 'a', 'wide.png'),
			digest: contentDigest(wide),
			width: 1440,
			height: 900,
			format: 'png',
		});
		expect(await describe(join(guides, 'a', 'phone.jpg'))).toMatchObject({ width: 200, height: 300, format: 'jpg', orientation: 6 });
	});

	it('reads no image on the next build, but does read one that changed', async () => {
		const path = join(guides, 'a', 'shot.png');
		const first = await png(800, 500);
		writeFileSync(path, first);
		const when = new Date('2026-11-30T12:00:00Z');
		utimesSync(path, when, when);
		const cache = await openScreenshotCache(cacheDir);
		await describeSources(guides, cache)(path);
		await cache.save();
		// Same size and modification time: the index answers, so the bytes are never looked at.
		writeFileSync(path, Buffer.alloc(statSync(path).size, 0));
		utimesSync(path, when, when);
		const next = describeSources(guides, await openScreenshotCache(cacheDir));
		expect((await next(path)).digest).toBe(contentDigest(first));
		// A changed image (another size, another time) is read again.
		const second = await png(900, 500, '#232f3e');
		writeFileSync(path, second);
		const after = describeSources(guides, await openScreenshotCache(cacheDir));
		expect(await after(path)).toMatchObject({ digest: contentDigest(second), width: 900 });
	});

	it('refuses a file that is not an image with Astro’s own error, naming the file', async () => {
		writeFileSync(join(guides, 'a', 'broken.png'), 'not a png at all');
		const describe = describeSources(guides, await openScreenshotCache(cacheDir));
		await expect(describe(join(guides, 'a', 'broken.png'))).rejects.toThrow(/broken\.png/);
	});
});
