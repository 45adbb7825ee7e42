import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { imageMetadata } from 'astro/assets/utils';
import { createLanes } from './lanes.ts';
import { contentDigest, type IndexedSource, type ScreenshotCache } from './screenshot-cache.ts';

/**
 * The guides' images as a build sees them. Astro would bundle every imported image: read it,
 * hand its bytes to the bundler and write it to the output, only for the build to remove it
 * again (pages point at the encoded files). At 200 guides of console screenshots that was
 * 400 MB held in the bundler's memory. A build instead gives each image a module with its
 * metadata and URL, and the screenshot writer reads the image from the guide's folder.
 */

/** What a build knows of one image: its content digest (which names its files) and its size as readers see it. */
export interface ScreenshotSource extends Omit<IndexedSource, 'size' | 'mtimeMs'> {
	/** Absolute path of the image in the guides folder. */
	path: string;
}

export type DescribeSource = (path: string) => Promise<ScreenshotSource>;

/**
 * Images read at once. The bundler asks for every image module of every guide together, and
 * each read holds the whole file until it is hashed: 1,000 guides of console screenshots held
 * about 400 MB of them at once. A few reads keep the disk busy just as well.
 */
const READS_AT_ONCE = 4;

/**
 * Describes images once per build; the cache index keeps each description by size and
 * modification time, so a warm build reads no image. Sizes come from Astro's own reader:
 * EXIF rotation applied, and the same error for a file that is not an image.
 */
export function describeSources(folder: string, cache: ScreenshotCache): DescribeSource {
	const described = new Map<string, Promise<ScreenshotSource>>();
	const reads = createLanes(READS_AT_ONCE);
	const read = (path: string) => new Promise<Buffer>((resolve, reject) => reads.run(() => readFile(path).then(resolve, reject)));
	async function describe(path: string): Promise<ScreenshotSource> {
		const key = relative(folder, path);
		const info = await stat(path);
		const known = cache.index.sources[key];
		if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return sourceOf(path, known);
		const bytes = await read(path);
		const { width, height, format, orientation } = await imageMetadata(bytes, path);
		const indexed: IndexedSource = { size: info.size, mtimeMs: info.mtimeMs, digest: contentDigest(bytes), width, height, format };
		if (orientation) indexed.orientation = orientation;
		cache.index.sources[key] = indexed;
		return sourceOf(path, indexed);
	}
	return (path) => {
		let pending = described.get(path);
		if (!pending) {
			pending = describe(path);
			described.set(path, pending);
		}
		return pending;
	};
}

function sourceOf(path: string, { size: _size, mtimeMs: _mtimeMs, ...image }: IndexedSource): ScreenshotSource {
	return { path, ...image };
}

const RASTER = /\.(?:png|jpe?g|webp|avif|gif|tiff?)$/i;

/** Images Stepcheck encodes as screenshots; SVG is drawn as it is. */
export const isRasterImage = (name: string) => RASTER.test(name);
/** The only query a guide image's module id carries: Astro's mark on images named in front matter. */
const CONTENT_IMAGE_QUERY = /^astroContentImageFlag=?$/;

/**
 * The image file a module id names, when it is a raster image inside the guides folder;
 * null for anything else (SVG components, `?url` and other queries, images elsewhere),
 * which Astro handles as usual.
 */
export function guideImagePath(id: string, folder: string): string | null {
	const [path = '', query] = id.split('?');
	if (query !== undefined && !CONTENT_IMAGE_QUERY.test(query)) return null;
	if (!isRasterImage(path) || !isAbsolute(path)) return null;
	const inside = relative(folder, path);
	return inside && !inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside) ? path : null;
}

/**
 * The name the pages use for an image: its own name with part of its content digest, the
 * way Astro names bundled assets (`shot-01.Kq3zT0aB.png`), so a changed image gets new URLs.
 */
export function publishedName(source: Pick<ScreenshotSource, 'path' | 'digest' | 'format'>): string {
	const stem = basename(source.path, extname(source.path)).replace(/[^\w.-]+/g, '-');
	return `${stem}.${source.digest.slice(0, 10)}.${source.format}`;
}

/** The metadata `astro:assets` gives an imported image, as a JavaScript expression. */
function imageValue(url: string, { width, height, format, orientation }: ScreenshotSource): string {
	return JSON.stringify({ src: url, width, height, format, ...(orientation ? { orientation } : {}) });
}

/** The module an import of the image becomes. */
export function imageModule(url: string, source: ScreenshotSource): string {
	return `export default ${imageValue(url, source)};`;
}

/** A default import on a line of its own, the way a compiled guide imports its images: `import name from "./shot-01.png";` */
const DEFAULT_IMPORT = /^import\s+([A-Za-z_$][\w$]*)\s+from\s+(?:"([^"\\\n]*)"|'([^'\\\n]*)');?[ \t]*$/gm;

export interface ImageImport {
	/** The imported binding. */
	local: string;
	/** The image file, absolute. */
	path: string;
	/** Where the import statement is in the module's code. */
	start: number;
	end: number;
}

/**
 * The imports of a compiled guide (`file`, its MDX) that name one of the guides' images by a
 * relative path: each of them would be a module of its own for the bundler.
 */
export function guideImageImports(code: string, file: string, folder: string): ImageImport[] {
	const found: ImageImport[] = [];
	for (const match of code.matchAll(DEFAULT_IMPORT)) {
		const [statement, local = '', double, single] = match;
		const specifier = double ?? single ?? '';
		if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
		const path = guideImagePath(resolve(dirname(file), specifier), folder);
		if (path) found.push({ local, path, start: match.index, end: match.index + statement.length });
	}
	return found;
}

/**
 * `code` with each of `imports` replaced by a constant holding what its module would export, so a
 * guide's screenshots add no module to the bundle. A bundler keeps a record of every module until
 * it has written the bundle: ten screenshots per guide made the images 10,000 of the 11,000 modules
 * of a 1,000-guide site, and about 0.4 GB of its peak memory. Statements keep their line.
 */
export function inlineImageImports(code: string, imports: readonly (ImageImport & { url: string; source: ScreenshotSource })[]): string {
	let out = code;
	for (const { local, start, end, url, source } of [...imports].sort((a, b) => b.start - a.start))
		out = `${out.slice(0, start)}const ${local} = ${imageValue(url, source)};${out.slice(end)}`;
	return out;
}
