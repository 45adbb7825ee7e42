/** Pure helpers that order guides and describe them; they take plain objects so tests need no Astro. */
import { pathWithBase } from '../site/base-path';

export interface OrderedGuide {
	id: string;
	data: { title: string; order: number; published: Date; draft: boolean };
}

// Made once: String#localeCompare and a new DateTimeFormat per call each build an ICU
// object, which every page of a build would otherwise pay for many times over.
const titleCollator = new Intl.Collator('en');
const dayFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });

/** Reading order: `order` first, then oldest first, then title. */
function byReadingOrder<T extends OrderedGuide>(a: T, b: T): number {
	return (
		a.data.order - b.data.order ||
		a.data.published.getTime() - b.data.published.getTime() ||
		titleCollator.compare(a.data.title, b.data.title)
	);
}

/** Drafts are shown while writing (`astro dev`) and left out of every build. */
export function visibleGuides<T extends OrderedGuide>(guides: T[], includeDrafts: boolean): T[] {
	return guides.filter((g) => includeDrafts || !g.data.draft).sort(byReadingOrder);
}

export function neighbours<T extends OrderedGuide>(guides: T[], id: string): { previous?: T; next?: T } {
	const index = guides.findIndex((g) => g.id === id);
	if (index === -1) return {};
	return { previous: guides[index - 1], next: guides[index + 1] };
}

/** A guide's page, under the site's base path. */
export function guidePath(id: string): string {
	return pathWithBase(`/guides/${id}/`);
}

const WORDS_PER_MINUTE = 200;

/** Minutes to read an MDX body: counts prose words, not import lines, tags or code fences markers. */
export function readingMinutes(body: string): number {
	const prose = body
		.replace(/^---[\s\S]*?---/, ' ')
		.replace(/^(?:import|export)\s.*$/gm, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/[`*_#>[\]()!|-]/g, ' ');
	const words = prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
	return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export function formatDay(date: Date): string {
	return dayFormat.format(date);
}

export function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}
