import { getCollection, type CollectionEntry } from 'astro:content';
import { problemsOf } from '../content/invalid-guides';
import { visibleGuides } from './reading-order';

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
