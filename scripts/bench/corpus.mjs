// @ts-check
/**
 * The synthetic corpus: N guides shaped like real Stepcheck guides (about 10 steps,
 * about 1,200 words, 10 screenshots of 1440×900 each), generated from a seed so every
 * run of the bench measures the same text. This module only plans the files; writing them
 * and rendering the screenshots with Chromium is in corpus-writer.mjs.
 */
import { CONSOLE_PAGES } from './console-pages.mjs';
import { planDenseGuide } from './corpus-dense.mjs';
import { planVariedGuide } from './corpus-varied.mjs';
import { OBJECTS, SCREENSHOT_SIZE, SUBJECTS, TOPICS, VERBS, frontmatterYaml, guideId, paragraph, sentence } from './corpus-text.mjs';
import { seededRandom } from './random.mjs';

export { countWords, guideId, readableText } from './corpus-text.mjs';

export const STEPS_PER_GUIDE = 10;
export const SCREENSHOTS_PER_GUIDE = 10;
const TARGET_WORDS = 1200;
/** Bump when the generated text or pages change, so a cached corpus is regenerated. */
export const CORPUS_VERSION = 3;
/**
 * `standard`: guides shaped like Stepcheck's own (the planner below). `dense`: guides shaped
 * like the busiest documentation, of varied length (corpus-dense.mjs). `varied`: guides that
 * differ from one another in length, screenshot count and screenshot pixel size (corpus-varied.mjs).
 */
export const CORPUS_SHAPES = /** @type {const} */ (['standard', 'dense', 'varied']);
/** @typedef {(typeof CORPUS_SHAPES)[number]} CorpusShape */

/**
 * One guide, the same for the same index and seed whatever the corpus size.
 * @param {number} index 1-based
 * @param {number} seed
 * @returns {import('./corpus-text.mjs').PlannedGuide}
 */
export function planGuide(index, seed = 1) {
	const random = seededRandom(seed * 100_003 + index);
	const subject = random.pick(SUBJECTS);
	const id = guideId(index);
	const frontmatter = {
		title: `Bench guide ${index}: secure ${subject} in ${STEPS_PER_GUIDE} steps`,
		description: `A synthetic guide number ${index} for the benchmark, about ${subject}, shaped like a real Stepcheck guide.`,
		published: `20${String(20 + (index % 6)).padStart(2, '0')}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
		tags: ['bench', random.pick(['aws', 'iam', 'mfa', 'audit'])],
		topic: random.pick(TOPICS),
		order: 1000 + index,
	};
	/** @type {import('./corpus-text.mjs').PlannedScreenshot[]} */
	const screenshots = [];
	const steps = [];
	// Text words outside the steps; the steps share the rest so the total lands near the target.
	const introWords = 120;
	const outroWords = 60;
	const stepWords = Math.floor((TARGET_WORDS - introWords - outroWords) / STEPS_PER_GUIDE);
	for (let step = 1; step <= STEPS_PER_GUIDE; step += 1) {
		const verb = random.pick(VERBS);
		const object = random.pick(OBJECTS);
		const heading = `${verb} **${object}**.`;
		const marker = `${step}. `;
		// Content under a list item is indented by the marker's width ("10. " is four characters).
		const indent = ' '.repeat(marker.length);
		const lines = [`${marker}${heading}`, '', `${indent}${paragraph(random, stepWords - 25)}`];
		if (step <= SCREENSHOTS_PER_GUIDE) {
			const template = /** @type {(typeof CONSOLE_PAGES)[number]} */ (CONSOLE_PAGES[(index * 7 + step) % CONSOLE_PAGES.length]);
			const file = `shot-${String(step).padStart(2, '0')}.png`;
			const alt = `Synthetic ${template.name} for step ${step} of bench guide ${index}`;
			screenshots.push({
				file,
				alt,
				page: template.name,
				html: template.render({ guide: index, step, random }),
				viewport: SCREENSHOT_SIZE,
				scale: 1,
			});
			lines.push('', `${indent}![${alt}](./${file})`);
		}
		if (step % 4 === 0) lines.push('', `${indent}<Callout type="tip">${sentence(random)}</Callout>`);
		steps.push(lines.join('\n'));
	}
	const source = [
		frontmatterYaml(frontmatter),
		'',
		'## Before you start',
		'',
		paragraph(random, introWords / 2),
		'',
		paragraph(random, introWords / 2),
		'',
		'## Steps',
		'',
		'<Steps>',
		steps.join('\n\n'),
		'</Steps>',
		'',
		'## What you did',
		'',
		paragraph(random, outroWords),
		'',
		// The build's content validator asks every guide for its sources.
		'## Sources',
		'',
		'- [AWS Identity and Access Management User Guide](https://docs.aws.amazon.com/IAM/latest/UserGuide/)',
		'',
	].join('\n');
	return { id, frontmatter, source, screenshots };
}

/**
 * @param {number} size number of guides
 * @param {number} seed
 * @param {CorpusShape} [shape]
 * @returns {import('./corpus-text.mjs').PlannedGuide[]}
 */
export function planCorpus(size, seed = 1, shape = 'standard') {
	if (!Number.isInteger(size) || size < 1) throw new Error(`Corpus size must be a whole number of guides ≥ 1, got ${size}.`);
	if (!CORPUS_SHAPES.includes(shape))
		throw new Error(`Corpus shape must be one of ${CORPUS_SHAPES.join(', ')}, got ${JSON.stringify(shape)}.`);
	const plan = { standard: planGuide, dense: planDenseGuide, varied: planVariedGuide }[shape];
	return Array.from({ length: size }, (_, i) => plan(i + 1, seed));
}

/**
 * The text edit of the "one guide edited" build: a new sentence in the first step, different per run.
 * @param {string} source @param {number} run
 */
export function editGuideText(source, run) {
	const marker = '1. ';
	const at = source.indexOf(marker, source.indexOf('<Steps>'));
	if (at < 0) throw new Error('The guide to edit has no first step ("1. ") after <Steps>; the corpus generator and the edit disagree.');
	const end = source.indexOf('\n', at);
	return `${source.slice(0, end)} ${editedSentence(run)}${source.slice(end)}`;
}

/** The sentence editGuideText adds to the first step, which the edited page must then show. @param {number} run */
export const editedSentence = (run) => `Edited for bench run ${run}.`;
