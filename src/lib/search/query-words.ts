import { queryTerms } from './search-request.ts';

/**
 * Readers ask in sentences ("how do I turn on 2FA for my account"). Pagefind returns only
 * pages holding every word it knows, so the small words of a sentence would leave out the
 * guide that answers it; the search drops them unless nothing else is left.
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
	(
		'a about after again all am an and any are as at be because been before being but by can cannot could did do does doing done ' +
		'for from get got had has have having he her here him his how i if in into is it its just make me more most my no not now of ' +
		'off on once only or other our own same she should so some still such than that the their them then there these ' +
		'they this those through to too under until up us very was we were what when where which while who whom why will with ' +
		'would you your yours im ive dont cant wont isnt doesnt didnt please want need'
	).split(' '),
);

export function isFunctionWord(word: string): boolean {
	return FUNCTION_WORDS.has(word.toLowerCase());
}

/** The words of a query that say what it is about; all of them when it is only small words. */
export function contentTerms(query: string): string[] {
	const terms = queryTerms(query);
	const content = terms.filter((term) => !FUNCTION_WORDS.has(term));
	return content.length ? content : terms;
}

/**
 * What Pagefind is asked: the query without its small words when it is a sentence, as typed
 * otherwise (one word, an identifier, a phrase of only small words).
 */
export function pagefindQuery(query: string): string {
	const trimmed = query.trim();
	if (!/\s/.test(trimmed)) return trimmed;
	const words = trimmed.split(/\s+/);
	const kept = words.filter((word) => !FUNCTION_WORDS.has(word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')));
	return kept.length ? kept.join(' ') : trimmed;
}

/** Whether a vocabulary of the guides' words holds a word or a longer form of it (Pagefind matches by prefix). */
function knownWord(term: string, vocabulary: readonly string[]): boolean {
	return vocabulary.some((word) => word.startsWith(term) || (term.length > 4 && term.startsWith(word) && word.length >= term.length - 2));
}

/**
 * A query about something no guide covers: most of its words appear in no guide. A
 * query with one unknown word among known ones ("mfa kubernetes") still shows the
 * guides for the known ones; a query of unknown words never shows weak matches on one.
 */
export function coversNothing(query: string, vocabulary: readonly string[]): boolean {
	const terms = contentTerms(query);
	return terms.length > 0 && unknownWords(query, vocabulary).length * 2 > terms.length;
}

/** The words of a query that no guide holds. */
export function unknownWords(query: string, vocabulary: readonly string[]): string[] {
	return contentTerms(query).filter((term) => !knownWord(term, vocabulary));
}

interface TermResult {
	id: string;
	score: number;
}

/**
 * When no guide holds every word of a sentence, the guides that hold most of them: one
 * Pagefind search per word, merged, keeping pages that match at least half the words
 * (never one word of several), most words first, then Pagefind's summed score.
 */
export function pagesMatchingMost<T extends TermResult>(perTerm: readonly (readonly T[])[]): T[] {
	const least = Math.max(1, Math.ceil(perTerm.length / 2));
	const found = new Map<string, { result: T; terms: number; score: number }>();
	for (const results of perTerm) {
		for (const result of results) {
			const entry = found.get(result.id) ?? { result, terms: 0, score: 0 };
			entry.terms += 1;
			entry.score += result.score;
			found.set(result.id, entry);
		}
	}
	return [...found.values()]
		.filter((entry) => entry.terms >= least)
		.sort((a, b) => b.terms - a.terms || b.score - a.score)
		.map((entry) => entry.result);
}

/**
 * Words of a query that sit close together answer it: "What changes for the root user" is a
 * heading of one guide, while another says "root" and "user" often but apart. About one
 * short step or a heading with its first sentences.
 */
const NEARBY_WORDS = 30;

/** The most of the query's words that any stretch of `window` consecutive words of a page holds, from each word's positions. */
export function wordsTogether(positions: readonly (readonly number[])[], window = NEARBY_WORDS): number {
	const marks = positions.flatMap((locations, term) => locations.map((at) => ({ at, term }))).sort((a, b) => a.at - b.at);
	const inWindow = new Map<number, number>();
	let best = 0;
	let first = 0;
	for (const mark of marks) {
		inWindow.set(mark.term, (inWindow.get(mark.term) ?? 0) + 1);
		while (mark.at - marks[first]!.at >= window) {
			const left = marks[first]!.term;
			const count = inWindow.get(left)! - 1;
			if (count) inWindow.set(left, count);
			else inWindow.delete(left);
			first += 1;
		}
		best = Math.max(best, inWindow.size);
	}
	return best;
}

interface LocatedResult {
	id: string;
	/** Pagefind's positions of the matched words in the page, known before its data is loaded. */
	words: number[];
}

/**
 * Pagefind's pages for a query of several words, those holding most of the words close
 * together first (then Pagefind's order), from one Pagefind search per word. Only the first
 * few pages' data is loaded before results show, so this decides which; it needs no more
 * than the index chunks the query loaded already.
 */
export function byWordsTogether<T extends LocatedResult>(results: readonly T[], perTerm: readonly (readonly LocatedResult[])[]): T[] {
	const positions = perTerm.map((answer) => new Map(answer.map((result) => [result.id, result.words])));
	return results
		.map((result, order) => ({ result, order, together: wordsTogether(positions.map((term) => term.get(result.id) ?? [])) }))
		.sort((a, b) => b.together - a.together || a.order - b.order)
		.map(({ result }) => result);
}
