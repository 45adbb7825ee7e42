import type { PagefindResultData, PagefindSubResult } from './pagefind-api';
import { queryTerms, resultLink } from './search-request';
import { contentTerms } from './query-words';
import { FORMS_END, FORMS_START, SEARCH_WORDS_START } from './identifier-forms';
import { siteLabelFor } from './search-sites';
import type { SearchSite } from './search-sites-schema';

/**
 * Turns Pagefind's answer for one guide into the options the results list shows: the
 * guide's best-matching steps and headings first, each linking straight to its anchor.
 */

export interface ResultOption {
	/** Where Enter goes: the step or heading, with the query's words to highlight there. */
	href: string;
	/** The anchor without the highlight words, which the relevance table compares. */
	target: string;
	guideTitle: string;
	/** The label of the other site (`search.sites`) the guide is on; null for this site's own. */
	site: string | null;
	/** "Step 6: Set up the device" or a heading; null when the match is the guide's intro. */
	section: string | null;
	/** HTML from Pagefind: escaped text with the matched words in <mark>. */
	excerptHtml: string;
}

const OPTIONS_PER_GUIDE = 3;

/** Pagefind scores each matched word; a section's score is what its words add up to. */
function subResultScore(sub: PagefindSubResult): number {
	return sub.weighted_locations.reduce((sum, location) => sum + location.balanced_score, 0);
}

interface PageText {
	/** Pagefind's word positions index its content split on whitespace. */
	words: string[];
	/** For each word, which added text it is in: identifier forms, the guide's search words, or none. */
	hidden: ('forms' | 'search-words' | null)[];
}

/** Enough for every guide a search shows, with other sites' among them. */
const PAGE_TEXTS_KEPT = 32;
const pageTexts = new Map<string, PageText>();

/**
 * A page's words, split once: ranking and excerpts read each page's words for every section,
 * and the dialog searches again at every key, so a page of 3,000 words was split hundreds of times.
 */
function pageText(content: string): PageText {
	let text = pageTexts.get(content);
	if (!text) {
		const words = content.split(/[\r\n\s]+/g);
		text = { words, hidden: hiddenWords(words) };
		if (pageTexts.size >= PAGE_TEXTS_KEPT) pageTexts.delete(pageTexts.keys().next().value!);
		pageTexts.set(content, text);
	}
	return text;
}

/**
 * How many of the query's words a section contains. A step holding "sign" and "out"
 * answers "sign out" better than an intro that says "sign-in" three times.
 * Matching is by word start, close to Pagefind's stemming ("codes" counts for "code").
 */
function termsCovered(sub: PagefindSubResult, { words, hidden }: PageText, terms: readonly string[], found = new Set<string>()): number {
	for (const location of sub.locations) {
		// The guide's hidden search words choose the guide (rankGuides), not one of its sections.
		if (hidden[location] === 'search-words') continue;
		const parts = queryTerms(words[location] ?? '');
		for (const term of terms) {
			if (parts.some((part) => part.startsWith(term) || term.startsWith(part))) found.add(term);
		}
	}
	return found.size;
}

/** How many of the query's words the section's own title (the step's instruction, the heading) holds. */
function termsInTitle(sub: PagefindSubResult, terms: readonly string[]): number {
	const words = queryTerms(sub.title);
	return terms.filter((term) => words.some((word) => word.startsWith(term))).length;
}

/**
 * An identifier typed as one token (`ListMFADevices`, `--serial-number`) is searched for as
 * written too: Pagefind drops its punctuation and case, so `ListMFADevices` also matches the
 * CLI's `list-mfa-devices`; the section that spells it the reader's way goes first.
 * Null for ordinary queries (several words, a short one, lower-case words joined by hyphens).
 */
export function literalOf(query: string): string | null {
	const literal = query.trim().toLowerCase();
	// Lower-case words joined by hyphens (a tag, a CLI command) Pagefind matches as written already.
	if (literal.length < 4 || /\s/.test(literal) || /^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)+$/u.test(query.trim())) return null;
	return /[^\p{Ll}\p{N}]|\p{Lu}/u.test(query.trim()) ? literal : null;
}

/** How many of the section's matched words contain the query as written. */
function spellsLiteral(sub: PagefindSubResult, words: readonly string[], literal: string | null): number {
	if (!literal) return 0;
	return sub.locations.filter((location) => (words[location] ?? '').toLowerCase().includes(literal)).length;
}

export interface RankedSubResult {
	sub: PagefindSubResult;
	covered: number;
	score: number;
}

/**
 * Sections that write the identifier as typed first; then sections holding more of the query's words;
 * then sections whose title names them (the step that says "Open the account menu"
 * before a paragraph that mentions the menu); then Pagefind's score; then page order.
 */
