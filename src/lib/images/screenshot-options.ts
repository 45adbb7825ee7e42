/**
 * Display options for screenshots. Authors ask for a frame and a maximum width the way
 * the old blog did (`?classes=shadow&width=40pc`); this turns those into safe CSS and
 * into the responsive widths, `sizes` and encoder quality the image pipeline should use.
 */

export const FRAMES = ['shadow', 'border', 'none'] as const;
export type Frame = (typeof FRAMES)[number];

/**
 * Where a screenshot sits: inside a step, whose box the page CSS fixes (src/styles/global.css:
 * `.page` caps the column at 45rem with padding, `.step` adds its margin, 2px border and
 * padding, and the 40rem breakpoint narrows both). `inset` is the viewport width the step
 * does not give to its content; past the last segment the content is `STEP_CONTENT_PX` wide.
 * An e2e test measures the real page against these numbers, so a CSS change that moves
 * them fails there rather than silently sending the wrong image sizes.
 */
export const STEP_LAYOUT = [
	// ≤ 40rem: .page padding 2 × 1rem, .step margin 0.9rem + 2px border + padding 2rem.
	{ maxViewportPx: 640, insetPx: 80.4 },
	// Up to the 45rem column: .page padding 2 × 1.25rem, .step margin 1.1rem + 2px + padding 3.25rem.
	{ maxViewportPx: 720, insetPx: 111.6 },
] as const;
export const STEP_CONTENT_PX = 720 - 111.6;

/**
 * AVIF quality (sharp's 1–100) per role: the file drawn at 1× keeps sharp's default; a
 * denser file is only ever scaled down by the screen, which hides stronger compression.
 */
export const AVIF_QUALITY_1X = 50;
export const AVIF_QUALITY_DENSE = 30;

/**
 * Up to this many times the width a wide high-density screen needs, the full-size view is
 * what it draws in the step: a 1440 px capture for a 1,217 px need (a 608 px step at 2×).
 * Past it (a 2880 px retina capture) a denser AVIF is encoded instead.
 */
const VIEW_SERVES_DENSE_UP_TO = 1.25;

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

/** How a `maxWidth` limits the screenshot: a fixed width, a share of the step, or a share of the viewport. */
export type DisplayLimit = { px: number } | { fraction: number } | { vw: number } | null;

export function displayLimit(length: string | null): DisplayLimit {
	if (!length) return null;
	const match = LENGTH.exec(length);
	if (!match) return null;
	const n = Number(match[1]);
	switch (match[2]) {
		case 'px':
			return { px: n };
		case 'pc': // 1pc = 12pt = 16px
		case 'em':
		case 'rem':
			return { px: n * 16 };
		case '%':
			return { fraction: n / 100 };
		default:
			return { vw: n };
	}
}

/** The widest the screenshot is ever drawn, in CSS pixels. */
export function widestDisplayPx(limit: DisplayLimit): number {
	if (limit && 'px' in limit) return Math.min(limit.px, STEP_CONTENT_PX);
	if (limit && 'fraction' in limit) return STEP_CONTENT_PX * Math.min(limit.fraction, 1);
	return STEP_CONTENT_PX;
}

export function parseFrame(value: string | undefined): Frame {
	if (value === undefined || value === '') return 'none';
	if ((FRAMES as readonly string[]).includes(value)) return value as Frame;
	throw new ScreenshotOptionError(`frame "${value}" is not one of ${FRAMES.join(', ')}.`);
}

type ScreenshotFormat = 'avif' | 'webp';

/** One file a screenshot is encoded to. */
export interface ScreenshotEncoding {
	format: ScreenshotFormat;
	width: number;
	quality: number;
}

/**
 * The files of one screenshot, each with its role in the page. Two in the common case: a
 * capture wider than the step needs one small file that phones and 1× screens draw, and
 * one full-size file for the zoom, which wide high-density screens also draw in the step.
 * Phones never get the full-size file in the page: at 3× they draw the 1× file about 2×
 * dense, which keeps their bytes low (the bench holds them under 40% of Starlight's).
 */
