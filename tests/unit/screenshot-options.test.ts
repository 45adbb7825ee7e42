import { describe, expect, it } from 'vitest';
import {
	maxWidthInPixels,
	parseFrame,
	parseMaxWidth,
	responsiveWidths,
	screenshotIndex,
	sizesFor,
} from '../../src/lib/images/screenshot-options';

describe('screenshot options', () => {
	it.each([
		['40pc', '40pc', 640],
		['480px', '480px', 480],
		['50%', '50%', 360],
		['30rem', '30rem', 480],
		['2.5em', '2.5em', 40],
		['60vw', '60vw', null],
	])('reads maxWidth %s', (input, css, px) => {
		expect(parseMaxWidth(input)).toBe(css);
		expect(maxWidthInPixels(css)).toBe(px);
	});

	it('refuses a width it cannot read, naming the units it takes', () => {
		expect(() => parseMaxWidth('wide')).toThrow(/pc, px, %, em, rem or vw/);
	});

	it('reads frames and refuses unknown ones', () => {
		expect(parseFrame(undefined)).toBe('none');
		expect(parseFrame('shadow')).toBe('shadow');
		expect(() => parseFrame('glow')).toThrow(/shadow, border, none/);
	});

	it('never produces a width larger than the original, and never an empty set', () => {
		expect(responsiveWidths(1440, null)).toEqual([400, 720, 1080, 1440]);
		expect(responsiveWidths(300, null)).toEqual([300]);
		expect(responsiveWidths(1440, 320)).toEqual([400, 640]);
	});

	it('asks for phone-sized images on small screens', () => {
		expect(sizesFor(null, null)).toBe('(max-width: 768px) calc(100vw - 3rem), 720px');
		expect(sizesFor(480, '480px')).toBe('(max-width: 528px) calc(100vw - 3rem), 480px');
		expect(sizesFor(null, '60vw')).toBe('60vw');
	});

	it('counts screenshots per page so only the first loads eagerly', () => {
		const pageA = {};
		const pageB = {};
		expect([screenshotIndex(pageA), screenshotIndex(pageA), screenshotIndex(pageB)]).toEqual([0, 1, 0]);
	});
});
