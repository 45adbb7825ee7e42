// @ts-check
/**
 * Site-wide settings. The public URL decides canonical links, the sitemap, the RSS feed
 * and OpenGraph tags, so a deployment sets STEPCHECK_SITE_URL to its own origin.
 */
export const siteConfig = {
	title: 'Stepcheck',
	tagline: 'Step-by-step security guides that check your work.',
	url: process.env.STEPCHECK_SITE_URL || 'https://stepcheck.dev',
	locale: 'en',
	search: {
		/**
		 * Other Pagefind sites to search together with this one, such as another team's guides:
		 * `[{ url: 'https://platform.example.org/', label: 'Platform team' }]`. Each must allow
		 * this site to fetch its `pagefind/` files (CORS). STEPCHECK_SEARCH_SITES (the same list
		 * as JSON) sets it for one build.
		 */
		sites: process.env.STEPCHECK_SEARCH_SITES ? JSON.parse(process.env.STEPCHECK_SEARCH_SITES) : [],
	},
};
