/**
 * The part of Pagefind's browser API (`/pagefind/pagefind.js`, 1.x) that Stepcheck uses.
 * Pagefind ships no types for it, so these describe what its search returns.
 */

interface PagefindWeightedLocation {
	weight: number;
	balanced_score: number;
	location: number;
}

export interface PagefindSubResult {
	title: string;
	url: string;
	excerpt: string;
	locations: number[];
	weighted_locations: PagefindWeightedLocation[];
}

export interface PagefindResultData {
	url: string;
	/** The indexed text; `locations` are positions of its whitespace-separated words. */
	content: string;
	excerpt: string;
	meta: Record<string, string | undefined>;
	filters: Record<string, string[]>;
	sub_results: PagefindSubResult[];
}

export interface PagefindResult {
	id: string;
	score: number;
	/** Positions of the matched words in the page's content, before its data is loaded. */
	words: number[];
	data: () => Promise<PagefindResultData>;
}

interface PagefindSearchResponse {
	results: PagefindResult[];
	unfilteredResultCount: number;
}

type PagefindFilters = Record<string, { any: string[] }>;

interface PagefindOptions {
	baseUrl?: string;
	excerptLength?: number;
	/** Run in the page rather than a web worker: the worker is a second 12 kB script to download. */
	noWorker?: boolean;
}

export interface PagefindModule {
	options: (options: PagefindOptions) => Promise<void>;
	/** Adds another site's index (its `pagefind/` folder URL); results then link to that site. */
	mergeIndex: (indexUrl: string) => Promise<void>;
	init: () => Promise<void>;
	search: (query: string | null, options?: { filters?: PagefindFilters }) => Promise<PagefindSearchResponse | null>;
	filters: () => Promise<Record<string, Record<string, number>>>;
}
