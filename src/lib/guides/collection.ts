import { getCollection, type CollectionEntry } from 'astro:content';
import { visibleGuides } from './reading-order';

export type Guide = CollectionEntry<'guides'>;

/** Every guide a reader can see, in reading order. */
export async function getGuides(): Promise<Guide[]> {
	return visibleGuides(await getCollection('guides'), import.meta.env.DEV);
}
