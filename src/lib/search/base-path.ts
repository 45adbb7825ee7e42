/**
 * URLs the search builds, all relative to the site's base path (Astro's `base`), so the
 * site works from any static host, at a domain's root or under a folder.
 */

/** `''`, `/`, `/docs` and `/docs/` all become a base that starts and ends with `/`. */
export function normaliseBase(base: string): string {
	const trimmed = base.replace(/^\/+|\/+$/g, '');
	return trimmed ? `/${trimmed}/` : '/';
}

/** Where Pagefind's entry script lives: `<base>pagefind/pagefind.js`. */
export function pagefindScriptUrl(base: string): string {
	return `${normaliseBase(base)}pagefind/pagefind.js`;
}

/** The shareable search page: `<base>search/?q=...`. */
export function searchPageUrl(base: string, query: string): string {
	const path = `${normaliseBase(base)}search/`;
	return query.trim() ? `${path}?q=${encodeURIComponent(query.trim())}` : path;
}
