/**
 * The one place a path of this site gets its base (Astro's `base`, set from
 * STEPCHECK_BASE_PATH), so the same build works at a domain's root and under a folder
 * (https://example.org/security/). Every generated link, asset URL and redirect rule goes
 * through here. Code that Vite compiles uses `pathWithBase`; build steps that Node loads
 * directly (integrations) pass the base from Astro's config to `joinBase`.
 */

/** `''`, `/`, `/docs` and `/docs/` all become a base that starts and ends with `/`. */
export function normaliseBase(base: string | undefined): string {
	const trimmed = (base ?? '').replace(/^\/+|\/+$/g, '');
	return trimmed ? `/${trimmed}/` : '/';
}

/** True for `/guides/x/`, false for `//host/x`, `https://…`, `#step-2`, `./a.png` and `mailto:`. */
function isRootPath(href: string): boolean {
	return href.startsWith('/') && !href.startsWith('//');
}

/**
 * `/guides/x/#step-2` under base `/security` is `/security/guides/x/#step-2`. Anything that is
 * not a path from the site root (a full URL, a fragment, a relative path) is returned as it is.
 */
export function joinBase(base: string | undefined, href: string): string {
	if (!isRootPath(href)) return href;
	return `${normaliseBase(base)}${href.slice(1)}`;
}

/** The path inside the site for a path that includes the base, or null when it lies outside the base. */
export function stripBase(base: string | undefined, path: string): string | null {
	const prefix = normaliseBase(base);
	if (path.startsWith(prefix)) return `/${path.slice(prefix.length)}`;
	return path === prefix.slice(0, -1) ? '/' : null;
}

/**
 * `joinBase` with the base of the running build (Vite's `import.meta.env.BASE_URL`). Scripts
 * that Node runs without Vite (`npm run policies`) have no such base: the root.
 */
export function pathWithBase(href: string): string {
	return joinBase(import.meta.env?.BASE_URL, href);
}

/** The public URL of a site path, for canonical links, feeds, sitemaps and social cards. */
export function absoluteUrl(href: string, site: URL | string): string {
	return new URL(pathWithBase(href), site).href;
}

/** Where Pagefind's entry script lives: `<base>pagefind/pagefind.js`. */
export function pagefindScriptUrl(base: string): string {
	return joinBase(base, '/pagefind/pagefind.js');
}

/** The shareable search page: `<base>search/?q=...`. */
export function searchPageUrl(base: string, query: string): string {
	const path = joinBase(base, '/search/');
	return query.trim() ? `${path}?q=${encodeURIComponent(query.trim())}` : path;
}
