import { LARGE_SITE_GUIDES } from '../site/build-memory.ts';

/**
 * Where `npm run build` builds the search index. Inside `astro build`, Pagefind indexes while the
 * screenshot encoders finish, which saves a small site about 0.45 s of an 11 s cold build (20
 * guides). But its memory adds to Astro's: at 1,000 code-heavy guides Pagefind took about 0.7 GB
 * while it wrote its index beside an Astro process holding 1.4 GB (docs/performance.md, "Peak
 * memory"). So from `LARGE_SITE_GUIDES` guides up, the build script sets
 * `INDEX_AFTER_BUILD_ENV` for `astro build`, which then leaves the index to the script's finish
 * step (scripts/rebuild/build-steps.ts), once Astro has exited. A plain `astro build` indexes itself.
 */
export const INDEX_AFTER_BUILD_ENV = 'STEPCHECK_INDEX_AFTER_BUILD';

/** Whether a site of `guides` guides is indexed after Astro has exited. */
export const indexesAfterBuild = (guides: number): boolean => guides >= LARGE_SITE_GUIDES;

/** Whether this process (`astro build` or the finish step) is told the index is built after Astro. */
export const indexedAfterBuild = (env: Record<string, string | undefined> = process.env): boolean => env[INDEX_AFTER_BUILD_ENV] === '1';
