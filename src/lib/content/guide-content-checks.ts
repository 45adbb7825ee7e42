import type { List, Root, RootContent } from 'mdast';
import { commandKey, placeholdersIn, shellBlocks } from './guide-commands';
import { codeBlocks, walk } from './mdast-walk';
import { guideSchema } from './schema';

/**
 * Content checks that hold every guide to the library's standard: enough steps, images a
 * screen-reader user can follow, https links, copyable JSON and valid IAM policies, declared
 * command placeholders and a list of sources. Each check is a pure function over a parsed
 * tree, so the unit tests can feed it a one-line example; `lintGuideSource` (lint.ts) runs
 * them all, in the build and in the tests.
 */

/** One thing wrong with a guide: the line of its file, and what to do about it. */
export interface GuideProblem {
	line: number;
	message: string;
}

const MIN_STEPS = 5;
const IAM_POLICY_VERSION = '2012-10-17';

function lineOf(node: RootContent): number {
	return node.position?.start.line ?? 1;
}

/** The front matter's YAML text, or null when the file has none. */
export function frontmatterText(source: string): string | null {
	const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source);
	return match ? match[1]! : null;
}

export function checkFrontmatter(data: unknown): GuideProblem[] {
	const result = guideSchema.safeParse(data);
	if (result.success) return [];
	return result.error.issues.map((issue) => ({
		line: 1,
		message: `Front matter${issue.path.length ? ` field \`${issue.path.join('.')}\`` : ''}: ${issue.message}`,
	}));
}

/** The ordered list that `<Steps>` wraps, or null when the guide has no `<Steps>` block. */
function stepsList(tree: Root): List | null {
	let found: List | null = null;
	walk(tree, (node) => {
		if (found || node.type !== 'mdxJsxFlowElement' || node.name !== 'Steps') return;
		const list = node.children.find((c): c is List => c.type === 'list' && c.ordered === true);
		if (list) found = list;
	});
	return found;
}

export function countSteps(tree: Root): number {
	return stepsList(tree)?.children.length ?? 0;
}

export function checkStepCount(tree: Root, minimum = MIN_STEPS): GuideProblem[] {
	const steps = countSteps(tree);
	if (steps >= minimum) return [];
	return [
		{
			line: 1,
			message: `The guide has ${steps} step${steps === 1 ? '' : 's'} inside <Steps>; a guide needs at least ${minimum}. Split the task into smaller steps or add the missing ones (checking your work counts as a step).`,
		},
	];
}

const IMAGE_FILE = /\.(?:png|jpe?g|webp|avif|gif|svg)$/i;
const PLACEHOLDER_ALTS = new Set(['screenshot', 'screen shot', 'image', 'picture', 'illustration', 'photo', 'figure', 'img']);
/** Shorter than this, an alt text cannot say what the reader sees and which control to use. */
const MIN_ALT_LENGTH = 15;

/** Null when the alt text describes the picture; otherwise why it does not. */
export function altTextProblem(alt: string | null | undefined): string | null {
	const text = (alt ?? '').trim();
	if (!text) return 'has no alt text';
	const lower = text.toLowerCase();
	if (IMAGE_FILE.test(text) || (/^[\w.-]+$/.test(text) && /[-_]/.test(text))) return `has a file name as alt text ("${text}")`;
	if (
		PLACEHOLDER_ALTS.has(lower.replace(/[.:!]+$/, '')) ||
		/^(?:a |an |the )?(?:screenshot|image|picture|illustration)(?: of (?:the )?(?:console|page|screen))?\.?$/.test(lower)
	) {
		return `has a placeholder alt text ("${text}")`;
	}
	if (text.length < MIN_ALT_LENGTH) return `has an alt text too short to describe it ("${text}")`;
	return null;
}

export function checkImages(tree: Root): GuideProblem[] {
	const problems: GuideProblem[] = [];
	walk(tree, (node) => {
		if (node.type !== 'image') return;
		const why = altTextProblem(node.alt);
		if (why) {
			problems.push({
				line: lineOf(node),
				message: `The image "${node.url}" ${why}. Describe what the reader sees and which control to use, for example ![The Security credentials page with Assign MFA device ringed](${node.url}).`,
			});
		}
	});
	return problems;
}

function linkUrls(tree: Root): { url: string; line: number }[] {
	const urls: { url: string; line: number }[] = [];
	walk(tree, (node) => {
		if (node.type === 'link' || node.type === 'definition') urls.push({ url: node.url, line: lineOf(node) });
		if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
			for (const attr of node.attributes) {
				if (attr.type === 'mdxJsxAttribute' && attr.name === 'href' && typeof attr.value === 'string') {
					urls.push({ url: attr.value, line: lineOf(node) });
				}
			}
		}
	});
	return urls;
}

export function checkExternalLinks(tree: Root): GuideProblem[] {
	return linkUrls(tree)
		.filter(({ url }) => /^http:\/\//i.test(url) || url.startsWith('//'))
		.map(({ url, line }) => ({
			line,
			message: `The link "${url}" is not https. Link to the https address (${url.replace(/^(?:http:)?\/\//i, 'https://')}) so readers never leave the site over plain HTTP.`,
		}));
}

/** How many steps the guide with this id has, or undefined when there is no such guide. */
export type GuideSteps = (id: string) => number | undefined;

export function checkInternalLinks(tree: Root, guideSteps: GuideSteps): GuideProblem[] {
	const problems: GuideProblem[] = [];
	for (const { url, line } of linkUrls(tree)) {
		if (!url.startsWith('/guides/')) continue;
		const match = /^\/guides\/([a-z0-9-]+)\/(?:#(.*))?$/.exec(url);
		if (!match) {
			problems.push({
				line,
				message: `The link "${url}" is not a guide address. Guide links look like /guides/<id>/ or /guides/<id>/#step-3.`,
			});
			continue;
		}
		const [, id, anchor] = match;
		const steps = guideSteps(id!);
		if (steps === undefined) {
			problems.push({
				line,
				message: `The link "${url}" points to a guide "${id}" that does not exist. Link to a folder of src/content/guides/, or fix the spelling.`,
			});
			continue;
		}
		if (anchor === undefined) continue;
		const step = /^step-(\d+)$/.exec(anchor);
		if (!step) {
			problems.push({ line, message: `The link "${url}" uses the anchor "#${anchor}"; link to a step as #step-N.` });
		} else if (Number(step[1]) < 1 || Number(step[1]) > steps) {
			problems.push({ line, message: `The link "${url}" points to step ${step[1]}, but "${id}" has ${steps} steps.` });
		}
	}
	return problems;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const STATEMENT_KEYS = new Set([
	'Sid',
	'Effect',
	'Action',
	'NotAction',
	'Resource',
	'NotResource',
	'Principal',
	'NotPrincipal',
	'Condition',
]);

function isStringOrStrings(value: unknown): boolean {
	if (typeof value === 'string') return value.length > 0;
	return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.length > 0);
}

function exactlyOne(statement: Record<string, unknown>, a: string, b: string): boolean {
	return a in statement !== b in statement;
}

/** Problems with one IAM policy document (already parsed from JSON); empty when it is valid. */
export function iamPolicyProblems(policy: unknown): string[] {
	if (!isRecord(policy)) return ['the policy must be a JSON object with "Version" and "Statement"'];
	const problems: string[] = [];
	if (policy.Version !== IAM_POLICY_VERSION) {
		problems.push(`"Version" is ${JSON.stringify(policy.Version)}; it must be "${IAM_POLICY_VERSION}" (the current policy language)`);
	}
	for (const key of Object.keys(policy)) {
		if (!['Version', 'Id', 'Statement'].includes(key)) problems.push(`unknown top-level key "${key}" (allowed: Version, Id, Statement)`);
	}
	const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement === undefined ? [] : [policy.Statement];
	if (statements.length === 0) problems.push('"Statement" is missing or empty');
	statements.forEach((statement: unknown, index) => {
		const where = `statement ${index + 1}`;
		if (!isRecord(statement)) {
			problems.push(`${where} must be an object`);
			return;
		}
		const name = typeof statement.Sid === 'string' ? `${where} ("${statement.Sid}")` : where;
		for (const key of Object.keys(statement)) {
			if (!STATEMENT_KEYS.has(key)) problems.push(`${name} has an unknown key "${key}"`);
		}
		if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
			problems.push(`${name} has "Effect" ${JSON.stringify(statement.Effect)}; use "Allow" or "Deny"`);
		}
		if (!exactlyOne(statement, 'Action', 'NotAction')) {
			problems.push(`${name} needs exactly one of "Action" or "NotAction"`);
		} else if (!isStringOrStrings(statement.Action ?? statement.NotAction)) {
			problems.push(
				`${name} lists its actions as ${JSON.stringify(statement.Action ?? statement.NotAction)}; use a string or a list of strings`,
			);
		}
		// A trust or resource policy names a Principal and may leave the resource implicit.
		const hasPrincipal = 'Principal' in statement || 'NotPrincipal' in statement;
		if ('Resource' in statement && 'NotResource' in statement) {
			problems.push(`${name} has both "Resource" and "NotResource"; keep one`);
		} else if (!('Resource' in statement) && !('NotResource' in statement)) {
			if (!hasPrincipal) problems.push(`${name} needs "Resource" or "NotResource"`);
		} else if (!isStringOrStrings(statement.Resource ?? statement.NotResource)) {
			problems.push(
				`${name} lists its resources as ${JSON.stringify(statement.Resource ?? statement.NotResource)}; use a string or a list of strings`,
			);
		}
		if ('Condition' in statement) problems.push(...conditionProblems(statement.Condition).map((p) => `${name}: ${p}`));
	});
	return problems;
}

const CONDITION_OPERATOR = /^(?:ForAllValues:|ForAnyValue:)?[A-Z][A-Za-z]+$/;

function conditionProblems(condition: unknown): string[] {
	if (!isRecord(condition) || Object.keys(condition).length === 0) {
		return ['"Condition" must be an object such as { "Bool": { "aws:MultiFactorAuthPresent": "true" } }'];
	}
	const problems: string[] = [];
	for (const [operator, block] of Object.entries(condition)) {
		if (!CONDITION_OPERATOR.test(operator))
			problems.push(`"${operator}" is not a condition operator (for example Bool, BoolIfExists, StringEquals)`);
		if (!isRecord(block) || Object.keys(block).length === 0) {
			problems.push(`the "${operator}" condition must map condition keys to values, such as { "aws:MultiFactorAuthPresent": "false" }`);
			continue;
		}
		for (const [key, value] of Object.entries(block)) {
			if (!/^[A-Za-z0-9-]+:[^\s]+$/.test(key))
				problems.push(`"${key}" under "${operator}" is not a condition key (service:name, such as aws:MultiFactorAuthPresent)`);
			const values = Array.isArray(value) ? value : [value];
			if (values.length === 0 || !values.every((v) => ['string', 'boolean', 'number'].includes(typeof v))) {
				problems.push(
					`"${key}" under "${operator}" has the value ${JSON.stringify(value)}; use a string, a boolean, a number or a list of them`,
				);
			}
		}
	}
	return problems;
}

/** A JSON block is read as an IAM policy when it carries a policy's shape. */
export function looksLikeIamPolicy(value: unknown): boolean {
	return (
		isRecord(value) &&
		('Statement' in value || ('Version' in value && typeof value.Version === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.Version)))
	);
}

export function checkJsonBlocks(tree: Root): GuideProblem[] {
	const problems: GuideProblem[] = [];
	for (const block of codeBlocks(tree)) {
		if (block.lang !== 'json') continue;
		const line = block.position?.start.line ?? 1;
		let value: unknown;
		try {
			value = JSON.parse(block.value);
		} catch (error) {
			problems.push({
				line,
				message: `The JSON code block does not parse: ${(error as Error).message}. Readers copy it as it is; fix the JSON (no comments, no trailing commas).`,
			});
			continue;
		}
		if (!looksLikeIamPolicy(value)) continue;
		for (const problem of iamPolicyProblems(value)) {
			problems.push({ line, message: `The IAM policy in this JSON block is not valid: ${problem}.` });
		}
	}
	return problems;
}

export function checkSources(tree: Root): GuideProblem[] {
	const children = tree.children;
	const index = children.findIndex(
		(n) =>
			n.type === 'heading' &&
			n.depth === 2 &&
			n.children
				.map((c) => ('value' in c ? c.value : ''))
				.join('')
				.trim() === 'Sources',
	);
	if (index === -1) {
		return [
			{
				line: 1,
				message:
					'The guide has no "## Sources" section. End it with ## Sources and a list of the https pages of AWS documentation you checked the facts against.',
			},
		];
	}
	const section: RootContent[] = [];
	for (const node of children.slice(index + 1)) {
		if (node.type === 'heading' && node.depth <= 2) break;
		section.push(node);
	}
	const links: string[] = [];
	for (const node of section) {
		walk({ type: 'root', children: [node] }, (n) => {
			if (n.type === 'link' && /^https:\/\//.test(n.url)) links.push(n.url);
		});
	}
	if (links.length === 0) {
		return [
			{
				line: lineOf(children[index]!),
				message:
					'The "## Sources" section has no https link. List the pages you checked, such as - [Enable a virtual MFA device](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html).',
			},
		];
	}
	return [];
}

/** What the front matter says about the guide's commands (see `placeholders` and `commandsNotRun` in schema.ts). */
interface CommandDeclarations {
	placeholders: readonly string[];
	notRun: readonly string[];
}

/**
 * Every placeholder in a shell command must be declared in the front matter, with what it
 * stands for and the value the tests use; a declaration nothing uses is a leftover. A command
 * listed as not run must still be in the guide.
 */
export function checkCommandDeclarations(tree: Root, declared: CommandDeclarations): GuideProblem[] {
	const problems: GuideProblem[] = [];
	const used = new Set<string>();
	const calls = new Set<string>();
	for (const block of shellBlocks(tree)) {
		for (const command of block.commands) calls.add(`aws ${commandKey(command)}`);
		for (const placeholder of placeholdersIn(block.source)) {
			used.add(placeholder);
			if (!declared.placeholders.includes(placeholder)) {
				problems.push({
					line: block.line,
					message: `The command uses the placeholder "${placeholder}", which the front matter does not declare. Add it under placeholders, with what it means and the value the tests use: placeholders: { "${placeholder}": { means: "…", test: "…" } }.`,
				});
			}
		}
	}
	for (const placeholder of declared.placeholders) {
		if (!used.has(placeholder)) {
			problems.push({
				line: 1,
				message: `The front matter declares the placeholder "${placeholder}", but no shell command uses it. Remove it from placeholders.`,
			});
		}
	}
	for (const command of declared.notRun) {
		if (!calls.has(command)) {
			problems.push({
				line: 1,
				message: `commandsNotRun lists "${command}", but no shell block of the guide runs it. Remove it from commandsNotRun.`,
			});
		}
	}
	return problems;
}
