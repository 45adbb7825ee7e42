import { readFileSync } from 'node:fs';
import { getCollection, type CollectionEntry } from 'astro:content';
import { problemsOf } from '../content/invalid-guides';
import { readingMinutes, visibleGuides } from './reading-order';

export type Guide = CollectionEntry<'guides'>;

/** Every guide a reader can see, in reading order. */
export async function getGuides(): Promise<Guide[]> {
	const guides = await getCollection('guides', (guide) => !problemsOf(guide.data));
	return visibleGuides(guides, import.meta.env.DEV);
}

/** Under `astro dev`, the guides the validator refused (a build stops on them instead): each page shows its problems. */
export async function getRefusedGuides(): Promise<Guide[]> {
	return getCollection('guides', (guide) => problemsOf(guide.data) !== undefined);
}

/** Minutes to read a guide, from its file: the content store keeps no guide's source (guides-loader.ts). */
export function guideReadingMinutes(guide: Guide): number {
	if (!guide.filePath) throw new Error(`Guide ${guide.id} has no file in the content store. Run the build again.`);
	return readingMinutes(readFileSync(guide.filePath, 'utf8'));
}
