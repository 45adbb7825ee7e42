import type { Element, ElementContent } from 'hast';

/** Longer titles are cut at a word boundary so a search result stays on one or two lines. */
const STEP_TITLE_MAX = 72;

function textOf(node: ElementContent): string {
	if (node.type === 'text') return node.value;
	if (node.type === 'element') {
		// Nested lists, images and callouts are detail, not the step's instruction.
		if (['ol', 'ul', 'img', 'picture', 'figure', 'aside', 'pre', 'table'].includes(node.tagName)) return '';
		return node.children.map(textOf).join('');
	}
	return '';
}

const BLOCKS = new Set(['p', 'div', 'ol', 'ul', 'figure', 'aside', 'pre', 'table', 'blockquote', 'picture', 'img']);

/**
 * The instruction a step opens with: its first sentence of text, without nested detail.
 * A loose list item starts with a <p>; a tight one starts with inline text and
 * formatting, which is read up to the first block.
 */
export function firstSentence(item: Element): string {
	let text = '';
	for (const child of item.children) {
		const isBlock = child.type === 'element' && BLOCKS.has(child.tagName);
		if (isBlock && text.trim()) break;
		text += textOf(child);
		if (isBlock && text.trim()) break;
	}
	text = text.replace(/\s+/g, ' ').trim();
	const end = /[.!?:](?:\s|$)/.exec(text);
	return end ? text.slice(0, end.index) : text;
}

export function shorten(text: string, max = STEP_TITLE_MAX): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const lastSpace = cut.lastIndexOf(' ');
	return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;]+$/, '')}…`;
}

/** "Step 6: Set up the device", the title a search result shows for a step. */
export function stepSearchTitle(n: number, item: Element): string {
	const sentence = shorten(firstSentence(item));
	return sentence ? `Step ${n}: ${sentence}` : `Step ${n}`;
}
