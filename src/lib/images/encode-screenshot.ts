import sharp from 'sharp';
import { ENCODER_SETTINGS } from './encoder-settings.ts';
import { pixelsAt, rawImage } from './scaled-pixels.ts';
import type { ScreenshotFile } from './screenshot-files.ts';

// A build encodes one screenshot per core; libvips threads inside each only contend for the
// same cores (about 6% more CPU for the same files on two cores). Each source is decoded once
// and never read again, so libvips' operation cache would only hold memory.
sharp.concurrency(1);
sharp.cache(false);

/**
 * Encodes one screenshot file from the original's bytes: the same pixels and encoder options
 * as the image service gives `astro dev`, so a build and dev serve the same image. Files of
 * one original share its decoded and scaled pixels (pass the same buffer).
 */
export async function encodeScreenshotFile(
	original: Uint8Array,
	file: Pick<ScreenshotFile, 'width' | 'quality' | 'format'>,
): Promise<Buffer> {
	const pixels = await pixelsAt(original, file.width);
	const options = { ...ENCODER_SETTINGS[file.format], quality: file.quality };
	return rawImage(pixels).toFormat(file.format, options).toBuffer();
}
