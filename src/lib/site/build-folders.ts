/**
 * Where a build writes: the bench and the tests give each build its own output and cache
 * folders so parallel runs never clobber `dist/` or each other's caches. Relative to the project.
 */
export const outFolder = (): string => process.env.STEPCHECK_OUT_DIR || './dist';

/**
 * Astro's cache folder (content store, encoded screenshots, highlighted code) and the record of
 * the last good build (scripts/rebuild/). In `node_modules/` by default, so `npm ci` starts afresh.
 */
export const cacheFolder = (): string => process.env.STEPCHECK_CACHE_DIR || './node_modules/.astro';
