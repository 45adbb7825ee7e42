import { describe, expect, it } from 'vitest';
import {
	AVIF_QUALITY_1X,
	AVIF_QUALITY_DENSE,
	avifQuality,
	displayLimit,
	parseFrame,
	parseMaxWidth,
	responsiveWidths,
	screenshotIndex,
	sizesFor,
	widestDisplayPx,
} from '../../src/lib/images/screenshot-options';

const STEP = 'calc(100vw - 80.4px)';
const WIDE_STEP = 'calc(100vw - 111.6px)';

describe('screenshot options', () => {
	it.each([
		['40pc', '40pc', { px: 640 }, 608.4],
		['480px', '480px', { px: 480 }, 480],
		['50%', '50%', { fraction: 0.5 }, 304.2],
		['30rem', '30rem', { px: 480 }, 480],
		['2.5em', '2.5em', { px: 40 }, 40],
		['60vw', '60vw', { vw: 60 }, 608.4],
	])('reads maxWidth %s and the widest it is drawn inside a step', (input, css, limit, widest) => {
		expect(parseMaxWidth(input)).toBe(css);
		expect(displayLimit(css)).toEqual(limit);
		expect(widestDisplayPx(displayLimit(css))).toBeCloseTo(widest, 5);
	});

	it('refuses a width it cannot read, naming the units it takes', () => {
		expect(() => parseMaxWidth('wide')).toThrow(/pc, px, %, em, rem or vw/);
	});

	it('reads frames and refuses unknown ones', () => {
		expect(parseFrame(undefined)).toBe('none');
		expect(parseFrame('shadow')).toBe('shadow');
		expect(() => parseFrame('glow')).toThrow(/shadow, border, none/);
	});

	it.each([
		['a full-width 1440 px screenshot: the 1× step width and the dense width', 1440, null, [609, 960]],
		['a 1200 px original', 1200, null, [609, 960]],
		['an original narrower than the dense width', 800, null, [609, 800]],
		['an original narrower than the step', 300, null, [300]],
		['a 320 px maxWidth: 1× and 2×', 1440, { px: 320 }, [320, 640]],
		['a 50% maxWidth', 1440, { fraction: 0.5 }, [305, 610]],
	] as const)('encodes %s', (_, original, limit, widths) => {
		expect(responsiveWidths(original, limit)).toEqual(widths);
	});

	it('compresses only the dense width harder', () => {
		expect(avifQuality(609, null)).toBe(AVIF_QUALITY_1X);
		expect(avifQuality(960, null)).toBe(AVIF_QUALITY_DENSE);
		expect(avifQuality(640, { px: 320 })).toBe(AVIF_QUALITY_DENSE);
		expect(avifQuality(320, { px: 320 })).toBe(AVIF_QUALITY_1X);
		expect(AVIF_QUALITY_DENSE).toBeLessThan(AVIF_QUALITY_1X);
	});

	it.each([
		['the step width at each breakpoint', null, `(max-width: 640px) ${STEP}, (max-width: 720px) ${WIDE_STEP}, 608.4px`],
		['a fixed maxWidth from where it binds', { px: 480 }, `(max-width: 560.4px) ${STEP}, 480px`],
		['a fixed maxWidth wider than the step', { px: 640 }, `(max-width: 640px) ${STEP}, (max-width: 720px) ${WIDE_STEP}, 608.4px`],
		[
			'a fixed maxWidth that binds only in the wide layout',
			{ px: 580 },
			`(max-width: 640px) ${STEP}, (max-width: 691.6px) ${WIDE_STEP}, 580px`,
		],
		[
			'a share of the step',
			{ fraction: 0.5 },
			`(max-width: 640px) calc((100vw - 80.4px) * 0.5), (max-width: 720px) calc((100vw - 111.6px) * 0.5), 304.2px`,
		],
		[
			'a share of the viewport',
			{ vw: 60 },
			`(max-width: 640px) min(60vw, ${STEP}), (max-width: 720px) min(60vw, ${WIDE_STEP}), min(60vw, 608.4px)`,
		],
	] as const)('gives sizes for %s', (_, limit, sizes) => {
		expect(sizesFor(limit)).toBe(sizes);
	});

	it('counts screenshots per page so only the first loads eagerly', () => {
		const pageA = {};
		const pageB = {};
		expect([screenshotIndex(pageA), screenshotIndex(pageA), screenshotIndex(pageB)]).toEqual([0, 1, 0]);
	});
});
