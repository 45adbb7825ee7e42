import { CSP_EXTRA_DIRECTIVES } from './security-headers.ts';

/**
 * The Content-Security-Policy of every page, made by Astro's own `security.csp`: Astro hashes
 * the scripts and styles it renders, so nothing else runs, whatever a guide holds. Loaded by
 * astro.config.mjs, so its imports name their extension.
 *
 * - connect-src: the live checks reach the companion on the reader's own loopback, on any
 *   port it was started with; search reaches the other Pagefind sites (`search.sites`).
 * - 'wasm-unsafe-eval': Pagefind's search runs in WebAssembly.
 * - style attributes stay allowed: Shiki colours code with them, and a style cannot run script.
 */
/** The directives Astro's `security.csp` accepts, named by their start. */
type CspDirective = `${'default-src' | 'img-src' | 'connect-src' | 'object-src' | 'base-uri' | 'form-action'} ${string}`;

export function pageCsp(otherSearchOrigins: readonly string[]) {
	const others = otherSearchOrigins.join(' ');
	return {
		algorithm: 'SHA-256' as const,
		directives: [
			"default-src 'self'",
			"img-src 'self' data:",
			`connect-src 'self' http://127.0.0.1:* http://localhost:*${others ? ` ${others}` : ''}`,
			...CSP_EXTRA_DIRECTIVES,
		] as CspDirective[],
		scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'", ...otherSearchOrigins] },
		styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' as const }] },
	};
}
