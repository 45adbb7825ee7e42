import { DESCRIPTION_MAX } from '../content/schema';

/**
 * What an old post lacks, filled in from what it has. Old Hugo posts often carry only a
 * title, a date and aliases; a guide needs a description, tags and a topic. Each inference
 * is printed so the author can review it (see plan.ts).
 */

const SHORTCODE_PAIR = /\{\{[%<]\s*([\w-]+)[^}]*[%>]\}\}[\s\S]*?\{\{[%<]\s*\/\1\s*[%>]\}\}/g;
const SHORTCODE = /\{\{[%<][\s\S]*?[%>]\}\}/g;
const FENCE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
/** Blocks that are not a paragraph of prose: headings, lists, quotes, images, tables, HTML blocks, rules. */
const NOT_PROSE = /^(?:#|[-*+]\s|\d+\s*[.)]\s|>|!\[|\||<(?!(?:kbd|code|em|strong|b|i|a|abbr|span)\b)|-{3,}|\*{3,}|_{3,}|import\s|export\s)/;

/** The text of a Markdown paragraph: links become their words, markup and inline HTML go. */
function plainText(markdown: string): string {
	return markdown
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(SHORTCODE, '')
		.replace(/<[^>]+>/g, '')
		.replace(/(\*\*|__)(.+?)\1/g, '$2')
		.replace(/(^|[^\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])/g, '$1$2')
		.replace(/`([^`]*)`/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Text that cannot stand alone as a description: a lead-in to what follows ("…states:") or a quotation. */
function isLeadInOrQuote(text: string): boolean {
	return /:\s*$/.test(text) || /^["“‘'«]/.test(text);
}

/** The post's first paragraph of prose that is a complete statement, as plain text; null when it has none. */
export function firstParagraph(body: string): string | null {
	const cleaned = body.replace(HTML_COMMENT, '').replace(FENCE, '').replace(SHORTCODE_PAIR, '');
	for (const block of cleaned.split(/\r?\n[ \t]*\r?\n/)) {
		const trimmed = block.trim();
		if (!trimmed || NOT_PROSE.test(trimmed)) continue;
		const text = plainText(trimmed);
		if (/[\p{L}]{2,}/u.test(text) && !isLeadInOrQuote(text)) return text;
	}
	return null;
}

/** A description from the title's subject, for a post with no paragraph to take one from: "How to enable MFA" → "How to enable MFA, step by step." */
export function descriptionFromTitle(title: string, max = DESCRIPTION_MAX): string {
	const subject = title
		.trim()
		.replace(/[.!?:;\s]+$/, '')
		.replace(/^how\s+to\s+/i, '');
	// "Enable MFA" reads on as "enable MFA"; "AWS MFA" keeps its capitals.
	const lead = /^[A-Z][a-z]/.test(subject) ? subject.charAt(0).toLowerCase() + subject.slice(1) : subject;
	const sentence = `How to ${lead}, step by step.`;
	return sentence.length <= max ? sentence : descriptionFrom(sentence, max);
}

/**
 * A description from a paragraph: as many whole sentences as fit in `max` characters. A first
 * sentence longer than that is cut at the last whole word and ends with "…".
 */
export function descriptionFrom(paragraph: string, max = DESCRIPTION_MAX): string {
	// A sentence ends at . ! or ? (and any closing quote or bracket) followed by a space, so
	// "1.5" or "example.org" inside a sentence does not end it.
	const sentences = paragraph.split(/(?<=[.!?]["'”’)]*)\s+/);
	let description = '';
	for (const sentence of sentences) {
		const next = description ? `${description} ${sentence}` : sentence;
		if (next.length > max) break;
		description = next;
	}
	if (description) return description;
	const cut = paragraph.slice(0, max - 1);
	const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[\s,;:–—-]+$/, '');
	return `${atWord}…`;
}
