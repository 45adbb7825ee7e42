import { tagSlug } from './front-matter';

/**
 * The guide's id (its folder and URL) for an imported post, and where it came from so the
 * author can review it: `--slug`, else Hugo's `slug`, else the last part of Hugo's `url`, else
 * the title. A file name is often an id an export tool made up (`000-68966ab1bb4050a5-txt`), so
 * it is used only when the post has none of these, and never when it looks like such an id.
 */

/** A name made by a tool, not a person: a run of hex with digits in it, or no letters at all. */
export function looksLikeId(name: string): boolean {
	const parts = name.toLowerCase().split(/[^a-z0-9]+/);
	return !/[a-z]{2,}/.test(name.toLowerCase()) || parts.some((part) => part.length >= 8 && /^[0-9a-f]+$/.test(part) && /\d/.test(part));
}

function lastSegment(url: string): string {
	const segments = url.split(/[?#]/)[0]!.split('/').filter(Boolean);
	return (segments.pop() ?? '').replace(/\.html?$/i, '');
}

export interface SlugSources {
	/** `--slug`, for an import of one post. */
	flag?: string;
	slug?: string;
	url?: string;
	title?: string;
	/** The post's file name without extension, or its bundle folder's name. */
	name: string;
}

export function guideSlug(sources: SlugSources): { id: string; from: string } {
	const candidates: [string | undefined, string][] = [
		[sources.flag, '--slug'],
		[sources.slug, "the post's slug"],
		[sources.url && lastSegment(sources.url), "the post's url"],
		[sources.title, "the post's title"],
		[looksLikeId(sources.name) ? undefined : sources.name, "the post's file name (it has no slug, url or title)"],
	];
	for (const [value, from] of candidates) {
		const id = value ? tagSlug(value) : '';
		if (id) return { id, from };
	}
	return { id: '', from: '' };
}
