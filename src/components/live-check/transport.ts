import type { CheckResultBase, EndpointRefusal } from '../../lib/checks/result-schema';

/**
 * How a page gets a check's result: from the same-origin endpoint (Stepcheck running on the
 * reader's computer) or from the companion on loopback. Both answer the same `/api/checks/<id>`
 * contract; a page that runs several checks (a checkup) picks one transport and calls `run`.
 */
export interface CheckRequest {
	id: string;
	method: 'GET' | 'POST';
	userName?: string;
}

/** Why no result came, each with its own plain message in the island. */
export type TransportFailure =
	/** No endpoint here: a static host (404 page, no JSON) or no network. */
	| { kind: 'unavailable' }
	/** The endpoint answered with a refusal (rate limit, switched off, bad input): its message. */
	| { kind: 'refused'; message: string }
	| { kind: 'not-running'; permission: LocalNetworkPermission }
	| { kind: 'blocked' }
	| { kind: 'version-mismatch'; companion: number; page: number }
	| { kind: 'origin-refused' };

export type TransportOutcome = { ok: true; result: CheckResultBase } | { ok: false; failure: TransportFailure };

export interface CheckTransport {
	kind: 'same-origin' | 'companion';
	run(request: CheckRequest): Promise<TransportOutcome>;
}

/** Chromium's Local Network Access permission for this page, where the browser can tell. */
export type LocalNetworkPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

export function checkUrl(base: string, request: CheckRequest): string {
	const query = request.userName ? `?user=${encodeURIComponent(request.userName)}` : '';
	return `${base}/api/checks/${encodeURIComponent(request.id)}${query}`;
}

/** One check over HTTP; `null` when the answer is not the check API's JSON at all. */
export async function fetchCheck(base: string, request: CheckRequest): Promise<TransportOutcome | null> {
	const post = request.method === 'POST';
	const response = await fetch(checkUrl(base, request), {
		method: request.method,
		headers: post ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
		body: post ? '{}' : null,
		cache: 'no-store',
	});
	const body: unknown = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
	if (body && typeof body === 'object' && 'schemaVersion' in body) return { ok: true, result: body as CheckResultBase };
	const refusal = (body as Partial<EndpointRefusal> | null)?.error;
	if (refusal && response.status !== 404) return { ok: false, failure: { kind: 'refused', message: refusal.message } };
	return null;
}

/** The endpoint of the Stepcheck server that served this page. */
export function sameOriginTransport(base = ''): CheckTransport {
	return {
		kind: 'same-origin',
		async run(request) {
			try {
				return (await fetchCheck(base, request)) ?? { ok: false, failure: { kind: 'unavailable' } };
			} catch {
				return { ok: false, failure: { kind: 'unavailable' } };
			}
		},
	};
}

/** What a lazily loaded panel (companion, CloudShell) needs from the island it sits in. */
export interface LiveCheckHost extends HTMLElement {
	request(): CheckRequest;
	/** Shows a state (a verdict, `error`), the sentence the status region announces, and details below it. */
	show(state: string, message: string, detail?: Node): void;
	runThrough(
		button: HTMLButtonElement,
		run: (request: CheckRequest) => Promise<TransportOutcome>,
		explain?: (failure: TransportFailure) => [string, Node?],
	): Promise<void>;
}
