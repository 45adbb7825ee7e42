import { htmlToHast } from 'satteri';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root } from 'hast';
import { FORMS_END, FORMS_START, identifierForms, identifiersIn } from './identifier-forms.ts';

/**
 * What Pagefind indexes of a built page: the page as served, plus the other forms of each
 * identifier in it (see identifier-forms.ts), placed right after the block that uses the
 * identifier so they count for its step or heading. Only the index gets them; the page a
 * reader sees, copies from and hears is the HTML on disk, untouched.
 */

/** Blocks whose own text is searched for identifiers; nested blocks are searched on their own. */
const BLOCKS = new Set(['p', 'li', 'pre', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption']);
const NESTED = new Set([...BLOCKS, 'ol', 'ul', 'table', 'div', 'aside', 'figure', 'section']);

/** Whole-word parts weigh as the words on the page; split words weigh less, so "auth" alone does not lift a step. */
const PART_WEIGHT = '1';
const WORD_WEIGHT = '0.5';

function ownText(node: Element): string {
	return node.children
		.map((child: ElementContent) => {
			if (child.type === 'text') return child.value;
			const skipped =
				child.type === 'element' &&
				(child.properties.dataPagefindIgnore !== undefined || child.properties.dataStepcheckForms !== undefined);
			if (child.type === 'element' && !NESTED.has(child.tagName) && !skipped) return ownText(child);
			return ' ';
		})
		.join('');
}

function formsElement(identifiers: string[]): Element | null {
	const parts = new Set<string>();
	const words = new Set<string>();
	for (const identifier of identifiers) {
		const forms = identifierForms(identifier);
		forms.parts.forEach((part) => parts.add(part));
		forms.words.forEach((word) => words.add(word));
	}
	// A word the parts hold already would only be stored twice in each guide's search data.
	for (const part of parts) words.delete(part);
	if (!parts.size && !words.size) return null;
	const span = (text: string, weight: string): Element => ({
		type: 'element',
		tagName: 'span',
		properties: { dataPagefindWeight: weight },
		children: [{ type: 'text', value: ` ${FORMS_START}${text}${FORMS_END} ` }],
	});
	return {
		type: 'element',
		tagName: 'span',
		properties: { dataStepcheckForms: '' },
		children: [
			...(parts.size ? [span([...parts].join(' '), PART_WEIGHT)] : []),
			...(words.size ? [span([...words].join(' '), WORD_WEIGHT)] : []),
		],
	};
}

/**
 * Sections that list other pages rather than say how to do something: a guide's "Related
 * guides" (other guides' titles, which would lift this guide for their subjects) and its
 * "Sources" (documentation titles). They stay on the page and out of the index, so the
 * guides a search fetches are smaller and their words choose no result.
 */
const REFERENCE_SECTIONS: ReadonlySet<string> = new Set(['related-guides', 'sources']);
const SECTION_HEADINGS = new Set(['h1', 'h2']);

/** Marks a reference section's heading and what follows it, up to the next section, as ignored by Pagefind. */
function ignoreReferenceSections(parent: Root | Element): void {
	let ignoring = false;
	for (const node of parent.children) {
		if (node.type !== 'element') continue;
		if (SECTION_HEADINGS.has(node.tagName)) ignoring = REFERENCE_SECTIONS.has(String(node.properties.id ?? ''));
		if (ignoring) node.properties.dataPagefindIgnore = 'all';
	}
}

function visit(parent: Root | Element): void {
	ignoreReferenceSections(parent);
	for (let i = 0; i < parent.children.length; i += 1) {
		const node = parent.children[i]!;
		if (node.type !== 'element' || node.properties.dataPagefindIgnore !== undefined) continue;
		visit(node);
		if (!BLOCKS.has(node.tagName)) continue;
		const forms = formsElement(identifiersIn(ownText(node)));
		if (!forms) continue;
		// After the block, not inside it: a heading's text is its result's title.
		parent.children.splice(i + 1, 0, forms);
		i += 1;
	}
}

/**
 * The page's HTML with identifier forms added after each block that uses identifiers, and
 * its reference sections left out.
 * Only the part from the `data-pagefind-body` element on is parsed and rewritten (the head
 * with its inlined stylesheet is most of a page, and every build indexes every guide).
 */
export function withIdentifierForms(html: string): string {
	const marker = html.indexOf('data-pagefind-body');
	const start = marker === -1 ? -1 : html.lastIndexOf('<', marker);
	if (start === -1) return html;
	const body = htmlToHast(html.slice(start), { fragment: true }) as unknown as Root;
	visit(body);
	return html.slice(0, start) + toHtml(body);
}

/**
 * The HTML without the elements Pagefind leaves out (`data-pagefind-ignore`) and without the
 * identifier forms the index adds (not words a reader types): each such element up to its
 * own closing tag, counting nested elements of the same name.
 */
const VOID = /^(area|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;

function withoutIgnored(html: string): string {
	let out = '';
	let at = 0;
	const opening = /<([a-z][\w-]*)\b[^>]*\bdata-(?:pagefind-ignore|stepcheck-forms)\b[^>]*>/gi;
	for (let match = opening.exec(html); match; match = opening.exec(html)) {
		out += html.slice(at, match.index);
		if (VOID.test(match[1]!) || match[0].endsWith('/>')) {
			at = opening.lastIndex;
			continue;
		}
		const tag = new RegExp(`<(/?)${match[1]}\\b[^>]*>`, 'gi');
		tag.lastIndex = opening.lastIndex;
		let depth = 1;
		let end = html.length;
		for (let next = tag.exec(html); next; next = tag.exec(html)) {
			depth += next[1] ? -1 : 1;
			if (depth === 0) {
				end = tag.lastIndex;
				break;
			}
		}
		at = end;
		opening.lastIndex = end;
	}
	return out + html.slice(at);
}

/**
 * The words of an indexed page (as withIdentifierForms gives it), for the spelling vocabulary:
 * text inside `data-pagefind-body` that Pagefind indexes, including its hidden keywords and synonyms; words of three or more
 * characters with a letter ("2fa" counts, a number does not).
 */
export function indexedWords(html: string): string[] {
	const body = /<[^>]*\bdata-pagefind-body\b[^>]*>([\s\S]*)$/.exec(html)?.[1] ?? '';
	const text = withoutIgnored(body.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' '))
		.replace(/<[^>]+>/g, ' ')
		.replace(/&[a-z]+;|&#\d+;/gi, ' ');
	return (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((word) => /\p{L}/u.test(word));
}
