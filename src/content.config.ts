import { defineCollection } from 'astro:content';
import { guidesLoader } from './lib/content/guides-loader';
import { guideSchema } from './lib/content/schema';

/** The benchmark points this at a scratch folder of synthetic guides; production uses src/content/guides. */
const guidesFolder = process.env.STEPCHECK_CONTENT_DIR || './src/content/guides';

export const collections = {
	guides: defineCollection({ loader: guidesLoader(guidesFolder), schema: guideSchema }),
};
