import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getGuides } from '../lib/guides/collection';
import { guidePath } from '../lib/guides/reading-order';
import { absoluteUrl } from '../lib/site/base-path';
import { siteConfig } from '../site.config.mjs';

export const GET: APIRoute = async (context) => {
	const guides = await getGuides();
	return rss({
		title: `${siteConfig.title} guides`,
		description: siteConfig.tagline,
		// The feed's own link is the home page, under the base path.
		site: absoluteUrl('/', context.site ?? siteConfig.url),
		items: guides.map((guide) => ({
			title: guide.data.title,
			description: guide.data.description,
			link: guidePath(guide.id),
			pubDate: guide.data.updated ?? guide.data.published,
			categories: guide.data.tags,
		})),
		customData: '<language>en</language>',
	});
};
