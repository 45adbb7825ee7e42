// @ts-check
/** The words the synthetic guides are made of, and the pieces every corpus shape shares. */

export const SUBJECTS = [
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
export const TOPICS = /** @type {const} */ (['sign-in', 'root-user', 'policies', 'cli', 'audit', 'identity-center']);
export const VERBS = ['Open', 'Choose', 'Select', 'Review', 'Confirm', 'Copy', 'Enter', 'Check', 'Turn on', 'Save'];
export const OBJECTS = [
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

/** The CSS size of a standard or dense screenshot, captured at device scale 1. */
export const SCREENSHOT_SIZE = { width: 1440, height: 900 };

/** @param {string} text */
export function countWords(text) {
	return (text.match(/[A-Za-z0-9][A-Za-z0-9'’-]*/g) ?? []).length;
}

/** @param {import('./random.mjs').Random} random */
export function sentence(random) {
	return `${random.pick(OPENERS)} ${random.pick(CLAUSES)}. ${random.pick(CLOSERS)}`;
}

/** @param {import('./random.mjs').Random} random @param {number} words */
export function paragraph(random, words) {
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
 * viewport: the CSS size the page is rendered and captured at; scale: Chromium's device scale
 * factor, so the PNG is viewport × scale pixels (a phone capture at 3, a HiDPI desktop at 2).
 * @typedef {{ file: string, alt: string, page: string, html: string, viewport: { width: number, height: number }, scale: number }} PlannedScreenshot
 * @typedef {{ title: string, description: string, published: string, tags: string[], topic: string, order: number }} PlannedFrontmatter
 * @typedef {{ id: string, frontmatter: PlannedFrontmatter, source: string, screenshots: PlannedScreenshot[] }} PlannedGuide
 */

/** @param {PlannedFrontmatter} fm */
export function frontmatterYaml(fm) {
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

/** The prose a reader sees: front matter, code blocks, table rules, tags and Markdown syntax removed. @param {string} source */
export function readableText(source) {
	return source
		.replace(/^---\n[\s\S]*?\n---\n/, '')
		.replace(/^\s*```[^\n]*\n[\s\S]*?^\s*```$/gm, '')
		.replace(/^\s*\|(?:\s*---\s*\|)+$/gm, '')
		.replace(/\|/g, ' ')
		.replace(/^\s*(?:[-*]|>)\s/gm, '')
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/<\/?[A-Za-z][^>]*>/g, '')
		.replace(/^\s*\d+\.\s/gm, '')
		.replace(/[#*`]/g, '');
}

/**
 * A dense or varied guide's MDX: front matter, an introduction, the steps inside <Steps>, and a
 * closing paragraph. The paragraphs are drawn in that order, so a guide is the same for a seed.
 * @param {{ frontmatter: PlannedFrontmatter, random: import('./random.mjs').Random, introWords: number, outroWords: number, steps: string[] }} parts
 */
export function guideSource({ frontmatter, random, introWords, outroWords, steps }) {
	return [
		frontmatterYaml(frontmatter),
		'',
		'## Before you start',
		'',
		paragraph(random, introWords),
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
	].join('\n');
}
