import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * What the Node server refuses or tidies before any redirect or Astro sees a request: a
 * method no browser sends (TRACE, CONNECT, made-up ones), a target that is not a path, and
 * paths with backslashes or repeated slashes, which some clients read as another host when
 * they come back in a Location header (`/\evil.example/`). Node loads this file directly.
 */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The path with `\` as `/`, runs of `/` as one and dot segments resolved; the query kept as it came. */
export function normalisedTarget(target: string): string | null {
	if (!target.startsWith('/')) return null;
	const queryAt = target.indexOf('?');
	const path = queryAt === -1 ? target : target.slice(0, queryAt);
	const query = queryAt === -1 ? '' : target.slice(queryAt);
	try {
		const tidy = new URL(path.replace(/\\/g, '/').replace(/\/{2,}/g, '/'), 'http://stepcheck.invalid').pathname;
		return `${tidy.replace(/\/{2,}/g, '/')}${query}`;
	} catch {
		return null;
	}
}

function refuse(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
	res.end(`${JSON.stringify({ error: { code, message } })}\n`);
}

/** Answers what must not go further (true), or rewrites `req.url` to its normalised form (false). */
export function screenWire(req: IncomingMessage, res: ServerResponse): boolean {
	if (!METHODS.has(req.method ?? '')) {
		refuse(res, 405, 'method-not-allowed', 'This server answers GET and HEAD, and its /api/ endpoints the methods a page can send.', {
			Allow: 'GET, HEAD',
		});
		return true;
	}
	const target = normalisedTarget(req.url ?? '');
	if (target === null) {
		refuse(res, 400, 'bad-request', 'The request target must be a path from the site root, such as /guides/.');
		return true;
	}
	req.url = target;
	return false;
}

/**
 * What Node's HTTP parser refuses itself (an unknown method such as TRACK, a malformed header)
 * never reaches a handler; this answers it with the same JSON 400 instead of Node's bare one.
 * Used as the server's `clientError` listener; the server keeps serving.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
	if (error.code === 'ECONNRESET' || !socket.writable) {
		socket.destroy();
		return;
	}
	const body = `${JSON.stringify({ error: { code: 'bad-request', message: 'The request is not HTTP this server can read (method, target or headers).' } })}\n`;
	socket.end(
		`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
	);
}
