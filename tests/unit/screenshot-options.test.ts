import { describe, expect, it } from 'vitest';
import {
	AVIF_QUALITY_1X,
	AVIF_QUALITY_DENSE,
	DENSE_MEDIA,
	displayLimit,
	parseFrame,
	parseMaxWidth,
	planFiles,
	screenshotIndex,
	screenshotPlan,
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

	const VIEW = { format: 'webp', quality: 75 } as const;
	const avif = (width: number, quality: number) => ({ format: 'avif', width, quality });

	it.each([
		[
			'a 1440 px capture: the 1× width for phones and 1× screens, the full-size view for wide 2× screens',
			1440,
			null,
			{ inline: avif(609, AVIF_QUALITY_1X), dense: 'view' },
		],
		['a 1200 px original', 1200, null, { inline: avif(609, AVIF_QUALITY_1X), dense: 'view' }],
		['a 1520 px original, still close to the 1,217 px a 2× step needs', 1520, null, { inline: avif(609, AVIF_QUALITY_1X), dense: 'view' }],
		[
			'a 2880 px retina capture: a denser AVIF rather than the whole capture',
			2880,
			null,
			{ inline: avif(609, AVIF_QUALITY_1X), dense: avif(1218, AVIF_QUALITY_DENSE) },
		],
		['an original narrower than the step: nothing denser exists', 300, null, { inline: avif(300, AVIF_QUALITY_1X), dense: null }],
		[
			'a 320 px maxWidth: the view is far wider than 2× needs',
			1440,
			{ px: 320 },
			{ inline: avif(320, AVIF_QUALITY_1X), dense: avif(640, AVIF_QUALITY_DENSE) },
		],
		['a 50% maxWidth', 1440, { fraction: 0.5 }, { inline: avif(305, AVIF_QUALITY_1X), dense: avif(610, AVIF_QUALITY_DENSE) }],
	] as const)('plans %s', (_, original, limit, expected) => {
		const plan = screenshotPlan(original, limit, VIEW);
		expect(plan).toEqual({ ...expected, view: { ...VIEW, width: original } });
	});

	it('encodes two files for the usual capture, three only when a denser AVIF is worth it', () => {
		expect(planFiles(screenshotPlan(1440, null, VIEW))).toHaveLength(2);
		expect(planFiles(screenshotPlan(2880, null, VIEW))).toHaveLength(3);
		expect(planFiles(screenshotPlan(300, null, VIEW))).toHaveLength(2);
		expect(AVIF_QUALITY_DENSE).toBeLessThan(AVIF_QUALITY_1X);
	});

	it('keeps the dense source off phones: it applies past the phone layout, at 1.5× and more', () => {
		expect(DENSE_MEDIA).toBe('(min-width: 640.02px) and (min-resolution: 1.5dppx)');
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
