import { createHash } from 'node:crypto';

/**
 * How screenshots are encoded, in one place for the build (src/integrations/screenshot-files.ts)
 * and for `astro dev` (the image service in astro.config.mjs).
 *
 * Encoder effort is most of a cold build: at sharp's default effort 4, AVIF took about 1.2 s
 * of CPU per 1440 px screenshot, at effort 0 about 0.06 s for files about 1.5× larger, which
 * the lower quality of the dense width wins back (docs/performance.md has the measured
 * trade). AVIF takes 4:2:0 chroma, as every lossy WebP already does: sharp's default 4:4:4
 * cost about 25% more encoding time for files no smaller.
 */
export const ENCODER_SETTINGS = {
	avif: { effort: 0, chromaSubsampling: '4:2:0' },
	// Only the full-size view is WebP: see VIEW_ENCODING.
	webp: { effort: 2 },
} as const;

/**
 * The full-size view: what the zoom opens, what wide high-density screens draw in the step,
 * and what a browser without AVIF shows. Lossy WebP at the original's width, at the quality
 * Starlight (Astro's image service) ships its screenshots at, with effort 2 rather than 4.
 * A lossless WebP (the author's exact pixels, 0.4–0.7× Starlight's bytes) cost as much CPU as
 * Starlight's whole image, which left cold builds 1.2× Starlight's on the standard corpus;
 * this one costs about a third, for 1.2–1.3× Starlight's bytes with the AVIF counted, and
 * 1:1 crops of 12 px console text are as sharp as Starlight's (docs/performance.md).
 */
export const VIEW_ENCODING = { format: 'webp', quality: 80 } as const;

/**
 * Changes whenever the settings do. It is part of every screenshot file name, so a browser
 * never keeps an immutable file from older settings, and the cache never serves one.
 */
export const ENCODER_FINGERPRINT = createHash('sha256').update(JSON.stringify(ENCODER_SETTINGS)).digest('hex').slice(0, 6);
