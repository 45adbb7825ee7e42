// @ts-check
/**
 * The synthetic corpus: N guides shaped like real Stepcheck guides (about 10 steps,
 * about 1,200 words, 10 screenshots of 1440×900 each), generated from a seed so every
 * run of the bench measures the same text. This module only plans the files; writing them
 * and rendering the screenshots with Chromium is in corpus-writer.mjs.
 */
import { CONSOLE_PAGES } from './console-pages.mjs';
import { seededRandom } from './random.mjs';

export const STEPS_PER_GUIDE = 10;
export const SCREENSHOTS_PER_GUIDE = 10;
export const TARGET_WORDS = 1200;
export const SCREENSHOT_SIZE = { width: 1440, height: 900 };
/** Bump when the generated text or pages change, so a cached corpus is regenerated. */
export const CORPUS_VERSION = 2;

const SUBJECTS = [
	'MFA',
	'the root user',
	'access keys',
	'password policy',
	'CloudTrail',
	'IAM roles',
	'session tokens',
	'passkeys',
	'break-glass access',
	'billing alerts',
	'service control policies',
	'Identity Center',
];
const TOPICS = /** @type {const} */ (['sign-in', 'root-user', 'policies', 'cli', 'audit', 'identity-center']);
const VERBS = ['Open', 'Choose', 'Select', 'Review', 'Confirm', 'Copy', 'Enter', 'Check', 'Turn on', 'Save'];
const OBJECTS = [
	'the Security credentials page',
	'Assign MFA device',
	'the device name field',
	'the policy summary',
	'the user list',
	'the account menu',
	'the verification codes',
	'the access key table',
	'the event history',
	'the settings panel',
];
const OPENERS = [
	'When the page loads,',
	'If you manage several accounts,',
	'Before you continue,',
	'At this point,',
	'For most teams,',
	'In a shared account,',
	'On a phone,',
	'After a minute or two,',
];
const CLAUSES = [
	'the console shows the current state of every device registered to the user',
	'an attacker who has only the password can no longer sign in',
	'the change applies to new sessions and leaves existing ones running until they expire',
	'the list is sorted by the time of the last sign-in',
	'keep a second device in a safe place so losing one phone does not lock you out',
	'the policy denies every action except the ones needed to set up a device',
	'CloudTrail records the change with your user name and source address',
	'the codes must be consecutive and entered within the same thirty seconds',
	'the name you choose appears in audit logs, so make it say whose device it is',
	'a passkey stored in a password manager works across your own devices',
	'the root user should be used only for the few tasks that need it',
	'an access key that has not been used for ninety days can usually be deleted',
];
const CLOSERS = [
	'Nothing else changes yet.',
	'This is the step most people skip.',
	'You can undo it later.',
	'Write down what you chose.',
	'It takes under a minute.',
	'The next step depends on it.',
];

/** @param {string} text */
export function countWords(text) {
	return (text.match(/[A-Za-z0-9][A-Za-z0-9'’-]*/g) ?? []).length;
}

/** @param {import('./random.mjs').Random} random */
function sentence(random) {
	return `${random.pick(OPENERS)} ${random.pick(CLAUSES)}. ${random.pick(CLOSERS)}`;
}

/** @param {import('./random.mjs').Random} random @param {number} words */
function paragraph(random, words) {
	const parts = [];
	let count = 0;
	while (count < words) {
		const s = sentence(random);
		parts.push(s);
		count += countWords(s);
	}
	return parts.join(' ');
}

/** @param {number} index */
export function guideId(index) {
	return `bench-guide-${String(index).padStart(3, '0')}`;
}

/**
 * @typedef {{ file: string, alt: string, page: string, html: string }} PlannedScreenshot
 * @typedef {{ title: string, description: string, published: string, tags: string[], topic: string, order: number }} PlannedFrontmatter
 * @typedef {{ id: string, frontmatter: PlannedFrontmatter, source: string, screenshots: PlannedScreenshot[] }} PlannedGuide
 */

/** @param {PlannedFrontmatter} fm */
function frontmatterYaml(fm) {
	const quote = (/** @type {string} */ s) => JSON.stringify(s);
	return [
		'---',
		`title: ${quote(fm.title)}`,
		`description: ${quote(fm.description)}`,
		`published: ${fm.published}`,
		`tags: [${fm.tags.join(', ')}]`,
		`topic: ${fm.topic}`,
		`order: ${fm.order}`,
		'---',
	].join('\n');
}

/**
 * One guide, the same for the same index and seed whatever the corpus size.
 * @param {number} index 1-based
 * @param {number} seed
 * @returns {PlannedGuide}
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
	/** @type {PlannedScreenshot[]} */
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
			screenshots.push({ file, alt, page: template.name, html: template.render({ guide: index, step, random }) });
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
 * @returns {PlannedGuide[]}
 */
export function planCorpus(size, seed = 1) {
	if (!Number.isInteger(size) || size < 1) throw new Error(`Corpus size must be a whole number of guides ≥ 1, got ${size}.`);
	return Array.from({ length: size }, (_, i) => planGuide(i + 1, seed));
}

/** The prose a reader sees: front matter, tags and Markdown syntax removed. @param {string} source */
export function readableText(source) {
	return source
		.replace(/^---\n[\s\S]*?\n---\n/, '')
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/<\/?[A-Za-z][^>]*>/g, '')
		.replace(/^\s*\d+\.\s/gm, '')
		.replace(/[#*`]/g, '');
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
	return `${source.slice(0, end)} Edited for bench run ${run}.${source.slice(end)}`;
}
