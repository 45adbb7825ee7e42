import { createHash } from 'node:crypto';

/**
 * How screenshots are encoded, in one place for the build (src/integrations/screenshot-files.ts)
 * and for `astro dev` (the image service in astro.config.mjs).
 *
 * Encoder effort is most of a cold build: at sharp's default effort 4, AVIF took about 1.2 s
 * of CPU per 1440 px screenshot, at effort 0 about 0.06 s for files about 1.5× larger, which
 * the lower quality of the dense width wins back (README "Performance" has the measured
 * trade). AVIF takes 4:2:0 chroma, as every lossy WebP already does: sharp's default 4:4:4
 * cost about 25% more encoding time for files no smaller.
 */
export const ENCODER_SETTINGS = {
	avif: { effort: 0, chromaSubsampling: '4:2:0' },
	// Only the full-size view is WebP, and it is lossless: see VIEW_QUALITY.
	webp: { lossless: true, effort: 1 },
} as const;

/**
 * The full-size view: what the zoom opens and what a browser without AVIF shows in the page.
 * Lossless WebP at the original's width, so small console text is exactly as the author
 * captured it, in about a quarter of the PNG's bytes on busy console pages (a third on
 * plain ones); a lossy WebP of the same page was larger and blurred the text's edges.
 * For lossless WebP the quality is how hard the encoder searches: 75 at effort 1 gave
 * files within 6% of the smallest measured, for 80% of the CPU (README "Performance").
 */
export const VIEW_ENCODING = { format: 'webp', quality: 75 } as const;

/**
 * Changes whenever the settings do. It is part of every screenshot file name, so a browser
 * never keeps an immutable file from older settings, and the cache never serves one.
 */
export const ENCODER_FINGERPRINT = createHash('sha256').update(JSON.stringify(ENCODER_SETTINGS)).digest('hex').slice(0, 6);
