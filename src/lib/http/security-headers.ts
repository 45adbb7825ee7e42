/**
 * The headers every answer of the site carries, on every host (the Node server, nginx,
 * `_headers` for Netlify and Cloudflare Pages, the CloudFront viewer-response function), so
 * no host is the weak one. Each page's own CSP (Astro's `security.csp`, in a meta tag) holds
 * the hashes of its scripts and styles; this header adds what a meta tag cannot carry
 * (frame-ancestors) and repeats the rest, and browsers enforce both.
 * Loaded by Node directly (scripts/serve.mjs), so it imports nothing.
 */
export const CSP_EXTRA_DIRECTIVES = [
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
] as const satisfies readonly `${string} ${string}`[];

export const SECURITY_HEADERS = {
	'Content-Security-Policy': ["frame-ancestors 'none'", ...CSP_EXTRA_DIRECTIVES].join('; '),
	'X-Frame-Options': 'DENY',
	'X-Content-Type-Options': 'nosniff',
	// Same-site links keep their Referer (the live checks' guard reads it); other sites get none.
	'Referrer-Policy': 'same-origin',
} as const;

/** Only for hosts that serve HTTPS (browsers ignore it over HTTP): two years, subdomains included. */
export const HSTS_HEADER = { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } as const;
