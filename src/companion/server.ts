import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHECK_SCHEMA_VERSION } from '../lib/checks/result-schema';
import { CHECK_IDS } from '../lib/checks/registry';
import { guardRefusal, handleCheck, jsonResponse, methodNotAllowed, refusal } from '../lib/http/check-endpoint';
import { logSafe } from '../lib/http/log-text';
import { corsHeaders, normalizeOrigin, preflightHeaders } from '../lib/http/cors';
import type { GuardConfig } from '../lib/http/request-guard';
import type { CompanionOptions } from './options';
import { COMPANION_STATUS_PATH } from './settings';
import type { CompanionStatus } from './status';

const CHECK_PATH = /^\/api\/checks\/([a-z0-9-]{1,60})$/;

export interface CompanionServerOptions extends CompanionOptions {
	version: string;
	/** One line per request: what was asked, by which page, and the answer. */
	log: (line: string) => void;
	/** Called on each accepted request from an allowed origin, so the idle timer starts over. */
	onRequest?: () => void;
}

/** The request guard, set for the companion: loopback Host with its port, and only the site's origins. */
function companionGuard(options: CompanionOptions): GuardConfig {
	return {
		mode: 'local',
		switchName: 'the companion',
		listenHost: '127.0.0.1',
		serverPort: options.port,
		allowedHosts: [],
		crossOrigins: options.origins,
	};
}

function toRequest(req: IncomingMessage, url: URL, method: string): Request {
	const headers = new Headers();
	for (const name of [
		'host',
		'origin',
		'sec-fetch-site',
		'referer',
		'accept',
		'content-type',
		'access-control-request-private-network',
		'access-control-request-local-network',
	]) {
		const value = req.headers[name];
		if (typeof value === 'string') headers.set(name, value);
	}
	// The URL's host is fixed: only the path and query are the client's, the Host header is judged by the guard.
	return new Request(url, { method, headers });
}

async function send(res: ServerResponse, response: Response, cors: Record<string, string>): Promise<string> {
	const body = await response.text();
	const headers: Record<string, string> = { ...cors };
	response.headers.forEach((value, name) => (headers[name] = value));
	res.writeHead(response.status, headers).end(body);
	try {
		const parsed = JSON.parse(body) as { verdict?: string; error?: { code?: string } };
		return parsed.verdict ?? parsed.error?.code ?? String(response.status);
	} catch {
		return String(response.status);
	}
}

/** Methods a page's fetch can send; anything else (TRACE, CONNECT, made-up ones) is refused before it is read. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/** The request's path and query against the companion's own host, or null when it is not an origin-form target that parses. */
function targetUrl(raw: string | undefined, port: number): URL | null {
	if (!raw?.startsWith('/') || raw.startsWith('//')) return null;
	try {
		return new URL(raw, `http://127.0.0.1:${port}`);
	} catch {
		return null;
	}
}

/**
 * The companion's whole HTTP surface: the check API (the server's own handler), a status
 * route and preflights. Everything else is 404; nothing is served from disk. Whatever comes
 * on the wire gets a JSON answer, and nothing a request does can stop the process.
 */
export function createCompanionHandler(options: CompanionServerOptions) {
	const guard = companionGuard(options);
	const allowedOrigins = new Set(options.origins.map((origin) => origin.toLowerCase()));
	return async (req: IncomingMessage, res: ServerResponse) => {
		const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
		const method = req.method ?? 'GET';
		let what = (req.url ?? '').slice(0, 60);
		let outcome = 'no answer';
		// Only an accepted request from the site's own pages keeps the companion (and the reader's credentials) alive.
		let accepted = false;
		try {
			const url = targetUrl(req.url, options.port);
			if (!url) {
				outcome = await send(res, refusal(400, 'bad-request', 'The request URL is not a path the companion can read.'), {});
			} else if (!METHODS.has(method)) {
				outcome = await send(res, methodNotAllowed(method, 'GET, POST, OPTIONS', 'The companion'), {});
			} else {
				const request = toRequest(req, url, method);
				const path = url.pathname;
				const check = CHECK_PATH.exec(path)?.[1];
				const known = check !== undefined || path === COMPANION_STATUS_PATH;
				const cors = corsHeaders(origin, options.origins);
				what = check ?? (path === COMPANION_STATUS_PATH ? 'status' : path.slice(0, 60));
				if (!known) {
					outcome = await send(
						res,
						refusal(404, 'not-found', `The companion answers only ${COMPANION_STATUS_PATH} and /api/checks/<id>.`),
						{},
					);
				} else if (method === 'OPTIONS') {
					const preflight = guardRefusal(request, guard);
					const allowed = preflight ? null : preflightHeaders(request.headers, options.origins);
					if (allowed) {
						res.writeHead(204, { ...allowed, 'Cache-Control': 'no-store' }).end();
						outcome = 'preflight allowed';
						accepted = true;
					} else {
						outcome = await send(
							res,
							preflight ?? refusal(403, 'forbidden-origin', `Requests from ${origin ?? 'no origin'} are refused.`),
							{},
						);
					}
				} else if (check !== undefined) {
					const response = await handleCheck(check, { request, clientAddress: req.socket.remoteAddress ?? 'unknown', guard });
					accepted = response.status < 400;
					outcome = await send(res, response, response.status === 403 ? {} : cors);
				} else {
					const refused =
						method === 'GET'
							? guardRefusal(request, guard)
							: refusal(405, 'method-not-allowed', 'The status route answers GET only.', { headers: { Allow: 'GET' } });
					const status: CompanionStatus = {
						service: 'stepcheck-companion',
						schemaVersion: CHECK_SCHEMA_VERSION,
						version: options.version,
						checks: [...CHECK_IDS],
					};
					accepted = refused === null;
					// A refused page may read the status route's refusal (and only that: it carries no answer),
					// so it can say "the companion refused this origin" rather than "something else is listening".
					const readable: Record<string, string> =
						origin && normalizeOrigin(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
					outcome = await send(res, refused ?? jsonResponse(200, status), refused?.status === 403 ? readable : cors);
				}
			}
		} catch {
			accepted = false;
			if (!res.headersSent) outcome = await send(res, refusal(500, 'internal', 'The companion failed unexpectedly; see its output.'), {});
		}
		if (accepted && origin !== null && allowedOrigins.has(origin.toLowerCase())) options.onRequest?.();
		options.log(logSafe(`${method.slice(0, 20)} ${what} from ${origin?.slice(0, 200) ?? 'no Origin'}: ${outcome}`));
	};
}
