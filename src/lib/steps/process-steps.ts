import { htmlToHast } from 'satteri';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { stepSearchTitle } from './step-title';

/**
 * Turns the HTML of one Markdown ordered list into Stepcheck's numbered steps:
 * each `<li>` gets a stable id (`step-4`), a visible link to itself, and a "done"
 * control that only shows where JavaScript runs (see `data-js-only` in global.css).
 */

export class StepsError extends Error {
	constructor(found: string) {
		super(
			`The <Steps> component expects exactly one ordered list (lines starting "1.", "2.", ...) ` +
				`but found ${found}. Keep only the numbered list inside <Steps>, and indent notes, ` +
				`images and callouts under the step they belong to. See docs/authoring.md.`,
		);
		this.name = 'StepsError';
	}
}

const isBlank = (node: RootContent) => node.type === 'comment' || node.type === 'doctype' || (node.type === 'text' && !node.value.trim());

function describe(node: RootContent): string {
	if (node.type === 'element') return `<${node.tagName}>`;
	if (node.type === 'text') return `text "${node.value.trim().slice(0, 40)}"`;
	return node.type;
}

export interface ProcessedSteps {
	html: string;
	count: number;
	start: number;
}

export function processSteps(html: string | undefined): ProcessedSteps {
	// Sätteri's HTML parser (already loaded for MDX) gives the same tree as parse5, three times faster.
	const root = htmlToHast(html ?? '', { fragment: true }) as unknown as Root;
	const content = root.children.filter((n) => !isBlank(n));
	const list = content[0];
	if (content.length !== 1 || !list || list.type !== 'element' || list.tagName !== 'ol') {
		throw new StepsError(content.length === 0 ? 'nothing' : content.map(describe).join(', '));
	}
	const start = Number(list.properties.start ?? 1) || 1;
	const items = list.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li');

	list.properties.className = ['steps'];
	// role=list so Safari keeps list semantics once CSS removes the list markers.
	list.properties.role = 'list';
	list.properties.style = `--steps-start: ${start - 1}`;
	items.forEach((item, index) => {
		const n = start + index;
		item.properties.id = `step-${n}`;
		item.properties.className = ['step'];
		item.properties.dataStep = String(n);
		// Pagefind makes any element with an id and data-pagefind-title a sub-result, so a
		// search lands on the step itself (#step-6), not on the top of the guide.
		item.properties.dataPagefindTitle = stepSearchTitle(n, item);
		const anchor: Element = {
			type: 'element',
			tagName: 'a',
			properties: { className: ['step-anchor'], href: `#step-${n}`, dataPagefindIgnore: 'all' },
			children: [
				{ type: 'element', tagName: 'span', properties: { className: ['visually-hidden'] }, children: [{ type: 'text', value: 'Step ' }] },
				{ type: 'text', value: String(n) },
			],
		};
		const done: Element = {
			type: 'element',
			tagName: 'button',
			properties: {
				type: 'button',
				className: ['step-done'],
				dataStepDone: String(n),
				ariaPressed: 'false',
				dataJsOnly: '',
				dataPagefindIgnore: 'all',
			},
			children: [
				{ type: 'element', tagName: 'span', properties: { className: ['step-done-box'], ariaHidden: 'true' }, children: [] },
				{ type: 'text', value: 'Done' },
				{
					type: 'element',
					tagName: 'span',
					properties: { className: ['visually-hidden'] },
					children: [{ type: 'text', value: ` with step ${n}` }],
				},
			],
		};
		const body: Element = {
			type: 'element',
			tagName: 'div',
			properties: { className: ['step-body'] },
			children: item.children as ElementContent[],
		};
		item.children = [anchor, body, done];
	});
	return { html: toHtml(root), count: items.length, start };
}