export function rankSubResults(subs: readonly PagefindSubResult[], content: string, query: string): RankedSubResult[] {
	const text = pageText(content);
	const terms = contentTerms(query);
	const literal = literalOf(query);
	return subs
		.map((sub, order) => ({
			sub,
			order,
			literal: spellsLiteral(sub, text.words, literal),
			covered: termsCovered(sub, text, terms),
			inTitle: termsInTitle(sub, terms),
			score: subResultScore(sub),
		}))
		.sort((a, b) => b.literal - a.literal || b.covered - a.covered || b.inTitle - a.inTitle || b.score - a.score || a.order - b.order)
		.map(({ sub, covered, score }) => ({ sub, covered, score }));
}

export interface ExcerptPart {
	text: string;
	marked: boolean;
}

/**
 * What an excerpt shows: Pagefind's text without the identifier forms the index added
 * (between FORMS_START and FORMS_END; an excerpt may start or end inside them), and with
 * each written token that holds a searched word marked, such as `aws:MultiFactorAuthPresent`
 * for "MultiFactorAuthPresent", which Pagefind matched only through the added forms.
 */
export function visibleExcerpt(parts: readonly ExcerptPart[], query: string): ExcerptPart[] {
	const all = parts.map((part) => part.text).join('');
	const firstEnd = all.indexOf(FORMS_END);
	const starts = [all.indexOf(FORMS_START), all.indexOf(SEARCH_WORDS_START)].filter((at) => at !== -1);
	const firstStart = starts.length ? Math.min(...starts) : -1;
	let inside = firstEnd !== -1 && (firstStart === -1 || firstEnd < firstStart);
	const kept: ExcerptPart[] = [];
	for (const part of parts) {
		let text = '';
		for (const char of part.text) {
			if (char === FORMS_START || char === SEARCH_WORDS_START) inside = true;
			else if (char === FORMS_END) inside = false;
			else if (!inside) text += char;
		}
		if (text) kept.push({ text, marked: part.marked });
	}
	const terms = queryTerms(query).filter((term) => term.length > 2);
	const out: ExcerptPart[] = [];
	for (const part of kept) {
		if (part.marked || !terms.length) {
			out.push(part);
			continue;
		}
		for (const piece of part.text.split(/(\S+)/)) {
			if (!piece) continue;
			const lower = piece.toLowerCase();
			const marked = /\S/.test(piece) && terms.some((term) => lower.includes(term));
			const last = out.at(-1);
			if (last && !last.marked && !marked) last.text += piece;
			else out.push({ text: piece, marked });
		}
	}
	return out.map((part, i) => (i === 0 ? { ...part, text: part.text.replace(/^\s+/, '') } : part)).filter((part) => part.text);
}

const EXCERPT_WORDS = 22;

function hiddenWords(words: readonly string[]): PageText['hidden'] {
	let inside: 'forms' | 'search-words' | null = null;
	return words.map((word) => {
		if (word.includes(FORMS_START)) inside = 'forms';
		if (word.includes(SEARCH_WORDS_START)) inside = 'search-words';
		const hidden = inside;
		if (word.includes(FORMS_END)) inside = null;
		return hidden;
	});
}

/** Pagefind centres its excerpt where matches are densest, which is in the added forms once any matched there. */
function matchedInForms(content: string, sub: PagefindSubResult): boolean {
	if ([FORMS_START, SEARCH_WORDS_START, FORMS_END].some((mark) => sub.excerpt.includes(mark))) return true;
	const { hidden } = pageText(content);
	return sub.locations.some((location) => Boolean(hidden[location]));
}

/**
 * An excerpt of the written text for a section Pagefind matched through the identifier
 * forms the index added (its own excerpt would show mostly those): the words around the
 * nearest written token before the match that holds a searched word, as escaped HTML
 * with that token marked.
 */
