/**
 * CORS for the companion: the published site's page (another origin) reads its answers.
 * Only the allowed origins ever get `Access-Control-Allow-Origin`, always their own value
 * (never `*`), so a foreign page's request fails in its browser even before the guard's 403.
 */
const CORS_METHODS = 'GET, POST, OPTIONS';

/** Exact `scheme://host[:port]`, lower case, as browsers send it in `Origin`. */
export function normalizeOrigin(value: string): string | null {
	try {
		const url = new URL(value);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
		return url.origin.toLowerCase();
	} catch {
		return null;
	}
}

function isAllowedOrigin(origin: string | null, allowed: readonly string[]): origin is string {
	return origin !== null && allowed.includes(origin.toLowerCase());
}

/** Headers for an actual response: the origin echoed when allowed, and `Vary` either way for caches. */
export function corsHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
	if (!isAllowedOrigin(origin, allowed)) return { Vary: 'Origin' };
	return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/**
 * The answer to a preflight from an allowed origin. Chromium's earlier Private Network Access
 * asked with `Access-Control-Request-Private-Network` and its Local Network Access drafts with
 * `…-Local-Network`; the companion opts in to both, since being reached from the public site
 * is its whole job (the reader's permission prompt still guards it in current Chromium).
 */
export function preflightHeaders(headers: { get(name: string): string | null }, allowed: readonly string[]): Record<string, string> | null {
	const origin = headers.get('origin');
	if (!isAllowedOrigin(origin, allowed)) return null;
	const answer: Record<string, string> = {
		...corsHeaders(origin, allowed),
		'Access-Control-Allow-Methods': CORS_METHODS,
		'Access-Control-Allow-Headers': 'Accept, Content-Type',
		'Access-Control-Max-Age': '600',
	};
	if (headers.get('access-control-request-private-network') === 'true') answer['Access-Control-Allow-Private-Network'] = 'true';
	if (headers.get('access-control-request-local-network') === 'true') answer['Access-Control-Allow-Local-Network'] = 'true';
	return answer;
}
