/**
 * Memory settings of the `astro build` process that `npm run build` starts. Both return freed
 * memory to the system as soon as it is freed, instead of holding it for reuse, which is what
 * kept a cold build of 200 code-heavy guides near 2 GB (docs/performance.md, "Peak memory"):
 *
 * - glibc's malloc raises its mmap threshold each time a large block is freed, up to 32 MB, so
 *   after the first screenshots every decoded image (about 4 MB of pixels) came from the
 *   arenas, which fragment and are never given back. A fixed threshold keeps large blocks
 *   in mappings of their own, unmapped on free (mallopt(3), M_MMAP_THRESHOLD).
 * - mimalloc, which the bundler (rolldown) allocates with, returns freed pages only when its
 *   own threads next allocate; the bundler's threads go idle once it has bundled, so its peak
 *   stayed resident for the rest of the build. A purge delay of 0 returns them at once.
 *
 * A value the environment already gives wins, so either can be tuned or undone from outside.
 */
const BUILD_MEMORY_ENV: Readonly<Record<string, string>> = {
	MALLOC_MMAP_THRESHOLD_: String(128 * 1024),
	MIMALLOC_PURGE_DELAY: '0',
};

/** The settings to add to `env` for `astro build`: those it does not set itself. */
export function buildMemorySettings(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
	return Object.fromEntries(Object.entries(BUILD_MEMORY_ENV).filter(([name]) => env[name] === undefined));
}

/**
 * From this many guides up, a build's settings are chosen for its memory rather than its seconds
 * (docs/performance.md, "Peak memory"): below it the peak stays far under 2 GB either way.
 */
export const LARGE_SITE_GUIDES = 300;

/**
 * Node's flags for `astro build` of a site of `guides` guides. V8 lets its heap grow to up to four
 * times what survived the last full collection before it collects again; while Astro renders and
 * indexes 1,000 guides little survives (300–500 MB) but the heap grew to 1.3 GB. Growing by half
 * of it at most kept that build's peak 0.7 GB lower for about 8% more CPU, which a small site
 * would pay for nothing (about 0.4 s of an 11 s cold build at 20 guides). A flag, because Node does
 * not take this one from NODE_OPTIONS.
 */
export const buildNodeFlags = (guides: number): readonly string[] => (guides >= LARGE_SITE_GUIDES ? ['--heap-growing-percent=50'] : []);