export function writtenExcerpt(content: string, locations: readonly number[], query: string): string {
	const { words, hidden } = pageText(content);
	const terms = queryTerms(query).filter((term) => term.length > 1);
	const holds = (word: string) => terms.some((term) => word.toLowerCase().includes(term));
	const sorted = [...locations].sort((a, b) => a - b);
	const firstHidden = sorted.find((location) => hidden[location]) ?? -1;
	let at = sorted.find((location) => !hidden[location]) ?? sorted[0] ?? 0;
	for (let i = firstHidden; i >= Math.max(0, firstHidden - 200); i -= 1) {
		if (!hidden[i] && holds(words[i]!)) {
			at = i;
			break;
		}
	}
	const shown: string[] = [];
	for (let i = Math.max(0, at - Math.floor(EXCERPT_WORDS / 3)); i < words.length && shown.length < EXCERPT_WORDS; i += 1) {
		if (hidden[i]) continue;
		const word = escapeHtml(words[i]!);
		shown.push(holds(words[i]!) ? `<mark>${word}</mark>` : word);
	}
	return shown.join(' ');
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function optionsForGuide(
	data: PagefindResultData,
	query: string,
	sites: readonly SearchSite[] = [],
	max = OPTIONS_PER_GUIDE,
): ResultOption[] {
	const guideTitle = data.meta.title ?? data.url;
	const site = siteLabelFor(data.url, sites);
	const ranked = rankSubResults(data.sub_results, data.content, query)
		.slice(0, max)
		.map(({ sub }) => sub);
	if (!ranked.length) {
		// A tag filter with no words matches whole guides: show their description.
		return [
			{
				href: data.url,
				target: data.url,
				guideTitle,
				site,
				section: null,
				excerptHtml: escapeHtml(data.meta.description ?? ''),
			},
		];
	}
	return ranked.map((sub) => ({
		href: resultLink(sub.url, query),
		target: sub.url,
		guideTitle,
		site,
		section: sub.url.includes('#') && sub.title !== guideTitle ? sub.title : null,
		excerptHtml: matchedInForms(data.content, sub) ? writtenExcerpt(data.content, sub.locations, query) : sub.excerpt,
	}));
}

export function resultCountMessage(guides: number, options: number, query: string): string {
	const what = query.trim() ? ` for “${query.trim()}”` : '';
	if (guides === 0) return `No results${what}.`;
	const places = `${options} ${options === 1 ? 'place' : 'places'}`;
	const inGuides = `${guides} ${guides === 1 ? 'guide' : 'guides'}`;
	return `${places} in ${inGuides}${what}.`;
}

export interface NoResultsHelp {
	hints: string[];
	/** Searches that do find something: the query spelt as the guides spell it, then the site's most used tags. */
	suggestions: string[];
}

export function noResultsHelp(
	query: string,
	activeTags: readonly string[],
	tagCounts: Record<string, number>,
	spelling: string | null = null,
): NoResultsHelp {
	const hints: string[] = [];
	if (activeTags.length)
		hints.push(`Clear the tag filter${activeTags.length > 1 ? 's' : ''} (${activeTags.join(', ')}) to search every guide.`);
	if (query.trim().split(/\s+/).length > 2) hints.push('Use fewer words: one or two distinctive ones, such as “QR code”.');
	hints.push('Check the spelling, or try the name of the AWS screen or button you are looking at.');
	const suggestions = Object.entries(tagCounts)
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([tag]) => tag)
		.filter((tag) => tag !== query.trim().toLowerCase() && tag !== spelling)
		.slice(0, 4);
	return { hints, suggestions: spelling ? [spelling, ...suggestions] : suggestions };
}

/** The query's words that a metadata field of the guide holds (`keywords`, `synonyms`). */
function metaTerms(page: PagefindResultData, field: string, terms: readonly string[]): string[] {
	const words = queryTerms(page.meta[field] ?? '');
	return terms.filter((term) => words.some((word) => word.startsWith(term)));
}

/**
 * Pagefind ranks whole guides; a guide with one step that holds every searched word goes
 * ahead of a guide that only mentions them here and there, and a step whose title names
 * the words goes ahead of one that only mentions them. Otherwise Pagefind's order stands.
 */
export function rankGuides(pages: readonly PagefindResultData[], query: string): PagefindResultData[] {
	const terms = contentTerms(query);
	const literal = literalOf(query);
	if (terms.length < 2 && !literal) return [...pages];
	// One number per section: the identifier as written first, words held second, words in the author's
	// keywords third (when they hold at least half the query: one common word says little), words in
	// the section's title fourth. Keywords and synonyms say what the whole
	// guide is about, so they also count as held by each of its sections.
	const best = (page: PagefindResultData) => {
		const text = pageText(page.content);
		const keywords = metaTerms(page, 'keywords', terms);
		const synonyms = metaTerms(page, 'synonyms', terms);
		return Math.max(
			0,
			...page.sub_results.map(
				(sub) =>
					spellsLiteral(sub, text.words, literal) * 10_000 +
					termsCovered(sub, text, terms, new Set([...keywords, ...synonyms])) * 100 +
					(keywords.length * 2 >= terms.length ? keywords.length * 10 : 0) +
					termsInTitle(sub, terms),
			),
		);
	};
	return pages
		.map((page, order) => ({ page, order, covered: best(page) }))
		.sort((a, b) => b.covered - a.covered || a.order - b.order)
		.map(({ page }) => page);
}

/** An excerpt's words without its markup, to compare what two results show. */
function excerptText(html: string): string {
	return html
		.replace(/<[^>]+>/g, '')
		.replaceAll(FORMS_START, '')
		.replaceAll(SEARCH_WORDS_START, '')
		.replaceAll(FORMS_END, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/**
 * The new options without those that would show an excerpt already in the list (text
 * repeated on a page, or on several guides): the list spans more places instead.
 */
export function withoutRepeatedExcerpts(shown: readonly ResultOption[], added: readonly ResultOption[]): ResultOption[] {
	// Another site's copy of a guide is another place, labelled with its site.
	const key = (option: ResultOption) => `${option.site ?? ''}\n${excerptText(option.excerptHtml)}`;
	const seen = new Set(shown.map(key));
	return added.filter((option) => {
		const text = key(option);
		if (excerptText(option.excerptHtml) && seen.has(text)) return false;
		seen.add(text);
		return true;
	});
}
