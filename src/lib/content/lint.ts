import type { Root, RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import {
	altTextProblem,
	checkCommandDeclarations,
	checkExternalLinks,
	checkImages,
	checkInternalLinks,
	checkJsonBlocks,
	checkSources,
	checkStepCount,
	type GuideProblem,
	type GuideSteps,
} from './guide-content-checks';
import { walk } from './mdast-walk';
import { mdxSyntaxError, parseMdx } from './parse-mdx';
import { checkUnsafeContent } from './safe-content-checks';

/**
 * The one content validator. `astro build` and `astro dev` run it on every guide through the
 * content loader (guides-loader.ts), and the tests run it on every guide the same way, so a guide
 * the tests refuse never builds. It catches what would otherwise surface as a broken page or a
 * vague bundler error (images that are not there, a `<Steps>` that is not one ordered list) and
 * holds each guide to the library's standard (guide-content-checks.ts).
 */

const WRITING_GUIDE = 'See docs/authoring.md.';

type JsxNode = Extract<RootContent, { type: 'mdxJsxFlowElement' }>;

function attribute(node: JsxNode, name: string): { present: boolean; value: string | null } {
	const attr = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
	if (!attr || attr.type !== 'mdxJsxAttribute') return { present: false, value: null };
	if (typeof attr.value === 'string') return { present: true, value: attr.value };
	if (attr.value === null || attr.value === undefined) return { present: true, value: '' };
	// An expression ({alt}) is trusted to produce text at render time.
	return { present: true, value: null };
}

function describe(node: RootContent): string {
	switch (node.type) {
		case 'list':
			return node.ordered ? 'an ordered list' : 'a bulleted list';
		case 'paragraph': {
			// `<Callout>text</Callout>` on one line parses as a paragraph around the element.
			const only = node.children.length === 1 ? node.children[0] : undefined;
			return only?.type === 'mdxJsxTextElement' ? `<${only.name ?? 'fragment'}>` : 'a paragraph';
		}
		case 'heading':
			return `a heading`;
		case 'code':
			return 'a code block';
		case 'mdxJsxFlowElement':
			return `<${node.name ?? 'fragment'}>`;
		default:
			return `a ${node.type}`;
	}
}

function isLocal(url: string): boolean {
	return !/^(?:[a-z][a-z0-9+.-]*:|\/\/|\/|#)/i.test(url);
}

/** What the front matter declares about commands; the schema checks its shape, so anything else reads as nothing declared. */
function commandDeclarations(tree: Root) {
	const yaml = tree.children.find((node) => node.type === 'yaml');
	let data: unknown;
	try {
		data = yaml && 'value' in yaml ? parseYaml(yaml.value) : undefined;
	} catch {
		data = undefined;
	}
	const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
	const placeholders = typeof record.placeholders === 'object' && record.placeholders !== null ? Object.keys(record.placeholders) : [];
	const notRun = Array.isArray(record.commandsNotRun)
		? record.commandsNotRun.map((entry: unknown) => String((entry as { command?: unknown } | null)?.command ?? ''))
		: [];
	// A guide that says it was checked against AWS (`reviewed`) must list what it was checked
	// against; an imported post has not been checked yet, and the build warns about it instead.
	const reviewed = record.reviewed !== undefined;
	return { placeholders, notRun, reviewed };
}

/**
 * @param source the whole MDX file, front matter included
 * @param imageExists tells whether a path relative to the guide's folder exists
 * @param guideSteps the number of steps of another guide, to check links to it; without it, links to guides are not checked
 */
export function lintGuideSource(source: string, imageExists: (relativePath: string) => boolean, guideSteps?: GuideSteps): GuideProblem[] {
	const problems: GuideProblem[] = [];
	let tree: Root;
	try {
		tree = parseMdx(source);
	} catch (error) {
		const { line, reason } = mdxSyntaxError(error);
		return [{ line, message: `MDX cannot be parsed: ${reason}. Check for an unclosed tag or a stray { or <.` }];
	}

	const checkFile = (url: string, line: number, what: string) => {
		const path = decodeURI(url.split(/[?#]/)[0] ?? url);
		if (isLocal(path) && !imageExists(path)) {
			problems.push({
				line,
				message: `${what} "${path}" does not exist next to the guide. Put the file in the guide's folder or fix the path.`,
			});
		}
	};

	walk(tree, (node) => {
		const line = node.position?.start.line ?? 1;
		if (node.type === 'image') checkFile(node.url, line, 'The image');
		if (node.type === 'mdxjsEsm') {
			for (const m of node.value.matchAll(/from\s+['"](\.{1,2}\/[^'"]+\.(?:png|jpe?g|webp|avif|gif|svg))['"]/g)) {
				checkFile(m[1]!, line, 'The imported image');
			}
		}
		if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
			if (node.name === 'Screenshot') {
				const alt = attribute(node as JsxNode, 'alt');
				const why = alt.present && alt.value === null ? null : altTextProblem(alt.value);
				if (why) {
					problems.push({
						line,
						message: `<Screenshot> ${why}. Add alt="..." describing what the screenshot shows and which control to use. ${WRITING_GUIDE}`,
					});
				}
				const src = attribute(node as JsxNode, 'src');
				if (src.value) checkFile(src.value, line, 'The screenshot');
			}
			if (node.name === 'Steps' && node.type === 'mdxJsxFlowElement') {
				const content = node.children.filter((c) => !(c.type === 'paragraph' && c.children.length === 0));
				const only = content[0];
				if (content.length !== 1 || !only || only.type !== 'list' || !only.ordered) {
					const found = content.length === 0 ? 'nothing' : content.map(describe).join(', ');
					problems.push({
						line,
						message:
							`<Steps> must hold exactly one ordered list (lines starting "1.", "2.", ...), but it holds ${found}. ` +
							`Move other text outside <Steps>, or indent it under a step so it belongs to that step. ${WRITING_GUIDE}`,
					});
				}
			}
		}
	});
	const declarations = commandDeclarations(tree);
	problems.push(
		...checkStepCount(tree),
		...checkImages(tree),
		...checkUnsafeContent(tree),
		...checkExternalLinks(tree),
		...(guideSteps ? checkInternalLinks(tree, guideSteps) : []),
		...checkJsonBlocks(tree),
		...checkCommandDeclarations(tree, declarations),
		...(declarations.reviewed ? checkSources(tree) : []),
	);
	return problems.sort((a, b) => a.line - b.line);
}

export function formatProblems(file: string, problems: GuideProblem[]): string {
	return problems.map((p) => `  ${file}:${p.line}  ${p.message}`).join('\n');
}