export interface ScreenshotPlan {
	/** AVIF at the widest the step draws it at 1×, never wider than the original. */
	inline: ScreenshotEncoding;
	/** What wide screens at 1.5× or more draw: the view, a denser AVIF, or nothing denser than `inline`. */
	dense: ScreenshotEncoding | 'view' | null;
	/** The full-size view: what the zoom opens and what a browser without AVIF draws (WebP, encoder-settings.ts). */
	view: ScreenshotEncoding;
}

export function screenshotPlan(originalWidth: number, limit: DisplayLimit, view: Omit<ScreenshotEncoding, 'width'>): ScreenshotPlan {
	const oneX = Math.ceil(widestDisplayPx(limit));
	const inline: ScreenshotEncoding = { format: 'avif', width: Math.min(oneX, originalWidth), quality: AVIF_QUALITY_1X };
	const full: ScreenshotEncoding = { ...view, width: originalWidth };
	let dense: ScreenshotPlan['dense'] = null;
	if (originalWidth > inline.width) {
		const wanted = 2 * oneX;
		dense =
			originalWidth <= wanted * VIEW_SERVES_DENSE_UP_TO
				? 'view'
				: { format: 'avif', width: Math.min(wanted, originalWidth), quality: AVIF_QUALITY_DENSE };
	}
	return { inline, dense, view: full };
}

/** Every file of a plan, each once. */
export function planFiles(plan: ScreenshotPlan): ScreenshotEncoding[] {
	return [plan.inline, plan.view, ...(typeof plan.dense === 'object' && plan.dense ? [plan.dense] : [])];
}

/**
 * The media condition of the dense source: high-density screens wider than the phone layout
 * (STEP_LAYOUT's first segment), where the step is drawn at least 560 CSS px wide.
 */
export const DENSE_MEDIA = `(min-width: ${(STEP_LAYOUT[0].maxViewportPx + 0.02).toFixed(2)}px) and (min-resolution: 1.5dppx)`;

const px = (n: number) => `${Math.round(n * 10) / 10}px`;

/**
 * The `sizes` attribute from the step layout: what the browser needs to pick the width
 * that is really drawn (the old "100vw - 3rem / 720px" made desktops download 720 px for a
 * 608 px box). One `(max-width)` condition per layout segment, split where an author's
 * fixed `maxWidth` starts to bind.
 */
export function sizesFor(limit: DisplayLimit): string {
	const entries: [condition: string, size: string][] = [];
	let fromViewport = 0;
	for (const { maxViewportPx, insetPx } of STEP_LAYOUT) {
		const content = `100vw - ${px(insetPx)}`;
		if (limit && 'px' in limit) {
			const bindsAt = limit.px + insetPx; // viewport width where the step gets as wide as the limit
			if (bindsAt > fromViewport) entries.push([`(max-width: ${px(Math.min(bindsAt, maxViewportPx))})`, `calc(${content})`]);
			if (bindsAt < maxViewportPx) entries.push([`(max-width: ${px(maxViewportPx)})`, px(limit.px)]);
		} else if (limit && 'fraction' in limit) {
			entries.push([`(max-width: ${px(maxViewportPx)})`, `calc((${content}) * ${limit.fraction})`]);
		} else if (limit && 'vw' in limit) {
			entries.push([`(max-width: ${px(maxViewportPx)})`, `min(${limit.vw}vw, calc(${content}))`]);
		} else {
			entries.push([`(max-width: ${px(maxViewportPx)})`, `calc(${content})`]);
		}
		fromViewport = maxViewportPx;
	}
	const widest = limit && 'vw' in limit ? `min(${limit.vw}vw, ${px(STEP_CONTENT_PX)})` : px(widestDisplayPx(limit));
	entries.push(['', widest]);
	// A condition whose size the next entry repeats adds nothing: the next one covers it.
	return entries
		.filter(([, size], i) => size !== entries[i + 1]?.[1])
		.map(([condition, size]) => (condition ? `${condition} ${size}` : size))
		.join(', ');
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
