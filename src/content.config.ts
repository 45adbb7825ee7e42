import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { guidesFolder } from './lib/content/guides-folder';
import { guidesLoader } from './lib/content/guides-loader';
import { guideSchema, legacyImagePath } from './lib/content/schema';

export const collections = {
	guides: defineCollection({
		loader: guidesLoader(guidesFolder()),
		// `image()` resolves each legacy image beside the guide, so the build can redirect the
		// old URL to the emitted full-size file.
		schema: ({ image }) => guideSchema.safeExtend({ legacyImages: z.record(legacyImagePath, image()).default({}) }),
	}),
};
