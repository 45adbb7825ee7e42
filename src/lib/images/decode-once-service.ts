/**
 * Astro's sharp image service, but each source image is decoded once per build rather than
 * once per output file. A screenshot becomes six files (AVIF and WebP at two widths, the
 * PNG fallback, the zoom WebP), and decoding a 1440×900 PNG costs about 14 ms of CPU, about
 * a third of what the cheap encoders that follow it cost.
 *
 * Astro hands every transform of one source the same buffer, one after another, so the
 * decoded pixels are kept per buffer (a WeakMap: they go when the buffer does). Anything
 * beyond "scale to a width and encode" (height, fit, background, SVG, animation) goes to
 * the stock service unchanged.
 */
import type { LocalImageService } from 'astro';
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from 'astro/assets/services/sharp';
import sharp, { type OutputInfo } from 'sharp';

type Decoded = { data: Buffer; info: OutputInfo };
/** The parts of an image transform that decide who handles it. */
type TransformShape = { format?: unknown; height?: unknown; fit?: unknown; background?: unknown; [option: string]: unknown };
type SharpFormat = 'avif' | 'webp' | 'png' | 'jpeg' | 'jpg';

const RASTER_OUTPUTS: readonly string[] = ['avif', 'webp', 'png', 'jpeg', 'jpg'] satisfies SharpFormat[];
const decoded = new WeakMap<Uint8Array, Promise<Decoded>>();

/** True for transforms this service does itself: one still raster image, scaled by width only. */
export function isWidthOnlyTransform(transform: TransformShape): boolean {
	return (
		typeof transform.format === 'string' &&
		RASTER_OUTPUTS.includes(transform.format) &&
		transform.height === undefined &&
		transform.fit === undefined &&
		transform.background === undefined
	);
}

function decode(input: Uint8Array, limitInputPixels: number | boolean | undefined): Promise<Decoded> {
	let pending = decoded.get(input);
	if (!pending) {
		// rotate() applies EXIF orientation as the stock service does; 8-bit raw keeps the
		// pixels exactly what the stock pipeline would resize.
		pending = sharp(input, { failOn: 'none', limitInputPixels })
			.rotate()
			.raw({ depth: 'uchar' })
			.toBuffer({ resolveWithObject: true });
		decoded.set(input, pending);
	}
	return pending;
}

const service: LocalImageService<SharpImageServiceConfig> = {
	...sharpService,
	async transform(inputBuffer, transform, config, logger) {
		const meta = await sharp(inputBuffer).metadata();
		const still = (meta.pages ?? 1) === 1 && meta.format !== 'svg';
		if (!still || !isWidthOnlyTransform(transform)) return sharpService.transform(inputBuffer, transform, config, logger);
		const { data, info } = await decode(inputBuffer, config.service.config.limitInputPixels);
		const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
		if (transform.width && Math.round(transform.width) < info.width) {
			image.resize({ width: Math.round(transform.width), kernel: config.service.config.kernel });
		}
		const format = transform.format as SharpFormat;
		const options = resolveSharpEncoderOptions({ format, quality: transform.quality }, meta.format, config.service.config) ?? {};
		const out = await image.toFormat(format === 'jpg' ? 'jpeg' : format, options).toBuffer({ resolveWithObject: true });
		return { data: out.data, format: out.info.format };
	},
};

export default service;
