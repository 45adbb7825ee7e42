// @ts-check
/**
 * The varied corpus shape: guides unlike each other and unlike the standard and dense shapes
 * on what drives build cost. Each guide draws its own length (150 to 5,000 words, most of them
 * short, on a log scale), its step count from that length, its style (almost pure prose, long
 * tables, code, or a mix), and 0 to 24 screenshots, each captured at its own pixel size: a
 * phone at device scale 3, a tall full-page capture, a small crop, a HiDPI desktop at scale 2
 * or a plain 1440×900. A budget met only because every image is 1440×900 or every guide has
 * 10 of them fails here.
 */
import { CONSOLE_PAGES, DENSE_CONSOLE_PAGES } from './console-pages.mjs';
import { CODE_LANGUAGES, codeLines, markdownTable, richBlock } from './corpus-dense.mjs';
import {
	countWords,
	guideId,
	guideSource,
	OBJECTS,
	paragraph,
	readableText,
	SCREENSHOT_SIZE,
	SUBJECTS,
	TOPICS,
	VERBS,
} from './corpus-text.mjs';
import { seededRandom } from './random.mjs';

export const VARIED_WORDS = { min: 150, max: 5000 };
/** The content lint asks every guide for at least 5 steps, so the shortest guides have 5. */
export const VARIED_STEPS = { min: 5, max: 24 };
export const VARIED_SCREENSHOTS = { max: 24 };
/** The share of guides with no screenshot at all (guide 1 always has one, for the edit builds). */
const NO_SCREENSHOTS = 0.15;
const GUIDE_STYLES = /** @type {const} */ (['prose', 'tables', 'code', 'mixed']);
export const CAPTURE_KINDS = /** @type {const} */ (['phone', 'tall', 'crop', 'hidpi', 'desktop']);

/** @typedef {import('./random.mjs').Random} Random */
/** @typedef {(typeof CAPTURE_KINDS)[number]} CaptureKind */
/** @typedef {(typeof GUIDE_STYLES)[number]} GuideStyle */

/**
 * The CSS viewport and device scale of one capture of a kind; the PNG is viewport × scale pixels.
 * @param {Random} random @param {CaptureKind} kind
 * @returns {{ viewport: { width: number, height: number }, scale: number }}
 */
function captureSize(random, kind) {
	switch (kind) {
		case 'phone':
			return {
				viewport: random.pick([
					{ width: 390, height: 844 },
					{ width: 360, height: 780 },
				]),
				scale: 3,
			};
		case 'tall':
			return { viewport: { width: 1440, height: random.int(2000, 3600) }, scale: 1 };
		case 'crop':
			return { viewport: { width: random.int(400, 800), height: random.int(300, 500) }, scale: 1 };
		case 'hidpi':
			return { viewport: { width: 1280, height: 800 }, scale: 2 };
		case 'desktop':
			return { viewport: SCREENSHOT_SIZE, scale: 1 };
	}
}

/**
 * How many screenshots a guide has: none for some, otherwise 1 to 24 with most guides near the
 * low end (a mean of about 8 over a corpus).
 * @param {Random} random @param {number} index
 */
function screenshotCount(random, index) {
	const none = random.next() < NO_SCREENSHOTS;
	const count = none ? 0 : 1 + Math.floor((VARIED_SCREENSHOTS.max - 1) * random.next() ** 1.6 + 0.5);
	// The edit and screenshot-replacement builds change the first guide's first step and first screenshot.
	return index === 1 ? Math.max(1, count) : count;
}

/**
 * The rich blocks of one step, by the guide's style, as lines without the step's indent.
 * @param {Random} random @param {GuideStyle} style @param {number} step @param {number} index
 */
function stepBlocks(random, style, step, index) {
	const lang = CODE_LANGUAGES[(index + step) % CODE_LANGUAGES.length] ?? 'bash';
	switch (style) {
		case 'prose':
			return [];
		case 'tables':
			// Long tables, in about half the steps.
			return random.next() < 0.5 ? [markdownTable(random, random.int(10, 40))] : [];
		case 'code':
			return random.next() < 0.6 ? [['```' + lang, ...codeLines(random, lang), '```']] : [];
		case 'mixed':
			return random.next() < 0.7 ? [richBlock(random, random.int(0, 5), lang)] : [];
	}
}

