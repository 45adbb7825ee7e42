/**
 * "Did you mean": Pagefind matches words by prefix, so a misspelt word ("devise", "reprot")
 * finds nothing or only the query's other words. The build writes the words of the indexed
 * guides, most used first, and the search suggests the closest of them for a word that is
 * in none of the guides.
 */

import { isFunctionWord } from './query-words.ts';

/** Written next to Pagefind's files, so it follows the index wherever the site is deployed. */
export const VOCABULARY_FILE = 'stepcheck-vocabulary.json';

/** The words of every indexed page (at least three letters), most used first. */
export function buildVocabulary(pages: readonly (readonly string[])[]): string[] {
	const counts = new Map<string, number>();
	for (const words of pages) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn one word into the
 * other; stops counting once `limit` is passed and returns `limit + 1`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let before: number[] = [];
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i += 1) {
		const current = [i];
		let rowBest = i;
		for (let j = 1; j <= b.length; j += 1) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
			current.push(value);
			rowBest = Math.min(rowBest, value);
		}
		if (rowBest > limit) return limit + 1;
		before = previous;
		previous = current;
	}
	return previous[b.length]!;
}

/** Short words allow one edit, longer ones two: "mfa" must not become "aws". */
function allowedEdits(word: string): number {
	return word.length <= 4 ? 1 : 2;
}

/** True when `typed` is `known` with some letters left out ("pasky" in "passkey"). */
export function leftOut(typed: string, known: string): boolean {
	let at = 0;
	for (const letter of known) if (letter === typed[at]) at += 1;
	return at === typed.length;
}

/** Whether one ranking key sorts before another, comparing the first value that differs. */
function comesFirst(a: readonly number[], b: readonly number[]): boolean {
	const at = a.findIndex((value, i) => value !== b[i]);
	return at !== -1 && a[at]! < b[at]!;
}

/**
 * The closest word of the vocabulary to a word no guide uses: fewest edits; then one that
 * starts with the same letter, as typing slips rarely hit the first; then one the typed
 * word is a part of (skipped letters); then the more used word. A word the guides use, or
 * begin (the reader may still be typing), needs no suggestion: null; so does a word that
 * only the guide's hidden keywords and synonyms hold, which are in the vocabulary too.
 */
export function closestWord(word: string, vocabulary: readonly string[]): string | null {
	const lower = word.toLowerCase();
	if (lower.length < 3 || !/^\p{L}+$/u.test(lower) || vocabulary.some((known) => known.startsWith(lower))) return null;
	const limit = allowedEdits(lower);
	const rank = (known: string, edits: number) => [edits, known[0] === lower[0] ? 0 : 1, leftOut(lower, known) ? 0 : 1];
	let best: { word: string; key: number[] } | null = null;
	for (const known of vocabulary) {
		const edits = editDistance(lower, known, best ? best.key[0]! : limit);
		if (edits > limit) continue;
		const key = rank(known, edits);
		// The vocabulary is most used first, so on a tie the earlier word stays.
		if (!best || comesFirst(key, best.key)) best = { word: known, key };
	}
	// A real word the guides lack is not a slip for a shorter one ("force" is not "for"),
	// and a small word would only be dropped from the search.
	if (!best || lower.startsWith(best.word) || isFunctionWord(best.word)) return null;
	return best.word;
}

/** The query with each misspelt word replaced, or null when every word is known. */
export function suggestSpelling(query: string, vocabulary: readonly string[]): string | null {
	let changed = false;
	const words = query
		.trim()
		.split(/\s+/)
		.map((word) => {
			const better = isFunctionWord(word) ? null : closestWord(word, vocabulary);
			if (!better) return word;
			changed = true;
			return better;
		});
	return changed ? words.join(' ') : null;
}
