import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { guidesLoader } from './lib/content/guides-loader';
import { guideSchema, legacyImagePath } from './lib/content/schema';

/** The benchmark points this at a scratch folder of synthetic guides; production uses src/content/guides. */
const guidesFolder = process.env.STEPCHECK_CONTENT_DIR || './src/content/guides';

export const collections = {
	guides: defineCollection({
		loader: guidesLoader(guidesFolder),
		// `image()` resolves each legacy image beside the guide, so the build can redirect the
		// old URL to the emitted full-size file.
		schema: ({ image }) => guideSchema.safeExtend({ legacyImages: z.record(legacyImagePath, image()).default({}) }),
	}),
};
