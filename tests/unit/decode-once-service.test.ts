import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import sharpService from 'astro/assets/services/sharp';
import service, { isWidthOnlyTransform } from '../../src/lib/images/decode-once-service';

type Args = Parameters<typeof service.transform>;
const config = {
	service: { entrypoint: '', config: { avif: { effort: 0, chromaSubsampling: '4:2:0' }, webp: { effort: 0 } } },
} as unknown as Args[2];
const logger = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} } as unknown as Args[3];

/** A small screenshot-like PNG: flat panels and a coloured stripe, with some detail to encode. */
async function screenshotPng(): Promise<Uint8Array> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
		<rect width="640" height="360" fill="#f4f6f8"/><rect x="20" y="20" width="600" height="60" fill="#232f3e"/>
		<rect x="40" y="120" width="240" height="36" rx="6" fill="#0972d3"/><text x="60" y="144" font-size="18" fill="#fff">Assign MFA</text>
		<text x="40" y="220" font-size="14" fill="#333">Multi-factor authentication (MFA) adds a second check.</text></svg>`;
	return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('decode-once image service', () => {
	it.each([
		['a width and a format', { format: 'avif', width: 300 }, true],
		['a format only', { format: 'png' }, true],
		['a height', { format: 'webp', width: 300, height: 200 }, false],
		['a fit', { format: 'webp', width: 300, fit: 'cover' }, false],
		['a background', { format: 'png', background: '#fff' }, false],
		['SVG output', { format: 'svg' }, false],
		['no format', {}, false],
	] as const)('handles a transform with %s itself: %s', (_, transform, own) => {
		expect(isWidthOnlyTransform(transform)).toBe(own);
	});

	it.each([
		['avif', 30],
		['webp', undefined],
	] as const)('writes the same %s bytes as the stock sharp service', async (format, quality) => {
		const png = await screenshotPng();
		for (const width of [320, 480]) {
			const transform = { src: 'shot.png', format, width, quality };
			const mine = await service.transform(png, transform, config, logger);
			const stock = await sharpService.transform(png, transform, config, logger);
			expect(mine.format).toBe(stock.format);
			expect(Buffer.compare(Buffer.from(mine.data), Buffer.from(stock.data)), `${format} at ${width} px`).toBe(0);
		}
	});

	it('scales once per width and still matches the stock service for every format at that width', async () => {
		const png = await screenshotPng();
		for (const [format, quality] of [
			['avif', 50],
			['webp', undefined],
			['avif', 30],
			['webp', 60],
		] as const) {
			const transform = { src: 'shot.png', format, width: 400, quality };
			const mine = await service.transform(png, transform, config, logger);
			const stock = await sharpService.transform(png, transform, config, logger);
			expect(Buffer.compare(Buffer.from(mine.data), Buffer.from(stock.data)), `${format} q${quality} at 400 px`).toBe(0);
		}
	});

	it('writes a PNG with the same pixels as the stock service', async () => {
		const png = await screenshotPng();
		const transform = { src: 'shot.png', format: 'png', width: 320 } as const;
		const pixels = async (data: Uint8Array) => (await sharp(data).raw().toBuffer({ resolveWithObject: true })).data;
		const mine = await service.transform(png, transform, config, logger);
		const stock = await sharpService.transform(png, transform, config, logger);
		expect(Buffer.compare(await pixels(mine.data), await pixels(stock.data))).toBe(0);
	});
});
