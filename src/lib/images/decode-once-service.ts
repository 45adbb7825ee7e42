/**
 * Astro's sharp image service, but each source image is decoded once, and scaled once per
 * width, rather than once per output file (see scaled-pixels.ts). `astro dev` uses it; a
 * build writes screenshot files itself (src/integrations/screenshot-files.ts).
 *
 * Astro hands every transform of one source the same buffer, one after another, which is
 * what the per-buffer pixels rely on. Anything beyond "scale to a width and encode" (height,
 * fit, background, SVG, animation) goes to the stock service unchanged.
 */
import type { LocalImageService } from 'astro';
import sharpService, { resolveSharpEncoderOptions, type SharpImageServiceConfig } from 'astro/assets/services/sharp';
import sharp from 'sharp';
import { pixelsAt, rawImage } from './scaled-pixels';

/** The parts of an image transform that decide who handles it. */
type TransformShape = { format?: unknown; height?: unknown; fit?: unknown; background?: unknown; [option: string]: unknown };
type SharpFormat = 'avif' | 'webp' | 'png' | 'jpeg' | 'jpg';

const RASTER_OUTPUTS: readonly string[] = ['avif', 'webp', 'png', 'jpeg', 'jpg'] satisfies SharpFormat[];

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

const service: LocalImageService<SharpImageServiceConfig> = {
	...sharpService,
	async transform(inputBuffer, transform, config, logger) {
		const meta = await sharp(inputBuffer).metadata();
		const still = (meta.pages ?? 1) === 1 && meta.format !== 'svg';
		if (!still || !isWidthOnlyTransform(transform)) return sharpService.transform(inputBuffer, transform, config, logger);
		const width = transform.width ? Math.round(transform.width) : undefined;
		const pixels = await pixelsAt(inputBuffer, width, {
			limitInputPixels: config.service.config.limitInputPixels,
			kernel: config.service.config.kernel,
		});
		const image = rawImage(pixels);
		const format = transform.format as SharpFormat;
		const options = resolveSharpEncoderOptions({ format, quality: transform.quality }, meta.format, config.service.config) ?? {};
		const out = await image.toFormat(format === 'jpg' ? 'jpeg' : format, options).toBuffer({ resolveWithObject: true });
		return { data: out.data, format: out.info.format };
	},
};

export default service;
