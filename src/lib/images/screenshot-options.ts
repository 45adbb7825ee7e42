/**
 * Display options for screenshots. Authors ask for a frame and a maximum width the way
 * the old blog did (`?classes=shadow&width=40pc`); this turns those into safe CSS and
 * into the responsive widths the image pipeline should produce.
 */

export const FRAMES = ['shadow', 'border', 'none'] as const;
export type Frame = (typeof FRAMES)[number];

/** Content column width in CSS pixels; screenshots never display wider than this. */
export const COLUMN_PX = 720;
/** Candidate widths: phone (1x-3x at ~360 px), tablet, the content column at 1x/2x. */
export const CANDIDATE_WIDTHS = [400, 720, 1080, 1440] as const;

const LENGTH = /^(\d+(?:\.\d+)?)(pc|px|%|em|rem|vw)$/;

export class ScreenshotOptionError extends Error {}

/** A CSS length from the options, or null for "full column". */
export function parseMaxWidth(value: string | undefined): string | null {
	if (value === undefined || value === '') return null;
	const match = LENGTH.exec(value.trim());
	if (!match) {
		throw new ScreenshotOptionError(
			`maxWidth "${value}" is not a length Stepcheck understands. Use a number with pc, px, %, em, rem or vw, for example maxWidth="40pc".`,
		);
	}
	return `${match[1]}${match[2]}`;
}

/** Approximate CSS pixels for a max width, used to choose `sizes`; null when relative to the viewport. */
export function maxWidthInPixels(length: string | null): number | null {
	if (!length) return null;
	const match = LENGTH.exec(length);
	if (!match) return null;
	const n = Number(match[1]);
	switch (match[2]) {
		case 'px':
			return n;
		case 'pc':
			return n * 16; // 1pc = 12pt = 16px
		case 'em':
		case 'rem':
			return n * 16;
		case '%':
			return (COLUMN_PX * n) / 100;
		default:
			return null;
	}
}

export function parseFrame(value: string | undefined): Frame {
	if (value === undefined || value === '') return 'none';
	if ((FRAMES as readonly string[]).includes(value)) return value as Frame;
	throw new ScreenshotOptionError(`frame "${value}" is not one of ${FRAMES.join(', ')}.`);
}

/** Widths to generate: the candidates below the original, plus the original when it is smaller than the largest. */
export function responsiveWidths(originalWidth: number, displayMaxPx: number | null): number[] {
	const cap = Math.min(originalWidth, displayMaxPx ? Math.ceil(displayMaxPx * 2) : originalWidth);
	const widths: number[] = CANDIDATE_WIDTHS.filter((w) => w < cap);
	widths.push(cap);
	return [...new Set(widths)].sort((a, b) => a - b);
}

/** The `sizes` attribute: full width on small screens, the column (or the asked max) beyond. */
export function sizesFor(displayMaxPx: number | null, vwLength: string | null): string {
	if (vwLength && vwLength.endsWith('vw')) return `${vwLength}`;
	const px = Math.min(displayMaxPx ?? COLUMN_PX, COLUMN_PX);
	return `(max-width: ${px + 48}px) calc(100vw - 3rem), ${Math.round(px)}px`;
}

/**
 * The first screenshot of a page is likely its largest paint, so it loads eagerly and
 * with high priority; every later one is lazy. Keyed by the page's request so each
 * prerendered page counts from zero.
 */
const seen = new WeakMap<object, number>();
export function screenshotIndex(pageRequest: object): number {
	const index = seen.get(pageRequest) ?? 0;
	seen.set(pageRequest, index + 1);
	return index;
}
