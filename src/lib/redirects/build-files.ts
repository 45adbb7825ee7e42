/** Names shared by the build step that writes the redirect outputs and the code that reads them. */

/** The prerendered route that hands the guides' redirect declarations to the integration. */
export const LEGACY_SOURCES_ROUTE = '/legacy-redirect-sources.json';
/** The site-level legacy map, relative to the project root. */
export const LEGACY_MAP_FILE = 'src/content/legacy-redirects.json';
/** Written to the build's root (beside `server/` and `client/`), read by scripts/serve.mjs. */
export const SERVER_MAP_FILE = 'redirects.json';
/** Written to the build's root for an nginx `server` block to include; not served. */
export const NGINX_RULES_FILE = 'nginx-redirects.conf';
/** Written to the build's root for deployment to CloudFront; not served. */
export const CLOUDFRONT_FUNCTION_FILE = 'cloudfront-function.js';
/** Written into the static output for Netlify and Cloudflare Pages. */
export const HOST_RULES_FILE = '_redirects';
/** Written into the static output for Netlify and Cloudflare Pages: the security headers. */
export const HOST_HEADERS_FILE = '_headers';
/** Written to the build's root for CloudFront's viewer-response event: the security headers. */
export const CLOUDFRONT_HEADERS_FUNCTION_FILE = 'cloudfront-headers-function.js';
