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
};
