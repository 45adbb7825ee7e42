/**
 * What the address bar asks of search: `?q=` opens it prefilled on any page, the
 * `/search/` page opens it even without a query, and `?highlight=` (set on links from
 * results) marks the matched words on the page the reader arrives at.
 */

const QUERY_PARAM = 'q';
export const HIGHLIGHT_PARAM = 'highlight';

export interface SearchRequest {
	open: boolean;
	query: string;
}

export function readSearchRequest(search: string, pathname: string, base: string): SearchRequest {
	const query = new URLSearchParams(search).get(QUERY_PARAM)?.trim() ?? '';
	const searchPage = `${base.replace(/\/+$/, '')}/search`;
	const onSearchPage = pathname.replace(/\/+$/, '') === searchPage;
	return { open: onSearchPage || query !== '', query };
}

/** The words to mark on arrival; one-letter words would light up the whole page. */
export function highlightTerms(search: string): string[] {
	const raw = new URLSearchParams(search).get(HIGHLIGHT_PARAM) ?? '';
	return queryTerms(raw);
}

export function queryTerms(query: string): string[] {
	const words = query
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((word) => word.length > 1);
	return [...new Set(words)];
}

/**
 * A result's link with the query's words attached for highlighting, kept before the
 * fragment so `#step-6` still scrolls to the step: `/guides/x/?highlight=qr+code#step-6`.
 */
export function resultLink(url: string, query: string): string {
	const terms = queryTerms(query);
	if (!terms.length) return url;
	const hashAt = url.indexOf('#');
	const path = hashAt === -1 ? url : url.slice(0, hashAt);
	const hash = hashAt === -1 ? '' : url.slice(hashAt);
	const separator = path.includes('?') ? '&' : '?';
	return `${path}${separator}${HIGHLIGHT_PARAM}=${encodeURIComponent(terms.join(' '))}${hash}`;
}
