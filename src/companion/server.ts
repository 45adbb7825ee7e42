import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHECK_SCHEMA_VERSION } from '../lib/checks/result-schema';
import { CHECK_IDS } from '../lib/checks/registry';
import { guardRefusal, handleCheck, jsonResponse, refusal } from '../lib/http/check-endpoint';
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
	/** Called on every request, so the idle timer starts over. */
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

function toRequest(req: IncomingMessage, port: number): Request {
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
	return new Request(new URL(req.url ?? '/', `http://127.0.0.1:${port}`), { method: req.method ?? 'GET', headers });
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

/**
 * The companion's whole HTTP surface: the check API (the server's own handler), a status
 * route and preflights. Everything else is 404; nothing is served from disk.
 */
export function createCompanionHandler(options: CompanionServerOptions) {
	const guard = companionGuard(options);
	return async (req: IncomingMessage, res: ServerResponse) => {
		options.onRequest?.();
		const request = toRequest(req, options.port);
		const origin = request.headers.get('origin');
		const path = new URL(request.url).pathname;
		const check = CHECK_PATH.exec(path)?.[1];
		const known = check !== undefined || path === COMPANION_STATUS_PATH;
		const cors = corsHeaders(origin, options.origins);
		const what = check ?? (path === COMPANION_STATUS_PATH ? 'status' : path.slice(0, 60));
		let outcome: string;
		try {
			if (!known) {
				outcome = await send(
					res,
					refusal(404, 'not-found', `The companion answers only ${COMPANION_STATUS_PATH} and /api/checks/<id>.`),
					{},
				);
			} else if (request.method === 'OPTIONS') {
				const preflight = guardRefusal(request, guard);
				const allowed = preflight ? null : preflightHeaders(request.headers, options.origins);
				if (allowed) {
					res.writeHead(204, { ...allowed, 'Cache-Control': 'no-store' }).end();
					outcome = 'preflight allowed';
				} else {
					outcome = await send(
						res,
						preflight ?? refusal(403, 'forbidden-origin', `Requests from ${origin ?? 'no origin'} are refused.`),
						{},
					);
				}
			} else if (check !== undefined) {
				const response = await handleCheck(check, { request, clientAddress: req.socket.remoteAddress ?? 'unknown', guard });
				outcome = await send(res, response, response.status === 403 ? {} : cors);
			} else {
				const refused =
					request.method === 'GET'
						? guardRefusal(request, guard)
						: refusal(405, 'method-not-allowed', 'The status route answers GET only.', { headers: { Allow: 'GET' } });
				const status: CompanionStatus = {
					service: 'stepcheck-companion',
					schemaVersion: CHECK_SCHEMA_VERSION,
					version: options.version,
					checks: [...CHECK_IDS],
				};
				// A refused page may read the status route's refusal (and only that: it carries no answer),
				// so it can say "the companion refused this origin" rather than "something else is listening".
				const readable: Record<string, string> =
					origin && normalizeOrigin(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
				outcome = await send(res, refused ?? jsonResponse(200, status), refused?.status === 403 ? readable : cors);
			}
		} catch {
			outcome = await send(res, refusal(500, 'internal', 'The companion failed unexpectedly; see its output.'), {});
		}
		options.log(`${request.method} ${what} from ${origin ?? 'no Origin'}: ${outcome}`);
	};
}
