/**
 * One pattern for all searched words, matching each at the start of a word so "device"
 * also marks "devices", as Pagefind's own stemming finds them.
 * Group 1 is what precedes the word (start or a non-letter), group 2 the marked word.
 */
export function highlightPattern(terms: readonly string[]): RegExp | null {
	if (!terms.length) return null;
	const escaped = [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`(^|[^\\p{L}\\p{N}])((?:${escaped.join('|')})[\\p{L}\\p{N}]*)`, 'giu');
}
