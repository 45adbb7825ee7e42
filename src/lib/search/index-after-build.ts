/**
 * Set by `npm run build` in the environment of `astro build`: the build script indexes the output
 * once Astro has exited (scripts/rebuild/build-steps.ts, finish), so Pagefind's memory never adds
 * to Astro's. At 1,000 code-heavy guides Pagefind took about 0.7 GB while it wrote its index and
 * Astro still held 1.4 GB (docs/performance.md, "Peak memory"). A plain `astro build` indexes itself.
 */
export const INDEX_AFTER_BUILD_ENV = 'STEPCHECK_INDEX_AFTER_BUILD';

/** Whether this `astro build` leaves the search index to the build script. */
export const indexedAfterBuild = (env: Record<string, string | undefined> = process.env): boolean => env[INDEX_AFTER_BUILD_ENV] === '1';
