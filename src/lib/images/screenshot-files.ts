/**
 * Names of the screenshot files a build writes. A name says everything needed to make the
 * file again: the original it comes from (already content-hashed by the bundler), the width,
 * the quality, the encoder settings' fingerprint and the format. So the built pages are the
 * whole manifest: the build reads the names out of the HTML and writes the files they name,
 * and a name never changes meaning, which lets browsers cache the files forever.
 *
 *   /_astro/shot-01.B1pWzJfK.png  →  /_astro/shot-01.B1pWzJfK.png.609w-q50-1a2b3c.avif
 */

type ScreenshotFormat = 'avif' | 'webp';

export interface ScreenshotFile {
	/** The original's file name in the assets folder, e.g. `shot-01.B1pWzJfK.png`. */
	original: string;
	width: number;
	quality: number;
	fingerprint: string;
	format: ScreenshotFormat;
}

const DERIVED = /^(.+\.(?:png|jpe?g|webp|avif|gif|tiff?))\.(\d+)w-q(\d+)-([0-9a-f]+)\.(avif|webp)$/i;

/** The URL of one encoded file, beside the original's URL (so under the same base and assets folder). */
export function screenshotFileUrl(originalUrl: string, file: Omit<ScreenshotFile, 'original'>): string {
	const path = originalUrl.split(/[?#]/)[0] ?? originalUrl;
	return `${path}.${file.width}w-q${file.quality}-${file.fingerprint}.${file.format}`;
}

/** What a file name asks for, or null when it is not a screenshot file name. */
export function parseScreenshotFileName(name: string): ScreenshotFile | null {
	const match = DERIVED.exec(name);
	if (!match) return null;
	const [, original, width, quality, fingerprint, format] = match;
	return {
		original: original!,
		width: Number(width),
		quality: Number(quality),
		fingerprint: fingerprint!.toLowerCase(),
		format: format!.toLowerCase() as ScreenshotFormat,
	};
}

/** Every screenshot file name a page points at, in `assetsFolder` (Astro's `build.assets`). */
export function screenshotFilesIn(html: string, assetsFolder: string): string[] {
	const folder = assetsFolder.replace(/^\/+|\/+$/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern = new RegExp(`/${folder}/([^/"'\\s,?#]+\\.\\d+w-q\\d+-[0-9a-f]+\\.(?:avif|webp))`, 'gi');
	const names = new Set<string>();
	for (const match of html.matchAll(pattern)) {
		if (parseScreenshotFileName(match[1]!)) names.add(match[1]!);
	}
	return [...names];
}

/**
 * The originals a page points at by their own name (not as the stem of an encoded file's
 * name), in `assetsFolder`. An original nothing points at need not be deployed.
 */
export function originalsIn(html: string, assetsFolder: string): string[] {
	const folder = assetsFolder.replace(/^\/+|\/+$/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern = new RegExp(`/${folder}/([^/"'\\s,?#()]+\\.(?:png|jpe?g|webp|avif|gif|tiff?))(?![^"'\\s,?#()<>])`, 'gi');
	const names = [...html.matchAll(pattern)].map((match) => match[1]!).filter((name) => !parseScreenshotFileName(name));
	return [...new Set(names)];
}