/**
 * One varied guide, the same for the same index and seed whatever the corpus size.
 * @param {number} index 1-based
 * @param {number} seed
 * @returns {import('./corpus-text.mjs').PlannedGuide}
 */
export function planVariedGuide(index, seed = 1) {
	const random = seededRandom(seed * 300_007 + index);
	const subject = random.pick(SUBJECTS);
	// Log-uniform: as many guides between 150 and 870 words as between 870 and 5,000.
	const position = random.next();
	const words = Math.round(VARIED_WORDS.min * (VARIED_WORDS.max / VARIED_WORDS.min) ** position);
	const stepCount = Math.min(
		VARIED_STEPS.max,
		Math.max(VARIED_STEPS.min, Math.round(VARIED_STEPS.min + (VARIED_STEPS.max - VARIED_STEPS.min) * position) + random.int(-2, 2)),
	);
	const style = random.pick(GUIDE_STYLES);
	const shots = screenshotCount(random, index);
	const frontmatter = {
		title: `Varied guide ${index}: ${subject} in ${stepCount} steps`,
		description: `A synthetic varied guide number ${index} for the benchmark, about ${subject}, ${style} with ${shots} screenshot(s).`,
		published: `20${String(20 + (index % 6)).padStart(2, '0')}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
		tags: ['bench', 'varied', style],
		topic: random.pick(TOPICS),
		order: 3000 + index,
	};
	const rich = Array.from({ length: stepCount }, (_, i) => stepBlocks(random, style, i + 1, index));
	const richWords = countWords(readableText(rich.flat(2).join('\n')));
	// A short guide gets one sentence before and after its steps; a long one about 8% and 4% of its words.
	const introWords = Math.max(10, Math.round(words * 0.08));
	const outroWords = Math.max(10, Math.round(words * 0.04));
	// Each step's own line is about 5 words, and a paragraph overshoots its target by half a sentence.
	const stepWords = Math.floor((words - introWords - outroWords - richWords) / stepCount) - 16;
	/** @type {import('./corpus-text.mjs').PlannedScreenshot[]} */
	const screenshots = [];
	const steps = [];
	for (let step = 1; step <= stepCount; step += 1) {
		const marker = `${step}. `;
		const indent = ' '.repeat(marker.length);
		const block = (/** @type {string[]} */ lines) => lines.map((line) => (line ? indent + line : line)).join('\n');
		const parts = [`${marker}${random.pick(VERBS)} **${random.pick(OBJECTS)}**.`];
		// The shortest guides' steps are their one line, as terse real guides are.
		if (stepWords >= 8) parts.push(block([paragraph(random, stepWords)]));
		for (const lines of rich[step - 1] ?? []) parts.push(block(lines));
		for (let shot = step; shot <= shots; shot += stepCount) {
			const kind = random.pick(CAPTURE_KINDS);
			const { viewport, scale } = captureSize(random, kind);
			const pages = random.next() < 0.3 ? DENSE_CONSOLE_PAGES : CONSOLE_PAGES;
			const template = /** @type {(typeof CONSOLE_PAGES)[number]} */ (pages[(index * 5 + shot) % pages.length]);
			const file = `shot-${String(shot).padStart(2, '0')}.png`;
			const alt = `Synthetic ${template.name} (${kind} capture) for screenshot ${shot} of varied guide ${index}`;
			const html = template.render({ guide: index, step: shot, random, viewport });
			screenshots.push({ file, alt, page: template.name, html, viewport, scale });
			parts.push(block([`![${alt}](./${file})`]));
		}
		steps.push(parts.join('\n\n'));
	}
	screenshots.sort((a, b) => a.file.localeCompare(b.file));
	const source = guideSource({ frontmatter, random, introWords, outroWords, steps });
	return { id: guideId(index), frontmatter, source, screenshots };
}
