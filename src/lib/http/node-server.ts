import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { splitHost } from './request-guard.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/**
 * What the Node server (`scripts/serve.mjs`) does around Astro's handler. Node loads this
 * file itself, so its imports name their `.ts` extension.
 */

/** No page is framed by another site, no file sniffed as another type, no path leaked to other sites (security-headers.ts). */
const EVERY_ANSWER = SECURITY_HEADERS;

/** A path with an `api` segment: answers there come from the reader's AWS account, or refuse to. */
const isApiPath = (path: string) => /(^|\/)api(\/|$)/.test(path);

/**
 * Sets the headers every answer carries and answers what must not reach Astro; true when it
 * answered. A `Host` with userinfo or a path (`evil@localhost:4321`) makes Astro's request
 * constructor throw and log a stack trace with the server's file paths.
 */
export function screenRequest(req: IncomingMessage, res: ServerResponse): boolean {
	for (const [name, value] of Object.entries(EVERY_ANSWER)) res.setHeader(name, value);
	// Astro's own answers on API paths (its 404 page, its cross-site form refusal) set no caching rule.
	if (isApiPath((req.url ?? '/').split('?')[0]!)) res.setHeader('Cache-Control', 'no-store');
	const host = req.headers.host;
	if (host === undefined || splitHost(host) !== null) return false;
	res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
	res.end('Bad request: the Host header must be a host name or address with an optional port, such as localhost:4321.\n');
	return true;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps Astro's handler so that outside the API only GET and HEAD reach it: every page and
 * file is prerendered, and Astro would otherwise serve a page to a PUT, or log a warning for
 * each request to one of its own endpoints (`/_image`) with a method it lacks.
 */
export function readsOnlyOutsideApi(handler: Handler): Handler {
	return (req, res) => {
		if (req.method === 'GET' || req.method === 'HEAD' || isApiPath((req.url ?? '/').split('?')[0]!)) return handler(req, res);
		res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
		res.end('Method not allowed: this site answers GET and HEAD; only its /api/ endpoints take other methods.\n');
	};
}

/**
 * Stops taking connections, closes the idle ones at once, and gives requests in progress
 * `graceMs` before closing every connection: a browser holds connections open (some before
 * sending anything), and the server must not wait for it to let go.
 */
export function stopServer(server: Server, graceMs: number, done: () => void): void {
	server.close(done);
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), graceMs).unref();
}
