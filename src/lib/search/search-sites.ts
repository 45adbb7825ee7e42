import type { SearchSite } from './search-sites-schema';

/**
 * Other Pagefind sites searched together with this one (`search.sites`, validated by
 * search-sites-schema.ts at build time). Kept apart from the schema so the search dialog's
 * code does not carry zod.
 */

/** Where a site's Pagefind files are: `https://x.org/docs/` → `https://x.org/docs/pagefind/`. */
export function siteIndexUrl(site: SearchSite): string {
	return `${site.url}pagefind/`;
}

/** The note shown when a site is left out of the results. */
export function skippedSiteNote(label: string, reason: string): string {
	return `${label} is not included: ${reason}.`;
}

/** The label of the other site a result links to; null for this site's own pages. */
export function siteLabelFor(url: string, sites: readonly SearchSite[]): string | null {
	return sites.find((site) => url.startsWith(site.url))?.label ?? null;
}
