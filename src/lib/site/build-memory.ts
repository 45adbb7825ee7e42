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
