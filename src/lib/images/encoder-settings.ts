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
	webp: { effort: 0 },
} as const;

/** sharp's own default, written out so that a file name can say which quality it holds. */
export const WEBP_QUALITY = 80;

/**
 * Changes whenever the settings do. It is part of every screenshot file name, so a browser
 * never keeps an immutable file from older settings, and the cache never serves one.
 */
export const ENCODER_FINGERPRINT = createHash('sha256').update(JSON.stringify(ENCODER_SETTINGS)).digest('hex').slice(0, 6);
