import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEVICE_SCALE, illustrationWidth } from '../../scripts/illustrations/page.mjs';
import { STEP_CONTENT_PX } from '../../src/lib/images/screenshot-options';
import { ILLUSTRATIONS } from '../support/illustrations';

/**
 * Every schematic illustration is drawn in a step as wide as the step's content at desktop
 * (STEP_CONTENT_PX, which tests/e2e/screenshot-sizes.test.ts holds to the real CSS). Laid
 * out for that width and captured at 2x, its PNG shows 1:1 on a 2x screen, so its text
 * is as large in the step as the source sets it, never a wide capture shrunk.
 */
const sources = ILLUSTRATIONS;
// Half a CSS pixel either way: the layout width is a whole number, the step's is not.
const TOLERANCE_PX = 0.5;

describe('illustrations at the width the step shows them', () => {
	it('finds the illustration sources', () => {
		expect(sources.length).toBeGreaterThanOrEqual(20);
	});

	it.each(sources.map((s) => [s.source, s]))('%s is laid out for the step and captured at 2x', async (_, { source, png }) => {
		const width = illustrationWidth(readFileSync(source, 'utf8'), source);
		expect(Math.abs(width - STEP_CONTENT_PX), `${source} declares ${width}px; the step shows ${STEP_CONTENT_PX}px`).toBeLessThanOrEqual(
			TOLERANCE_PX + 0.5,
		);
		const { width: pixels } = await sharp(png).metadata();
		expect(DEVICE_SCALE).toBe(2);
		expect(
			Math.abs((pixels ?? 0) / DEVICE_SCALE - STEP_CONTENT_PX),
			`${png} is ${pixels}px wide, so the step draws it at ${STEP_CONTENT_PX} / ${(pixels ?? 0) / 2} of 2x; run npm run illustrations`,
		).toBeLessThanOrEqual(TOLERANCE_PX + 0.5);
	});
});
