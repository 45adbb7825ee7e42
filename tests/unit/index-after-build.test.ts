import { describe, expect, it } from 'vitest';
import { INDEX_AFTER_BUILD_ENV, indexedAfterBuild, indexesAfterBuild } from '../../src/lib/search/index-after-build';

describe('where npm run build builds the search index', () => {
	it('inside astro build for a small site, where it overlaps the encoders; after Astro for a large one', () => {
		expect(indexesAfterBuild(20)).toBe(false);
		expect(indexesAfterBuild(200)).toBe(false);
		expect(indexesAfterBuild(1000)).toBe(true);
	});

	it('is told to astro build and to the finish step by one variable', () => {
		expect(indexedAfterBuild({ [INDEX_AFTER_BUILD_ENV]: '1' })).toBe(true);
		expect(indexedAfterBuild({})).toBe(false);
		expect(indexedAfterBuild({ [INDEX_AFTER_BUILD_ENV]: '0' })).toBe(false);
	});
});
