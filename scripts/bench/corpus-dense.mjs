// @ts-check
/**
 * The dense corpus shape: guides that look like the busiest real documentation rather than
 * like our own guides. Each guide has its own length (300 to 3,000 words of prose) and step
 * count, and its steps hold what makes pages heavy to build and to render: numbered and
 * bulleted sub-lists, tables, long code blocks in several languages (Shiki highlights each),
 * callouts and blockquote notes, and 10 screenshots of busy console pages (small type,
 * tables of 30 rows, forms of 27 fields).
 */
import { DENSE_CONSOLE_PAGES } from './console-pages.mjs';
import {
	countWords,
	guideId,
	guideSource,
	OBJECTS,
	paragraph,
	readableText,
	SCREENSHOT_SIZE,
	sentence,
	SUBJECTS,
	TOPICS,
	VERBS,
} from './corpus-text.mjs';
import { seededRandom } from './random.mjs';

export const DENSE_WORDS = { min: 300, max: 3000 };
const DENSE_SCREENSHOTS_PER_GUIDE = 10;
const DENSE_STEPS = { min: 5, max: 14 };
/** Languages of the long code blocks, each with a generator of one line. */
export const CODE_LANGUAGES = /** @type {const} */ (['bash', 'json', 'yaml', 'python', 'typescript', 'hcl']);

const NAMES = ['alice', 'bruno', 'chen', 'dara', 'emeka', 'farah'];

/** @typedef {import('./random.mjs').Random} Random */
/** @typedef {(typeof CODE_LANGUAGES)[number]} CodeLanguage */

/**
 * A long code block: 20 to 60 lines. JSON is a real IAM policy document that parses.
 * @param {Random} random @param {CodeLanguage} lang @returns {string[]}
 */
export function codeLines(random, lang) {
	const n = random.int(20, 60);
	const user = () => `${random.pick(NAMES)}-${random.int(1, 99)}`;
	switch (lang) {
		case 'bash':
			return Array.from({ length: n }, (_, i) =>
				i % 3 === 0
					? `# ${random.pick(['List', 'Check', 'Tag'])} the devices of user ${i}`
					: `aws iam ${random.pick(['list-mfa-devices', 'get-login-profile', 'list-access-keys', 'get-user'])} --user-name ${user()} --output ${random.pick(['json', 'table', 'text'])}`,
			);
		case 'json': {
			const statements = Array.from({ length: Math.max(1, Math.floor(n / 9)) }, (_, i) => ({
				Sid: `Statement${i + 1}`,
				Effect: random.pick(['Allow', 'Deny']),
				Action: [
					`iam:${random.pick(['ListMFADevices', 'EnableMFADevice', 'GetUser'])}`,
					`sts:${random.pick(['GetSessionToken', 'GetCallerIdentity'])}`,
				],
				Resource: `arn:aws:iam::*:user/${user()}`,
			}));
			return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2).split('\n');
		}
		case 'yaml':
			return [
				'Resources:',
				...Array.from({ length: n - 1 }, (_, i) =>
					i % 4 === 0 ? `  Role${i}:` : i % 4 === 1 ? '    Type: AWS::IAM::Role' : `    # ${sentence(random)}`,
				),
			];
		case 'python':
			return [
				'import boto3',
				'',
				'iam = boto3.client("iam")',
				...Array.from({ length: n - 3 }, (_, i) =>
					i % 2 === 0
						? `devices_${i} = iam.list_mfa_devices(UserName="${user()}")`
						: `print(len(devices_${i - 1}["MFADevices"]), "device(s)")`,
				),
			];
		case 'typescript':
			return [
				"import { IAMClient, ListMFADevicesCommand } from '@aws-sdk/client-iam';",
				'',
				'const iam = new IAMClient({});',
				...Array.from({ length: n - 3 }, (_, i) =>
					i % 2 === 0
						? `const answer${i} = await iam.send(new ListMFADevicesCommand({ UserName: '${user()}' }));`
						: `console.log(answer${i - 1}.MFADevices?.length ?? 0, 'device(s)');`,
				),
			];
		case 'hcl':
			return Array.from({ length: n }, (_, i) =>
				i % 4 === 0
					? `resource "aws_iam_user" "u${i}" {`
					: i % 4 === 3
						? '}'
						: `  ${i % 4 === 1 ? 'name' : 'path'} = "${i % 4 === 1 ? user() : '/people/'}"`,
			);
	}
}

/** @param {Random} random @param {number} rows */
export function markdownTable(random, rows) {
	const head = '| Setting | Where | Default | What to choose |';
	const body = Array.from(
		{ length: rows },
		() =>
			`| ${random.pick(['MFA for sign-in', 'Password length', 'Key rotation', 'Session length', 'Trail logging', 'Root access keys'])} | ${random.pick(OBJECTS)} | ${random.pick(['Off', 'On', '8 characters', '12 hours', 'None'])} | ${random.pick(['Turn it on', 'Keep the default', '14 characters or more', 'One hour', 'Every 90 days', 'Delete them'])} |`,
	);
	return [head, '| --- | --- | --- | --- |', ...body];
}

