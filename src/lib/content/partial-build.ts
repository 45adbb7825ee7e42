import type { LoaderContext } from 'astro/loaders';

/**
 * A partial build (scripts/build.mjs, docs/performance.md "Rebuilds") renders only the guides
 * it names; every other guide keeps its data, so lists, neighbours and links between guides are
 * what a full build makes, but not its compiled MDX, which is most of a build's bundling.
 */
export const PARTIAL_GUIDES_ENV = 'STEPCHECK_PARTIAL_GUIDES';

/** The guide ids a partial build renders, or null for a full build (every guide). */
export function partialGuides(env: Record<string, string | undefined> = process.env): Set<string> | null {
	const value = env[PARTIAL_GUIDES_ENV];
	if (!value) return null;
	return new Set(value.split(',').filter(Boolean));
}

/** Whether this build writes the page of guide `id`. */
export function builtGuide(id: string, env: Record<string, string | undefined> = process.env): boolean {
	return partialGuides(env)?.has(id) ?? true;
}

// Stored under a digest no file has, so the next build's glob loader reads the guide again and
// gives it back its render: the store outlives this build, and a full build must compile every guide.
const NOT_RENDERED = ':not-rendered-in-partial-build';

/** Takes the render off every stored guide a partial build does not write. */
export function keepRenderOf(store: LoaderContext['store'], rendered: Set<string> | null): void {
	if (!rendered) return;
	for (const entry of store.values()) {
		if (rendered.has(entry.id) || !entry.deferredRender) continue;
		store.set({ ...entry, deferredRender: false, digest: `${String(entry.digest)}${NOT_RENDERED}` });
	}
}
