import { z } from 'astro/zod';

/**
 * Other Pagefind sites searched together with this one (`search.sites` in
 * src/site.config.mjs): each one's results are merged into the list and labelled.
 */

const searchSiteSchema = z.object({
	/** The other site's root (or base path), where `pagefind/pagefind.js` is found below it. */
	url: z
		.url({ protocol: /^https?$/, error: 'must be a full URL that starts with https:// (or http:// for a local test)' })
		.transform((url) => (url.endsWith('/') ? url : `${url}/`)),
	/** Shown on each of its results, such as "Platform team". */
	label: z.string().trim().min(1).max(40),
});
const searchSitesSchema = z.array(searchSiteSchema).max(8);
export type SearchSite = z.infer<typeof searchSiteSchema>;

/** Validated sites, or an error naming the setting, the site and what to fix. */
export function parseSearchSites(value: unknown, source: string): SearchSite[] {
	const result = searchSitesSchema.safeParse(value ?? []);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => `${['search', 'sites', ...issue.path].join('.')}: ${issue.message}`);
	throw new Error(
		`${source}: search.sites must be a list of { url, label } for other Pagefind sites, such as ` +
			`[{ "url": "https://platform.example.org/", "label": "Platform team" }]. ${problems.join('; ')}.`,
	);
}