/**
 * One block of rich content for a step, by kind, as lines without the step's indent.
 * @param {Random} random @param {number} kind @param {CodeLanguage} lang
 */
export function richBlock(random, kind, lang) {
	switch (kind % 6) {
		case 0:
			// A numbered sub-list, with a nested bulleted list under its second item.
			return [
				...Array.from(
					{ length: random.int(3, 5) },
					(_, i) => `${i + 1}. ${random.pick(VERBS)} **${random.pick(OBJECTS)}**. ${sentence(random)}`,
				),
				'',
				'   - ' + sentence(random),
				'   - ' + sentence(random),
			];
		case 1:
			return Array.from({ length: random.int(3, 6) }, () => `- ${sentence(random)}`);
		case 2:
			return markdownTable(random, random.int(3, 8));
		case 3:
			return ['```' + lang, ...codeLines(random, lang), '```'];
		case 4:
			return [`<Callout type="${random.pick(['note', 'tip', 'warning'])}">`, '', sentence(random), '', '</Callout>'];
		default:
			return [`> **Note:** ${sentence(random)} ${sentence(random)}`];
	}
}

/**
 * One dense guide, the same for the same index and seed whatever the corpus size.
 * @param {number} index 1-based
 * @param {number} seed
 * @returns {import('./corpus-text.mjs').PlannedGuide}
 */
export function planDenseGuide(index, seed = 1) {
	const random = seededRandom(seed * 200_003 + index);
	const subject = random.pick(SUBJECTS);
	const words = random.int(DENSE_WORDS.min, DENSE_WORDS.max);
	const stepCount = Math.round(
		DENSE_STEPS.min + ((DENSE_STEPS.max - DENSE_STEPS.min) * (words - DENSE_WORDS.min)) / (DENSE_WORDS.max - DENSE_WORDS.min),
	);
	const frontmatter = {
		title: `Dense guide ${index}: ${subject} in ${stepCount} steps`,
		description: `A synthetic dense guide number ${index} for the benchmark, about ${subject}, with tables, code and sub-lists.`,
		published: `20${String(20 + (index % 6)).padStart(2, '0')}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
		tags: ['bench', 'dense'],
		topic: random.pick(TOPICS),
		order: 2000 + index,
	};
	/** @type {import('./corpus-text.mjs').PlannedScreenshot[]} */
	const screenshots = [];
	// Rich blocks first, so the prose can fill what they leave of the guide's length. The
	// shortest guides get a block in every other step, short ones one per step, longer ones two.
	const perStep = (/** @type {number} */ step) => (step === 6 ? 2 : words < 700 ? step % 2 : words < 1200 ? 1 : 2);
	const rich = Array.from({ length: stepCount }, (_, i) => {
		const step = i + 1;
		// Step 6 always holds a numbered sub-list: the shape the accessibility finding was about.
		const kinds = step === 6 ? [0, 3] : [step + index, step * 2 + index + 1];
		return kinds
			.slice(0, perStep(step))
			.map((kind) => richBlock(random, kind, CODE_LANGUAGES[(index + step) % CODE_LANGUAGES.length] ?? 'bash'));
	});
	const richWords = countWords(readableText(rich.flat(2).join('\n')));
	const introWords = Math.max(30, Math.round(words * 0.08));
	const outroWords = Math.max(20, Math.round(words * 0.04));
	// A paragraph overshoots its target by half a sentence on average, and the step's own line and sub-list items add more.
	const stepWords = Math.max(5, Math.floor((words - introWords - outroWords - richWords) / stepCount) - 22);
	const steps = [];
	for (let step = 1; step <= stepCount; step += 1) {
		const marker = `${step}. `;
		const indent = ' '.repeat(marker.length);
		const block = (/** @type {string[]} */ lines) => lines.map((line) => (line ? indent + line : line)).join('\n');
		const parts = [`${marker}${random.pick(VERBS)} **${random.pick(OBJECTS)}**.`, block([paragraph(random, stepWords)])];
		for (const lines of rich[step - 1] ?? []) parts.push(block(lines));
		for (let shot = step; shot <= DENSE_SCREENSHOTS_PER_GUIDE; shot += stepCount) {
			const template = /** @type {(typeof DENSE_CONSOLE_PAGES)[number]} */ (
				DENSE_CONSOLE_PAGES[(index * 3 + shot) % DENSE_CONSOLE_PAGES.length]
			);
			const file = `shot-${String(shot).padStart(2, '0')}.png`;
			const alt = `Synthetic ${template.name} for screenshot ${shot} of dense guide ${index}`;
			screenshots.push({
				file,
				alt,
				page: template.name,
				html: template.render({ guide: index, step: shot, random }),
				viewport: SCREENSHOT_SIZE,
				scale: 1,
			});
			parts.push(block([`![${alt}](./${file})`]));
		}
		steps.push(parts.join('\n\n'));
	}
	screenshots.sort((a, b) => a.file.localeCompare(b.file));
	const source = guideSource({ frontmatter, random, introWords, outroWords, steps });
	return { id: guideId(index), frontmatter, source, screenshots };
}
