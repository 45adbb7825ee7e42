import type { APIRoute } from 'astro';
import { getGuides } from '../lib/guides/collection';
import { guidePath } from '../lib/guides/reading-order';
import { screenshotViewUrl } from '../lib/images/screenshot-view';
import type { GuideRedirectSource } from '../lib/redirects/redirect-map';

/**
 * What every guide declares about its old URLs, with each legacy image resolved to its
 * full-size view (the file the screenshot zoom opens; the build writes it because this page
 * names it). Only the legacy-redirects integration reads this; it removes the file from the output.
 */
export const GET: APIRoute = async () => {
	const guides = await getGuides();
	const sources: GuideRedirectSource[] = [];
	for (const guide of guides) {
		const images = Object.entries(guide.data.legacyImages).map(([from, src]) => ({ from, to: screenshotViewUrl(src) }));
		sources.push({
			id: guide.id,
			file: guide.filePath ?? `guide ${guide.id}`,
			target: guidePath(guide.id),
			legacyUrl: guide.data.legacyUrl,
			aliases: guide.data.aliases,
			images,
		});
	}
	return new Response(JSON.stringify(sources));
};

export const prerender = true;
